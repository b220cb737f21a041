"""Every domain error becomes the same answer wherever it is raised (config/errors.py): its status
and headers, with `{"detail"}` from the API (config.api.exception_handler), and from a page view
an htmx partial or a page (DomainErrorMiddleware, as @shows_errors asks).

Real requests through the real middleware stack, to views of this module (its own URLconf) that
raise the real exceptions; nothing touches the database."""

import pytest
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.test import Client
from django.urls import path
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny

from config import urls as site_urls
from config.errors import shows_errors
from interviews.models import InterviewSession
from interviews.services import InterviewActive, InterviewClosed, InterviewConflict, InterviewError
from judge.limits import SubmissionRefused
from practice.selectors import SolutionHidden
from tests.conftest import HTMX

pytestmark = pytest.mark.urls(__name__)

# name: (the error, its status, its headers, its API body)
ERRORS = {
    "rate-limit": (lambda: SubmissionRefused("Too many submissions: at most 3 per minute.", retry_after=42),
                   429, {"Retry-After": "42"}, {"detail": "Too many submissions: at most 3 per minute."}),
    "refused-now": (lambda: SubmissionRefused("Busy.", retry_after=0), 429, {"Retry-After": "1"},
                    {"detail": "Busy."}),
    "late": (lambda: InterviewClosed("Time is up."), 409, {}, {"detail": "Time is up."}),
    "moved-on": (lambda: InterviewConflict("It moved on."), 409, {}, {"detail": "It moved on."}),
    "running": (lambda: InterviewActive(InterviewSession(pk=7)), 409, {},
                {"detail": "You already have an interview in progress; finish it before starting another.",
                 "id": 7}),
    "interview": (lambda: InterviewError("Submit it first."), 400, {}, {"detail": "Submit it first."}),
    "hidden": (lambda: SolutionHidden("Solve it first."), 403, {}, {"detail": "Solve it first."}),
    "invalid": (lambda: ValidationError(["Code is empty.", "Really."]), 400, {}, {"detail": "Code is empty. Really."}),
}


def message(name) -> str:
    return ERRORS[name][3]["detail"]


@api_view(["POST"])
@permission_classes([AllowAny])
def api_raises(request, name):
    raise ERRORS[name][0]()


def plain_raises(request, name):
    raise ERRORS[name][0]()


@shows_errors(partial="practice/_saved.html")
def partial_only(request, name):
    raise ERRORS[name][0]()


def _page_with_the_form(request, error, name):
    return "_error.html", {"error": f"page: {error.message} kept={request.POST.get('code', '')}"}


@shows_errors(page=_page_with_the_form)
def with_page(request, name):
    raise ERRORS[name][0]()


def _panel(request, error, name):
    return "_error.html", {"error": f"panel ({'htmx' if request.htmx else 'plain'}): {error.message}"}


@shows_errors(partial=_panel, page=_panel)
def with_panel(request, name):
    raise ERRORS[name][0]()


def _back(request, error, name):
    return redirect(f"/back/?why={error.status_code}")


@shows_errors(page=_back)
def with_redirect(request, name):
    raise ERRORS[name][0]()


def other_error(request):
    raise KeyError("not ours")


urlpatterns = [
    path("api/raise/<name>/", api_raises),
    path("raise/<name>/", plain_raises),
    path("partial/<name>/", partial_only),
    path("page/<name>/", with_page),
    path("panel/<name>/", with_panel),
    path("redirect/<name>/", with_redirect),
    path("other/", other_error),
    *site_urls.urlpatterns,  # the pages base.html links to
]


def assert_headers(response, headers):
    for header, value in headers.items():
        assert response[header] == value
    if "Retry-After" not in headers:
        assert not response.has_header("Retry-After")


@pytest.mark.parametrize("name", ERRORS)
def test_the_api_answers_detail_with_the_errors_status_and_headers(name):
    _, status, headers, body = ERRORS[name]
    response = Client().post(f"/api/raise/{name}/")
    assert response.status_code == status
    assert response.json() == body
    assert_headers(response, headers)


@pytest.mark.parametrize("name", ERRORS)
def test_an_htmx_request_gets_the_one_line_partial(name):
    _, status, headers, _ = ERRORS[name]
    response = Client().post(f"/raise/{name}/", **HTMX)
    assert response.status_code == status
    assert response.content.decode().strip() == f'<p class="error" role="alert">{message(name)}</p>'
    assert_headers(response, headers)


@pytest.mark.parametrize("name", ERRORS)
def test_a_plain_request_gets_a_page_with_the_message(name):
    _, status, headers, _ = ERRORS[name]
    response = Client().post(f"/raise/{name}/")
    html = response.content.decode()
    assert response.status_code == status
    assert "<html" in html and message(name) in html and f'<p class="code" aria-hidden="true">{status}</p>' in html
    assert_headers(response, headers)


@pytest.mark.parametrize("name", ERRORS)
def test_the_views_partial_for_htmx_and_plain_requests_alike(name):
    _, status, headers, _ = ERRORS[name]
    for extra in (HTMX, {}):
        response = Client().post(f"/partial/{name}/", **extra)
        assert response.status_code == status
        assert response.content.decode().strip() == (
            f'<span class="error" role="alert">Not saved: {message(name)}</span>')
        assert_headers(response, headers)


@pytest.mark.parametrize("name", ERRORS)
def test_the_views_page_for_a_plain_request_with_the_errors_status(name):
    _, status, headers, _ = ERRORS[name]
    response = Client().post(f"/page/{name}/", {"code": "my code"})
    assert response.status_code == status
    assert f"page: {message(name)} kept=my code" in response.content.decode()
    assert_headers(response, headers)
    partial = Client().post(f"/page/{name}/", {"code": "my code"}, **HTMX)  # htmx: still the partial
    assert partial.status_code == status and "page:" not in partial.content.decode()


@pytest.mark.parametrize("name", ERRORS)
def test_a_views_own_screen_for_htmx_and_plain_requests(name):
    _, status, headers, _ = ERRORS[name]
    for extra, kind in ((HTMX, "htmx"), ({}, "plain")):
        response = Client().get(f"/panel/{name}/", **extra)
        assert response.status_code == status
        assert f"panel ({kind}): {message(name)}" in response.content.decode()
        assert_headers(response, headers)


@pytest.mark.parametrize("name", ["rate-limit", "late"])
def test_a_page_that_redirects_keeps_its_redirect(name):
    response = Client().post(f"/redirect/{name}/")
    assert response.status_code == 302 and response["Location"] == f"/back/?why={ERRORS[name][1]}"
    assert not response.has_header("Retry-After")


def test_other_exceptions_are_not_answered_here():
    with pytest.raises(KeyError):
        Client().get("/other/")
