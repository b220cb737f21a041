"""Pages and htmx partials through HTTP (the browser journey itself is in tests/browser)."""

import pytest
from django.test import Client

from judge.models import Submission
from tests.conftest import HTMX, make_user, signed_in, user_and_client, wait_for_verdict

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def alice(problems):
    return signed_in(make_user("alice"))


def test_health_and_readiness(problems):
    client = Client()
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200, ready.json()
    assert ready.json()["checked"] == ["database", "broker", "docker", "runner_image"]


def test_readiness_names_the_failing_part(problems, settings):
    settings.JUDGE = {**settings.JUDGE, "IMAGE": "dojo-runner-go:does-not-exist"}
    ready = Client().get("/readyz")
    assert ready.status_code == 503
    assert list(ready.json()["failing"]) == ["runner_image"]


def test_public_pages_render(problems):
    client = Client()
    for url in ["/", "/problems/", "/problems/unicode-palindrome/", "/accounts/login/", "/accounts/signup/"]:
        assert client.get(url).status_code == 200, url
    assert client.get("/problems/nope/").status_code == 404
    assert client.get("/submissions/").status_code == 302  # sign in first


def test_statement_is_rendered_and_sanitized(problems):
    html = Client().get("/problems/unicode-palindrome/").content.decode()
    assert "<h1>" in html and "IsPalindrome" in html
    assert "<script>" not in html.split("</head>", 1)[1].replace('<script src=', '')


def test_htmx_submit_returns_a_polling_partial_until_finished(alice, celery_worker_process, problems):
    code = problems["rotate-left"].reference_files["solution.go"]
    response = alice.post("/problems/rotate-left/submit/", {"code": code, "mode": "submit"}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'hx-trigger="load delay:400ms"' in html and "<html" not in html
    sub = wait_for_verdict(Submission.objects.get().pk)
    done = alice.get(f"/submissions/{sub.pk}/status/", **HTMX).content.decode()
    assert "hx-trigger" not in done and 'data-verdict="accepted"' in done


def test_bad_code_keeps_the_code_in_the_editor(alice, problems):
    response = alice.post("/problems/rotate-left/submit/", {"code": "package rotate\x00", "mode": "submit"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "NUL" in html and "package rotate" in html
    assert Submission.objects.count() == 0


def test_someone_elses_submission_is_not_found(alice, problems):
    bob = make_user("bob")
    sub = Submission.objects.create(user=bob, problem=problems["rotate-left"], code="package rotate // secret")
    for url in [f"/submissions/{sub.pk}/", f"/submissions/{sub.pk}/status/"]:
        assert alice.get(url).status_code == 404
    staff = signed_in(make_user("staff", is_staff=True))
    assert "secret" in staff.get(f"/submissions/{sub.pk}/").content.decode()


def test_signup_login_logout_and_password_change(problems):
    client = Client()
    response = client.post("/accounts/signup/", {"username": "carol", "email": "c@example.com",
                                                  "password1": "correct-horse-9", "password2": "correct-horse-9"})
    assert response.status_code == 302
    assert "carol" in client.get("/").content.decode()
    response = client.post("/accounts/password/", {"old_password": "correct-horse-9", "new_password1": "battery-staple-7",
                                                    "new_password2": "battery-staple-7"})
    assert response.status_code == 302
    client.post("/accounts/logout/")
    assert client.get("/submissions/").status_code == 302
    assert client.login(username="carol", password="battery-staple-7")


def test_staff_admin_lists_submissions_and_problems(problems):
    _staff, client = user_and_client("root", is_staff=True, is_superuser=True)
    for url in ["/admin/", "/admin/judge/submission/", "/admin/problems/problem/"]:
        assert client.get(url).status_code == 200, url
    assert Client().get("/admin/").status_code == 302


def test_a_signed_out_htmx_request_gets_a_401_with_a_way_back_not_the_sign_in_page(problems):
    """The session ended mid-solve: Submit and the draft autosave (htmx) must not get the sign-in
    page to swap into a panel (config/signed_out.py); the page itself still redirects."""
    page = "http://testserver/problems/rotate-left/"
    htmx = {**HTMX, "HTTP_HX_CURRENT_URL": page + "?from=12"}
    client = Client()
    for url, data in [("/problems/rotate-left/submit/", {"code": "package rotate", "mode": "run"}),
                      ("/problems/rotate-left/draft/", {"code": "package rotate"}),
                      ("/problems/rotate-left/notes/", {"text": "a note"})]:
        response = client.post(url, data, **htmx)
        body = response.content.decode()
        assert response.status_code == 401, url
        assert 'href="/accounts/login/?next=%2Fproblems%2Frotate-left%2F"' in body and "<html" not in body, url
        assert "data-signed-out" in body and response["WWW-Authenticate"].startswith("Session")
        assert client.post(url, data).status_code == 302  # without htmx: to the sign-in page, as before
    # The way back is to this site only.
    foreign = client.post("/problems/rotate-left/draft/", {"code": "x"}, **HTMX,
                          HTTP_HX_CURRENT_URL="https://elsewhere.example/phish/")
    assert foreign.status_code == 401 and 'href="/accounts/login/?next=%2F"' in foreign.content.decode()
    assert Submission.objects.count() == 0


def test_a_signed_in_htmx_request_is_answered_as_before(alice, problems):
    response = alice.post("/problems/rotate-left/draft/", {"code": "package rotate"}, **HTMX)
    assert response.status_code == 200 and "Saved" in response.content.decode()
