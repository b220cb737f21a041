"""Reads for the dashboard: a few grouped queries, whatever the size of the history."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Exists, Max, OuterRef, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from judge.models import Mode, Submission
from judge.verdicts import Verdict
from practice.models import SolutionReveal
from problems.drill_parts import drills_offered
from problems.models import Difficulty, Problem

HEATMAP_WEEKS = 26
REVISIT_AFTER_DAYS = 30


@dataclass
class HeatDay:
    day: date
    count: int

    @property
    def label(self) -> str:
        # strftime here, not the |date filter: 182 cells through Django's date formatting
        # cost a third of the page's time.
        return f"{self.day.strftime('%a %-d %b %Y')}: {self.count} submission{'' if self.count == 1 else 's'}"

    @property
    def level(self) -> int:
        """0-4, like the practice calendars users know."""
        return 0 if self.count == 0 else 1 if self.count < 3 else 2 if self.count < 6 else 3 if self.count < 10 else 4


@dataclass
class Revisit:
    slug: str
    title: str
    reason: str
    last_at: object


@dataclass
class ViewedSolution:
    """A problem whose solution the user chose to see before solving it."""
    slug: str
    title: str
    viewed_at: object
    solved: bool  # solved since (an accepted Submit)


@dataclass
class Solved:
    """Solved problems of one difficulty (or of all, difficulty "")."""
    difficulty: str
    label: str
    solved: int = 0
    total: int = 0


@dataclass
class DrillStep:
    """Code-review drills of one step: how many are offered and how many the user caught."""
    step: int
    offered: int = 0
    caught: int = 0


@dataclass
class Dashboard:
    submits: int = 0
    accepted_submits: int = 0
    runs: int = 0
    practice_days: int = 0
    streak: int = 0
    weeks: list = field(default_factory=list)  # lists of 7 HeatDay (None before the range)
    months: list = field(default_factory=list)  # per week: the month it starts, or ""
    revisit: list = field(default_factory=list)
    solved: Solved = field(default_factory=lambda: Solved("", "All"))
    by_difficulty: list = field(default_factory=list)
    next_problem: object = None  # a Problem, or a Revisit once every problem is solved
    viewed_solutions: list = field(default_factory=list)  # ViewedSolution, newest first
    drills: list = field(default_factory=list)  # DrillStep per step that has drills

    @property
    def drills_caught(self) -> int:
        return sum(d.caught for d in self.drills)

    @property
    def drills_offered(self) -> int:
        return sum(d.offered for d in self.drills)

    @property
    def calendar(self) -> list:
        """(month label, week) per column."""
        return list(zip(self.months, self.weeks, strict=True))

    @property
    def is_new(self) -> bool:
        return self.submits + self.runs == 0

    @property
    def accepted_rate(self) -> int | None:
        return round(100 * self.accepted_submits / self.submits) if self.submits else None


def dashboard_for_user(user, *, today: date | None = None) -> Dashboard:
    today = today or timezone.localdate()
    mine = Submission.objects.filter(user=user)
    totals = mine.aggregate(
        submits=Count("id", filter=Q(mode=Mode.SUBMIT)),
        accepted=Count("id", filter=Q(mode=Mode.SUBMIT, verdict=Verdict.ACCEPTED)),
        runs=Count("id", filter=Q(mode=Mode.RUN)),
    )
    board = Dashboard(submits=totals["submits"], accepted_submits=totals["accepted"], runs=totals["runs"])
    _fill_heatmap(board, mine, today)
    board.revisit = _revisit(mine, today)
    _fill_solved(board, user)
    board.viewed_solutions = viewed_solutions(user)
    board.drills = drills_by_step(user)
    return board


def drills_by_step(user) -> list[DrillStep]:
    """Per step, the offered code-review drills and those one of the user's tests caught."""
    caught = set(Submission.objects.filter(user=user, mode=Mode.DRILL, verdict=Verdict.ACCEPTED).order_by()
                 .values_list("problem_id", "variant").distinct())
    steps = {}
    for step, problem_id, variant in drills_offered().values_list("problem__step", "problem_id", "variant"):
        row = steps.setdefault(step, DrillStep(step))
        row.offered += 1
        row.caught += (problem_id, variant) in caught
    return [steps[step] for step in sorted(steps)]


def viewed_solutions(user) -> list:
    """The problems whose solution the user chose to see ("Show solution"), newest first."""
    solved = Submission.objects.filter(user=user, problem_id=OuterRef("problem_id"), mode=Mode.SUBMIT,
                                       verdict=Verdict.ACCEPTED)
    rows = (SolutionReveal.objects.filter(user=user).annotate(solved=Exists(solved)).order_by("-revealed_at", "-id")
            .values_list("problem__slug", "problem__title", "revealed_at", "solved"))
    return [ViewedSolution(*row) for row in rows]


def _fill_solved(board: Dashboard, user) -> None:
    accepted = Submission.objects.filter(user=user, mode=Mode.SUBMIT, verdict=Verdict.ACCEPTED).values("problem_id")
    counts = {row["difficulty"]: row for row in Problem.objects.order_by().values("difficulty").annotate(
        total=Count("id"), solved=Count("id", filter=Q(id__in=accepted)))}
    for value, label in Difficulty.choices:
        row = counts.get(value, {"total": 0, "solved": 0})
        board.by_difficulty.append(Solved(value, label, row["solved"], row["total"]))
    board.solved.solved = sum(s.solved for s in board.by_difficulty)
    board.solved.total = sum(s.total for s in board.by_difficulty)
    # The next step of the course: its first unsolved problem; with all solved, one to revisit.
    board.next_problem = (Problem.objects.exclude(id__in=accepted).order_by("step", "slug")
                          .only("slug", "title", "step", "difficulty").first()
                          or (board.revisit[0] if board.revisit else None))


def _fill_heatmap(board: Dashboard, mine, today: date) -> None:
    # Weeks start on Monday; the last column holds today.
    start = today - timedelta(days=today.weekday()) - timedelta(weeks=HEATMAP_WEEKS - 1)
    counts = dict(mine.filter(created_at__date__gte=start).annotate(day=TruncDate("created_at"))
                  .values("day").annotate(n=Count("id")).values_list("day", "n"))
    board.practice_days = len(counts)
    day = today if counts.get(today) else today - timedelta(days=1)  # today may still come
    while counts.get(day):
        board.streak += 1
        day -= timedelta(days=1)
    for week in range(HEATMAP_WEEKS):
        days = [start + timedelta(weeks=week, days=d) for d in range(7)]
        board.weeks.append([HeatDay(d, counts.get(d, 0)) if d <= today else None for d in days])
        # A column is labelled with the month that starts in it; the first column with its own
        # month too, unless the next month starts too soon for both labels to fit.
        first = next((d for d in days if d.day == 1), days[0] if week == 0 and days[0].day < 15 else None)
        board.months.append(first.strftime("%b") if first else "")


def _revisit(mine, today: date) -> list:
    """Problems tried and never accepted, then those accepted long ago (and not since)."""
    per_problem = (mine.filter(mode=Mode.SUBMIT).values("problem__slug", "problem__title")
                   .annotate(last=Max("created_at"),
                             last_accepted=Max("created_at", filter=Q(verdict=Verdict.ACCEPTED))))
    failed, stale = [], []
    cutoff = today - timedelta(days=REVISIT_AFTER_DAYS)
    for row in per_problem:
        if row["last_accepted"] is None:
            failed.append(Revisit(row["problem__slug"], row["problem__title"], "not solved yet", row["last"]))
        elif timezone.localdate(row["last_accepted"]) < cutoff:
            stale.append(Revisit(row["problem__slug"], row["problem__title"],
                                 f"solved {(today - timezone.localdate(row['last_accepted'])).days} days ago",
                                 row["last_accepted"]))
    failed.sort(key=lambda r: r.last_at, reverse=True)
    stale.sort(key=lambda r: r.last_at)
    return (failed + stale)[:8]
