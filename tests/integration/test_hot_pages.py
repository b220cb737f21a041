"""The busiest pages (`make bench-load`): the queries each one costs, bounded so a gain cannot
slip back unnoticed, and what they stopped reading from the database on every request (the
session, from Redis; the problem list's rendered rows, per process) never stale and never
someone else's. Everything through HTTP, as a browser or an API client asks."""

from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from judge.models import Mode, Submission, TestResult
from judge.runners.base import Outcome
from judge.services import submission_finish, submission_rejudge
from judge.verdicts import Status, Verdict
from tests.conftest import HTMX, api_with_token, make_user, password_for, user_and_client

pytestmark = pytest.mark.django_db(transaction=True)
SLUG = "unicode-palindrome"
PAGE = f"/problems/{SLUG}/"
SOLVED_MARK = '<span class="verdict accepted">Solved</span>'


def judged(user, problem, verdict=Verdict.ACCEPTED, tests=3):
    """A submit that went through the judge's own finishing step (as a worker stores a verdict)."""
    sub = Submission.objects.create(user=user, problem=problem, code=f"package palindrome // {user.username}",
                                    mode=Mode.SUBMIT, status=Status.RUNNING)
    tests = [TestResult(submission=sub, position=i, name=f"TestHidden/case{i}", status="pass") for i in range(tests)]
    assert submission_finish(submission_id=sub.pk, outcome=Outcome(verdict, "done", tests=tests))
    return sub


def solved_on_list(client, slug) -> bool:
    html = client.get("/problems/").content.decode()
    row = html.split(f'href="/problems/{slug}/"', 1)[1].split("</tr>", 1)[0]
    return SOLVED_MARK in row


def test_query_budget_of_the_busiest_pages(problems, django_assert_max_num_queries):
    user, client = user_and_client("alice")
    problem = problems[SLUG]
    done = judged(user, problem)
    running = Submission.objects.create(user=user, problem=problem, code="package palindrome", status=Status.RUNNING)
    api = api_with_token(user)
    anonymous = Client()
    budgets = [
        # (client, path, headers, queries): the user, then what the page itself shows
        (client, PAGE, {}, 2),  # user; draft, notes, solved, Learn access and recent submissions in one
        (client, "/problems/", {}, 3),  # user; solved problems; the list's rows
        # A judged result is rendered once per process (test_a_rejudged_result_shows_at_once)
        (client, f"/submissions/{done.pk}/status/", HTMX, 2),  # user; submission
        (client, f"/submissions/{running.pk}/status/", HTMX, 2),  # user; submission
        (api, f"/api/submissions/{done.pk}/", {}, 2),  # token and user; submission
        (api, f"/api/submissions/{running.pk}/", {}, 3),  # no results before the verdict: nothing to read
        (api, "/api/problems/", {}, 2),  # token and user; problems
        (anonymous, "/problems/", {}, 1),
        (anonymous, PAGE, {}, 0),  # the signed-out page is rendered once per process (test_page_cache.py)
    ]
    for who, path, headers, queries in budgets:
        assert who.get(path, **headers).status_code == 200, path  # warm: per-process caches, the session in Redis
        with django_assert_max_num_queries(queries):
            assert who.get(path, **headers).status_code == 200, path


def test_what_a_user_does_shows_at_once(problems):
    user, client = user_and_client("alice")
    problem = problems[SLUG]
    for path in (PAGE, "/problems/"):  # warm every cache there is
        client.get(path)
    assert SOLVED_MARK not in client.get(PAGE).content.decode() and not solved_on_list(client, SLUG)

    assert client.post(f"{PAGE}draft/", {"code": "package palindrome // draft one"}).status_code == 200
    assert "draft one" in client.get(PAGE).content.decode()
    assert client.post(f"{PAGE}draft/", {"code": "package palindrome // draft two"}).status_code == 200
    page = client.get(PAGE).content.decode()
    assert "draft two" in page and "draft one" not in page
    client.post(f"{PAGE}notes/", {"text": "mind the runes"}, **HTMX)
    assert "mind the runes" in client.get(PAGE).content.decode()

    wrong = judged(user, problem, verdict=Verdict.WRONG_ANSWER)
    page = client.get(PAGE).content.decode()
    assert f"/submissions/{wrong.pk}/" in page and SOLVED_MARK not in page and not solved_on_list(client, SLUG)
    queued = Submission.objects.create(user=user, problem=problem, code="package palindrome")
    assert f"/submissions/{queued.pk}/" in client.get(PAGE).content.decode()
    assert "hx-trigger" in client.get(f"/submissions/{queued.pk}/status/", **HTMX).content.decode()
    api = api_with_token(user)
    assert api.get(f"/api/submissions/{queued.pk}/").json()["status"] == "queued"

    # The queued one is judged: the worker's own steps, claim then verdict.
    Submission.objects.filter(pk=queued.pk).update(status=Status.RUNNING)
    tests = [TestResult(submission=queued, position=i, name=f"TestHidden/case{i}", status="pass") for i in range(3)]
    assert submission_finish(submission_id=queued.pk, outcome=Outcome(Verdict.ACCEPTED, "done", tests=tests))
    page = client.get(PAGE).content.decode()
    assert SOLVED_MARK in page and solved_on_list(client, SLUG)
    partial = client.get(f"/submissions/{queued.pk}/status/", **HTMX).content.decode()
    assert 'data-verdict="accepted"' in partial and "TestHidden/case2" in partial and "hx-trigger" not in partial
    body = api.get(f"/api/submissions/{queued.pk}/").json()
    assert body["verdict"] == "accepted" and [t["name"] for t in body["tests"]][-1] == "TestHidden/case2"
    assert body["previous"] == wrong.pk


def test_a_rejudged_result_shows_at_once(problems):
    """The partial and the API keep a judged result per process; a rejudge must not show the
    old one (nor another submission's)."""
    user, client = user_and_client("alice")
    api = api_with_token(user)
    first, second = judged(user, problems[SLUG], tests=2), judged(user, problems[SLUG], tests=4)
    partial = lambda sub: client.get(f"/submissions/{sub.pk}/status/", **HTMX).content.decode()  # noqa: E731
    assert "TestHidden/case1" in partial(first) and "TestHidden/case3" not in partial(first)
    assert "TestHidden/case3" in partial(second)
    assert len(api.get(f"/api/submissions/{first.pk}/").json()["tests"]) == 2

    assert submission_rejudge(submission_id=first.pk)
    assert "hx-trigger" in partial(first) and api.get(f"/api/submissions/{first.pk}/").json()["tests"] == []
    Submission.objects.filter(pk=first.pk).update(status=Status.RUNNING)
    rows = [TestResult(submission=first, position=0, name="TestHidden/again", status="fail")]
    assert submission_finish(submission_id=first.pk, outcome=Outcome(Verdict.WRONG_ANSWER, "1 failed", tests=rows))
    html = partial(first)
    assert 'data-verdict="wrong_answer"' in html and "TestHidden/again" in html and "TestHidden/case1" not in html
    body = api.get(f"/api/submissions/{first.pk}/").json()
    assert body["verdict"] == "wrong_answer" and [t["name"] for t in body["tests"]] == ["TestHidden/again"]


def test_history_rows_show_their_state_and_age_of_now(problems, monkeypatch):
    """A history row is rendered once per process and set of what it shows
    (judge/templatetags/history.py): a new status, verdict or title shows at once, and "… ago"
    is of the request's time, not of the row's first rendering."""
    user, client = user_and_client("alice")
    sub = Submission.objects.create(user=user, problem=problems[SLUG], code="package palindrome", mode=Mode.SUBMIT)

    def row(path=PAGE):
        return client.get(path).content.decode().split(f'<tr id="row-{sub.pk}"', 1)[1].split("</tr>", 1)[0]

    assert '<span class="status">Queued</span>' in row() and "0\xa0minutes ago" in row()
    Submission.objects.filter(pk=sub.pk).update(status=Status.RUNNING)
    assert '<span class="status">Running</span>' in row()
    tests = [TestResult(submission=sub, position=0, name="TestHidden/case0", status="pass")]
    assert submission_finish(submission_id=sub.pk, outcome=Outcome(Verdict.ACCEPTED, "done", tests=tests))
    assert '<span class="verdict accepted">Accepted</span>' in row() and "Accepted" in row("/submissions/")
    later = sub.created_at + timedelta(hours=3, minutes=5)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "3\xa0hours, 5\xa0minutes ago" in row() and "3\xa0hours, 5\xa0minutes ago" in row("/submissions/")
    monkeypatch.undo()
    problem = problems[SLUG]
    problem.title = "Palindromes, rewritten"
    problem.save()
    assert "Palindromes, rewritten" in row() and "Unicode-aware palindrome" not in row("/submissions/")


def test_a_changed_problem_shows_at_once_on_the_list(problems):
    client = Client()
    assert "Unicode-aware palindrome" in client.get("/problems/").content.decode()
    problem = problems[SLUG]
    problem.title = "Palindromes, rewritten"
    problem.save()
    html = client.get("/problems/").content.decode()
    assert "Palindromes, rewritten" in html and "Unicode-aware palindrome" not in html


def test_one_users_pages_never_show_anothers(problems):
    alice, alice_client = user_and_client("alice")
    bob, bob_client = user_and_client("bob")
    judged(alice, problems[SLUG])
    judged(bob, problems["rotate-left"])
    alice_client.post(f"{PAGE}draft/", {"code": "package palindrome // alice's draft"})
    alice_client.post(f"{PAGE}notes/", {"text": "alice's notes"}, **HTMX)
    for _ in range(2):  # in turns, each after the other has filled whatever caches there are
        for client, mine, theirs in ((alice_client, SLUG, "rotate-left"), (bob_client, "rotate-left", SLUG)):
            assert solved_on_list(client, mine) and not solved_on_list(client, theirs)
        alice_page, bob_page = alice_client.get(PAGE).content.decode(), bob_client.get(PAGE).content.decode()
        assert "alice&#x27;s draft" in alice_page and "alice&#x27;s notes" in alice_page and SOLVED_MARK in alice_page
        assert "alice" not in bob_page.split("<main", 1)[1] and SOLVED_MARK not in bob_page


def test_sign_out_ends_the_session_at_once(problems):
    make_user("carol")
    browser = Client()
    assert browser.post("/accounts/login/", {"username": "carol", "password": password_for("carol")}).status_code == 302
    cookie = browser.cookies[django_settings.SESSION_COOKIE_NAME].value
    assert "Signed in as <strong>carol</strong>" in browser.get(PAGE).content.decode()  # the session is in Redis now
    browser.post("/accounts/logout/")
    stolen = Client()
    stolen.cookies[django_settings.SESSION_COOKIE_NAME] = cookie
    assert "carol" not in stolen.get(PAGE).content.decode()
    assert stolen.get("/submissions/").status_code == 302  # to the sign-in page


def test_sessions_work_while_redis_is_down(problems, settings):
    make_user("dave")
    settings.CACHES = {**django_settings.CACHES,
                       "default": {**django_settings.CACHES["default"], "LOCATION": "redis://127.0.0.1:1/0"}}
    browser = Client()
    assert browser.post("/accounts/login/", {"username": "dave", "password": password_for("dave")}).status_code == 302
    cookie = browser.cookies[django_settings.SESSION_COOKIE_NAME].value
    assert "Signed in as <strong>dave</strong>" in browser.get(PAGE).content.decode()
    assert browser.get("/problems/").status_code == 200
    assert browser.post("/accounts/logout/").status_code == 302
    stolen = Client()
    stolen.cookies[django_settings.SESSION_COOKIE_NAME] = cookie
    assert stolen.get("/submissions/").status_code == 302


@pytest.fixture(autouse=True)
def _empty_cache():
    yield
    cache.clear()  # sign-in throttle counters and sessions of this module's users
