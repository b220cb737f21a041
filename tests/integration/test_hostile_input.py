"""Bad input never gets a 500: every endpoint that reads a body, sent what a client should not send.

On /api/: a lone surrogate (a JSON escape such as "\\ud800", which is no Unicode text), NUL
characters, JSON nested 100,000 deep (the parser stops at 400 levels), wrong types in every
field and for the whole body, broken JSON and unknown content types. Each answer is a 4xx with
JSON {"detail": ...}. With DEBUG off a 500 under /api/ is JSON too (config/api.py), so the
status code is what is asserted, not only the body's shape.

On pages: the form posts (sign-in, sign-up, the admin's sign-in, submitting code, and the other
page forms) with NULs and with bytes that are no UTF-8 (a surrogate's encoding): never a 500.
"""

import json

import pytest
from django.core.cache import cache
from django.test import Client
from rest_framework.test import APIClient

from tests.conftest import HTMX
from tests.integration.user_data import SLUG, code_with, private_data_user

pytestmark = pytest.mark.django_db(transaction=True)

SURROGATE = '"\\ud800"'  # as JSON text: the escape itself, which json.loads turns into a lone surrogate
NUL = '"a\\u0000b"'
DEEP = "[" * 100_000 + "]" * 100_000
NULLABLE = {"interview", "position", "hide_difficulty"}  # null is "none given" there, and valid


@pytest.fixture
def owner(problems, monkeypatch, settings):
    # No sign-in throttling here (0 turns a limit off): every request must reach the code under test.
    settings.LOGIN_THROTTLE = {**settings.LOGIN_THROTTLE, "FAILURES_PER_USER_IP": 0, "FAILURES_PER_IP": 0}
    yield private_data_user("hostile", marker="HOSTILE", problems=problems, monkeypatch=monkeypatch)
    cache.clear()  # failed token requests count towards the sign-in throttle


def endpoints(owner) -> list:
    """(method, url, a good body as {field: JSON text}, its text fields, fields wrong types are tried
    on) for every API endpoint that reads a body."""
    code = json.dumps(code_with("HOSTILE", "NEW"))
    slug = json.dumps(SLUG)
    return [
        ("post", "/api/auth/token/", {"username": '"hostile"', "password": '"wrong"'},
         ["username", "password"], ["username", "password"]),
        ("post", "/api/submissions/", {"problem": slug, "code": code, "mode": '"run"'},
         ["problem", "code", "mode", "language", "custom_tests"],
         ["problem", "code", "mode", "language", "custom_tests", "interview"]),
        ("put", f"/api/problems/{SLUG}/draft/", {"code": code}, ["code", "custom_tests"], ["code", "custom_tests"]),
        ("put", f"/api/problems/{SLUG}/notes/", {"text": '"notes"'}, ["text"], ["text"]),
        ("post", "/api/lessons/1/quiz/1/", {"choice": "0"}, ["choice"], ["choice"]),
        ("post", "/api/interviews/", {"template": '"quick-screen"'}, ["template"], ["template", "hide_difficulty"]),
        # Wrong positions only: a right one would move the interview on.
        ("post", f"/api/interviews/{owner.active_interview.pk}/next/", {"position": "99"}, ["position"],
         ["position"]),
        ("post", f"/api/interviews/{owner.active_interview.pk}/skip/", {"position": "99"}, ["position"],
         ["position"]),
        ("post", f"/api/interviews/{owner.finished_interview.pk}/review/",
         {"rubric": '{"speed": {"score": 3, "note": "fine"}}'}, ["rubric"], ["rubric"]),
    ]


def body(fields: dict) -> str:
    """A JSON object from {name: JSON text}; a name already in quotes is JSON text too."""
    return "{" + ", ".join(f"{name if name.startswith(chr(34)) else json.dumps(name)}: {value}"
                           for name, value in fields.items()) + "}"


def hostile_requests(owner):
    """(what, method, url, raw body, content type, the status it must get: None for any 4xx) for
    every endpoint and every bad input."""
    json_ = "application/json"
    wrong_types = ["5", "-1e999", "true", "[]", "{}", '["a"]', '{"a": "b"}', "null"]
    for method, url, good, text_fields, typed_fields in endpoints(owner):
        for field in text_fields:
            yield f"surrogate in {field}", method, url, body({**good, field: SURROGATE}), json_, 400
            yield f"surrogate in {field}'s name", method, url, body({**good, f'"\\udfff{field}"': '"x"'}), json_, 400
            yield f"NUL in {field}", method, url, body({**good, field: NUL}), json_, None
        for field in typed_fields:
            for value in wrong_types:
                if value == "null" and field in NULLABLE:
                    continue
                yield f"{field}: {value}", method, url, body({**good, field: value}), json_, None
        deep_inside = body({**good, "extra": '{"a": [{"b": ' + SURROGATE + "}]}"})
        yield "surrogate deep inside", method, url, deep_inside, json_, 400
        yield "100,000 deep", method, url, DEEP, json_, 400
        yield "401 deep in a field", method, url, body({**good, text_fields[0]: "[" * 400 + "]" * 400}), json_, 400
        for whole in ["[]", '"text"', "5", "null", '[{"code": "x"}]']:
            yield f"body {whole}", method, url, whole, json_, None
        yield "broken JSON", method, url, '{"code": ', json_, 400
        yield "not UTF-8", method, url, b'{"code": "\xed\xa0\x80"}', json_, 400
        yield "a NUL byte outside strings", method, url, "{\x00}", json_, 400
        for content_type in ["text/plain", "application/xml", "application/json-patch+json", "image/png"]:
            yield content_type, method, url, body(good), content_type, 415
    review = f"/api/interviews/{owner.finished_interview.pk}/review/"
    note = body({"rubric": '{"speed": {"score": 3, "note": ' + SURROGATE + "}}"})
    yield "a rubric note with a surrogate", "post", review, note, json_, 400
    note = body({"rubric": '{"speed": {"score": 3, "note": ' + NUL + "}}"})
    yield "a rubric note with a NUL", "post", review, note, json_, 400


def test_every_body_reading_endpoint_answers_bad_input_with_a_4xx_and_detail(owner):
    api = APIClient(raise_request_exception=False)  # a 500 is an answer to report, not an error here
    api.credentials(HTTP_AUTHORIZATION=f"Token {owner.token}")
    failures = []
    count = 0
    for what, method, url, raw, content_type, expected in hostile_requests(owner):
        response = getattr(api, method)(url, data=raw, content_type=content_type)
        count += 1
        ok = (response.status_code == expected if expected else 400 <= response.status_code < 500)
        ok = ok and response["Content-Type"] == "application/json"
        if ok:
            ok = isinstance(response.json(), dict) and isinstance(response.json().get("detail"), str)
        if not ok:
            failures.append(f"{method.upper()} {url} [{what}]: {response.status_code} {response.content[:200]!r}")
    assert not failures, f"{len(failures)} of {count}:\n" + "\n".join(failures)
    assert count > 300


def test_the_depth_cap_is_400_levels(owner):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {owner.token}")
    url = f"/api/problems/{SLUG}/notes/"
    deep = api.put(url, data='{"text": ' + "[" * 400 + "]" * 400 + "}", content_type="application/json")
    assert deep.status_code == 400 and "nested" in deep.json()["detail"]
    # 400 levels in all (the body's object is one): parsed, then refused by the field for its type.
    fits = api.put(url, data='{"text": ' + "[" * 399 + "]" * 399 + "}", content_type="application/json")
    assert fits.status_code == 400 and "nested" not in fits.json()["detail"]
    assert api.put(url, data='{"text": "still fine"}', content_type="application/json").status_code == 200


def test_a_surrogate_pair_is_text_and_a_lone_one_is_refused_with_a_message(owner):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {owner.token}")
    url = f"/api/problems/{SLUG}/notes/"
    pair = api.put(url, data='{"text": "ok \\ud83d\\ude00"}', content_type="application/json")
    assert pair.status_code == 200 and pair.json()["text"] == "ok \U0001F600"
    lone = api.put(url, data='{"text": "bad \\ud83d"}', content_type="application/json")
    assert lone.status_code == 400 and "surrogate" in lone.json()["detail"]


# --- pages --------------------------------------------------------------------------------

NOT_UTF8 = "%ED%A0%80"  # a lone surrogate's UTF-8-style encoding: no valid UTF-8


def page_forms(owner) -> list:
    """(url, signed in, good form fields) for every page that takes a form post."""
    active, finished = owner.active_interview.pk, owner.finished_interview.pk
    rubric = {f"{key}-score": "3" for key in ("problem_solving", "code_quality", "testing", "communication",
                                              "speed")}
    return [
        ("/accounts/login/", False, {"username": "hostile", "password": "wrong"}),
        ("/accounts/signup/", False, {"username": "newbie", "email": "n@example.com", "password1": "x-Long-pw-41",
                                      "password2": "x-Long-pw-41"}),
        ("/admin/login/", False, {"username": "hostile", "password": "wrong"}),
        (f"/problems/{SLUG}/submit/", True, {"code": code_with("HOSTILE", "PAGE"), "mode": "run",
                                             "custom_tests": "package palindrome\n"}),
        (f"/problems/{SLUG}/draft/", True, {"code": "package palindrome\n", "custom_tests": "x"}),
        (f"/problems/{SLUG}/notes/", True, {"text": "notes"}),
        ("/learn/1/quiz/1/", True, {"choice": "0"}),
        ("/interviews/start/", True, {"template": "quick-screen"}),
        (f"/interviews/{active}/submit/", True, {"problem": SLUG, "code": code_with("HOSTILE", "I"), "mode": "run"}),
        (f"/interviews/{active}/draft/", True, {"problem": SLUG, "code": code_with("HOSTILE", "D")}),
        (f"/interviews/{active}/next/", True, {"position": "99"}),
        (f"/interviews/{active}/skip/", True, {"position": "99"}),
        (f"/interviews/{finished}/review/", True, {**rubric, "speed-note": "fine"}),
    ]


def form_body(fields: dict) -> str:
    from urllib.parse import quote

    return "&".join(f"{quote(name)}={value}" for name, value in fields.items())


def test_page_forms_with_nuls_and_broken_utf8_never_get_a_500(owner):
    signed_in = Client(raise_request_exception=False)
    signed_in.force_login(owner.user)
    failures = []
    for url, needs_user, good in page_forms(owner):
        client = signed_in if needs_user else Client(raise_request_exception=False)
        plain = {name: _quote(value) for name, value in good.items()}
        for field in good:
            for what, value in [("NUL", "a%00b"), ("no UTF-8", NOT_UTF8), ("only NUL", "%00")]:
                for headers in ({}, HTMX):
                    raw = form_body({**plain, field: value})
                    response = client.post(url, data=raw, content_type="application/x-www-form-urlencoded",
                                           **headers)
                    if response.status_code >= 500:
                        failures.append(f"POST {url} [{what} in {field}, {headers}]: {response.status_code}")
        multipart = client.post(url, data={**good, next(iter(good)): "a\x00b"})
        if multipart.status_code >= 500:
            failures.append(f"POST {url} [multipart NUL]: {multipart.status_code}")
    assert not failures, "\n".join(failures)


def _quote(value: str) -> str:
    from urllib.parse import quote

    return quote(value, safe="")
