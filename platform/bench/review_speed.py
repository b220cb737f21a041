"""A code-review drill's verdict against a normal Submit of the same problem (issue 15's goal:
a drill verdict within 1.5x of a Submit). Run with `make bench-review`; it prints figures and
asserts nothing.

Both go through the judge as the worker calls it (judge.judging.judge_code: the runner, one
sandbox container each), one at a time, alternating, so the machine's load falls on both alike:
  - Submit: the reference solution against the hidden suite (and the benchmarks, where the
    problem has them, as a Submit does);
  - drill: a user's small test file that catches the variant (`--variants`: the reference and the
    variant each built and run; -race where the problem is race-judged).
The database is only read (the problems, loaded by setup).

Each verdict's CPU is also printed: the seconds its container used (its cgroup's counter, read
as the output arrives, up to the judge's end line). Unlike the wall time, it hardly changes with
what else runs on the machine, so before/after comparisons hold on a busy one too.
"""

import contextlib
import itertools
import os
import statistics
import sys
import time
from pathlib import Path

from common import setup_django  # noqa: E402  (platform/bench/common.py)

setup_django()

from judge.judging import judge_code  # noqa: E402
from judge.models import Mode  # noqa: E402
from judge.sandbox.docker_sandbox import docker_client  # noqa: E402
from problems.code_files import join_files  # noqa: E402
from problems.models import Problem  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_REVIEW_ROUNDS", "8"))
TARGET = 1.5
# (problem, variant, a test that catches it)
CASES = [
    ("unicode-palindrome", "keeps-marks", '''package palindrome

import "testing"

func TestMarksAreSkipped(t *testing.T) {
	if !IsPalindrome("ab\\u0301a") {
		t.Fatal("a combining mark is neither a letter nor a digit")
	}
}
'''),
    ("safe-counter", "unlocked-load", '''package safecounter

import (
	"sync"
	"testing"
)

func TestConcurrentIncAndLoad(t *testing.T) {
	c := NewSafeCounter()
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 200; j++ {
				c.Inc("k")
				_ = c.Load("k")
			}
		}()
	}
	wg.Wait()
}
'''),
]


_calls = itertools.count()
# A container's CPU counter (cgroupfs driver, cgroup v1 or v2), in seconds.
_CGROUP_CPU = (("/sys/fs/cgroup/cpuacct/docker/{id}/cpuacct.usage", lambda text: int(text) / 1e9),
               ("/sys/fs/cgroup/docker/{id}/cpu.stat", lambda text: int(text.split()[1]) / 1e6))


class ContainerCpu:
    """The sandbox's output callback: the CPU its container has used, read on every chunk (the
    container is removed right after the verdict, its counter with it)."""

    def __init__(self, name: str):
        self.name = name
        self.path, self.parse, self.seconds = None, None, None

    def __call__(self, _out) -> None:
        if self.path is None:
            found = docker_client().containers.list(filters={"name": self.name}, sparse=True)
            candidates = [(pattern.format(id=found[0].id), parse) for pattern, parse in _CGROUP_CPU] if found else []
            self.path, self.parse = next(((Path(path), parse) for path, parse in candidates if Path(path).exists()),
                                         ("", None))
        if self.path:
            with contextlib.suppress(OSError, ValueError, IndexError):  # gone: keep the last reading
                self.seconds = self.parse(self.path.read_text())


def timed(problem, **kwargs) -> tuple[float, float | None, str]:
    """(seconds from the judge call to the verdict, CPU seconds of its container, verdict)."""
    name = f"bench-review-{problem.slug}-{next(_calls)}-{os.getpid()}"
    cpu = ContainerCpu(name)
    started = time.monotonic()
    outcome, _ = judge_code(problem, name_hint=name, on_output=cpu, **kwargs)
    return time.monotonic() - started, cpu.seconds, outcome.verdict


def p50(values) -> str:
    known = [v for v in values if v is not None]
    return f"{statistics.median(known):4.2f}" if known else " n/a"


def main() -> int:
    print(f"drill verdict vs Submit, {ROUNDS} rounds each, alternating (seconds from judge call to verdict; "
          "CPU: seconds used inside the judge's container)")
    for slug, variant, test in CASES:
        problem = Problem.objects.get(slug=slug)
        submits, drills, submit_cpu, drill_cpu = [], [], [], []
        for _ in range(ROUNDS):
            seconds, cpu, verdict = timed(problem, code=join_files(problem.reference_files), mode=Mode.SUBMIT)
            assert verdict == "accepted", (slug, "submit", verdict)
            submits.append(seconds)
            submit_cpu.append(cpu)
            seconds, cpu, verdict = timed(problem, code=test, mode=Mode.DRILL, variant=variant)
            assert verdict == "accepted", (slug, "drill", verdict)
            drills.append(seconds)
            drill_cpu.append(cpu)
        sub, drill = statistics.median(submits), statistics.median(drills)
        ratio = drill / sub
        print(f"{slug:22} race={str(problem.race):5} Submit p50 {sub:5.2f} s (min {min(submits):.2f}, "
              f"CPU {p50(submit_cpu)} s)   drill p50 {drill:5.2f} s (min {min(drills):.2f}, CPU {p50(drill_cpu)} s)   "
              f"ratio {ratio:.2f}x {'within' if ratio <= TARGET else 'OVER'} {TARGET}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
