"""The REST API of the contract, through HTTP, against the real stack."""

import time

import pytest
from rest_framework.test import APIClient

from tests.conftest import make_user, password_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def api(problems):
    make_user("alice")
    client = APIClient()
    token = client.post("/api/auth/token/", {"username": "alice", "password": password_for("alice")}, format="json")
    assert token.status_code == 200
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.json()['token']}")
    return client


@pytest.fixture
def other_api(problems):
    make_user("bob")
    client = APIClient()
    client.login(username="bob", password=password_for("bob"))
    return client


def test_token_with_wrong_password_is_400_with_detail(problems):
    response = APIClient().post("/api/auth/token/", {"username": "x", "password": "y"}, format="json")
    assert response.status_code == 400
    assert "detail" in response.json()


def test_problem_list_and_detail(api):
    listing = api.get("/api/problems/").json()
    slugs = [p["slug"] for p in listing]
    assert {"unicode-palindrome", "rotate-left", "group-anagrams"} <= set(slugs)
    first = next(p for p in listing if p["slug"] == "unicode-palindrome")
    assert set(first) == {"slug", "title", "step", "difficulty", "tags", "languages"}
    assert first["languages"] == ["go"] and first["step"] == 1
    detail = api.get("/api/problems/unicode-palindrome/").json()
    assert "IsPalindrome" in detail["statement"]
    assert detail["starter"]["go"].startswith("package palindrome") or "package palindrome" in detail["starter"]["go"]
    assert "examples_test.go" in detail["examples"]
    assert api.get("/api/problems/no-such-problem/").status_code == 404


def test_anonymous_cannot_submit(problems):
    response = APIClient().post("/api/submissions/", {"problem": "rotate-left", "code": "x"}, format="json")
    assert response.status_code == 401
    assert "detail" in response.json()


@pytest.mark.parametrize("payload,status,fragment", [
    ({"problem": "no-such-problem", "code": "package x"}, 404, ""),
    ({"problem": "rotate-left", "code": "x" * 200_000}, 400, "limit"),
    ({"problem": "rotate-left", "code": "package rotate\x00\x01"}, 400, "NUL"),
    ({"problem": "rotate-left", "code": "   "}, 400, "empty"),
    ({"problem": "rotate-left", "code": "package rotate", "mode": "fly"}, 400, "mode"),
    ({"problem": "rotate-left", "code": "package rotate", "language": "python"}, 400, "go"),
    ({"code": "package rotate"}, 400, "problem"),
])
def test_bad_submissions_get_clear_4xx(api, payload, status, fragment):
    response = api.post("/api/submissions/", payload, format="json")
    assert response.status_code == status, response.content
    assert fragment.lower() in response.json()["detail"].lower()


def test_submit_and_poll_to_a_verdict(api, celery_worker_process, problems):
    code = problems["unicode-palindrome"].reference_files["solution.go"]
    created = api.post("/api/submissions/", {"problem": "unicode-palindrome", "language": "go", "code": code,
                                             "mode": "submit"}, format="json")
    assert created.status_code == 201
    body = created.json()
    assert body["status"] == "queued" and body["problem"] == "unicode-palindrome"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        detail = api.get(f"/api/submissions/{body['id']}/").json()
        if detail["status"] == "finished":
            break
        time.sleep(0.2)
    assert detail["verdict"] == "accepted", detail["message"]
    assert detail["tests"] and all(set(t) == {"name", "status", "duration_ms", "message"} for t in detail["tests"])
    assert all(t["message"] == "" for t in detail["tests"])
    assert detail["benchmarks"] == [] and detail["code"] == code
    history = api.get("/api/submissions/?problem=unicode-palindrome&verdict=accepted").json()
    assert [s["id"] for s in history["results"]] == [body["id"]]
    assert api.get("/api/submissions/?verdict=nonsense").status_code == 400


def test_users_see_only_their_own_submissions(api, other_api, problems):
    created = api.post("/api/submissions/", {"problem": "rotate-left", "code": "package rotate\n"},
                       format="json").json()
    assert other_api.get(f"/api/submissions/{created['id']}/").status_code == 404
    assert other_api.get("/api/submissions/").json()["results"] == []
    assert api.get(f"/api/submissions/{created['id']}/").status_code == 200


def test_the_history_refuses_an_unknown_problem_rather_than_answer_nothing(api):
    unknown = api.get("/api/submissions/?problem=no-such-problem")
    assert unknown.status_code == 400 and "no-such-problem" in unknown.json()["detail"]
    assert api.get("/api/submissions/?problem=rotate-left").json()["count"] == 0  # known, none of it: fine
