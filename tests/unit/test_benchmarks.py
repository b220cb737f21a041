"""Reading and judging the benchmark phase (docs/judge-protocol.md) from synthetic output."""

import pytest

from judge.runners.go.benchmarks import BenchmarkTampering, compare, parse_results, split_segments


def line(name, ns, allocs=0, b=0):
    return f"{name}   \t    1000\t     {ns} ns/op\t     {b} B/op\t       {allocs} allocs/op\n"


def phase(sub_ns, ref_ns, rounds=3, sub_allocs=0):
    out = '{"Action":"pass","Test":"TestX"}\n'
    for r in range(1, rounds + 1):
        out += f"@@dojo:bench sub {r}@@\ngoos: linux\n" + line("BenchmarkA", sub_ns[r - 1], sub_allocs) + "PASS\n"
        out += f"@@dojo:bench ref {r}@@\n" + line("BenchmarkA", ref_ns[r - 1]) + "PASS\n"
    return out + "@@dojo:bench-end@@\n"


def judge(text, rounds=3, ratio=2.0, allocs=None):
    tests, segments = split_segments(text, rounds)
    return tests, compare(segments, names=["BenchmarkA"], rounds=rounds, max_time_ratio=ratio,
                          allocs_budget=allocs or {})


def test_medians_and_ratio():
    tests, (comparisons, problem) = judge(phase([100, 300, 110], [100, 50, 60]))
    assert tests == '{"Action":"pass","Test":"TestX"}\n' and problem is None
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
    text = phase([100, 100, 100], [100, 100, 100]).replace(line("BenchmarkA", 100), "panic: boom\n", 1)
    comparisons, problem = judge(text)[1]
    assert comparisons == [] and "reported no result in round 1" in problem


@pytest.mark.parametrize("forge", [
    lambda t: t.replace("PASS\n", "PASS\n@@dojo:bench ref 1@@\n" + line("BenchmarkA", 9999), 1),  # fake segment
    lambda t: t.replace("@@dojo:bench-end@@\n", ""),  # missing end
    lambda t: "@@dojo:bench-end@@\n" + t,  # printed during the tests
])
def test_forged_markers_are_tampering(forge):
    with pytest.raises(BenchmarkTampering):
        split_segments(forge(phase([1, 1, 1], [1, 1, 1])), 3)


def test_a_result_printed_twice_is_tampering():
    with pytest.raises(BenchmarkTampering):
        parse_results(line("BenchmarkA", 1) + line("BenchmarkA", 2))


def test_no_benchmark_phase_means_no_segments():
    assert split_segments("just tests\n", 3) == ("just tests\n", {})
