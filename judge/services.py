"""Every write to a submission happens here. Status changes are guarded updates, so a task
delivered twice can neither judge twice in parallel nor overwrite a finished verdict."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from judge.models import Mode, Submission, TestResult
from judge.runners import Outcome, runner_for
from judge.sandbox import SandboxUnavailable, run_job
from judge.verdicts import Status, Verdict

log = logging.getLogger(__name__)

# A second identical submission this soon is a double click, not a new attempt.
DUPLICATE_WINDOW = timedelta(seconds=10)
MAX_ATTEMPTS = 3


class JudgeRetry(Exception):
    """The judge failed on our side; the task should try again later."""

    def __init__(self, attempt: int):
        super().__init__(f"attempt {attempt} failed")
        self.countdown = 2**attempt


def validate_code(code) -> str:
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


def submission_create(*, user, problem, code, mode=Mode.SUBMIT, language="go") -> Submission:
    """Store a submission as queued and queue its judging once the row is committed."""
    validate_code(code)
    if mode not in Mode.values:
        raise ValidationError(f"Mode must be one of {', '.join(Mode.values)}.")
    if language != problem.language:
        raise ValidationError(f"This problem is solved in {problem.language}.")
    with transaction.atomic():
        # One submission at a time per user, so two racing double-clicks see each other.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [7001, user.pk])
        duplicate = (
            Submission.objects.filter(
                user=user, problem=problem, mode=mode, code=code,
                created_at__gte=timezone.now() - DUPLICATE_WINDOW,
            ).order_by("-created_at").first()
        )
        if duplicate is not None:
            return duplicate
        submission = Submission.objects.create(
            user=user, problem=problem, code=code, mode=mode, language=language
        )
        transaction.on_commit(lambda: submission_enqueue(submission.pk))
    return submission


def submission_enqueue(submission_id: int) -> None:
    from judge.tasks import judge_submission

    try:
        judge_submission.delay(submission_id)
    except Exception:  # the broker is down: the row is safe and stays queued
        log.exception("could not queue submission %s; it stays queued", submission_id)


def submission_judge(submission_id: int) -> None:
    """Judge one queued submission. Called by the Celery task only."""
    claimed = Submission.objects.filter(pk=submission_id, status=Status.QUEUED).update(
        status=Status.RUNNING, started_at=timezone.now(), attempts=F("attempts") + 1
    )
    if not claimed:
        log.info("submission %s is not queued; nothing to do", submission_id)
        return
    submission = Submission.objects.select_related("problem").get(pk=submission_id)
    problem = submission.problem
    runner = runner_for(submission.language)
    container_seconds = None
    try:
        outcome = runner.precheck(problem, submission.code)
        if outcome is None:
            result = run_job(runner.build_job(problem, submission))
            container_seconds = result.wall_seconds
            outcome = runner.interpret(problem, submission, result)
    except SandboxUnavailable as exc:
        outcome = Outcome(Verdict.INTERNAL_ERROR, "The judge is unavailable; your submission will be retried.",
                          judge_log=str(exc))
    except Exception as exc:  # a bug of ours must not leave the row running forever
        log.exception("judging submission %s crashed", submission_id)
        outcome = Outcome(Verdict.INTERNAL_ERROR, "The judge failed; it is not your fault.", judge_log=repr(exc))

    if outcome.verdict == Verdict.INTERNAL_ERROR and submission.attempts < MAX_ATTEMPTS:
        log.warning("submission %s: internal error (attempt %s): %s", submission_id,
                    submission.attempts, outcome.judge_log)
        Submission.objects.filter(pk=submission_id, status=Status.RUNNING).update(
            status=Status.QUEUED, judge_log=outcome.judge_log
        )
        raise JudgeRetry(submission.attempts)
    submission_finish(submission_id=submission_id, outcome=outcome, container_seconds=container_seconds)


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
    if not updated:
        return False
    TestResult.objects.filter(submission_id=submission_id).delete()
    TestResult.objects.bulk_create(
        TestResult(submission_id=submission_id, position=i, name=t.name[:300], status=t.status,
                   duration_ms=t.duration_ms, message=t.message)
        for i, t in enumerate(outcome.tests)
    )
    return True
