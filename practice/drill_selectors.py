"""Code-review drills, read for a user: which are offered, which they may open, and a drill's page.

A drill (problems.models.Drill) is one known-wrong variant of a problem, offered once validation
proved it fair for the problem's current version. It is hidden until the user solved the problem
or chose to review it unsolved (DrillUnlock), and always while the problem is part of their
running interview: a known-wrong variant is most of an answer. One exception: the drill of the
current slot of their running code-review round, which they review inside that interview only (its
test goes in with the interview; its page, its review and its bug stay hidden until the interview
ends, when the interview's report reveals it). The one rule is `drill_access`;
pages, partials and the API all go through it. A drill page never holds the reference solution
or the hidden suite; the bug's `why` and its diff against the reference come only with the
user's own review (DrillReview), after a verdict."""

from dataclasses import dataclass

from django.http import Http404

from config.errors import DomainError
from interviews import clock
from interviews.models import InterviewProblem, InterviewSession
from judge.models import Mode, Submission
from judge.selectors import solved_slugs
from judge.verdicts import Status, Verdict
from practice.models import DrillReview, DrillUnlock
from practice.review import Mistake, review_for
from problems.code_files import join_files
from problems.drill_parts import drills_offered, review_test_template, variant_code, variant_files
from problems.models import Drill


class DrillHidden(DomainError):
    """The drill is not open to this user (yet); the message says why. The API answers 403."""

    status_code = 403


@dataclass(frozen=True)
class DrillAccess:
    signed_in: bool = False
    solved: bool = False
    unlocked: bool = False  # they chose to review the problem's drills unsolved
    in_interview: bool = False
    # The running code-review round whose current slot is this very drill: its test may go in with
    # that interview (whether in time is decided under the interview's lock, by the judge's hook).
    interview_slot: int | None = None

    @property
    def visible(self) -> bool:
        return self.signed_in and not self.in_interview and (self.solved or self.unlocked)

    def may_submit(self, interview=None) -> bool:
        """A test for the drill: in practice where it is visible; with `interview`, only as the
        current drill of that running interview."""
        if interview is None:
            return self.visible
        return self.interview_slot is not None and self.interview_slot == interview.pk

    @property
    def can_unlock(self) -> bool:
        return self.signed_in and not self.in_interview and not self.visible

    @property
    def hidden_reason(self) -> str:
        if not self.signed_in:
            return "Sign in to review code."
        if self.interview_slot is not None:
            return "This drill is the current one of your running interview: review it there. Its bug is revealed " \
                   "in the interview's report."
        if self.in_interview:
            return "This problem is part of your running interview: its drills stay hidden until it ends."
        return "Solve this problem first, or choose to review it unsolved."


def _interview_problem_ids(user) -> set:
    return set(InterviewProblem.objects.filter(
        session__user=user, session__status=InterviewSession.Status.ACTIVE, session__deadline__gt=clock.now(),
    ).values_list("problem_id", flat=True))


def _interview_slot(user, problem, variant) -> int | None:
    """The user's running interview (active; its deadline is the lock's to decide) whose current
    slot is drill `variant` of `problem`."""
    if not variant:
        return None
    return InterviewProblem.objects.filter(
        session__user=user, session__status=InterviewSession.Status.ACTIVE, state=InterviewProblem.State.CURRENT,
        problem=problem, variant=variant,
    ).values_list("session_id", flat=True).first()


def drill_access(*, user, problem, variant="") -> DrillAccess:
    """What `user` may do with `problem`'s drills (with `variant`: that drill's, which may be the
    current slot of their running code-review round)."""
    if not user.is_authenticated:
        return DrillAccess()
    return DrillAccess(
        signed_in=True,
        solved=Submission.objects.filter(user=user, problem=problem, mode=Mode.SUBMIT,
                                         verdict=Verdict.ACCEPTED).exists(),
        unlocked=DrillUnlock.objects.filter(user=user, problem=problem).exists(),
        in_interview=problem.pk in _interview_problem_ids(user),
        interview_slot=_interview_slot(user, problem, variant))


@dataclass(frozen=True)
class DrillRow:
    drill: Drill
    access: DrillAccess
    caught: bool  # one of the user's drill tests caught it
    tried: bool

    @property
    def label(self) -> str:
        """Named by its problem and a number: the variant's own name would give the bug away."""
        return f"{self.drill.problem.title}: bug {self.drill.number}"


def drill_list_for_user(*, user, problem=None) -> list[DrillRow]:
    """Every offered drill (of `problem` only, if given), numbered within each problem, with
    whether the user may open it and whether they caught it."""
    drills = list(drills_offered().select_related("problem").order_by("problem__step", "problem__slug", "id"))
    if problem is not None:
        drills = [d for d in drills if d.problem_id == problem.pk]
    _number(drills)
    solved = solved_slugs(user) if user.is_authenticated else set()
    unlocked = set(DrillUnlock.objects.filter(user=user).values_list("problem_id", flat=True)) \
        if user.is_authenticated else set()
    interview = _interview_problem_ids(user) if user.is_authenticated else set()
    verdicts = {}
    if user.is_authenticated:
        for problem_id, variant, verdict in Submission.objects.filter(user=user, mode=Mode.DRILL).order_by() \
                .values_list("problem_id", "variant", "verdict"):
            verdicts.setdefault((problem_id, variant), set()).add(verdict)
    rows = []
    for d in drills:
        access = DrillAccess(user.is_authenticated, d.problem.slug in solved, d.problem_id in unlocked,
                             d.problem_id in interview)
        seen = verdicts.get((d.problem_id, d.variant), set())
        rows.append(DrillRow(d, access, Verdict.ACCEPTED in seen, bool(seen)))
    return rows


def _number(drills) -> None:
    """Each drill's number within its problem (1, 2, ...), in a stable order."""
    counts = {}
    for d in drills:
        counts[d.problem_id] = counts.get(d.problem_id, 0) + 1
        d.number = counts[d.problem_id]


def drill_get(drill_id) -> Drill:
    """An offered drill, or 404 (unknown, left out by validation, or stale after a catalog change)."""
    drill = drills_offered().select_related("problem").filter(pk=drill_id).first()
    if drill is None:
        raise Http404("No such drill.")
    siblings = list(drills_offered().filter(problem_id=drill.problem_id).order_by("id").values_list("id", flat=True))
    drill.number = siblings.index(drill.pk) + 1
    return drill


def drill_get_for_user(*, user, drill_id) -> tuple[Drill, DrillAccess]:
    """The drill if `user` may open it; DrillHidden (403, with the reason) if not yet; 404 if it
    is not offered at all."""
    drill = drill_get(drill_id)
    access = drill_access(user=user, problem=drill.problem, variant=drill.variant)
    if not access.visible:
        raise DrillHidden(access.hidden_reason)
    return drill, access


# -- a drill's page ---------------------------------------------------------------------------

def drill_code(drill) -> str:
    """The variant's code as the page shows it: one file, or `-- name.go --` sections."""
    return variant_code(drill.problem, drill.variant)


def drill_test_template(drill) -> str:
    return review_test_template(drill.problem)


def drill_submissions(*, user, drill) -> list[Submission]:
    return list(Submission.objects.filter(user=user, problem=drill.problem, mode=Mode.DRILL, variant=drill.variant)
                .order_by("-created_at", "-id")[:10])


def drill_has_verdict(*, user, drill) -> bool:
    return Submission.objects.filter(user=user, problem=drill.problem, mode=Mode.DRILL, variant=drill.variant,
                                     status=Status.FINISHED).exists()


def drill_review_get(*, user, drill) -> DrillReview | None:
    return DrillReview.objects.filter(user=user, drill=drill).first()


def drill_mistake(drill) -> Mistake:
    """The bug itself: the variant's `why` and its diff against the reference. Only for a user's
    own saved review (practice.drill_services.drill_review_save decides when), or in the report
    of their finished code-review round (interviews.hooks)."""
    return variant_mistake(drill.problem, drill.variant)


def variant_mistake(problem, variant) -> Mistake:
    return next(m for m in review_for(problem).mistakes if m.name == variant)


def changed_lines(drill) -> set[int]:
    """The lines of the code as the page shows it (drill_code) that differ from the reference; a
    removal counts the lines either side of it."""
    files = variant_files(drill.problem, drill.variant)
    offsets = _line_offsets(files)
    lines = set()
    for diff in drill_mistake(drill).files:
        offset = offsets.get(diff.name)
        if offset is None:
            continue  # a file only the reference has: its removal shows nowhere in the variant
        last_new = 0
        pending_removal = False
        for row in diff.rows:
            if row.kind == "added":
                lines.add(offset + row.new_number)
            elif row.kind == "removed":
                pending_removal = True
                if last_new:
                    lines.add(offset + last_new)
            if row.new_number is not None:
                if pending_removal and row.kind != "removed":
                    lines.add(offset + row.new_number)
                    pending_removal = False
                last_new = row.new_number
    return lines


def _line_offsets(files: dict) -> dict:
    """Where each file's line 1 sits in join_files(files), less one."""
    if len(files) == 1 and join_files(files) in files.values():  # one plain file, shown as is
        return {name: 0 for name in files}
    offsets, line = {}, 0
    for name, source in sorted(files.items()):
        line += 1  # the `-- name.go --` header
        offsets[name] = line
        line += len(source.splitlines())
    return offsets
