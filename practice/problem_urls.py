from django.urls import path

from judge import views as judge_views
from practice import problem_views as views
from practice import views as practice_views

urlpatterns = [
    path("", views.problem_list_page, name="problem_list"),
    path("<slug:slug>/", views.problem_detail_page, name="problem_detail"),
    path("<slug:slug>/submit/", judge_views.submit, name="problem_submit"),
    path("<slug:slug>/draft/", practice_views.draft_save_view, name="problem_draft"),
    path("<slug:slug>/notes/", practice_views.note_save_view, name="problem_notes"),
    path("<slug:slug>/solution/", practice_views.solution_view, name="problem_solution"),
    path("<slug:slug>/solution/reveal/", practice_views.solution_reveal_view, name="problem_solution_reveal"),
]
