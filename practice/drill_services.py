"""Code-review drills, written for a user: opening a problem's drills unsolved, submitting a
test for a drill (judged as a Submission in mode "drill", judge/runners/go/drill.py), and the
review after a verdict that reveals the bug."""

import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from judge.models import Mode, Submission
from judge.services import submission_create
from practice.drill_selectors import (
    DrillHidden,
    changed_lines,
    drill_access,
    drill_code,
    drill_has_verdict,
    drill_review_get,
)
from practice.models import DrillReview, DrillUnlock

MAX_MARKED_LINES = 40
MAX_EXPLANATION = 200
_LINE_LIST = re.compile(r"^\s*\d+(\s*[,\s]\s*\d+)*\s*$")


def drill_unlock(*, user, problem) -> DrillUnlock:
    """The user chose to review `problem`'s drills before solving it (not inside their interview)."""
    access = drill_access(user=user, problem=problem)
    if access.in_interview:
        raise DrillHidden(access.hidden_reason)
    unlock, _ = DrillUnlock.objects.get_or_create(user=user, problem=problem)
    return unlock


def drill_submit(*, user, drill, code, interview=None) -> Submission:
    """Queue the user's test file for `drill` (its access checked again here: the service is the
    rule, whichever view calls it). Rate limits and double clicks as for any submission.

    `interview`: the user's running code-review round whose current slot is `drill` (the only
    drill open inside an interview). Whether it is still in time, and still current, is decided
    again under the interview's lock (the judge's interview hook): a 409 once it is over."""
    access = drill_access(user=user, problem=drill.problem, variant=drill.variant)
    # An interview that is over: the interview hook refuses it, as every late submission (409).
    over = interview is not None and not interview.is_active
    if not over and not access.may_submit(interview):
        raise DrillHidden("That is not the current drill of this interview (it moved on, perhaps in another tab); "
                          "reload the interview." if interview is not None else access.hidden_reason)
    return submission_create(user=user, problem=drill.problem, code=code, mode=Mode.DRILL, variant=drill.variant,
                             interview=interview)


def parse_lines(value) -> list[int]:
    """Marked lines as a list of ints, or text like "12, 14 15" (the no-script form)."""
    if isinstance(value, str):
        if not _LINE_LIST.match(value):
            raise ValidationError("Mark the lines by their numbers, e.g. 12, 14.")
        value = re.findall(r"\d+", value)
    try:
        return sorted({int(n) for n in value})
    except (TypeError, ValueError) as exc:
        raise ValidationError("Mark the lines by their numbers, e.g. 12, 14.") from exc


def drill_review_save(*, user, drill, lines, explanation) -> DrillReview:
    """After a verdict: the lines the user believes are wrong and why, in one line. Saving it
    reveals the bug, so it is made once; a second call returns the first. `hits` records whether
    the marked lines touch the lines that differ from the reference."""
    access = drill_access(user=user, problem=drill.problem, variant=drill.variant)
    if not access.visible:
        raise DrillHidden(access.hidden_reason)
    existing = drill_review_get(user=user, drill=drill)
    if existing is not None:
        return existing
    if not drill_has_verdict(user=user, drill=drill):
        raise ValidationError("Submit a test first: the lines are marked after its verdict.")
    lines = parse_lines(lines)
    shown = len(drill_code(drill).splitlines())
    if not lines:
        raise ValidationError("Mark at least one line you believe is wrong.")
    if len(lines) > MAX_MARKED_LINES:
        raise ValidationError(f"Mark at most {MAX_MARKED_LINES} lines.")
    if lines[0] < 1 or lines[-1] > shown:
        raise ValidationError(f"The code has lines 1 to {shown}.")
    if not isinstance(explanation, str) or not explanation.strip():
        raise ValidationError("Say in one line what is wrong.")
    explanation = " ".join(explanation.split())
    if len(explanation) > MAX_EXPLANATION or "\x00" in explanation:
        raise ValidationError(f"One line of at most {MAX_EXPLANATION} characters, please.")
    hits = bool(set(lines) & changed_lines(drill))
    try:
        with transaction.atomic():
            return DrillReview.objects.create(user=user, drill=drill, lines=lines, explanation=explanation, hits=hits)
    except IntegrityError:  # a second tab saved first: that one stands
        return drill_review_get(user=user, drill=drill)
