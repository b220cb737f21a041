"""Thin Celery tasks: each takes ids and calls a service. The services queue judging by this
task's name (judge/queue.py), so they never import this module."""

import logging
import time

from celery import shared_task
from celery.signals import worker_process_shutdown, worker_ready
from django.conf import settings
from django.db import InterfaceError, OperationalError

from judge.services import JudgeRetry, submission_judge, submissions_resend_taken, submissions_sweep

log = logging.getLogger(__name__)
_last_reap = 0.0
# At worker start, queued submissions handed to the broker longer ago than this are sent again.
WORKER_START_RESEND_SECONDS = 30


@shared_task(bind=True, max_retries=16)  # judge/services/worker.py: engine waits + attempts
def judge_submission(self, submission_id: int):
    try:
        submission_judge(submission_id)
    except JudgeRetry as exc:
        raise self.retry(countdown=exc.countdown) from exc
    except (OperationalError, InterfaceError) as exc:
        # The database is restarting: the guarded claim makes a second try harmless.
        raise self.retry(countdown=5) from exc
    finally:
        _reap_now_and_then()


@shared_task
def sweep_submissions():
    return submissions_sweep()


def _reap_now_and_then():
    """Each worker host cleans its own Docker Engine; one beat task could reach only one host."""
    global _last_reap
    if time.monotonic() - _last_reap < 60:
        return
    _last_reap = time.monotonic()
    _reap()


def _reap():
    from judge.sandbox import reap_containers

    try:
        removed = reap_containers(settings.JUDGE["REAP_AFTER_SECONDS"])
    except Exception:  # the engine may be down; judging will say so loudly enough
        log.exception("reaping leftover containers failed")
        return
    if removed:
        log.warning("removed %s leftover judge containers", removed)


@worker_ready.connect
def _reap_at_start(**kwargs):
    _reap()
    # A worker starting is often one replacing a killed one: the tasks it had reserved are
    # stuck in Redis until the visibility timeout. A second delivery is a no-op (guarded claim).
    try:
        resent = submissions_resend_taken(older_than_seconds=WORKER_START_RESEND_SECONDS)
    except Exception:  # the database may be down; beat's sweeper will do it later
        log.exception("resending at worker start failed")
        return
    if resent:
        log.warning("worker start: handed %s waiting submissions to the queue again", len(resent))


@worker_process_shutdown.connect
def _drain_warm_sandbox(**kwargs):
    """A pool process exits without running atexit hooks; remove its waiting sandbox now."""
    from judge.sandbox.docker_sandbox import warm_sandbox

    warm_sandbox.drain()
