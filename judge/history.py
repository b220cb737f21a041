"""Reading the history filters of a request (page or API) into selector arguments."""

from datetime import date

from django.core.exceptions import ValidationError

from judge.models import Mode
from judge.verdicts import Verdict


def history_filters(params) -> dict:
    """{problem_slug, verdict, mode, since, until}; raises ValidationError naming a bad value."""
    verdict = params.get("verdict") or None
    if verdict and verdict not in Verdict.values:
        raise ValidationError(f"Unknown verdict {verdict!r}.")
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
    return {"problem_slug": params.get("problem") or None, "verdict": verdict, "mode": mode,
            "since": dates.get("since"), "until": dates.get("until")}
