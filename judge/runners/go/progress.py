"""Live progress of a Go judge run: phase and tests finished, read off the output stream as
it arrives (judge/runners/go/protocol.py's markers) and handed to a `publish` callable.

Display only: the counts come from untrusted output, so nothing is decided from them.
"""

import re

from judge.runners.base import custom_tests_kept
from judge.runners.go.protocol import BENCH_SUB_LINE, CUSTOM_TESTS_FILE, RUN_LINE, VARIANT_END_LINE
from judge.verdicts import Mode
from problems.loader import test_names

# A top-level test's end, as test2json reports it (escaped by dojo-jail: after a "|").
_TOP_LEVEL_DONE = re.compile(rb'"Action":"(?:pass|fail)"(?:,"Package":"[^"]*")?,"Test":"(Test\w*)"')


class OutputProgress:
    """Called by the sandbox with the output so far. It scans only what is new (up to the
    last complete line) and publishes a state dict when the phase or the count changes: a
    few dozen calls per submission at most, and the last change before a quiet spell (a slow
    test) is never held back by a throttle."""

    def __init__(self, publish, *, total: int, variants: bool = False):
        self.publish = publish
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
            self.run_at = out.find(RUN_LINE)
            if self.run_at < 0:
                return self._publish({"phase": "building"})
            self.scanned = self.run_at
        end = out.rfind(b"\n", self.scanned) + 1
        if end > self.scanned:
            # From the newline before the new lines: a marker's own leading "\n" is there.
            new = bytes(out[max(0, self.scanned - 1):end])
            self.scanned = end
            self.finished.update(_TOP_LEVEL_DONE.findall(new))
            self.variant_ends += new.count(VARIANT_END_LINE)
            self.benchmarks = self.benchmarks or BENCH_SUB_LINE in new
        if self.benchmarks:
            return self._publish({"phase": "benchmarks", "done": self.total, "total": self.total})
        done = self.variant_ends if self.variants else len(self.finished)
        self._publish({"phase": "tests", "done": min(done, self.total), "total": self.total})

    def _publish(self, state: dict) -> None:
        if state != self.state:
            self.state = state
            self.publish(state)


def output_progress(problem, mode: str, custom_tests: str, publish) -> OutputProgress:
    """The progress reader for one job: how many tests (or implementations) it will report."""
    if mode == Mode.DRILL:  # the reference and the one known-wrong variant
        return OutputProgress(publish, total=2, variants=True)
    if problem.writes_tests:
        total = 1 + (len(problem.mutants) if mode == Mode.SUBMIT else 0)
        return OutputProgress(publish, total=total, variants=True)
    if mode == Mode.RUN:
        own = custom_tests_kept(problem, mode, custom_tests)
        total = len(problem.example_test_names) + len(test_names({CUSTOM_TESTS_FILE: own}))
    else:
        total = len(problem.hidden_test_names)
    return OutputProgress(publish, total=total)
