"""Work handed back to the queue: lost submissions (the sweeper, a worker starting) and
rejudging. A duplicate task is harmless: the guarded claim (judge/services/worker.py) lets
only one judge a submission."""

from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from judge import queue
from judge.models import BenchmarkResult, Submission, SubmissionEvent, TestResult
from judge.verdicts import Mode, Status


def hard_limit_seconds(problem, mode: str = Mode.SUBMIT) -> int:
    """Past this a running submission's worker is presumed dead (the sandbox kills at the
    job's wall clock, well before). A drill builds and runs the tests twice (reference, variant)."""
    drill = problem.time_limit_seconds + 5 if mode == Mode.DRILL else 0
    return settings.JUDGE["BUILD_SECONDS"] + problem.time_limit_seconds + settings.JUDGE["RUNNING_GRACE_SECONDS"] + drill


def submissions_sweep(*, now=None) -> dict:
    """Hand lost work back to the queue. Run periodically (Celery beat).

    - running past its hard limit: the worker died mid-judging, so back to queued;
    - queued but never handed to the broker (it was down), or handed over long ago and
      never picked up (the broker lost it): hand it over again.
    A duplicate task is harmless: the guarded claim lets only one judge it.
    """
    now = now or timezone.now()
    requeued, resent = [], []
    running = Submission.objects.filter(status=Status.RUNNING).select_related("problem").only(
        "id", "started_at", "mode", "problem__time_limit_seconds")
    for sub in running:
        if sub.started_at and sub.started_at + timedelta(seconds=hard_limit_seconds(sub.problem, sub.mode)) < now:
            with transaction.atomic():
                moved = Submission.objects.filter(pk=sub.pk, status=Status.RUNNING, started_at=sub.started_at).update(
                    status=Status.QUEUED, enqueued_at=None)
                if moved:
                    SubmissionEvent.objects.create(submission_id=sub.pk, kind=SubmissionEvent.Kind.REQUEUED,
                                                   detail="running past its hard limit; worker lost")
                    requeued.append(sub.pk)
    stale = now - timedelta(seconds=settings.JUDGE["QUEUED_RESEND_SECONDS"])
    fresh = now - timedelta(seconds=5)  # leave a just-created row to its own on_commit hook
    waiting = Submission.objects.filter(status=Status.QUEUED).filter(
        models.Q(enqueued_at__isnull=True, created_at__lt=fresh) | models.Q(enqueued_at__lt=stale)
    ).values_list("pk", flat=True)
    for pk in dict.fromkeys([*requeued, *waiting]):  # a requeued row is also waiting: send it once
        if queue.submission_enqueue(pk):
            resent.append(pk)
    return {"requeued": requeued, "resent": resent}


def submissions_resend_taken(*, older_than_seconds: int, now=None) -> list[int]:
    """Hand over again the queued submissions handed to the broker more than `older_than_seconds`
    ago. Called by a worker as it starts, often replacing a killed one: the tasks that one had
    reserved but not begun stay unacknowledged in Redis for the broker's visibility timeout
    (the sweeper's QUEUED_RESEND_SECONDS is long, so as not to duplicate a normal backlog).
    A second delivery of a task still in the queue is a no-op (guarded claim)."""
    since = (now or timezone.now()) - timedelta(seconds=older_than_seconds)
    waiting = Submission.objects.filter(status=Status.QUEUED, enqueued_at__lt=since).values_list("pk", flat=True)
    return [pk for pk in list(waiting) if queue.submission_enqueue(pk)]


def submission_rejudge(*, submission_id: int, actor=None) -> bool:
    """Judge a finished submission again (staff). Returns False if it is not finished."""
    with transaction.atomic():
        moved = Submission.objects.filter(pk=submission_id, status__in=[Status.FINISHED, Status.CANCELLED]).update(
            status=Status.QUEUED, verdict="", message="", compile_output="", judge_log="",
            attempts=0, started_at=None, finished_at=None, enqueued_at=None)
        if not moved:
            return False
        TestResult.objects.filter(submission_id=submission_id).delete()
        BenchmarkResult.objects.filter(submission_id=submission_id).delete()
        SubmissionEvent.objects.create(submission_id=submission_id, kind=SubmissionEvent.Kind.REJUDGE, actor=actor)
        transaction.on_commit(lambda: queue.submission_enqueue(submission_id))
    return True


def problem_rejudge_all(*, problem, actor=None) -> int:
    """Rejudge every finished submission of a problem, e.g. after its tests changed."""
    ids = Submission.objects.filter(problem=problem, status=Status.FINISHED).values_list("pk", flat=True)
    return sum(submission_rejudge(submission_id=pk, actor=actor) for pk in list(ids))
