from django.urls import path

from judge import views as judge_views
from problems import views

urlpatterns = [
    path("", views.problem_list_page, name="problem_list"),
    path("<slug:slug>/", views.problem_detail_page, name="problem_detail"),
    path("<slug:slug>/submit/", judge_views.submit, name="problem_submit"),
]
