"""Under /api/interviews/ (config/urls.py)."""

from django.urls import path

from interviews import api

urlpatterns = [
    path("", api.interview_collection_api, name="api_interviews"),
    path("templates/", api.interview_template_list_api, name="api_interview_templates"),
    path("<int:interview_id>/", api.interview_detail_api, name="api_interview_detail"),
    path("<int:interview_id>/next/", api.interview_next_api, name="api_interview_next"),
    path("<int:interview_id>/skip/", api.interview_skip_api, name="api_interview_skip"),
    path("<int:interview_id>/finish/", api.interview_finish_api, name="api_interview_finish"),
    path("<int:interview_id>/review/", api.interview_review_api, name="api_interview_review"),
]
