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


@transaction.atomic
def drills_record(findings) -> None:
    """Store validation's findings, each for the problem version it was checked on."""
    findings = list(findings)
    problems = {p.slug: p for p in Problem.objects.filter(slug__in={f.problem for f in findings})
                .only("id", "slug", "content_hash")}
    for f in findings:
        problem = problems[f.problem]
        Drill.objects.update_or_create(problem=problem, variant=f.variant, defaults={
            "offered": f.offered, "left_out": f.left_out[:300], "hidden_failed": f.hidden_failed,
            "hidden_total": f.hidden_total, "content_hash": problem.content_hash, "benchmark": f.benchmark})
