"""What an interview's slots draw, at its start: a problem to solve per slot, or, in a code-review
round (a template of kind "drills"), an offered drill per slot (a known-wrong variant of a problem
whose bug the user proves with a test). Never the same problem twice in a session."""

import random
from datetime import timedelta

from interviews import clock
from judge.models import Mode, Submission
from judge.verdicts import Verdict
from problems.drill_parts import drills_offered
from problems.models import Difficulty, Kind, Problem

RECENT_SOLVE_WINDOW = timedelta(days=30)
NO_DRILLS = ("No code-review drills are offered yet, so this round cannot start. Drills are offered once "
             "validation has proven them fair (manage.py validate_problems --drills only).")
# Easy to hard: a drill slot whose difficulty has no drill left takes the nearest one.
_RANK = {Difficulty.EASY: 0, Difficulty.MEDIUM: 1, Difficulty.HARD: 2}


def _matches(problem, slot, *, strict=True) -> bool:
    if slot.get("slugs") and problem.slug not in slot["slugs"]:
        return False
    if slot.get("steps") and problem.step not in slot["steps"]:
        return False
    if not strict:
        return True
    tags = {t.lower() for t in problem.tags}
    wanted = {t.lower() for t in slot.get("tags", [])}
    if wanted and not wanted & tags:
        return False
    if {t.lower() for t in slot.get("exclude_tags", [])} & tags:
        return False
    return not slot.get("difficulties") or problem.difficulty in slot["difficulties"]


def interview_draw_problems(*, user, slots, now=None, rng=None) -> list:
    """[(label, Problem)], one per slot, never the same problem twice.

    Pool: problems matching the slot (any of its tags, none of its exclude_tags, its steps and
    difficulties; test-writing tasks never). If it
    is empty, any problem of the slot's steps; if that is empty too, any problem at all. Within
    the pool, problems the user has not had accepted in the last 30 days come first, then random.
    """
    now = now or clock.now()
    rng = rng or random.SystemRandom()
    candidates = list(Problem.objects.exclude(kind=Kind.TESTS).only("id", "slug", "step", "tags", "difficulty"))
    recent = set(Submission.objects.filter(
        user=user, mode=Mode.SUBMIT, verdict=Verdict.ACCEPTED, created_at__gte=now - RECENT_SOLVE_WINDOW,
    ).values_list("problem_id", flat=True))
    used, picks = set(), []
    for slot in slots:
        free = [p for p in candidates if p.id not in used]
        pool = ([p for p in free if _matches(p, slot)] or [p for p in free if _matches(p, slot, strict=False)]
                or free)
        if not pool:
            continue
        fresh = [p for p in pool if p.id not in recent]
        choice = rng.choice(sorted(fresh or pool, key=lambda p: p.slug))
        used.add(choice.id)
        picks.append((slot.get("label", "")[:120], choice))
    return picks


def interview_draw_drills(*, user, slots, rng=None) -> list:
    """[(label, Drill)], one per slot, each of a different problem.

    Pool: offered drills whose problem matches the slot's tags, steps and slugs (as problems are
    drawn: any problem of its steps, then any, when that is empty), and, within it, those nearest
    the slot's difficulties (the drill's own: easy, medium, hard). Drills the user has already
    caught come last, then random."""
    rng = rng or random.SystemRandom()
    offered = list(drills_offered().select_related("problem"))
    caught = set(Submission.objects.filter(user=user, mode=Mode.DRILL, verdict=Verdict.ACCEPTED)
                 .values_list("problem_id", "variant"))
    used, picks = set(), []
    for slot in slots:
        free = [d for d in offered if d.problem_id not in used]
        by_problem = {**slot, "difficulties": []}  # a slot's difficulties are the drill's, not its problem's
        within = ([d for d in free if _matches(d.problem, by_problem)]
                  or [d for d in free if _matches(d.problem, by_problem, strict=False)] or free)
        if not within:
            continue
        wanted = [_RANK[d] for d in slot.get("difficulties", [])]

        def distance(drill, wanted=wanted):
            return min((abs(_RANK[drill.difficulty] - w) for w in wanted), default=0)

        nearest = min(distance(d) for d in within)
        pool = [d for d in within if distance(d) == nearest]
        fresh = [d for d in pool if (d.problem_id, d.variant) not in caught]
        choice = rng.choice(sorted(fresh or pool, key=lambda d: (d.problem.slug, d.variant)))
        used.add(choice.problem_id)
        picks.append((slot.get("label", "")[:120], choice))
    return picks
