"""Handing a submission's judging to the broker. The services call this; the task lives above
them (judge/tasks.py calls the services), so it is sent by name and nothing here imports it."""

import logging

from django.utils import timezone

from config.celery import app
from judge.models import Submission

log = logging.getLogger(__name__)

# judge.tasks.judge_submission's name (tests/unit/test_layers.py checks that they agree).
JUDGE_TASK = "judge.tasks.judge_submission"


def submission_enqueue(submission_id: int, *, countdown=None) -> bool:
    """Hand the judging task to the broker. If the broker is down the row stays queued with
    no enqueued_at, and the sweeper hands it over once the broker is back."""
    try:
        app.send_task(JUDGE_TASK, args=(submission_id,), countdown=countdown)
    except Exception:
        log.exception("could not queue submission %s; the sweeper will retry", submission_id)
        return False
    Submission.objects.filter(pk=submission_id).update(enqueued_at=timezone.now())
    return True
