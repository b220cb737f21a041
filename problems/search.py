"""Finding problems: the list's search and filters, read from a request (page or API alike)
and applied to the list's plain rows (slug, title, step, difficulty, tags), so the page and
the API cannot disagree about what matches."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from problems.models import Difficulty

STATUSES = {"solved": "Solved", "tried": "Tried, not solved", "new": "Not tried yet"}
SORTS = {"step": "Step", "difficulty": "Difficulty"}
Q_MAX = 100
_DIFFICULTY_RANK = {value: rank for rank, value in enumerate(Difficulty.values)}


@dataclass(frozen=True)
class ProblemFilters:
    q: str = ""
    step: int | None = None
    difficulty: str = ""
    tag: str = ""
    status: str = ""
    sort: str = "step"

    @property
    def narrowed(self) -> bool:
        return bool(self.q or self.step is not None or self.difficulty or self.tag or self.status)


def problem_filters(params, rows, *, signed_in: bool) -> ProblemFilters:
    """The filters of `params`; a value no problem has raises ValidationError saying so."""
    q = (params.get("q") or "").strip()
    if len(q) > Q_MAX or "\x00" in q:  # PostgreSQL refuses a NUL byte in a text query
        raise ValidationError(f"q must be at most {Q_MAX} characters of text.")
    step = params.get("step") or None
    if step is not None:
        if not step.isdigit() or int(step) not in {row[2] for row in rows}:
            raise ValidationError(f"No step {step!r}; steps go from 1 to {max((r[2] for r in rows), default=0)}.")
        step = int(step)
    difficulty = params.get("difficulty") or ""
    if difficulty and difficulty not in Difficulty.values:
        raise ValidationError(f"Unknown difficulty {difficulty!r}; use easy, medium or hard.")
    tag = params.get("tag") or ""
    if tag and tag not in all_tags(rows):
        raise ValidationError(f"No problem is tagged {tag!r}.")
    status = params.get("status") or ""
    if status and status not in STATUSES:
        raise ValidationError(f"Unknown status {status!r}; use solved, tried or new.")
    if status and not signed_in:
        raise ValidationError("Sign in to filter by status: it is yours.")
    sort = params.get("sort") or "step"
    if sort not in SORTS:
        raise ValidationError(f"Unknown sort {sort!r}; use step or difficulty.")
    return ProblemFilters(q=q, step=step, difficulty=difficulty, tag=tag, status=status, sort=sort)


def all_tags(rows) -> list[str]:
    return sorted({tag for row in rows for tag in row[4]})


def matching_slugs(filters: ProblemFilters, rows, *, text_slugs=None, solved=frozenset(), tried=frozenset()):
    """The slugs of `rows` that pass every filter, in the order asked for. text_slugs: the
    problems whose title or statement contain filters.q (when there is one); tried: every
    problem the user submitted at all."""
    kept = []
    for slug, _title, step, difficulty, tags in rows:
        if (text_slugs is not None and slug not in text_slugs) or \
                (filters.step is not None and step != filters.step) or \
                (filters.difficulty and difficulty != filters.difficulty) or \
                (filters.tag and filters.tag not in tags) or \
                (filters.status and _status(slug, solved, tried) != filters.status):
            continue
        kept.append((step, difficulty, slug))
    if filters.sort == "difficulty":
        kept.sort(key=lambda k: (_DIFFICULTY_RANK.get(k[1], 99), k[0], k[2]))
    else:
        kept.sort(key=lambda k: (k[0], k[2]))
    return [slug for _step, _difficulty, slug in kept]


def _status(slug, solved, tried) -> str:
    return "solved" if slug in solved else "tried" if slug in tried else "new"
