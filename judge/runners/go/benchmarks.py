"""Reads the benchmark phase of a run (docs/judge-protocol.md) and judges it against the
reference: allocations per op against an exact budget, time as a ratio of medians."""

import re
from dataclasses import dataclass, field
from statistics import median

RESULT = re.compile(
    r"^(Benchmark\S+)\s+(\d+)\s+([\d.]+) ns/op(?:\s+([\d.]+) B/op)?(?:\s+(\d+) allocs/op)?", re.MULTILINE)


class BenchmarkTampering(Exception):
    """A run's output reports a benchmark twice: something besides the testing package printed it."""


@dataclass
class BenchmarkComparison:
    name: str
    ns_per_op: float
    bytes_per_op: float
    allocs_per_op: float
    reference_ns_per_op: float
    reference_bytes_per_op: float
    reference_allocs_per_op: float
    max_time_ratio: float
    max_allocs_per_op: int | None
    rounds: list = field(default_factory=list)  # [(sub ns/op, ref ns/op)] per round

    @property
    def time_ratio(self) -> float:
        return self.ns_per_op / self.reference_ns_per_op if self.reference_ns_per_op else float("inf")

    @property
    def time_ok(self) -> bool:
        return self.time_ratio <= self.max_time_ratio

    @property
    def allocs_ok(self) -> bool:
        return self.max_allocs_per_op is None or self.allocs_per_op <= self.max_allocs_per_op

    @property
    def passed(self) -> bool:
        return self.time_ok and self.allocs_ok

    def failure(self) -> str:
        if not self.allocs_ok:
            return (f"{self.name}: {self.allocs_per_op:g} allocs/op, the budget is "
                    f"{self.max_allocs_per_op} (the reference makes {self.reference_allocs_per_op:g}).")
        return (f"{self.name}: {self.time_ratio:.1f}× the reference's time "
                f"({self.ns_per_op:,.0f} vs {self.reference_ns_per_op:,.0f} ns/op); the limit is {self.max_time_ratio:g}×.")


def parse_results(segment: str) -> dict:
    """{name: (ns/op, B/op, allocs/op)}; a name printed twice is tampering."""
    results = {}
    for m in RESULT.finditer(segment):
        name = m.group(1)
        if name in results:
            raise BenchmarkTampering(f"{name} reported twice in one run")
        results[name] = (float(m.group(3)), float(m.group(4) or 0), float(m.group(5) or 0))
    return results


def compare(segments: dict, *, names: list, rounds: int, max_time_ratio: float, allocs_budget: dict):
    """Returns (comparisons, problem) where problem is a message when the submission's
    benchmarks did not all report in every round (a crash, a timeout)."""
    per_side = {"sub": {n: [] for n in names}, "ref": {n: [] for n in names}}
    for r in range(1, rounds + 1):
        for side in ("sub", "ref"):
            results = parse_results(segments[(side, r)])
            for name in names:
                if name not in results:
                    who = "Your code's" if side == "sub" else "The reference's"
                    return [], f"{who} benchmark {name} reported no result in round {r}."
                per_side[side][name].append(results[name])
    comparisons = []
    for name in names:
        sub, ref = per_side["sub"][name], per_side["ref"][name]
        comparisons.append(BenchmarkComparison(
            name=name,
            ns_per_op=median(x[0] for x in sub), bytes_per_op=median(x[1] for x in sub),
            allocs_per_op=median(x[2] for x in sub),
            reference_ns_per_op=median(x[0] for x in ref), reference_bytes_per_op=median(x[1] for x in ref),
            reference_allocs_per_op=median(x[2] for x in ref),
            max_time_ratio=max_time_ratio, max_allocs_per_op=allocs_budget.get(name),
            rounds=[(s[0], f[0]) for s, f in zip(sub, ref, strict=True)],  # both sides: every round
        ))
    return comparisons, None
