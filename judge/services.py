"""Every write to a submission happens here. Status changes are guarded updates, so a task
delivered twice can neither judge twice in parallel nor overwrite a finished verdict."""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import InterfaceError, OperationalError, connection, models, transaction
from django.db.models import F
from django.utils import timezone

from judge import feedback
from judge.models import BenchmarkResult, Mode, Submission, SubmissionEvent, TestResult
from judge.judging import judge_code, unavailable_outcome
from judge.limits import submission_limits_check
from judge.progress import progress_clear, progress_reporter_for
from judge.runners import Outcome
from judge.sandbox import SandboxUnavailable, docker_client
from judge.verdicts import Status, Verdict
from problems.code_files import CodeFilesError, split_files

log = logging.getLogger(__name__)

# A second identical submission this soon is a double click, not a new attempt.
DUPLICATE_WINDOW = timedelta(seconds=10)
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


def validate_code(code, *, tests: bool = False) -> str:
    """Text a submission can be judged from (size, encoding, file names)."""
    validate_text(code)
    try:
        split_files(code, tests=tests)
    except CodeFilesError as exc:
        raise ValidationError(str(exc)) from exc
    return code


def validate_text(code) -> str:
    """Text we are willing to store for a user: drafts too, which may be half-typed."""
    if not isinstance(code, str):
        raise ValidationError("Code must be text.")
    if "\x00" in code:
        raise ValidationError("Code must be text; it contains NUL bytes (binary data?).")
    size = len(code.encode("utf-8", errors="surrogatepass"))
    limit = settings.JUDGE["MAX_CODE_BYTES"]
    if size > limit:
        raise ValidationError(f"Code is {size // 1024} KiB; the limit is {limit // 1024} KiB.")
    try:
        code.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValidationError("Code must be valid UTF-8 text.") from exc
    if not code.strip():
        raise ValidationError("Code is empty.")
    return code


def submission_create(*, user, problem, code, mode=Mode.SUBMIT, language="go", custom_tests="",
                      interview=None, now=None) -> Submission:
    """Store a submission as queued and queue its judging once the row is committed.

    `interview`: a mock interview session; the submission is refused (interviews.services.
    InterviewClosed) once it is over or past its deadline (the interviews clock, read once the
    session row is locked: not `now`), and when `problem` is not its current problem.

    `custom_tests`: the user's own test cases, judged with the visible examples by Run
    (ignored by Submit, which judges the hidden suite only).

    Refused with judge.limits.SubmissionRefused (nothing stored) past the user's rate limits
    or the global queue cap; `now` (default: the current time) is the moment they are counted at.
    """
    validate_code(code, tests=problem.writes_tests)
    custom_tests = custom_tests or ""
    if mode != Mode.RUN or problem.writes_tests or not custom_tests.strip():
        custom_tests = ""
    else:
        validate_text(custom_tests)
    if mode not in Mode.values:
        raise ValidationError(f"Mode must be one of {', '.join(Mode.values)}.")
    if language != problem.language:
        raise ValidationError(f"This problem is solved in {problem.language}.")
    with transaction.atomic():
        # One submission at a time per user, so two racing double-clicks see each other.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [7001, user.pk])
        if interview is not None:
            from interviews.services import interview_lock_for_submission

            interview_lock_for_submission(interview=interview, user=user, problem=problem)
        duplicate = (
            Submission.objects.filter(
                user=user, problem=problem, mode=mode, code=code, custom_tests=custom_tests, interview=interview,
                created_at__gte=timezone.now() - DUPLICATE_WINDOW,
            ).order_by("-created_at").first()
        )
        if duplicate is not None:
            duplicate.is_duplicate = True  # for the caller: nothing new was queued
            return duplicate
        # Counted under the lock above, so a user's racing requests cannot both squeeze in.
        submission_limits_check(user=user, now=now or timezone.now())
        submission = Submission.objects.create(
            user=user, problem=problem, code=code, mode=mode, language=language, custom_tests=custom_tests,
            interview=interview,
        )
        SubmissionEvent.objects.create(submission=submission, kind=SubmissionEvent.Kind.CREATED, actor=user)
        transaction.on_commit(lambda: submission_enqueue(submission.pk))
    return submission


def submission_enqueue(submission_id: int, *, countdown=None) -> bool:
    """Hand the judging task to the broker. If the broker is down the row stays queued with
    no enqueued_at, and the sweeper hands it over once the broker is back."""
    from judge.tasks import judge_submission

    try:
        judge_submission.apply_async((submission_id,), countdown=countdown)
    except Exception:
        log.exception("could not queue submission %s; the sweeper will retry", submission_id)
        return False
    Submission.objects.filter(pk=submission_id).update(enqueued_at=timezone.now())
    return True


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
                                                custom_tests=submission.custom_tests,
                                                on_output=progress_reporter_for(submission),
                                                raise_unavailable=True)
    except SandboxUnavailable as exc:
        # Counted only now: the common path costs no query for it.
        waits = SubmissionEvent.objects.filter(submission_id=submission_id, kind=SubmissionEvent.Kind.RETRIED,
                                               detail__startswith=UNAVAILABLE_DETAIL).count()
        if waits < UNAVAILABLE_WAITS and not _engine_answers():
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


def _engine_answers() -> bool:
    try:
        return bool(docker_client().ping())
    except Exception:
        return False


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


def hard_limit_seconds(problem) -> int:
    """Past this a running submission's worker is presumed dead (the sandbox kills at the
    job's wall clock, well before)."""
    return settings.JUDGE["BUILD_SECONDS"] + problem.time_limit_seconds + settings.JUDGE["RUNNING_GRACE_SECONDS"]


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
        "id", "started_at", "problem__time_limit_seconds")
    for sub in running:
        if sub.started_at and sub.started_at + timedelta(seconds=hard_limit_seconds(sub.problem)) < now:
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
        if submission_enqueue(pk):
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
    return [pk for pk in list(waiting) if submission_enqueue(pk)]


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
        transaction.on_commit(lambda: submission_enqueue(submission_id))
    return True


def problem_rejudge_all(*, problem, actor=None) -> int:
    """Rejudge every finished submission of a problem, e.g. after its tests changed."""
    ids = Submission.objects.filter(problem=problem, status=Status.FINISHED).values_list("pk", flat=True)
    return sum(submission_rejudge(submission_id=pk, actor=actor) for pk in list(ids))
