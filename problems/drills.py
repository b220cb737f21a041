"""The drill catalog's writes: validation's findings about each known-wrong variant, kept per
problem version (problems.models.Drill). Who may see a drill is the drills app's business."""

from dataclasses import dataclass

from django.db import transaction

from problems.models import Drill, Problem


@dataclass(frozen=True)
class DrillFinding:
    """What validation found for one variant: offered, or left out and why."""

    problem: str  # slug
    variant: str
    offered: bool
    left_out: str = ""
    hidden_failed: int = 0
    hidden_total: int = 0
    seconds: float | None = None
    judge_failed: bool = False  # an internal error: nothing was learnt about the variant
    benchmark: bool = False  # only an allocation budget sees the bug: the user's test asserts one
    recorded_on: str = ""  # reused from the committed findings (problems/drill_findings.py), judged then
    rounds: int = 1  # how many times it was judged (a race-judged problem's check runs up to 3)


@transaction.atomic
def drills_record(findings) -> int:
    """Store validation's findings, each for the problem version it was checked on; a row that
    already says the same is left alone. Returns how many rows were written."""
    findings = list(findings)
    problems = {p.slug: p for p in Problem.objects.filter(slug__in={f.problem for f in findings})
                .only("id", "slug", "content_hash")}
    existing = {(d.problem_id, d.variant): d for d in Drill.objects.filter(problem__in=problems.values())}
    written = 0
    for f in findings:
        problem = problems[f.problem]
        fields = {"offered": f.offered, "left_out": f.left_out[:300], "hidden_failed": f.hidden_failed,
                  "hidden_total": f.hidden_total, "content_hash": problem.content_hash, "benchmark": f.benchmark}
        row = existing.get((problem.id, f.variant))
        if row is None or any(getattr(row, name) != value for name, value in fields.items()):
            Drill.objects.update_or_create(problem=problem, variant=f.variant, defaults=fields)
            written += 1
    return written
