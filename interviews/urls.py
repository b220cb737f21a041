from django.urls import path

from interviews import views

urlpatterns = [
    path("", views.interview_list_page, name="interview_list"),
    path("start/", views.interview_start_view, name="interview_start"),
    path("<int:interview_id>/", views.interview_page, name="interview_detail"),
    path("<int:interview_id>/submit/", views.interview_submit, name="interview_submit"),
    path("<int:interview_id>/draft/", views.interview_draft_view, name="interview_draft"),
    path("<int:interview_id>/next/", views.interview_next_view, name="interview_next"),
    path("<int:interview_id>/skip/", views.interview_skip_view, name="interview_skip"),
    path("<int:interview_id>/finish/", views.interview_finish_view, name="interview_finish"),
    path("<int:interview_id>/review/", views.interview_review_view, name="interview_review"),
    path("<int:interview_id>/report/", views.interview_report_partial, name="interview_report"),
]
