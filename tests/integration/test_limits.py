"""Abuse limits through HTTP on the real database and Redis: submission rate limits, the
queue cap, the code size cap, failed sign-in throttling.

Time is injected, never slept: submission limits are counted from real rows at `now`
(submission_create takes `now=`; through HTTP a test moves rows' `created_at` back instead),
and sign-in throttling reads `accounts.throttle.clock`, which tests patch."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from judge.limits import SubmissionRefused
from judge.models import Mode, Submission
from judge.services import submission_create
from judge.verdicts import Status, Verdict
from tests.conftest import HTMX, api_as, make_user, password_for, signed_in

pytestmark = pytest.mark.django_db(transaction=True)
SLUG = "rotate-left"


@pytest.fixture
def limits(settings):
    settings.JUDGE = {**settings.JUDGE, "RATE_PER_MINUTE": 3, "RATE_PER_HOUR": 5, "QUEUE_CAP": 50}
    return settings.JUDGE


def code(i):
    # Distinct code each time: an identical one within 10 s is a double click, not a new submission.
    return f"package rotate\n\nfunc RotateLeft(xs []int, k int) []int {{ return xs }} // {i}\n"


def post(client, i, **extra):
    return client.post("/api/submissions/", {"problem": SLUG, "code": code(i), **extra}, format="json")


def make_rows(user, problem, ages_seconds, status=Status.FINISHED):
    """Real submission rows created `age` seconds ago (as if made then)."""
    now = timezone.now()
    for i, age in enumerate(ages_seconds):
        sub = Submission.objects.create(user=user, problem=problem, code=code(f"old-{age}-{i}"), status=status,
                                        verdict=Verdict.ACCEPTED if status == Status.FINISHED else "")
        Submission.objects.filter(pk=sub.pk).update(created_at=now - timedelta(seconds=age))


# --- submission rate limits -------------------------------------------------------------


def test_api_refuses_past_the_per_minute_limit_with_429_and_retry_after(limits, user, problems):
    api = api_as(user)
    for i in range(3):
        assert post(api, i).status_code == 201
    refused = post(api, 3)
    assert refused.status_code == 429, refused.content
    assert "at most 3 per minute" in refused.json()["detail"]
    assert 55 <= int(refused["Retry-After"]) <= 60
    assert Submission.objects.filter(user=user).count() == 3  # nothing stored for the refused one

    # The counters are the rows: once they are a minute old, there is room again.
    Submission.objects.update(created_at=timezone.now() - timedelta(seconds=61))
    assert post(api, 4).status_code == 201


def test_a_double_click_at_the_limit_still_returns_the_first_submission(limits, user, problems):
    api = api_as(user)
    first = [post(api, i).json()["id"] for i in range(3)]
    again = post(api, 2)  # the same code as the last one, within 10 s
    assert again.status_code == 201 and again.json()["id"] == first[-1]


def test_retry_after_is_when_the_blocking_row_leaves_the_window(limits, user, problems):
    problem = problems[SLUG]
    make_rows(user, problem, [50, 40, 30])  # three in the last minute: the minute is full
    with pytest.raises(SubmissionRefused) as refused:
        submission_create(user=user, problem=problem, code=code("x"), now=timezone.now())
    assert 9 <= refused.value.retry_after <= 11  # the row made 50 s ago leaves the minute in ~10 s
    # Counted at a later `now`, the oldest row is out of the minute: accepted.
    later = submission_create(user=user, problem=problem, code=code("y"), now=timezone.now() + timedelta(seconds=11))
    assert later.pk


def test_per_hour_limit_counts_the_last_hour_of_rows(limits, user, problems):
    problem = problems[SLUG]
    make_rows(user, problem, [3590, 3000, 2000, 1000, 500])  # 5 in the hour, none in the last minute
    make_rows(user, problem, [3700, 7200])  # older than an hour: not counted
    response = post(api_as(user), "h")
    assert response.status_code == 429
    assert "at most 5 per hour" in response.json()["detail"]
    assert 8 <= int(response["Retry-After"]) <= 11  # the row of 3590 s ago leaves the hour in ~10 s


def test_runs_count_too(limits, user, problems):
    api = api_as(user)
    for i in range(3):
        assert post(api, i, mode=Mode.RUN).status_code == 201
    assert post(api, 3, mode=Mode.SUBMIT).status_code == 429


def test_staff_are_exempt_from_the_per_user_limits(limits, problems):
    staff = make_user("sam", is_staff=True)
    make_rows(staff, problems[SLUG], [1, 2, 3, 4, 5, 6, 7])
    assert post(api_as(staff), "s").status_code == 201


def test_one_users_limit_does_not_touch_another(limits, user, problems):
    make_rows(user, problems[SLUG], [1, 2, 3])
    bob = make_user("bob")
    assert post(api_as(user), "a").status_code == 429
    assert post(api_as(bob), "b").status_code == 201


# --- the global queue cap ---------------------------------------------------------------


def test_queue_cap_refuses_everyone_once_that_many_are_waiting(settings, user, problems):
    settings.JUDGE = {**settings.JUDGE, "QUEUE_CAP": 4}
    others = make_user("crowd")
    make_rows(others, problems[SLUG], [100, 200, 300], status=Status.QUEUED)
    make_rows(others, problems[SLUG], [400], status=Status.RUNNING)
    make_rows(others, problems[SLUG], [10, 20, 30, 40, 50])  # finished ones do not count
    staff = make_user("sam", is_staff=True)
    for who in (user, staff):  # the cap protects the judge: staff are not exempt from it
        refused = post(api_as(who), who.username)
        assert refused.status_code == 429
        assert "judge is busy" in refused.json()["detail"] and "4 submissions are waiting" in refused.json()["detail"]
        assert refused["Retry-After"] == str(settings.JUDGE["QUEUE_RETRY_SECONDS"])
    Submission.objects.filter(status=Status.RUNNING).update(status=Status.FINISHED, verdict=Verdict.ACCEPTED)
    assert post(api_as(user), "room").status_code == 201


# --- the problem page keeps the code ----------------------------------------------------


def test_page_shows_the_limit_beside_the_editor_and_keeps_the_code(limits, user, problems):
    make_rows(user, problems[SLUG], [1, 2, 3])
    page = signed_in(user)
    mine = code("kept") + "// my own comment\n"
    cases = "package rotate\n// my cases\n"

    partial = page.post(f"/problems/{SLUG}/submit/", {"code": mine, "mode": "submit"}, **HTMX)
    assert partial.status_code == 429 and int(partial["Retry-After"]) > 0
    assert 'role="alert"' in partial.content.decode() and "at most 3 per minute" in partial.content.decode()

    full = page.post(f"/problems/{SLUG}/submit/", {"code": mine, "mode": "run", "custom_tests": cases})
    html = full.content.decode()
    assert full.status_code == 429 and "at most 3 per minute" in html
    textarea = re.search(r'<textarea id="code"[^>]*>(.*?)</textarea>', html, re.S).group(1)
    assert "// my own comment" in textarea
    assert "// my cases" in html
    assert Submission.objects.filter(user=user).count() == 3


def test_oversized_code_is_a_clear_400_on_the_page_and_the_api(settings, user, problems):
    limit_kib = settings.JUDGE["MAX_CODE_BYTES"] // 1024
    big = "package rotate\n" + "// padding padding padding\n" * (settings.JUDGE["MAX_CODE_BYTES"] // 20)
    api = api_as(user).post("/api/submissions/", {"problem": SLUG, "code": big}, format="json")
    assert api.status_code == 400 and f"the limit is {limit_kib} KiB" in api.json()["detail"]
    page = signed_in(user)
    partial = page.post(f"/problems/{SLUG}/submit/", {"code": big, "mode": "submit"}, **HTMX)
    assert partial.status_code == 400 and f"the limit is {limit_kib} KiB" in partial.content.decode()
    full = page.post(f"/problems/{SLUG}/submit/", {"code": big, "mode": "submit"})
    assert full.status_code == 400 and f"the limit is {limit_kib} KiB" in full.content.decode()
    assert "// padding padding" in full.content.decode()  # still in the editor
    assert not Submission.objects.exists()


# --- failed sign-in throttling ----------------------------------------------------------

T0 = 1_000_000 * 900 + 100.0  # 100 s into a 15-minute bucket


@pytest.fixture
def clock(monkeypatch):
    """accounts.throttle.clock, moved by the test; the cache starts empty."""
    cache.clear()
    state = {"now": T0}
    monkeypatch.setattr("accounts.throttle.clock", lambda: state["now"])
    return state


CAROL_PASSWORD = password_for("carol")


@pytest.fixture
def carol(transactional_db):
    return make_user("carol")


def sign_in(client, password, username="carol"):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_login_page_refuses_after_five_failures_then_lets_in_after_the_window(clock, carol):
    browser = Client()
    for _ in range(5):
        assert sign_in(browser, "wrong").status_code == 200  # the form again, with its error
    refused = sign_in(browser, CAROL_PASSWORD)  # even the right password: not checked now
    assert refused.status_code == 429
    assert "Too many failed sign-ins" in refused.content.decode()
    assert int(refused["Retry-After"]) == 800 + 900  # this bucket's rest, then one more window
    assert "_auth_user_id" not in browser.session
    assert 'value="carol"' in refused.content.decode()  # the username stays in the form

    other_place = Client(REMOTE_ADDR="127.0.0.2")  # the owner elsewhere is not locked out
    assert sign_in(other_place, CAROL_PASSWORD).status_code == 302

    clock["now"] += 1700
    assert sign_in(browser, CAROL_PASSWORD).status_code == 302


def test_a_successful_sign_in_clears_the_username_counter(clock, carol):
    browser = Client()
    for _ in range(4):
        sign_in(browser, "wrong")
    assert sign_in(browser, CAROL_PASSWORD).status_code == 302
    browser.logout()
    for _ in range(4):
        assert sign_in(browser, "wrong").status_code == 200
    assert sign_in(browser, CAROL_PASSWORD).status_code == 302


def test_one_address_trying_many_accounts_is_refused(clock, settings, carol):
    settings.LOGIN_THROTTLE = {**settings.LOGIN_THROTTLE, "FAILURES_PER_IP": 8}
    browser = Client()
    for i in range(8):
        assert sign_in(browser, "guess", username=f"user{i}").status_code == 200
    assert sign_in(browser, CAROL_PASSWORD).status_code == 429  # a username never tried: the address is
    assert sign_in(Client(REMOTE_ADDR="127.0.0.3"), CAROL_PASSWORD).status_code == 302


def test_token_endpoint_is_throttled_the_same_way(clock, carol):
    api = APIClient()
    for _ in range(5):
        bad = api.post("/api/auth/token/", {"username": "carol", "password": "nope"}, format="json")
        assert bad.status_code == 400 and "detail" in bad.json()
    refused = api.post("/api/auth/token/", {"username": "carol", "password": CAROL_PASSWORD}, format="json")
    assert refused.status_code == 429
    assert "Too many failed sign-ins" in refused.json()["detail"]
    assert int(refused["Retry-After"]) == 1700
    # The page and the API share the counter: one guesser cannot double their tries.
    assert sign_in(Client(), CAROL_PASSWORD).status_code == 429

    clock["now"] += 1700
    ok = api.post("/api/auth/token/", {"username": "carol", "password": CAROL_PASSWORD}, format="json")
    assert ok.status_code == 200 and ok.json()["token"]


def test_token_success_clears_the_counter(clock, carol):
    api = APIClient()
    for _ in range(4):
        api.post("/api/auth/token/", {"username": "carol", "password": "nope"}, format="json")
    assert api.post("/api/auth/token/", {"username": "carol", "password": CAROL_PASSWORD},
                    format="json").status_code == 200
    for _ in range(4):
        assert api.post("/api/auth/token/", {"username": "carol", "password": "nope"},
                        format="json").status_code == 400
    assert api.post("/api/auth/token/", {"username": "carol", "password": CAROL_PASSWORD},
                    format="json").status_code == 200


def test_failures_in_the_previous_window_still_count(clock, carol):
    browser = Client()
    for _ in range(3):
        sign_in(browser, "wrong")
    clock["now"] += 850  # into the next bucket: 3 before + 2 now reach the limit
    for _ in range(2):
        assert sign_in(browser, "wrong").status_code == 200
    refused = sign_in(browser, CAROL_PASSWORD)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) == 900 - 50  # only the previous bucket must pass
