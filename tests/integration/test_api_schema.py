"""The API against its own OpenAPI schema: schemathesis generates requests for every operation
of the live schema (/api/schema/, through the WSGI app, in process) and checks each answer.

Every generated request goes three ways: as a signed-in user (a token), anonymously, and, for
operations that name objects (an id or slug in the path; problem, interview or template in the
body), again as that user with their real objects, so 200 and 201 bodies are checked too and
not only 404s. Checks: never a 5xx; the status code, content type, headers and body are the
ones the schema declares for that operation; anonymous callers of non-public operations get
401/403.

POST /api/submissions/ is included. The judge is not flooded: the broker hand-over
(judge.queue.submission_enqueue) is replaced for this test, so generated submissions stay
queued in the test database, which the transactional test empties afterwards.
Bounded for CI: MAX_EXAMPLES per operation and generation mode, no deadline.
"""

import pytest
import schemathesis
from django.core.cache import cache
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.integration.user_data import private_data_user

pytestmark = pytest.mark.django_db(transaction=True)

MAX_EXAMPLES = 25
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance]


@pytest.fixture
def owner(problems, monkeypatch):
    yield private_data_user("fuzz", marker="FUZZ", problems=problems, monkeypatch=monkeypatch)
    # Failed token requests count towards the sign-in throttle (in the cache); later tests sign in.
    cache.clear()


@pytest.fixture
def api_schema(owner):
    from config.wsgi import application

    return schemathesis.openapi.from_wsgi("/api/schema/", application)


schema = schemathesis.pytest.from_fixture("api_schema")


def _real_path(case, owner) -> dict:
    """The case's path parameters, pointed at the user's own objects. Moving on acts on the
    active interview (until it ends); finishing and reviewing on the finished one."""
    moves = case.path.endswith(("/skip/", "/next/", "/{interview_id}/"))
    real = {"submission_id": owner.submitted.pk, "slug": owner.problem.slug, "step": 1, "position": 1,
            "drill_id": owner.drill.pk,
            "interview_id": (owner.active_interview if moves else owner.finished_interview).pk}
    return {name: real.get(name, value) for name, value in case.path_parameters.items()}


def _real_body(case, owner):
    """The case's JSON body with its references (problem, interview, template) made real."""
    real = {"problem": owner.problem.slug, "interview": owner.active_interview.pk, "template": "quick-screen"}
    return {**case.body, **{key: value for key, value in real.items() if key in case.body}}


def _is_public(case) -> bool:
    """No security requirement, or an empty one among them: anonymous callers are served."""
    security = case.operation.definition.raw.get("security")
    return not security or {} in security


@schema.parametrize()
# database=None: no .hypothesis/ folder in the checkout; a failure prints its request (curl) instead.
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_every_operation_answers_as_its_schema_says(case, owner):
    auth = {"Authorization": f"Token {owner.token}"}
    response = case.call(headers=auth)
    case.validate_response(response, checks=CHECKS, headers=auth)

    anonymous = case.call()
    case.validate_response(anonymous, checks=CHECKS)

    refers = isinstance(case.body, dict) and {"problem", "interview", "template"} & set(case.body)
    if case.path_parameters or refers:  # once more, on real objects of the user (generated ids rarely are)
        if case.path_parameters:
            case.path_parameters = _real_path(case, owner)
        if refers:
            case.body = _real_body(case, owner)
        response = case.call(headers=auth)
        case.validate_response(response, checks=CHECKS, headers=auth)
        anonymous = case.call()
        case.validate_response(anonymous, checks=CHECKS)
    if not _is_public(case) and ("{" not in case.path or case.path_parameters):
        # A path that matches the route (real ids, or none needed): anonymous is refused before anything.
        assert anonymous.status_code in (401, 403), (case.method, case.path, anonymous.status_code)


def test_schema_and_docs_are_served_without_a_cdn(client):
    schema_response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema_response.status_code == 200
    spec = schema_response.json()
    assert spec["info"]["version"] == "1.0"
    assert "/api/submissions/" in spec["paths"] and "/api/lessons/{step}/quiz/{position}/" in spec["paths"]
    assert not any(path.startswith("/api/v1/") for path in spec["paths"])  # the alias is listed once
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "swagger-ui" in html and "/static/drf_spectacular_sidecar/" in html
    assert "cdn" not in html.lower() and "unpkg" not in html.lower()


def test_the_v1_prefix_is_the_same_api(problems):
    from rest_framework.test import APIClient

    client = APIClient()
    assert client.get("/api/v1/problems/").json() == client.get("/api/problems/").json()
    assert client.get("/api/v1/submissions/").status_code == 401



NASTY = [
    ("get", "/api/submissions/?problem=%00", None),
    ("get", "/api/submissions/?since=0000-01-01&until=9999-12-31", None),
    ("get", "/api/submissions/?page=99999999999999999999", None),
    ("get", "/api/submissions/99999999999999999999/", None),
    ("get", "/api/interviews/99999999999999999999/", None),
    ("get", "/api/lessons/99999999999999999999/", None),
    ("put", "/api/problems/unicode-palindrome/notes/", '{"text": "\\ud800"}'),
    ("put", "/api/problems/unicode-palindrome/notes/", '{"text": "a\\u0000b"}'),
    ("put", "/api/problems/unicode-palindrome/draft/", '{"code": "\\ud800", "custom_tests": "\\udfff"}'),
    ("put", "/api/problems/unicode-palindrome/draft/", '{"code": "package x", "custom_tests": "a\\u0000"}'),
    ("put", "/api/problems/unicode-palindrome/draft/", '[1, 2]'),
    ("put", "/api/problems/unicode-palindrome/notes/", '"text"'),
    ("post", "/api/lessons/1/quiz/1/", '{"choice": 1e400}'),
    ("post", "/api/lessons/1/quiz/1/", '{"choice": 100000000000000000000000000000}'),
    ("post", "/api/submissions/", '{"problem": "unicode-palindrome", "code": "package palindrome", '
                                  '"interview": 100000000000000000000000000000}'),
    ("post", "/api/submissions/", '{"problem": "unicode-palindrome", "code": "package palindrome\\n// \\ud800"}'),
    ("post", "/api/submissions/", '{"problem": "unicode-palindrome", "code": "package palindrome", '
                                  '"mode": "run", "custom_tests": "\\ud800"}'),
    ("post", "/api/interviews/", '{"template": "quick-screen", "hide_difficulty": "maybe"}'),
    ("post", "/api/interviews/", '{"template": "' + "x" * 5000 + '"}'),
    ("post", "/api/interviews/{finished}/review/", '{"rubric": {"speed": {"score": 3, "note": "\\ud800"}}}'),
    ("post", "/api/interviews/{finished}/review/", '{"rubric": {"problem_solving": {"score": 3, "note": "\\ud800"}, '
     '"code_quality": {"score": 3}, "testing": {"score": 3}, "communication": {"score": 3}, "speed": {"score": 3}}}'),
    ("post", "/api/interviews/{active}/skip/", '{"position": 100000000000000000000000000000}'),
    ("post", "/api/auth/token/", '{"username": "a\\u0000", "password": "\\ud800"}'),
]


def test_hostile_input_gets_a_4xx_with_detail(owner):
    """Inputs the generator rarely makes (NUL, lone surrogates, huge numbers): never a 5xx."""
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {owner.token}")
    answers = []
    for method, url, body in NASTY:
        url = url.format(finished=owner.finished_interview.pk, active=owner.active_interview.pk)
        send = getattr(client, method)
        response = send(url, data=body, content_type="application/json") if body else send(url)
        answers.append((method, url[:80], (body or "")[:80], response.status_code))
        assert response.status_code < 500, answers[-1]
        assert response.status_code < 400 or set(response.json()) >= {"detail"}, answers[-1]
    print(*answers, sep="\n")
