from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from accounts.api import token_obtain_api
from accounts.views import admin_login
from config import health, views
from judge import api as judge_api
from learn import api as learn_api
from practice import api as practice_api
from practice import drill_api
from practice import problem_api as problems_api

api_patterns = [
    path("auth/token/", token_obtain_api, name="api_token"),
    path("problems/", problems_api.problem_list_api, name="api_problem_list"),
    path("problems/<slug:slug>/", problems_api.problem_detail_api, name="api_problem_detail"),
    path("problems/<slug:slug>/draft/", practice_api.draft_api, name="api_problem_draft"),
    path("problems/<slug:slug>/notes/", practice_api.note_api, name="api_problem_notes"),
    path("problems/<slug:slug>/solution/", practice_api.solution_api, name="api_problem_solution"),
    path("lessons/", learn_api.lesson_list_api, name="api_lesson_list"),
    path("lessons/<int:step>/", learn_api.lesson_detail_api, name="api_lesson_detail"),
    path("lessons/<int:step>/quiz/<int:position>/", learn_api.quiz_answer_api, name="api_quiz_answer"),
    path("submissions/", judge_api.submission_collection_api, name="api_submissions"),
    path("submissions/<int:submission_id>/", judge_api.submission_detail_api, name="api_submission_detail"),
    path("interviews/", include("interviews.api_urls")),
    path("dashboard/", practice_api.dashboard_api, name="api_dashboard"),
    path("review/", drill_api.drill_list_api, name="api_drill_list"),
    path("review/<int:drill_id>/", drill_api.drill_detail_api, name="api_drill_detail"),
    path("review/<int:drill_id>/submissions/", drill_api.drill_submit_api, name="api_drill_submit"),
    path("review/<int:drill_id>/review/", drill_api.drill_review_api, name="api_drill_review"),
]

# Under /api/ a 403, 404 or 500 is JSON {"detail": ...}, like every other API error
# (config/api.py); pages get the branded templates/403.html, 404.html and 500.html.
handler403 = "config.api.permission_denied"
handler404 = "config.api.page_not_found"
handler500 = "config.api.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/", include("accounts.urls")),
    path("learn/", include("learn.urls")),
    path("problems/", include("practice.problem_urls")),
    path("review/", include("practice.drill_urls")),
    path("submissions/", include("judge.urls")),
    path("interviews/", include("interviews.urls")),
    # The API's schema (OpenAPI 3, version 1.0) and its browsable docs (Swagger UI, served locally).
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    # Its set-up script comes from /api/docs/?script= rather than inline: the page runs under
    # the Content-Security-Policy (config/security.py).
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api_schema", template_name="api_docs.html"),
         name="api_docs"),
    path("api/", include(api_patterns)),
    # The same API under a pinned version prefix: /api/ is version 1 today, /api/v1/ stays
    # version 1 should a version 2 ever take /api/. Names are namespaced ("v1:api_submissions").
    path("api/v1/", include((api_patterns, "v1"))),
    # The admin's sign-in, behind the sign-in throttle like every other way in: before the
    # admin's own URLs, so this one answers /admin/login/.
    path("admin/login/", admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
    # Browsers and tools ask for /favicon.ico whatever a page links. Not a permanent redirect:
    # in production the static file's name carries its hash.
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("favicon.ico")), name="favicon"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
]
