from django.urls import path

from judge import views

urlpatterns = [
    path("", views.submission_list_page, name="submission_list"),
    path("<int:submission_id>/", views.submission_detail_page, name="submission_detail"),
    path("<int:submission_id>/status/", views.submission_status, name="submission_status"),
]
