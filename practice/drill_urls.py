from django.urls import path

from practice import drill_views as views

urlpatterns = [
    path("", views.drill_list_page, name="drill_list"),
    path("<int:drill_id>/", views.drill_page, name="drill_detail"),
    path("<int:drill_id>/submit/", views.drill_submit_view, name="drill_submit"),
    path("<int:drill_id>/review/", views.drill_review_view, name="drill_review"),
    path("unlock/<slug:slug>/", views.drill_unlock_view, name="drill_unlock"),
]
