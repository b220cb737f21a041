"""The problem page reads its problem from the cache (the load target), and stays right: a
change to the problem shows at once, and signed-in users still see their own draft and history."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from judge.models import Submission
from judge.verdicts import Status, Verdict
from practice.models import Draft
from problems import selectors
from tests.conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True)
SLUG = "unicode-palindrome"
URL = f"/problems/{SLUG}/"


def test_the_anonymous_problem_page_needs_no_sql_once_cached(problems, monkeypatch):
    monkeypatch.setattr(selectors, "LOCAL_SECONDS", 0)  # every request asks Redis, not the process
    cache.clear()
    client = Client()
    for _ in range(2):  # the first starts the catalog version, the second stores the row
        assert client.get(URL).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        page = client.get(URL)
    assert page.status_code == 200 and problems[SLUG].title in page.content.decode()
    assert len(queries) == 0, [q["sql"] for q in queries]


def test_a_changed_problem_shows_at_once(problems):
    client = Client()
    for _ in range(3):
        client.get(URL)
    problem = problems[SLUG]
    problem.title = "Palindromes, rewritten"
    problem.save()
    assert "Palindromes, rewritten" in client.get(URL).content.decode()
    Submission.objects.all().delete()
    problem.delete()
    assert client.get(URL).status_code == 404


def test_signed_in_pages_stay_personal(problems):
    alice, bob = make_user("alice"), make_user("bob")
    problem = problems[SLUG]
    Draft.objects.create(user=alice, problem=problem, code="package palindrome // alice's draft")
    mine = Submission.objects.create(user=alice, problem=problem, code="package palindrome", status=Status.FINISHED,
                                     verdict=Verdict.WRONG_ANSWER)
    pages = {}
    for user in (alice, bob, alice):
        client = Client()
        client.force_login(user)
        pages[user.username] = client.get(URL).content.decode()
    assert "alice&#x27;s draft" in pages["alice"] and f"/submissions/{mine.pk}/" in pages["alice"]
    assert "alice" not in pages["bob"].split("<main", 1)[1] and f"/submissions/{mine.pk}/" not in pages["bob"]


def test_signed_out_visitors_share_the_page_but_not_the_csrf_token(problems):
    import re

    tokens = []
    for _ in range(2):
        visitor = Client(enforce_csrf_checks=True)
        html = visitor.get(URL).content.decode()
        token = re.search(r'"X-CSRFToken": "([^"]+)"', html).group(1)
        assert "placeholder" not in token
        tokens.append(token)
        # The token on the page goes with the cookie this visitor got: a form post is accepted.
        login = visitor.post("/accounts/login/", {"username": "x", "password": "y", "csrfmiddlewaretoken": token})
        assert login.status_code == 200  # the form again, with its error; a bad token would be 403
    assert tokens[0] != tokens[1]
