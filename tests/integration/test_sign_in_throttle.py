"""Every way in is throttled, and no spelling of a name escapes its counter: the sign-in page, the
API token endpoint and the admin's sign-in share one count of failures per username+address,
and sign-up is limited per address. Through HTTP, on the real database and Redis.

Time is injected, never slept: the throttle reads `accounts.throttle.clock`, which tests move.
(tests/integration/test_limits.py has the counters' arithmetic: windows, Retry-After, clearing.)"""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test import Client
from rest_framework.test import APIClient

from accounts.throttle import username_key
from tests.conftest import make_user, password_for

pytestmark = pytest.mark.django_db(transaction=True)

T0 = 1_000_000 * 3600 + 100.0  # 100 s into a bucket of both windows (15 minutes, an hour)
PASSWORD = password_for("secF")
# Spellings of "secF" that sign in to its account (the form NFKC-normalises and strips) or that
# name it but for case (sign-up refuses a name differing from another only in case).
SPELLINGS = ["secF", "\uff53ecF", "SECF", "secf", " secF ", "\uff53\uff45\uff43\uff26", "SeCf"]


@pytest.fixture
def clock(monkeypatch):
    """accounts.throttle.clock, moved by the test; the cache starts and ends empty."""
    cache.clear()
    state = {"now": T0}
    monkeypatch.setattr("accounts.throttle.clock", lambda: state["now"])
    yield state
    cache.clear()


@pytest.fixture
def sec(transactional_db):
    return make_user("secF")


def page_sign_in(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


def token(client, username, password):
    return client.post("/api/auth/token/", {"username": username, "password": password}, format="json")


def admin_sign_in(client, username, password):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password,
                                                      "next": "/admin/"})


def test_one_key_for_every_spelling_of_a_name():
    assert {username_key(name) for name in SPELLINGS} == {"secf"}
    assert username_key("sec\ud800") != username_key("secF")  # a lone surrogate is counted, not an error


def test_login_page_counts_every_spelling_of_a_name_as_one(clock, sec):
    browser = Client()
    for name in SPELLINGS[:5]:
        assert page_sign_in(browser, name, "wrong").status_code == 200
    # The case: five failures for secF, then fullwidth ｓecF (the form's NFKC makes it
    # secF) with the right password. Refused, before the password is checked.
    refused = page_sign_in(browser, "\uff53ecF", PASSWORD)
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "Too many failed sign-ins" in refused.content.decode()
    assert "_auth_user_id" not in browser.session
    for name in SPELLINGS:
        assert page_sign_in(browser, name, PASSWORD).status_code == 429, name

    clock["now"] += int(refused["Retry-After"])
    signed_in = page_sign_in(browser, "\uff53ecF", PASSWORD)
    assert signed_in.status_code == 302 and browser.session["_auth_user_id"] == str(sec.pk)


def test_token_endpoint_counts_every_spelling_of_a_name_as_one(clock, sec):
    api = APIClient()
    for name in SPELLINGS[2:7]:
        bad = token(api, name, "wrong")
        assert bad.status_code == 400 and "detail" in bad.json()
    refused = token(api, "secF", PASSWORD)
    assert refused.status_code == 429 and "Too many failed sign-ins" in refused.json()["detail"]
    assert int(refused["Retry-After"]) > 0
    # One counter for the page and the API: the page refuses the name too, in any spelling.
    assert page_sign_in(Client(), "\uff53ecF", PASSWORD).status_code == 429

    clock["now"] += int(refused["Retry-After"])
    assert token(api, "secF", PASSWORD).status_code == 200


def test_admin_login_is_throttled_with_the_same_counter(clock, sec):
    sec.is_staff = True
    sec.save()
    browser = Client()
    page = browser.get("/admin/login/?next=/admin/")
    assert page.status_code == 200 and 'id="login-form"' in page.content.decode()
    for name in SPELLINGS[:4]:
        assert admin_sign_in(browser, name, "wrong").status_code == 200
    assert token(APIClient(), "SECF", "wrong").status_code == 400  # the fifth, through the API

    refused = admin_sign_in(browser, "\uff53ecF", PASSWORD)
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    html = refused.content.decode()
    assert "Too many failed sign-ins" in html and 'id="login-form"' in html  # the admin's page, with the reason
    assert "_auth_user_id" not in browser.session
    assert page_sign_in(Client(), "secF", PASSWORD).status_code == 429  # and the site's page agrees

    clock["now"] += int(refused["Retry-After"])
    signed_in = admin_sign_in(browser, "secF", PASSWORD)
    assert signed_in.status_code == 302 and signed_in["Location"] == "/admin/"
    assert browser.get("/admin/").status_code == 200


def test_admin_login_success_clears_the_count_and_a_non_staff_account_counts_as_a_failure(clock, sec):
    browser = Client()
    for _ in range(4):
        admin_sign_in(browser, "secF", "wrong")
    # The right password of an account that is not staff: the admin refuses it, and it counts.
    assert admin_sign_in(browser, "secF", PASSWORD).status_code == 200
    assert admin_sign_in(browser, "secF", PASSWORD).status_code == 429

    clock["now"] += 3600
    sec.is_staff = True
    sec.save()
    for _ in range(4):
        admin_sign_in(Client(), "secF", "wrong")
    assert admin_sign_in(Client(), "secF", PASSWORD).status_code == 302  # clears the username's count
    for _ in range(4):
        assert admin_sign_in(Client(), "secF", "wrong").status_code == 200
    assert admin_sign_in(Client(), "secF", PASSWORD).status_code == 302


def sign_up(client, username, password="x-Long-pw-41", confirm=None):
    return client.post("/accounts/signup/", {"username": username, "email": f"{username}@example.com",
                                             "password1": password, "password2": confirm or password})


def test_sign_up_is_limited_per_address(clock, transactional_db):
    # A form with an error makes no account, and costs nothing.
    typo = sign_up(Client(), "typo", confirm="something-else-9")
    assert typo.status_code == 200 and "didn" in typo.content.decode()
    for i in range(5):
        made = sign_up(Client(), f"user{i}")
        assert made.status_code == 302, made.content.decode()[:500]
    refused = sign_up(Client(), "user5")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) == 3500 + 3600  # this hour's rest, then one more
    html = refused.content.decode()
    assert "Too many accounts were made from your address" in html and 'value="user5"' in html
    assert not get_user_model().objects.filter(username="user5").exists()
    assert sign_up(Client(REMOTE_ADDR="127.0.0.9"), "elsewhere").status_code == 302  # another address

    clock["now"] += int(refused["Retry-After"])
    assert sign_up(Client(), "user5").status_code == 302
    assert get_user_model().objects.count() == 7


def test_a_burst_of_parallel_sign_ups_cannot_slip_past_the_limit(clock, transactional_db):
    """Each sign-up is counted before its form is checked, so parallel ones see each other."""
    start = threading.Barrier(10)
    statuses = []

    def one(i):
        try:
            start.wait()
            statuses.append(sign_up(Client(), f"burst{i}").status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=one, args=(i,)) for i in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(statuses) == [302] * 5 + [429] * 5
    assert get_user_model().objects.filter(username__startswith="burst").count() == 5
