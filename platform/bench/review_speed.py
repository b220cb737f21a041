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
"""

import os
import statistics
import sys
import time

from common import setup_django  # noqa: E402  (platform/bench/common.py)

setup_django()

from judge.judging import judge_code  # noqa: E402
from judge.models import Mode  # noqa: E402
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


def timed(problem, **kwargs) -> tuple[float, str]:
    started = time.monotonic()
    outcome, _ = judge_code(problem, name_hint=f"bench-review-{problem.slug}", **kwargs)
    return time.monotonic() - started, outcome.verdict


def main() -> int:
    print(f"drill verdict vs Submit, {ROUNDS} rounds each, alternating (seconds from judge call to verdict)")
    for slug, variant, test in CASES:
        problem = Problem.objects.get(slug=slug)
        submits, drills = [], []
        for _ in range(ROUNDS):
            seconds, verdict = timed(problem, code=join_files(problem.reference_files), mode=Mode.SUBMIT)
            assert verdict == "accepted", (slug, "submit", verdict)
            submits.append(seconds)
            seconds, verdict = timed(problem, code=test, mode=Mode.DRILL, variant=variant)
            assert verdict == "accepted", (slug, "drill", verdict)
            drills.append(seconds)
        sub, drill = statistics.median(submits), statistics.median(drills)
        ratio = drill / sub
        print(f"{slug:22} race={str(problem.race):5} Submit p50 {sub:5.2f} s (min {min(submits):.2f})   "
              f"drill p50 {drill:5.2f} s (min {min(drills):.2f})   ratio {ratio:.2f}x "
              f"{'within' if ratio <= TARGET else 'OVER'} {TARGET}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
