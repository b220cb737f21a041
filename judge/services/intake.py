"""Taking submissions in: checked, stored as queued, and handed to the queue once committed."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from judge import queue
from judge.hooks import interview_hooks
from judge.limits import submission_limits_check
from judge.models import Mode, Submission, SubmissionEvent
from judge.runners import custom_tests_kept
from problems.code_files import validate_code, validate_text

# A second identical submission this soon is a double click, not a new attempt.
DUPLICATE_WINDOW = timedelta(seconds=10)


def submission_create(*, user, problem, code, mode=Mode.SUBMIT, language="go", custom_tests="",
                      interview=None, variant="", now=None) -> Submission:
    """Store a submission as queued and queue its judging once the row is committed.

    `interview`: a mock interview session; the submission is refused (interviews.services.
    InterviewClosed, through judge.hooks) once it is over or past its deadline (the interviews
    clock, read once the session row is locked: not `now`), and when `problem` is not its
    current problem (in a code-review round, when `variant` is not its current drill).

    `custom_tests`: the user's own test cases, judged with the visible examples by Run
    (ignored by Submit, which judges the hidden suite only).

    `variant`: a drill (mode DRILL; practice's drill service calls this): the known-wrong variant
    of `problem` the user's tests (`code`) must catch.

    Refused with judge.limits.SubmissionRefused (nothing stored) past the user's rate limits
    or the global queue cap; `now` (default: the current time) is the moment they are counted at.
    """
    if mode not in Mode.values:
        raise ValidationError(f"Mode must be one of {', '.join(Mode.values)}.")
    if (mode == Mode.DRILL) != bool(variant) or (variant and (
            problem.writes_tests or variant not in {w["name"] for w in problem.wrong_variants})):
        raise ValidationError("A drill needs one known-wrong variant of a problem solved in code.")
    validate_code(code, tests=problem.writes_tests or mode == Mode.DRILL)
    custom_tests = custom_tests_kept(problem, mode, custom_tests)
    if custom_tests:
        validate_text(custom_tests)
    if language != problem.language:
        raise ValidationError(f"This problem is solved in {problem.language}.")
    with transaction.atomic():
        # One submission at a time per user, so two racing double-clicks see each other.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [7001, user.pk])
        if interview is not None:
            interview_hooks.required("lock_for_submission")(interview=interview, user=user, problem=problem,
                                                            variant=variant)
        duplicate = (
            Submission.objects.filter(
                user=user, problem=problem, mode=mode, code=code, custom_tests=custom_tests, interview=interview,
                variant=variant, created_at__gte=timezone.now() - DUPLICATE_WINDOW,
            ).order_by("-created_at").first()
        )
        if duplicate is not None:
            duplicate.is_duplicate = True  # for the caller: nothing new was queued
            return duplicate
        # Counted under the lock above, so a user's racing requests cannot both squeeze in.
        submission_limits_check(user=user, now=now or timezone.now())
        submission = Submission.objects.create(
            user=user, problem=problem, code=code, mode=mode, language=language, custom_tests=custom_tests,
            interview=interview, variant=variant,
        )
        SubmissionEvent.objects.create(submission=submission, kind=SubmissionEvent.Kind.CREATED, actor=user)
        transaction.on_commit(lambda: queue.submission_enqueue(submission.pk))
    return submission
