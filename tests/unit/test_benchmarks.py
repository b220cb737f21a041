"""Judging the benchmark phase (docs/judge-protocol.md) from synthetic runs. Splitting the
stream into runs is judge/runners/go/protocol.py's (tests/unit/test_protocol.py)."""

from types import SimpleNamespace

import pytest

from judge.runners.go.benchmarks import BenchmarkTampering, compare, parse_results
from judge.runners.go.runner import GoRunner
from judge.sandbox.job import SandboxResult
from judge.verdicts import Verdict


def line(name, ns, allocs=0, b=0):
    return f"{name}   \t    1000\t     {ns} ns/op\t     {b} B/op\t       {allocs} allocs/op\n"


def phase(sub_ns, ref_ns, rounds=3, sub_allocs=0):
    """{(side, round): that run's output}, as protocol.parse delimits them."""
    segments = {}
    for r in range(1, rounds + 1):
        segments[("sub", r)] = "goos: linux\n" + line("BenchmarkA", sub_ns[r - 1], sub_allocs) + "PASS\n"
        segments[("ref", r)] = line("BenchmarkA", ref_ns[r - 1]) + "PASS\n"
    return segments


def judge(segments, rounds=3, ratio=2.0, allocs=None):
    return None, compare(segments, names=["BenchmarkA"], rounds=rounds, max_time_ratio=ratio,
                         allocs_budget=allocs or {})


def test_medians_and_ratio():
    _, (comparisons, problem) = judge(phase([100, 300, 110], [100, 50, 60]))
    assert problem is None
    (c,) = comparisons
    assert (c.ns_per_op, c.reference_ns_per_op) == (110, 60)
    assert c.time_ratio == pytest.approx(110 / 60) and c.passed
    assert c.rounds == [(100, 100), (300, 50), (110, 60)]


def test_too_slow_and_over_allocation_budget():
    (slow,), _ = judge(phase([500, 500, 500], [100, 100, 100]))[1]
    assert not slow.passed and "5.0× the reference" in slow.failure()
    (alloc,), _ = judge(phase([100, 100, 100], [100, 100, 100], sub_allocs=2), allocs={"BenchmarkA": 0})[1]
    assert not alloc.passed and "2 allocs/op, the budget is 0" in alloc.failure()


def test_a_crashed_benchmark_round_is_reported():
    segments = phase([100, 100, 100], [100, 100, 100])
    segments[("sub", 1)] = "panic: boom\n"
    comparisons, problem = judge(segments)[1]
    assert comparisons == [] and "reported no result in round 1" in problem


def test_a_result_printed_twice_is_tampering():
    with pytest.raises(BenchmarkTampering):
        parse_results(line("BenchmarkA", 1) + line("BenchmarkA", 2))


def test_a_plain_benchmark_build_that_fails_is_a_compile_error():
    """Under --race the judge builds the submission twice: race for the tests, plain for the
    benchmarks (`@@dojo:build bench@@`). A failure of either is the submission's build failure."""
    output = (b"@@dojo:build@@\n@@dojo:exit 0 0 900 0 0@@\n@@dojo:build bench@@\n|./solution.go:3:1: oops\n"
              b"@@dojo:exit 1 0 400 0 0@@\n@@dojo:build-failed@@")
    problem = SimpleNamespace(writes_tests=False, reference_files={"solution.go": "package p\nfunc F() {}\n"})
    outcome = GoRunner().interpret(problem, "submit", SandboxResult(exit_code=100, output=output, wall_seconds=1.0))
    assert outcome.verdict == Verdict.COMPILE_ERROR and "oops" in outcome.message
