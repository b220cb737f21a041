"""The worker's side of a submission: claim it, judge it, store its verdict. Status changes are
guarded updates, so a task delivered twice can neither judge twice in parallel nor overwrite a
finished verdict. A Docker Engine or a database that does not answer is waited for."""

import logging
import time

from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import F
from django.utils import timezone

from judge import feedback
from judge.judging import judge_code, unavailable_outcome
from judge.models import BenchmarkResult, Mode, Submission, SubmissionEvent, TestResult
from judge.progress import progress_clear, progress_reporter_for
from judge.runners import Outcome
from judge.sandbox import SandboxUnavailable, engine_answers
from judge.verdicts import Status, Verdict

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
# How long a finished judging run waits for a restarting database before giving up its verdict.
DATABASE_WAIT_SECONDS = 60


# The Docker Engine not answering (restarting, say) is not the submission's fault: it waits
# for the engine this many times, backing off up to 30 s (~3.5 minutes in all), before its
# attempts start to count. An engine that answers but cannot judge (no image) is a judge failure.
UNAVAILABLE_WAITS = 10
UNAVAILABLE_DETAIL = "the judge's Docker Engine is unavailable; waiting for it"


class JudgeRetry(Exception):
    """The judge failed on our side; the task should try again later."""

    def __init__(self, attempt: int, countdown: int | None = None):
        super().__init__(f"attempt {attempt} failed")
        self.countdown = 2**attempt if countdown is None else countdown


def submission_judge(submission_id: int) -> None:
    """Judge one queued submission. Called by the Celery task only."""
    claimed = Submission.objects.filter(pk=submission_id, status=Status.QUEUED).update(
        status=Status.RUNNING, started_at=timezone.now(), attempts=F("attempts") + 1
    )
    if not claimed:
        log.info("submission %s is not queued; nothing to do", submission_id)
        return
    submission = Submission.objects.select_related("problem", "interview__template").get(pk=submission_id)
    container_seconds = None
    try:
        outcome, container_seconds = judge_code(submission.problem, code=submission.code, mode=submission.mode,
                                                name_hint=f"submission-{submission_id}",
                                                custom_tests=submission.custom_tests, variant=submission.variant,
                                                on_output=progress_reporter_for(submission),
                                                raise_unavailable=True)
    except SandboxUnavailable as exc:
        # Counted only now: the common path costs no query for it.
        waits = SubmissionEvent.objects.filter(submission_id=submission_id, kind=SubmissionEvent.Kind.RETRIED,
                                               detail__startswith=UNAVAILABLE_DETAIL).count()
        if waits < UNAVAILABLE_WAITS and not engine_answers():
            _wait_for_the_engine(submission_id, waits, exc)  # raises JudgeRetry
        # The engine is up (a missing image, say), or we waited long enough: a judge failure,
        # counted in attempts.
        outcome = unavailable_outcome(exc)
    except Exception as exc:  # a bug of ours must not leave the row running forever
        log.exception("judging submission %s crashed", submission_id)
        outcome = Outcome(Verdict.INTERNAL_ERROR, "The judge failed; it is not your fault.", judge_log=repr(exc))

    if outcome.verdict == Verdict.INTERNAL_ERROR and submission.attempts < MAX_ATTEMPTS:
        log.warning("submission %s: internal error (attempt %s): %s", submission_id,
                    submission.attempts, outcome.judge_log)
        with transaction.atomic():
            requeued = Submission.objects.filter(pk=submission_id, status=Status.RUNNING).update(
                status=Status.QUEUED, judge_log=outcome.judge_log, enqueued_at=timezone.now()
            )
            if requeued:
                SubmissionEvent.objects.create(submission_id=submission_id, kind=SubmissionEvent.Kind.RETRIED,
                                               detail=f"attempt {submission.attempts} failed on our side")
        raise JudgeRetry(submission.attempts)
    if not shows_failing_case(submission):
        outcome = feedback.names_only(outcome)
    # The verdict cost seconds of judging: if the database is restarting, keep it and wait.
    _when_the_database_answers(lambda: submission_finish(submission_id=submission_id, outcome=outcome,
                                                         container_seconds=container_seconds))


def shows_failing_case(submission) -> bool:
    """Whether a Submit shows its first failing hidden test's message: always in practice; in a
    mock interview as its template says (default: names only). Run shows everything anyway."""
    if submission.mode == Mode.RUN or submission.interview is None:
        return True
    return submission.interview.template.shows_failing_case


def _when_the_database_answers(write, *, seconds: float = DATABASE_WAIT_SECONDS):
    """Run `write`, trying again while the database does not answer (a restart takes seconds)."""
    deadline, pause = time.monotonic() + seconds, 0.5
    while True:
        try:
            return write()
        except (OperationalError, InterfaceError):
            if time.monotonic() + pause > deadline:
                raise  # the task retries later; past the hard limit the sweeper requeues the row
            log.warning("database unavailable; retrying in %.1f s", pause, exc_info=True)
            connection.close()  # the next try opens a fresh connection
            time.sleep(pause)
            pause = min(pause * 2, 5.0)


def _wait_for_the_engine(submission_id: int, waits: int, exc: Exception):
    """Back to the queue without spending one of the submission's attempts."""
    log.warning("submission %s: %s (%s)", submission_id, UNAVAILABLE_DETAIL, exc)
    with transaction.atomic():
        requeued = Submission.objects.filter(pk=submission_id, status=Status.RUNNING).update(
            status=Status.QUEUED, attempts=F("attempts") - 1, judge_log=str(exc)[:2000], enqueued_at=timezone.now())
        if requeued:
            SubmissionEvent.objects.create(submission_id=submission_id, kind=SubmissionEvent.Kind.RETRIED,
                                           detail=f"{UNAVAILABLE_DETAIL} (wait {waits + 1})"[:300])
    raise JudgeRetry(waits + 1, countdown=min(2 ** (waits + 1), 30))


@transaction.atomic
def submission_finish(*, submission_id: int, outcome: Outcome, container_seconds=None) -> bool:
    """Store the verdict of a running submission. Returns False if it was not running."""
    updated = Submission.objects.filter(pk=submission_id, status=Status.RUNNING).update(
        status=Status.FINISHED,
        verdict=outcome.verdict,
        message=outcome.message,
        compile_output=outcome.compile_output,
        judge_log=outcome.judge_log,
        container_seconds=container_seconds,
        finished_at=timezone.now(),
    )
    progress_clear(submission_id)
    if not updated:
        return False
    SubmissionEvent.objects.create(submission_id=submission_id, kind=SubmissionEvent.Kind.FINISHED,
                                   detail=outcome.verdict)
    TestResult.objects.filter(submission_id=submission_id).delete()
    TestResult.objects.bulk_create(
        TestResult(submission_id=submission_id, position=i, name=t.name[:300], status=t.status,
                   duration_ms=t.duration_ms, message=t.message)
        for i, t in enumerate(outcome.tests)
    )
    BenchmarkResult.objects.filter(submission_id=submission_id).delete()
    BenchmarkResult.objects.bulk_create(
        BenchmarkResult(
            submission_id=submission_id, position=i, name=b.name, ns_per_op=b.ns_per_op,
            bytes_per_op=b.bytes_per_op, allocs_per_op=b.allocs_per_op, reference_ns_per_op=b.reference_ns_per_op,
            reference_bytes_per_op=b.reference_bytes_per_op, reference_allocs_per_op=b.reference_allocs_per_op,
            max_time_ratio=b.max_time_ratio, max_allocs_per_op=b.max_allocs_per_op, rounds=b.rounds, passed=b.passed)
        for i, b in enumerate(outcome.benchmarks)
    )
    return True
