"""The interview's editor keeps its code on the server as the user types (as practice drafts do),
per interview session and problem, so a reload or a second device shows it; and every other page
shows a banner while an interview runs, at no query once warm. Through HTTP, as the browser asks."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from interviews.models import InterviewProblem, InterviewSession, InterviewTemplate
from tests.conftest import HTMX, user_and_client

pytestmark = pytest.mark.django_db(transaction=True)
FIRST, SECOND = "unicode-palindrome", "rotate-left"


@pytest.fixture
def pinned(problems, monkeypatch):
    # Submissions here are never judged: only their code and time matter.
    monkeypatch.setattr("judge.queue.submission_enqueue", lambda submission_id, **kw: True)
    return InterviewTemplate.objects.create(slug="pinned-two", title="Pinned two", duration_minutes=30, slots=[
        {"label": "First", "slugs": [FIRST]}, {"label": "Second", "slugs": [SECOND]}])


def start(client, user) -> InterviewSession:
    assert client.post("/interviews/start/", {"template": "pinned-two"}).status_code == 302
    return InterviewSession.objects.get(user=user, status="active")


def save(client, session, code, slug=FIRST):
    return client.post(f"/interviews/{session.pk}/draft/", {"problem": slug, "code": code}, **HTMX)


def editor_of(client, session) -> str:
    html = client.get(f"/interviews/{session.pk}/").content.decode()
    return html.split('name="code"', 1)[1].split(">", 1)[1].split("</textarea>", 1)[0]


def test_a_draft_survives_a_reload_and_a_second_device(pinned, clock):
    user, laptop = user_and_client("alice")
    session = start(laptop, user)
    answer = save(laptop, session, "package palindrome\n\n// half-way there\n")
    assert answer.status_code == 200 and "Saved" in answer.content.decode() and "<html" not in answer.content.decode()
    assert "// half-way there" in editor_of(laptop, session)

    phone = Client()
    phone.force_login(user)
    assert "// half-way there" in editor_of(phone, session)
    assert f'data-keep-code="{user.pk}:interview:{session.pk}:{FIRST}"' in phone.get(
        f"/interviews/{session.pk}/").content.decode()

    # A Submit within the autosave's delay is newer than the draft: the editor shows what was sent.
    sent = laptop.post(f"/interviews/{session.pk}/submit/", {"problem": FIRST, "code": "package palindrome // sent",
                                                             "mode": "run"}, **HTMX)
    assert sent.status_code == 200
    assert "// sent" in editor_of(phone, session)
    save(phone, session, "package palindrome // typed on the phone")
    assert "// typed on the phone" in editor_of(laptop, session)
    # An emptied editor is a draft too (the starter does not come back).
    assert save(laptop, session, "").status_code == 200
    assert InterviewProblem.objects.get(session=session, position=1).draft == ""


def test_a_draft_is_refused_once_its_problem_or_the_interview_is_over(pinned, clock):
    user, client = user_and_client("bea")
    session = start(client, user)
    assert save(client, session, "package palindrome\x00").status_code == 400
    bad_slug = save(client, session, "package x", slug="no\x00such")
    assert bad_slug.status_code == 409 and "not saved" in bad_slug.content.decode()

    client.post(f"/interviews/{session.pk}/submit/", {"problem": FIRST, "code": "package palindrome", "mode": "submit"})
    assert client.post(f"/interviews/{session.pk}/next/", {"position": 1}).status_code == 302
    late = save(client, session, "package palindrome // after moving on")
    assert late.status_code == 409 and "moved on" in late.content.decode()
    assert save(client, session, "package rotate // second", slug=SECOND).status_code == 200

    clock.now = session.deadline + timedelta(seconds=1)
    over = save(client, session, "package rotate // too late", slug=SECOND)
    assert over.status_code == 409 and "Time is up" in over.content.decode()
    drafts = dict(InterviewProblem.objects.filter(session=session).values_list("problem__slug", "draft"))
    assert drafts == {FIRST: "", SECOND: "package rotate // second"}


def test_only_its_owner_reads_or_writes_an_interview_draft(pinned, clock):
    alice_user, alice = user_and_client("alice")
    _, bob = user_and_client("bob")
    session = start(alice, alice_user)
    save(alice, session, "package palindrome // ALICE-ONLY")
    assert save(bob, session, "package palindrome // BOB").status_code == 404
    assert bob.get(f"/interviews/{session.pk}/").status_code == 404
    assert InterviewProblem.objects.get(session=session, position=1).draft == "package palindrome // ALICE-ONLY"

    signed_out = Client().post(f"/interviews/{session.pk}/draft/", {"problem": FIRST, "code": "x"}, **HTMX,
                               HTTP_HX_CURRENT_URL=f"http://testserver/interviews/{session.pk}/")
    assert signed_out.status_code == 401
    assert f'href="/accounts/login/?next=%2Finterviews%2F{session.pk}%2F"' in signed_out.content.decode()


def banner(client, path="/"):
    html = client.get(path).content.decode()
    return html.split('id="interview-banner"', 1)[1].split("</div>", 1)[0] if 'id="interview-banner"' in html else None


def test_every_page_shows_a_banner_while_an_interview_runs(pinned, clock):
    alice_user, alice = user_and_client("alice")
    _, bob = user_and_client("bob")
    assert banner(alice) is None
    session = start(alice, alice_user)
    for path in ["/", "/problems/", f"/problems/{FIRST}/", "/submissions/", "/interviews/"]:
        shown = banner(alice, path)
        assert shown is not None, path
        assert f'href="/interviews/{session.pk}/"' in shown and "Pinned two" in shown and 'role="timer"' in shown
        assert f'data-deadline="{session.deadline.isoformat(timespec="milliseconds")}"' in shown
    assert ">30:00<" in banner(alice)
    assert banner(alice, f"/interviews/{session.pk}/") is None  # its own page has the full countdown
    assert banner(bob) is None

    # Once warm it costs no query: the answer is in the cache, per user.
    alice.get("/problems/")
    with CaptureQueriesContext(connection) as queries:
        assert banner(alice, "/problems/") is not None
    assert not [q["sql"] for q in queries.captured_queries if "interviews_interviewsession" in q["sql"]]

    clock.now = session.deadline - timedelta(seconds=5)
    assert ">00:05<" in banner(alice)
    clock.now = session.deadline + timedelta(seconds=1)
    assert banner(alice) is None  # past its deadline, whatever the cache says

    clock.now = session.deadline - timedelta(minutes=10)
    assert banner(alice) is not None
    assert alice.post(f"/interviews/{session.pk}/finish/").status_code == 302
    assert banner(alice) is None  # the finish forgot the cached answer at once
    start(alice, alice_user)
    assert banner(alice) is not None  # and the next start shows at once
