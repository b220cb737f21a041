"""Judging the benchmark phase (docs/judge-protocol.md) from synthetic runs, and the rows a
test-writing task's benchmarks show. Splitting the stream into runs is
judge/runners/go/protocol.py's (tests/unit/test_protocol.py)."""

from types import SimpleNamespace

import pytest

from judge.runners.go import protocol
from judge.runners.go.benchmarks import BenchmarkTampering, compare, parse_results
from judge.runners.go.mutants import CORRECT_DIR, interpret_variants
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


# What `go test -test.v=test2json -test.bench=.` piped through test2json printed (Go 1.27) for
# benchmarks that only group sub-benchmarks, then a flat one: a parent gets "run"
# and output, but neither a result line nor a pass event.
GROUPED_BENCHMARKS = "\n".join([
    '{"Action":"run","Test":"TestX"}',
    '{"Action":"pass","Test":"TestX"}',
    '{"Action":"run","Test":"BenchmarkP"}',
    '{"Action":"output","Test":"BenchmarkP","Output":"=== RUN   BenchmarkP\\n"}',
    '{"Action":"output","Test":"BenchmarkP","Output":"BenchmarkP\\n"}',
    '{"Action":"run","Test":"BenchmarkP/n=1"}',
    '{"Action":"output","Test":"BenchmarkP/n=1","Output":"BenchmarkP/n=1 \\t 10\\t 21.10 ns/op\\t 0 B/op\\t 0 allocs/op\\n"}',
    '{"Action":"run","Test":"BenchmarkP/n=2"}',
    '{"Action":"output","Test":"BenchmarkP/n=2","Output":"BenchmarkP/n=2 \\t 10\\t 15.00 ns/op\\t 0 B/op\\t 0 allocs/op\\n"}',
    # b.Run("IntsToCSV/n=10") is reported under its full name, with no "BenchmarkQ/IntsToCSV" of its own.
    '{"Action":"run","Test":"BenchmarkQ"}',
    '{"Action":"output","Test":"BenchmarkQ","Output":"BenchmarkQ\\n"}',
    '{"Action":"run","Test":"BenchmarkQ/IntsToCSV/n=10"}',
    '{"Action":"output","Test":"BenchmarkQ/IntsToCSV/n=10","Output":"BenchmarkQ/IntsToCSV/n=10 \\t 10\\t 9.0 ns/op\\t 0 B/op\\t 0 allocs/op\\n"}',
    '{"Action":"run","Test":"BenchmarkFlat"}',
    '{"Action":"output","Test":"BenchmarkFlat","Output":"BenchmarkFlat \\t 10\\t 18.10 ns/op\\t 0 B/op\\t 0 allocs/op\\n"}',
    '{"Action":"pass"}',
])


def _tests_task(require="Benchmark"):
    return SimpleNamespace(tests_task={"require": require, "min_benchmarks": 2}, mutants=[], time_limit_seconds=5)


def _variant_run(text, code=0):
    escaped = "".join("|" + line + "\n" for line in text.splitlines())
    return protocol.parse(f"@@dojo:build@@\n@@dojo:variant-build {CORRECT_DIR}@@\n@@dojo:exit 0 0 1 0 0@@\n"
                          f"@@dojo:run@@\n@@dojo:variant {CORRECT_DIR}@@\n{escaped}"
                          f"@@dojo:exit {code} 0 5 0 0@@\n@@dojo:variant-end {CORRECT_DIR}@@\n")


def test_a_benchmark_that_only_groups_sub_benchmarks_is_not_shown_as_not_run():
    result = SandboxResult(exit_code=0, output=b"", wall_seconds=1.0)
    outcome = interpret_variants(_tests_task(), "run", result, _variant_run(GROUPED_BENCHMARKS), {CORRECT_DIR: None})
    assert outcome.verdict == Verdict.ACCEPTED, outcome.message
    assert [(t.name, t.status) for t in outcome.tests] == [
        ("TestX", "pass"), ("BenchmarkP/n=1", "pass"), ("BenchmarkP/n=2", "pass"), ("BenchmarkQ/IntsToCSV/n=10", "pass"),
        ("BenchmarkFlat", "pass")]
    # A group whose sub-benchmark failed keeps its row: the failure is shown where it is.
    failing = GROUPED_BENCHMARKS.replace('{"Action":"pass"}', '{"Action":"fail","Test":"BenchmarkP"}\n{"Action":"fail"}')
    outcome = interpret_variants(_tests_task(), "run", result, _variant_run(failing, code=1), {CORRECT_DIR: None})
    assert ("BenchmarkP", "fail") in [(t.name, t.status) for t in outcome.tests]
    assert outcome.verdict == Verdict.WRONG_ANSWER


def test_a_plain_benchmark_build_that_fails_is_a_compile_error():
    """Under --race the judge builds the submission twice: race for the tests, plain for the
    benchmarks (`@@dojo:build bench@@`). A failure of either is the submission's build failure."""
    output = (b"@@dojo:build@@\n@@dojo:exit 0 0 900 0 0@@\n@@dojo:build bench@@\n|./solution.go:3:1: oops\n"
              b"@@dojo:exit 1 0 400 0 0@@\n@@dojo:build-failed@@")
    problem = SimpleNamespace(writes_tests=False, hidden_test_files={}, example_test_files={},
                              reference_files={"solution.go": "package p\nfunc F() {}\n"})
    outcome = GoRunner().interpret(problem, "submit", SandboxResult(exit_code=100, output=output, wall_seconds=1.0))
    assert outcome.verdict == Verdict.COMPILE_ERROR and "oops" in outcome.message
