"""Branded error pages with DEBUG off (the test settings, as in production): 404, 403, 500 and
the CSRF failure page look like the site and lead back home, and never show Django's URL map;
under /api/ the same errors stay JSON. /favicon.ico answers.

This module is also the URLconf of the tests that need a failing view: the site's URLs and
error handlers, plus a view that is refused and one that breaks."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.test import Client
from django.urls import path

from config.urls import handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as site_urlpatterns

pytestmark = pytest.mark.django_db

HOME_LINK = re.compile(r'<a class="button" href="/">Back to the home page</a>')


def forbidden(request):
    raise PermissionDenied("staff only")


def broken(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [
    path("test-forbidden/", forbidden),
    path("api/test-forbidden/", forbidden),
    path("test-broken/", broken),
    path("api/test-broken/", broken),
    *site_urlpatterns,
]
FAILING_VIEWS = pytest.mark.urls(__name__)


def assert_branded(html: str):
    assert "<title>" in html and "· Dojo</title>" in html
    assert '<a class="brand" href="/">Dojo</a>' in html and "/static/css/site.css" in html
    assert HOME_LINK.search(html), html
    # Not one of Django's debug pages.
    assert "URLconf" not in html and "Traceback" not in html and "settings" not in html.lower()


def test_an_unknown_page_gets_the_branded_404():
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert_branded(html)
    assert "Page not found" in html and "<code>/no-such-page/</code>" in html
    assert "api/submissions/" not in html  # no list of URL patterns


def test_the_404_prints_the_path_escaped():
    html = Client().get("/<b>bold</b>/").content.decode()
    assert "<b>bold</b>" not in html


def test_an_unknown_api_path_stays_json():
    response = Client().get("/api/no-such-endpoint/")
    assert response.status_code == 404 and response.json() == {"detail": "Not found."}


@FAILING_VIEWS
def test_a_refused_page_gets_the_branded_403_and_the_api_json():
    response = Client().get("/test-forbidden/")
    assert response.status_code == 403
    html = response.content.decode()
    assert_branded(html)
    assert "You can't open this page" in html and 'href="/accounts/login/"' in html
    assert "staff only" not in html  # the exception's text is for the log, not the page
    api = Client().get("/api/test-forbidden/")
    assert api.status_code == 403 and set(api.json()) == {"detail"}


@FAILING_VIEWS
def test_a_broken_view_gets_the_branded_500_and_the_api_json():
    client = Client(raise_request_exception=False)
    response = client.get("/test-broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert_branded(html)
    assert "Something went wrong" in html and "a bug in a view" not in html
    api = client.get("/api/test-broken/")
    assert api.status_code == 500 and set(api.json()) == {"detail"}


def test_the_500_page_renders_with_nothing_but_itself():
    # Django renders 500.html with an empty context: no request, user or context processors.
    html = render_to_string("500.html")
    assert_branded(html)
    assert "Something went wrong" in html and "{{" not in html and "{%" not in html


def test_a_form_without_its_csrf_token_gets_the_branded_403():
    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    html = response.content.decode()
    assert_branded(html)
    assert "This form has expired" in html and "Go back, reload the page" in html


def test_favicon_answers_with_an_existing_static_file():
    response = Client().get("/favicon.ico")
    assert response.status_code in (301, 302)
    assert response.headers["Location"] == "/static/favicon.ico"
    assert finders.find("favicon.ico") and finders.find("favicon.svg")
    home = Client().get("/").content.decode()
    assert 'rel="icon" href="/static/favicon.svg"' in home and 'rel="icon" href="/static/favicon.ico"' in home
