"""Live progress of a running submission: phase and tests finished, read off the output
stream as it arrives and kept in the cache for the status partial to show.

Display only: the counts come from untrusted output, so nothing is decided from them.
Cache failures never reach judging (progress is optional); a missing entry shows nothing.
"""

import logging
import re
import time

from django.core.cache import cache

from problems.loader import test_names

log = logging.getLogger(__name__)
_RUN_MARK = b"@@dojo:run@@\n"
_TOP_LEVEL_DONE = re.compile(rb'"Action":"(?:pass|fail)"(?:,"Package":"[^"]*")?,"Test":"(Test\w*)"')
_VARIANT_DONE = re.compile(rb"^@@dojo:variant-end ", re.MULTILINE)
_BENCH = b"@@dojo:bench sub "
PUBLISH_EVERY_SECONDS = 0.25


def _key(submission_id) -> str:
    return f"judge:progress:{submission_id}"


def progress_get(submission_id) -> dict | None:
    try:
        return cache.get(_key(submission_id))
    except Exception:  # noqa: BLE001 - the cache is optional here
        return None


def progress_clear(submission_id) -> None:
    try:
        cache.delete(_key(submission_id))
    except Exception:  # noqa: BLE001
        pass


class ProgressReporter:
    """Called by the sandbox with the output so far; publishes at most every 0.25 s."""

    def __init__(self, submission_id, *, total: int, variants: bool = False):
        self.key = _key(submission_id)
        self.total = total
        self.variants = variants
        self.last = 0.0
        self.state = None

    def __call__(self, out: bytearray) -> None:
        now = time.monotonic()
        if now - self.last < PUBLISH_EVERY_SECONDS:
            return
        self.last = now
        at = out.find(_RUN_MARK)
        if at < 0:
            state = {"phase": "building"}
        elif out.find(_BENCH, at) >= 0:
            state = {"phase": "benchmarks", "done": self.total, "total": self.total}
        else:
            tail = bytes(out[at:])
            done = len(_VARIANT_DONE.findall(tail)) if self.variants else len(set(_TOP_LEVEL_DONE.findall(tail)))
            state = {"phase": "tests", "done": min(done, self.total), "total": self.total}
        if state != self.state:
            self.state = state
            try:
                cache.set(self.key, state, timeout=600)
            except Exception as exc:  # noqa: BLE001
                log.warning("progress not published: %s", exc)


def progress_reporter_for(submission) -> ProgressReporter:
    problem = submission.problem
    if problem.writes_tests:
        total = 1 + (len(problem.mutants) if submission.mode == "submit" else 0)
        return ProgressReporter(submission.pk, total=total, variants=True)
    if submission.mode == "run":
        total = len(problem.example_test_names) + len(test_names({"my_cases_test.go": submission.custom_tests}))
    else:
        total = len(problem.hidden_test_names)
    return ProgressReporter(submission.pk, total=total)
