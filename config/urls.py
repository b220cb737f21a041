from django.contrib import admin
from django.urls import include, path
from rest_framework.authtoken.views import obtain_auth_token

from config import health, views
from judge import api as judge_api
from problems import api as problems_api

api_patterns = [
    path("auth/token/", obtain_auth_token, name="api_token"),
    path("problems/", problems_api.problem_list_api, name="api_problem_list"),
    path("problems/<slug:slug>/", problems_api.problem_detail_api, name="api_problem_detail"),
    path("submissions/", judge_api.submission_collection_api, name="api_submissions"),
    path("submissions/<int:submission_id>/", judge_api.submission_detail_api, name="api_submission_detail"),
    path("interviews/", include("interviews.api_urls")),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/", include("accounts.urls")),
    path("learn/", include("learn.urls")),
    path("problems/", include("problems.urls")),
    path("submissions/", include("judge.urls")),
    path("interviews/", include("interviews.urls")),
    path("api/", include(api_patterns)),
    path("admin/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
]
