"""Finding problems through HTTP: the /problems/ page's GET form and /api/problems/ take the
same filters, combine them, agree on the answer, refuse values no problem has, and a status
filter reads only the asking user's history. The submission history's problem filter too."""

import re
from html import unescape

import pytest
from django.test import Client
from rest_framework.test import APIClient

from judge.models import Mode, Submission
from judge.verdicts import Status, Verdict
from tests.conftest import api_as, user_and_client

pytestmark = pytest.mark.django_db(transaction=True)
RANK = {"easy": 0, "medium": 1, "hard": 2}


def submitted(user, problem, verdict):
    Submission.objects.create(user=user, problem=problem, code="package x", mode=Mode.SUBMIT,
                              status=Status.FINISHED, verdict=verdict)


def page_slugs(client, query="") -> list[str]:
    response = client.get(f"/problems/?{query}")
    assert response.status_code == 200, response.content[:500]
    body = response.content.decode().split("<tbody>", 1)[1]
    return re.findall(r'<td><a href="/problems/([-\w]+)/">', body)


def api_slugs(api, query="") -> list[str]:
    response = api.get(f"/api/problems/?{query}")
    assert response.status_code == 200, response.content[:500]
    return [p["slug"] for p in response.json()]


def expected(problems, keep, sort="step"):
    chosen = [p for p in problems.values() if keep(p)]
    key = (lambda p: (RANK[p.difficulty], p.step, p.slug)) if sort == "difficulty" else (lambda p: (p.step, p.slug))
    return [p.slug for p in sorted(chosen, key=key)]


def test_filters_combine_and_page_and_api_agree(problems):
    anonymous, api = Client(), APIClient()
    some = problems["unicode-palindrome"]
    tag, step = some.tags[0], some.step
    cases = [
        ("", lambda p: True, "step"),
        (f"step={step}", lambda p: p.step == step, "step"),
        ("difficulty=hard", lambda p: p.difficulty == "hard", "step"),
        (f"tag={tag}", lambda p: tag in p.tags, "step"),
        (f"tag={tag}&difficulty={some.difficulty}", lambda p: tag in p.tags and p.difficulty == some.difficulty, "step"),
        ("q=PALINDROME", lambda p: "palindrome" in (p.title + p.statement).lower(), "step"),
        ("difficulty=easy&sort=difficulty", lambda p: p.difficulty == "easy", "difficulty"),
        ("sort=difficulty", lambda p: True, "difficulty"),
        ("q=context&difficulty=medium&sort=difficulty",
         lambda p: "context" in (p.title + p.statement).lower() and p.difficulty == "medium", "difficulty"),
    ]
    for query, keep, sort in cases:
        want = expected(problems, keep, sort)
        assert want, query  # every case picks something, so an empty answer cannot pass
        assert page_slugs(anonymous, query) == want, query
        assert api_slugs(api, query) == want, query


def test_search_reads_the_statement_not_only_the_title(problems):
    # A word of one statement that its title lacks: found through the statement.
    problem = problems["unicode-palindrome"]
    word = next(w for w in re.findall(r"[a-z]{7,}", problem.statement.lower()) if w not in problem.title.lower())
    assert problem.slug in api_slugs(APIClient(), f"q={word}")
    assert problem.slug in page_slugs(Client(), f"q={word}")
    assert page_slugs(Client(), "q=zzzz-no-such-words") == []
    assert "No problem matches" in Client().get("/problems/?q=zzzz-no-such-words").content.decode()


def test_status_is_each_users_own(problems):
    alice, alice_page = user_and_client("alice")
    bob, bob_page = user_and_client("bob")
    alice_api, bob_api = api_as(alice), api_as(bob)
    solved, tried = problems["unicode-palindrome"], problems["rotate-left"]
    submitted(alice, solved, Verdict.WRONG_ANSWER)
    submitted(alice, solved, Verdict.ACCEPTED)
    submitted(alice, tried, Verdict.WRONG_ANSWER)
    everything = expected(problems, lambda p: True)
    rest = [slug for slug in everything if slug not in (solved.slug, tried.slug)]
    for get in (lambda q: page_slugs(alice_page, q), lambda q: api_slugs(alice_api, q)):
        assert get("status=solved") == [solved.slug]
        assert get("status=tried") == [tried.slug]
        assert get("status=new") == rest
        assert get(f"status=new&step={tried.step}") == [s for s in rest if problems[s].step == tried.step]
    for get in (lambda q: page_slugs(bob_page, q), lambda q: api_slugs(bob_api, q)):
        assert get("status=solved") == [] and get("status=tried") == []
        assert get("status=new") == everything


@pytest.mark.parametrize("query, fragment", [
    ("step=99", "No step '99'"), ("step=two", "No step 'two'"), ("difficulty=insane", "Unknown difficulty"),
    ("tag=no-such-tag", "No problem is tagged 'no-such-tag'"), ("status=maybe", "Unknown status"),
    ("sort=title", "Unknown sort"), ("q=a%00b", "q must be"), (f"q={'x' * 101}", "q must be"),
])
def test_unknown_values_are_refused(problems, query, fragment):
    user, client = user_and_client("carol")
    api = api_as(user)
    response = api.get(f"/api/problems/?{query}")
    assert response.status_code == 400 and fragment in response.json()["detail"]
    page = client.get(f"/problems/?{query}")
    assert page.status_code == 400 and fragment in unescape(page.content.decode())


def test_status_needs_a_user(problems):
    response = APIClient().get("/api/problems/?status=solved")
    assert response.status_code == 400 and "Sign in" in response.json()["detail"]
    assert "Sign in" in Client().get("/problems/?status=solved").content.decode()


def test_tags_link_to_the_filtered_list(problems):
    problem = problems["unicode-palindrome"]
    html = Client().get("/problems/").content.decode()
    row = html.split(f'href="/problems/{problem.slug}/"', 1)[1].split("</tr>", 1)[0]
    tag = problem.tags[0]
    assert f'href="/problems/?tag={tag}"' in row
    assert problem.slug in page_slugs(Client(), f"tag={tag}")


def test_the_form_keeps_what_was_asked(problems):
    _user, client = user_and_client("dave")
    html = client.get("/problems/?q=queue&difficulty=hard&status=new&sort=difficulty").content.decode()
    assert 'value="queue"' in html
    for name, value in (("difficulty", "hard"), ("status", "new"), ("sort", "difficulty")):
        select = html.split(f'name="{name}"', 1)[1].split("</select>", 1)[0]
        assert f'value="{value}" selected' in select


def test_filtered_list_query_budget(problems, django_assert_max_num_queries):
    _user, client = user_and_client("erin")
    client.get("/problems/")
    with django_assert_max_num_queries(5):  # user; solved; rows; the text match; what was tried
        assert client.get("/problems/?q=cache&status=new").status_code == 200


def test_history_offers_titles_and_says_when_a_problem_is_unknown(problems):
    user, client = user_and_client("frank")
    problem = problems["rotate-left"]
    submitted(user, problem, Verdict.ACCEPTED)
    html = client.get("/submissions/").content.decode()
    assert f'<option value="{problem.slug}">{problem.title}</option>' in html
    response = client.get(f"/submissions/?problem={problem.slug}")
    assert response.status_code == 200 and f'value="{problem.slug}" selected' in response.content.decode()
    response = client.get("/submissions/?problem=no-such-problem")
    assert response.status_code == 400 and "No problem 'no-such-problem'" in unescape(response.content.decode())
