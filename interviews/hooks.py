"""Rules of the apps above interviews that interviews apply without importing them.

A code-review round's report reveals each drill's bug (its `why` and its diff against the
reference), which practice builds (practice/review.py); practice sits above interviews
(docs/architecture.md), so it registers the rule here from its AppConfig.ready(), as interviews
does for the judge (judge/hooks.py)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured


@dataclass
class DrillRoundHooks:
    # (problem, variant) -> the bug of that known-wrong variant: an object with `name`, `title`,
    # `why`, `diff` (unified) and `files` (each with `name` and `rows`, as problems/_diff.html shows).
    reveal: Callable | None = None

    def register(self, *, reveal: Callable) -> None:
        self.reveal = reveal

    def required(self, name: str) -> Callable:
        hook = getattr(self, name)
        if hook is None:
            raise ImproperlyConfigured(f"no drill-round hook {name!r} registered (is the practice app installed?)")
        return hook


drill_round_hooks = DrillRoundHooks()
