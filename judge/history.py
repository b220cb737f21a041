"""Reading the history filters of a request (page or API) into selector arguments."""

import re
from datetime import date

from django.core.exceptions import ValidationError

from judge.models import Mode
from judge.verdicts import Verdict

# What a problem slug can be; anything else (a NUL byte, which PostgreSQL refuses, included) is a 400.
_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,80}")


def history_filters(params) -> dict:
    """{problem_slug, verdict, mode, since, until}; raises ValidationError naming a bad value."""
    verdict = params.get("verdict") or None
    if verdict and verdict not in Verdict.values:
        raise ValidationError(f"Unknown verdict {verdict!r}.")
    problem = params.get("problem") or None
    if problem and not _SLUG.fullmatch(problem):
        raise ValidationError("problem must be a problem's slug, like rotate-left.")
    mode = params.get("mode") or None
    if mode and mode not in Mode.values:
        raise ValidationError(f"Unknown mode {mode!r}; use run or submit.")
    dates = {}
    for key in ("since", "until"):
        value = params.get(key) or None
        if value:
            try:
                dates[key] = date.fromisoformat(value)
            except ValueError:
                raise ValidationError(f"{key} must be a date like 2026-01-31.") from None
    return {"problem_slug": problem, "verdict": verdict, "mode": mode,
            "since": dates.get("since"), "until": dates.get("until")}
