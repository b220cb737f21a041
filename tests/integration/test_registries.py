"""The rules a higher app adds to a lower one, end to end through their registries
(docs/architecture.md): the judge's "rejudge all" action in the problems admin."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from judge.models import Mode, Submission, SubmissionEvent
from judge.verdicts import Status, Verdict

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_problems_admin_rejudges_through_the_judges_action(problems, monkeypatch):
    queued = []
    monkeypatch.setattr("judge.queue.submission_enqueue", lambda submission_id, **kw: queued.append(submission_id))
    problem = problems["rotate-left"]
    staff = get_user_model().objects.create_superuser("ops", password="pw-ops-123456")
    finished = Submission.objects.create(user=staff, problem=problem, code=problem.starter_code, mode=Mode.SUBMIT,
                                         status=Status.FINISHED, verdict=Verdict.WRONG_ANSWER)
    client = Client()
    client.force_login(staff)
    response = client.post("/admin/problems/problem/", {"action": "rejudge_all", "_selected_action": [problem.pk]})
    assert response.status_code == 302
    finished.refresh_from_db()
    assert (finished.status, finished.verdict) == (Status.QUEUED, "")
    assert finished.events.get(kind=SubmissionEvent.Kind.REJUDGE).actor == staff
    assert queued == [finished.pk]
