"""A submission at an interview's deadline is judged by the time when the session's row lock is
held, on the page and through the API alike: one 50 ms late is refused, even when the request
arrived in time and then waited for the lock (another request holding it) until after the deadline.

Time is injected: `interviews.clock.now` is the one clock interviews read, moved by the test
while the request waits on a real PostgreSQL row lock held by the test."""

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection, transaction

from interviews.models import InterviewSession, InterviewTemplate
from interviews.services import interview_start
from judge.models import Submission
from tests.conftest import HTMX, api_as, make_user, signed_in
from tests.integration.user_data import SLUG, code_with

pytestmark = pytest.mark.django_db(transaction=True)
LATE = timedelta(milliseconds=50)


@pytest.fixture
def session(problems, clock, monkeypatch):
    """An active interview whose current problem is SLUG; submissions stay queued (no judge needed)."""
    monkeypatch.setattr("judge.queue.submission_enqueue", lambda submission_id, **kw: True)
    user = make_user("racer")
    template = InterviewTemplate.objects.create(slug="pinned-one", title="Pinned one", duration_minutes=30,
                                                slots=[{"label": "Only", "slugs": [SLUG]}])
    return interview_start(user=user, template=template, now=clock.now)


def submit_page(session, code):
    return signed_in(session.user).post(f"/interviews/{session.pk}/submit/",
                                        {"problem": SLUG, "code": code, "mode": "submit"}, **HTMX)


def submit_api(session, code):
    return api_as(session.user).post("/api/submissions/", {"problem": SLUG, "code": code, "interview": session.pk},
                                     format="json")


def submit_plain_page(session, code):
    """Without htmx (no script): refused, the interview page again with the code kept."""
    return signed_in(session.user).post(f"/interviews/{session.pk}/submit/", {"problem": SLUG, "code": code, "mode": "submit"})


PATHS = {"page": submit_page, "api": submit_api}
RACING_PATHS = {**PATHS, "plain page": submit_plain_page}


def refused_as_late(response) -> bool:
    return response.status_code == 409 and "Time is up" in response.content.decode()


@pytest.mark.parametrize("path", PATHS)
def test_a_submission_50_ms_after_the_deadline_is_refused(path, session, clock):
    clock.now = session.deadline + LATE
    assert refused_as_late(PATHS[path](session, code_with("RACER", "LATE")))
    assert not Submission.objects.filter(interview=session).exists()


@pytest.mark.parametrize("path", RACING_PATHS)
def test_time_is_read_once_the_session_lock_is_held(path, session, clock):
    """The request arrives 100 ms before the deadline and waits for the session's lock (held here,
    as by a concurrent submission); when it gets it, the deadline is 50 ms past: refused."""
    clock.now = session.deadline - timedelta(milliseconds=100)
    answers = []

    def request():
        try:
            answers.append(RACING_PATHS[path](session, code_with("RACER", "RACE")))
        except BaseException as error:  # shown by the assertion below, not lost in the thread
            answers.append(error)
        finally:
            connection.close()

    with transaction.atomic():
        InterviewSession.objects.select_for_update().get(pk=session.pk)
        racer = threading.Thread(target=request)
        racer.start()
        wait_until_a_query_waits_for_a_lock(racer, answers)
        clock.now = session.deadline + LATE
    racer.join(timeout=30)
    assert len(answers) == 1 and refused_as_late(answers[0]), answers
    if path == "plain page":
        assert "// RACER-RACE" in answers[0].content.decode()  # still in the editor
    assert not Submission.objects.filter(interview=session).exists()


@pytest.mark.parametrize("path", PATHS)
def test_in_time_when_the_lock_comes_before_the_deadline(path, session, clock):
    clock.now = session.deadline - LATE
    response = PATHS[path](session, code_with("RACER", "ON-TIME"))
    assert response.status_code in (200, 201), response.content.decode()[:300]
    assert Submission.objects.filter(interview=session).count() == 1


def wait_until_a_query_waits_for_a_lock(racer, answers, timeout=30.0):
    """Until another connection to this database is blocked on a lock (the request, on the row).
    A request that ended without waiting fails here with what it answered.

    PostgreSQL keeps pg_stat_activity's list of backends for the rest of the transaction once it is
    read, so a request whose pool opened a new connection after the first look was never seen (CI,
    where the pool had shrunk during a long test): the snapshot is dropped before every look."""
    give_up = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < give_up:
            if not racer.is_alive():
                raise AssertionError(f"the request ended without waiting for the session's lock: {answers!r}"
                                     f" {answers[0].content.decode()[:500] if hasattr(answers[0], 'content') else ''}")
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                           "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()")
            if cursor.fetchone()[0]:
                return
            time.sleep(0.02)
    raise AssertionError("the request never waited for the session's lock")
