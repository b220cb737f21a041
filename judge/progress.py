"""Live progress of a running submission: phase and tests finished, read off the output
stream as it arrives and kept in the cache for the status partial to show.

Display only: the counts come from untrusted output, so nothing is decided from them.
Cache failures never reach judging (progress is optional); a missing entry shows nothing.
"""

import logging
import re

from django.core.cache import cache

from problems.loader import test_names

log = logging.getLogger(__name__)
# Root's marker lines (judge/runners/go/protocol.py); user output is "|"-prefixed, so a
# marker is only ever found at a line start.
_RUN_MARK = b"\n@@dojo:run@@\n"
_TOP_LEVEL_DONE = re.compile(rb'"Action":"(?:pass|fail)"(?:,"Package":"[^"]*")?,"Test":"(Test\w*)"')
_VARIANT_DONE = re.compile(rb"^@@dojo:variant-end ", re.MULTILINE)
_BENCH = b"\n@@dojo:bench sub "


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
    """Called by the sandbox with the output so far. It scans only what is new (up to the
    last complete line) and publishes when the phase or the count changes: a few dozen
    writes per submission at most, and the last change before a quiet spell (a slow test)
    is never held back by a throttle."""

    def __init__(self, submission_id, *, total: int, variants: bool = False):
        self.key = _key(submission_id)
        self.total = total
        self.variants = variants
        self.scanned = 0
        self.run_at = -1
        self.benchmarks = False
        self.finished = set()
        self.variant_ends = 0
        self.state = None

    def __call__(self, out: bytearray) -> None:
        if self.run_at < 0:
            self.run_at = out.find(_RUN_MARK)
            if self.run_at < 0:
                return self._publish({"phase": "building"})
            self.scanned = self.run_at
        end = out.rfind(b"\n", self.scanned) + 1
        if end > self.scanned:
            # From the newline before the new lines: a marker's own leading "\n" is there.
            new = bytes(out[max(0, self.scanned - 1):end])
            self.scanned = end
            self.finished.update(_TOP_LEVEL_DONE.findall(new))
            self.variant_ends += len(_VARIANT_DONE.findall(new))
            self.benchmarks = self.benchmarks or _BENCH in new
        if self.benchmarks:
            return self._publish({"phase": "benchmarks", "done": self.total, "total": self.total})
        done = self.variant_ends if self.variants else len(self.finished)
        self._publish({"phase": "tests", "done": min(done, self.total), "total": self.total})

    def _publish(self, state: dict) -> None:
        if state == self.state:
            return
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
