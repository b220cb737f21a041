"""The signed-in problem page is rendered once per problem version with the user's parts filled
in per request (config/slots.py): it must be exactly the page a full render gives, for every
state a user's workspace can be in, and never carry one user's data into another's page."""

import re

import pytest
from django.shortcuts import render
from django.test import Client

from judge.models import Submission
from judge.verdicts import Status, Verdict
from practice import problem_views
from practice.models import Draft
from tests.conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True)
SLUG = "unicode-palindrome"
URL = f"/problems/{SLUG}/"

# What differs between two requests of the same page: the masked CSRF token and the CSP nonce.
_PER_REQUEST = [
    (re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+'), r"\1T"),
    (re.compile(r'("X-CSRFToken": ")[^"]+'), r"\1T"),
    (re.compile(r'(nonce=")[^"]+'), r"\1N"),
]


def _normalised(html: str) -> str:
    for pattern, replacement in _PER_REQUEST:
        html = pattern.sub(replacement, html)
    return html


def _full_render(request, template_name, *, key, shared, per_request):
    return render(request, template_name, {**shared, **per_request})


def _both(client, path, monkeypatch):
    slotted = client.get(path)
    with monkeypatch.context() as m:
        m.setattr(problem_views, "render_with_slots", _full_render)
        full = client.get(path)
    assert slotted.status_code == full.status_code == 200
    return _normalised(slotted.content.decode()), _normalised(full.content.decode())


def test_the_page_is_what_a_full_render_gives_in_every_state(problems, monkeypatch):
    problem = problems[SLUG]
    user = make_user("slots-user")
    client = Client()
    client.force_login(user)
    # Nothing yet: starter code, no draft, no history.
    slotted, full = _both(client, URL, monkeypatch)
    assert slotted == full and "No submissions yet." in slotted
    # A draft with custom tests, a note, a wrong and then an accepted submission (solved: the
    # Learn panel's placeholder), code with characters to escape.
    Draft.objects.create(user=user, problem=problem, code='package palindrome // <b>"mine"</b> & co',
                         custom_tests="func TestMine(t *testing.T) {}")
    client.post(f"/problems/{SLUG}/notes/", {"text": "try two pointers <script>"})
    wrong = Submission.objects.create(user=user, problem=problem, code="package palindrome", status=Status.FINISHED,
                                      verdict=Verdict.WRONG_ANSWER)
    Submission.objects.create(user=user, problem=problem, code="package palindrome // ok", status=Status.FINISHED,
                              verdict=Verdict.ACCEPTED)
    slotted, full = _both(client, URL, monkeypatch)
    assert slotted == full
    assert "&lt;b&gt;&quot;mine&quot;&lt;/b&gt; &amp; co" in slotted and "TestMine" in slotted
    assert "try two pointers &lt;script&gt;" in slotted and "Solved</span>" in slotted
    # Loading an earlier submission into the editor.
    slotted, full = _both(client, f"{URL}?from={wrong.pk}", monkeypatch)
    assert slotted == full and f"submission #{wrong.pk}" in slotted


def test_another_users_page_has_none_of_the_first_users_parts(problems):
    problem = problems[SLUG]
    alice, bob = make_user("alice-slots"), make_user("bob-slots")
    Draft.objects.create(user=alice, problem=problem, code="package palindrome // alice-draft-7c1")
    mine = Submission.objects.create(user=alice, problem=problem, code="package palindrome", status=Status.FINISHED,
                                     verdict=Verdict.ACCEPTED)
    pages = {}
    for user in (alice, bob):  # alice's request builds the shared part, bob's reuses it
        client = Client()
        client.force_login(user)
        pages[user.username] = client.get(URL).content.decode()
    assert "alice-draft-7c1" in pages["alice-slots"] and "Signed in as <strong>alice-slots" in pages["alice-slots"]
    bob_page = pages["bob-slots"]
    assert "Signed in as <strong>bob-slots" in bob_page
    assert "alice" not in bob_page and f"/submissions/{mine.pk}/" not in bob_page and "Solved</span>" not in bob_page
    assert f'data-split-user="{bob.pk}"' in bob_page and f'data-keep-code="{bob.pk}:problem:{SLUG}"' in bob_page

