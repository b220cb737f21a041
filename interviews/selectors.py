"""Reads of interviews. A session is visible to its own user only (a 404 for anyone else).

The report is computed on read from the session's submissions, never copied: a verdict still
being judged when the interview ended shows as pending and fills in when it arrives."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from django.core.validators import slug_re
from django.db.models import Prefetch
from django.http import Http404

from interviews.draw import NO_DRILLS
from interviews.hooks import drill_round_hooks
from interviews.models import InterviewProblem, InterviewSession, InterviewTemplate
from judge.models import Mode, Submission
from judge.verdicts import Verdict
from problems.drill_parts import drills_offered, review_test_template, variant_code
from problems.models import Drill

PENDING = "pending"  # graded on a submission still being judged
NOT_SUBMITTED = "not_submitted"


def interview_template_list():
    return InterviewTemplate.objects.filter(active=True).order_by("position", "duration_minutes", "slug")


def interview_templates_unavailable(templates) -> dict:
    """{slug: why it cannot start now} of the templates listed that cannot: a code-review round
    while no drill is offered (a fresh database, before validation)."""
    if any(t.is_drill_round for t in templates) and not drills_offered().exists():
        return {t.slug: NO_DRILLS for t in templates if t.is_drill_round}
    return {}


def interview_template_get(slug) -> InterviewTemplate:
    # Anything but a slug is no template. Looked up, a NUL would fail in PostgreSQL (a 500).
    if not isinstance(slug, str) or not slug_re.match(slug):
        raise Http404("No such interview template.")
    try:
        return interview_template_list().get(slug=slug)
    except (InterviewTemplate.DoesNotExist, ValueError, TypeError):
        raise Http404("No such interview template.") from None


def _sessions():
    return InterviewSession.objects.select_related("template").prefetch_related(
        Prefetch("problems", queryset=InterviewProblem.objects.select_related("problem").order_by("position")))


def interview_get_for_user(*, user, interview_id) -> InterviewSession:
    """Someone else's interview is a 404, not a 403 (staff included: they have the admin)."""
    if not user.is_authenticated:
        raise Http404
    try:
        return _sessions().get(pk=interview_id, user=user)
    except (InterviewSession.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def interview_active_for_user(*, user) -> InterviewSession | None:
    if not user.is_authenticated:
        return None
    return _sessions().filter(user=user, status=InterviewSession.Status.ACTIVE).first()


def interview_list_for_user(*, user):
    return _sessions().filter(user=user).order_by("-started_at", "-id")


def interview_current(session) -> InterviewProblem | None:
    return next((p for p in session.problems.all() if p.state == InterviewProblem.State.CURRENT), None)


def interview_counts(session, item) -> dict:
    """{"runs": n, "submits": n} of one problem of this session (a drill's tests count as submits)."""
    modes = list(Submission.objects.filter(interview=session, problem_id=item.problem_id, variant=item.variant)
                 .values_list("mode", flat=True))
    return {"runs": modes.count(Mode.RUN), "submits": modes.count(Mode.SUBMIT) + modes.count(Mode.DRILL)}


def interview_editor_code(session, item) -> str:
    """What the editor shows: the newer of its autosaved draft and the last code sent in this
    interview for this problem (a Submit within the autosave's delay is newer), else the starter
    (for a drill, the test file a review starts from)."""
    last = (Submission.objects.filter(interview=session, problem_id=item.problem_id, variant=item.variant)
            .order_by("-created_at", "-id").values_list("code", "created_at").first())
    if item.draft_saved_at is not None and (last is None or item.draft_saved_at >= last[1]):
        return item.draft
    if last is not None:
        return last[0]
    return review_test_template(item.problem) if item.is_drill else item.problem.starter_code


def interview_drill(item) -> Drill | None:
    """The drill of a code-review round's slot (None for a problem to solve): its id is where
    the user's test goes (the drill path, /review/<id>/submit/ with the interview)."""
    if not item.is_drill:
        return None
    return Drill.objects.filter(problem_id=item.problem_id, variant=item.variant).first()


@dataclass
class ReportRow:
    item: InterviewProblem
    graded: Submission | None  # the last Submit of this problem in the interview (a drill's: its last test)
    runs: int = 0
    submits: int = 0
    time_spent: float | None = None

    @property
    def result(self) -> str:
        """A contract verdict, "pending" (still being judged) or "not_submitted"."""
        if self.graded is None:
            return NOT_SUBMITTED
        if not self.graded.is_done:
            return PENDING
        return self.graded.verdict or self.graded.status

    @property
    def result_label(self) -> str:
        if self.graded is None:
            return "Not reached" if self.item.state == InterviewProblem.State.PENDING else "Not submitted"
        if not self.graded.is_done:
            return "Judging…"
        if self.item.is_drill and self.graded.verdict in (Verdict.ACCEPTED, Verdict.WRONG_ANSWER):
            return "Caught" if self.graded.verdict == Verdict.ACCEPTED else "Not caught"
        return self.graded.get_verdict_display() or self.graded.get_status_display()

    @cached_property
    def bug(self):
        """A drill's bug (its `why` and diff against the reference), once the interview is over:
        never while it runs, nor of a drill never reached (it stays a drill to practise). None for
        a problem to solve."""
        if not self.item.is_drill or self.item.opened_at is None or self.item.session.is_active:
            return None
        return drill_round_hooks.required("reveal")(self.item.problem, self.item.variant)


@dataclass
class Report:
    session: InterviewSession
    rows: list = field(default_factory=list)
    duration: float = 0.0

    @property
    def solved(self) -> int:
        return sum(row.result == "accepted" for row in self.rows)

    @property
    def pending(self) -> bool:
        return any(row.result == PENDING for row in self.rows)

    @property
    def runs(self) -> int:
        return sum(row.runs for row in self.rows)

    @property
    def submits(self) -> int:
        return sum(row.submits for row in self.rows)

    @property
    def rubric(self) -> list:
        """[(key, label, score or None, note)] in the order of its template's rubric."""
        saved = self.session.rubric or {}
        return [(key, label, saved.get(key, {}).get("score"), saved.get(key, {}).get("note", ""))
                for key, label in self.session.template.rubric_criteria]

    @property
    def rubric_max(self) -> int:
        return 4 * len(self.session.template.rubric_criteria)

    @property
    def rubric_total(self) -> int | None:
        scores = [score for _, _, score, _ in self.rubric]
        return sum(scores) if all(scores) else None


def interview_report(*, session, now) -> Report:
    """Per problem: its grade (the last Submit, read live), runs, submits and time on screen; totals."""
    items = list(session.problems.all())
    subs = (Submission.objects.filter(interview=session).defer("code", "compile_output", "judge_log")
            .prefetch_related("benchmarks").order_by("created_at", "id"))
    counts = defaultdict(lambda: {Mode.RUN: 0, Mode.SUBMIT: 0, Mode.DRILL: 0})
    graded = {}
    for sub in subs:
        counts[sub.problem_id][sub.mode] += 1
        if sub.mode in (Mode.SUBMIT, Mode.DRILL):  # a session holds a problem once: as a problem or a drill
            graded[sub.problem_id] = sub  # ordered oldest first: the last one wins
    end = session.finished_at or now
    report = Report(session=session, duration=max(0.0, (end - session.started_at).total_seconds()))
    for item in items:
        report.rows.append(ReportRow(
            item=item, graded=graded.get(item.problem_id), runs=counts[item.problem_id][Mode.RUN],
            submits=counts[item.problem_id][Mode.SUBMIT] + counts[item.problem_id][Mode.DRILL],
            time_spent=item.time_spent(end)))
    return report


def interview_summaries(sessions, *, now) -> list:
    """[(session, report)] for a page of sessions (one submissions query per session)."""
    return [(session, interview_report(session=session, now=now)) for session in sessions]


@dataclass
class InterviewState:
    """One interview as its screen shows it, built once for the page and the API alike: the
    clock, the problems reached, and the current problem while it runs or the report once over."""

    session: InterviewSession
    now: datetime
    problems: list  # every InterviewProblem of the session, in order
    current: InterviewProblem | None  # None once the interview is over
    counts: dict  # {"runs": n, "submits": n} of the current problem ({} once over)

    @property
    def problem_count(self) -> int:
        return len(self.problems)

    @property
    def reached(self) -> list:
        """The problems opened so far (the rest stay hidden until their turn)."""
        return [item for item in self.problems if item.opened_at is not None]

    @property
    def remaining(self) -> float:
        return self.session.remaining(self.now)

    @property
    def is_last(self) -> bool:
        return self.current is not None and self.current.position == self.problem_count

    @property
    def can_next(self) -> bool:
        """Next needs a Submit of the current problem; Skip does not."""
        return self.counts.get("submits", 0) > 0

    @cached_property
    def code(self) -> str | None:
        """What the current problem's editor shows."""
        return interview_editor_code(self.session, self.current) if self.current else None

    @cached_property
    def drill(self) -> Drill | None:
        """The current slot's drill, in a code-review round."""
        return interview_drill(self.current) if self.current else None

    @cached_property
    def drill_code(self) -> str | None:
        """The code under review of the current drill (never the reference, never the hidden suite)."""
        return variant_code(self.current.problem, self.current.variant) if self.drill else None

    @cached_property
    def report(self) -> Report | None:
        return None if self.session.is_active else interview_report(session=self.session, now=self.now)


def interview_state(session, *, now) -> InterviewState:
    """The state of `session` at `now` (read it through interviews.services.interview_load, which
    ends it first if its deadline has passed)."""
    current = interview_current(session) if session.is_active else None
    return InterviewState(session=session, now=now, problems=list(session.problems.all()), current=current,
                          counts=interview_counts(session, current) if current else {})
