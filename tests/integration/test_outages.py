"""Our answer when a part we depend on is down: a clear 503, and judging that waits for the
Docker Engine instead of failing the submission. (platform/bench/failure_drill.py restarts the
real services; these are the same paths, reached without disturbing the shared ones.)"""

import pytest
from django.db import connection

from judge.models import Submission, SubmissionEvent
from judge.sandbox import docker_sandbox
from judge.services import UNAVAILABLE_DETAIL, UNAVAILABLE_WAITS, JudgeRetry, submission_judge
from judge.verdicts import Status
from tests.conftest import api_as

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_down():
    """This process's connection points at a port nothing listens on, as while PostgreSQL restarts."""
    port = connection.settings_dict["PORT"]
    connection.close()
    connection.close_pool()  # the next connection comes from a new pool, built with port 1
    connection.settings_dict["PORT"] = 1
    yield
    connection.close()
    connection.close_pool()
    connection.settings_dict["PORT"] = port


def test_api_answers_503_json_while_the_database_is_down(problems, user, database_down):
    api = api_as(user)
    response = api.post("/api/submissions/", {"problem": "rotate-left", "code": "package rotate"}, format="json")
    assert response.status_code == 503
    assert "nothing was saved" in response.json()["detail"]
    assert int(response["Retry-After"]) > 0


def test_a_page_answers_503_while_the_database_is_down(problems, database_down):
    from django.test import Client

    response = Client().get("/problems/rotate-left/")
    assert response.status_code == 503 and "unavailable" in response.content.decode()


def test_an_unreachable_docker_engine_costs_no_attempt(user, problems, settings, monkeypatch):
    settings.DOCKER_HOST = "unix:///nonexistent/dojo-drill.sock"
    monkeypatch.setattr(docker_sandbox, "_client", None)  # the next call connects to DOCKER_HOST
    problem = problems["unicode-palindrome"]
    sub = Submission.objects.create(user=user, problem=problem, code=problem.reference_files["solution.go"])
    for wait in range(1, UNAVAILABLE_WAITS + 1):
        with pytest.raises(JudgeRetry) as retry:
            submission_judge(sub.pk)
        assert retry.value.countdown == min(2**wait, 30)
        sub.refresh_from_db()
        assert (sub.status, sub.attempts) == (Status.QUEUED, 0)  # waiting, not failing
    waits = SubmissionEvent.objects.filter(submission=sub, detail__startswith=UNAVAILABLE_DETAIL).count()
    assert waits == UNAVAILABLE_WAITS
    # Past the waits the engine counts as a judge failure: the usual attempts (then internal_error).
    with pytest.raises(JudgeRetry):
        submission_judge(sub.pk)
    sub.refresh_from_db()
    assert (sub.status, sub.attempts) == (Status.QUEUED, 1)


def test_a_starting_worker_hands_over_again_what_a_killed_one_had_taken(user, problems):
    from datetime import timedelta

    from django.utils import timezone

    from judge.services import submissions_resend_taken

    problem = problems["unicode-palindrome"]
    now = timezone.now()
    taken, fresh, never_sent = (Submission.objects.create(user=user, problem=problem, code=f"package p // {i}")
                                for i in range(3))
    Submission.objects.filter(pk=taken.pk).update(enqueued_at=now - timedelta(seconds=60))
    Submission.objects.filter(pk=fresh.pk).update(enqueued_at=now - timedelta(seconds=10))
    # never_sent (no enqueued_at, the broker was down) is the beat sweeper's; fresh is still in line
    assert submissions_resend_taken(older_than_seconds=30, now=now) == [taken.pk]
    taken.refresh_from_db()
    assert taken.enqueued_at > now - timedelta(seconds=5)
