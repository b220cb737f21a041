"""Proves a problem through the real judge (runner + Docker): the reference is accepted on
both suites, the starter is not, and each known-wrong variant gets its declared verdict; and
which variants make fair code-review drills (check_drill)."""

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

from judge.judging import judge_code
from judge.models import Mode
from judge.runners.go.drill import not_caught
from judge.verdicts import Verdict
from problems.code_files import join_files
from problems.drill_findings import current_finding
from problems.drills import DrillFinding


@dataclass
class Check:
    problem: str
    candidate: str
    mode: str
    expected: str  # a verdict, or "not accepted"
    verdict: str = ""
    message: str = ""
    seconds: float | None = None

    @property
    def ok(self) -> bool:
        if self.expected == "not accepted":
            return self.verdict not in ("", Verdict.ACCEPTED, Verdict.INTERNAL_ERROR)
        return self.verdict == self.expected


def planned_checks(problem) -> list:
    checks = [
        (Check(problem.slug, "reference", Mode.SUBMIT, Verdict.ACCEPTED), join_files(problem.reference_files)),
        (Check(problem.slug, "reference", Mode.RUN, Verdict.ACCEPTED), join_files(problem.reference_files)),
        (Check(problem.slug, "starter", Mode.SUBMIT, "not accepted"), problem.starter_code),
    ]
    for variant in problem.wrong_variants:
        checks.append((Check(problem.slug, f"wrong/{variant['name']}", Mode.SUBMIT, variant["verdict"]),
                       join_files(variant["files"])))
    return checks


def _run(problem, check: Check, code: str) -> Check:
    outcome, seconds = judge_code(problem, code=code, mode=check.mode, name_hint=f"validate-{problem.slug}")
    check.verdict, check.message, check.seconds = outcome.verdict, outcome.message, seconds
    if outcome.verdict == Verdict.INTERNAL_ERROR:
        check.message = f"{outcome.message} {outcome.judge_log}"
    return check


def validate_problems(problems, *, parallel: int = 2) -> list:
    jobs = [(problem, check, code) for problem in problems for check, code in planned_checks(problem)]
    with ThreadPoolExecutor(max_workers=parallel) as pool:
        return list(pool.map(lambda job: _run(*job), jobs))


# -- drills: each known-wrong variant as a code-review exercise ---------------------------------

def _drill_run(problem, variant: str, test_files: dict, what: str):
    return judge_code(problem, code=join_files(test_files), mode=Mode.DRILL, variant=variant,
                      name_hint=f"validate-drill-{problem.slug}-{what}")


# A data race shows in some runs only (under -race, which interleaving the scheduler picks):
# between two full validation runs a race-judged variant's examples caught it in one and not
# the other (safe-counter lost-update), and safe-counter no-lock failed 0, then 2, then 3 of
# its 9 hidden tests. So one run of a race-judged check proves nothing; it is judged this many
# times, and offered only if every round offers it. Other problems are deterministic: one round.
RACE_ROUNDS = 3


def check_drill(problem, wrong: dict) -> DrillFinding:
    """Whether one variant makes a fair, not trivial drill, judged through the drill path itself:
    the hidden suite, submitted as a user's test file would be, must catch the variant and pass on
    the reference; the visible examples alone must not catch it. Where the problem is race-judged,
    that must hold in each of RACE_ROUNDS rounds (drill_rounds)."""
    if wrong["verdict"] == Verdict.COMPILE_ERROR:
        return DrillFinding(problem.slug, wrong["name"], False, "it does not build: there is nothing for a test to run")
    return drill_rounds(lambda: _check_drill_once(problem, wrong), RACE_ROUNDS if problem.race else 1)


def drill_rounds(judge_round: Callable[[], DrillFinding], rounds: int) -> DrillFinding:
    """The finding of up to `rounds` rounds of one check (judge_round judges one). The first round
    that does not offer the drill decides (left out, or the judge failed), so no later round is
    judged: none could offer it again."""
    findings = []
    for _ in range(rounds):
        findings.append(judge_round())
        if not findings[-1].offered:
            break
    return rounds_combined(findings)


def rounds_combined(findings: list) -> DrillFinding:
    """One finding from the rounds of a check. Offered only if every round offered it; else the
    first round's that did not (its reason), an internal error in any round making it a judge
    failure. How many hidden tests fail on the variant is the least any round saw (a drill's
    difficulty errs towards harder); an allocations drill if any round needed the allocation
    budgets (the tests did not always see the bug)."""
    decided = next((f for f in findings if not f.offered), findings[0])
    timed = [f.seconds for f in findings if f.seconds is not None]
    return replace(decided, hidden_failed=min(f.hidden_failed for f in findings),
                   seconds=sum(timed) if timed else None, rounds=len(findings),
                   judge_failed=any(f.judge_failed for f in findings),
                   benchmark=decided.benchmark if not decided.offered else any(f.benchmark for f in findings))


def _check_drill_once(problem, wrong: dict) -> DrillFinding:
    slug, name = problem.slug, wrong["name"]
    total = len(problem.hidden_test_names)
    started = time.monotonic()
    outcome, _ = _drill_run(problem, name, problem.hidden_test_files, "hidden")
    failed = len({test.split("/", 1)[0] for test in outcome.caught_by} & set(problem.hidden_test_names))
    if not_caught(outcome) and wrong["verdict"] == Verdict.TOO_SLOW and problem.benchmark_config.get("allocs"):
        return _check_benchmark_drill(problem, wrong, total, started)
    if outcome.verdict != Verdict.ACCEPTED:
        if not_caught(outcome):
            why = ("the hidden suite does not catch it as a test (only a benchmark budget or a source rule "
                   f"does: declared {wrong['verdict']})")
        else:
            why = f"the hidden suite as a test gets {outcome.verdict}: {outcome.message} {outcome.judge_log}".strip()
        return DrillFinding(slug, name, False, why, failed, total, time.monotonic() - started,
                            judge_failed=outcome.verdict == Verdict.INTERNAL_ERROR)
    examples, _ = _drill_run(problem, name, problem.example_test_files, "examples")
    seconds = time.monotonic() - started
    if examples.verdict == Verdict.ACCEPTED:
        return DrillFinding(slug, name, False, "the visible examples alone catch it", failed, total, seconds)
    if not not_caught(examples):
        return DrillFinding(slug, name, False, f"the examples as a test get {examples.verdict}: {examples.message}",
                            failed, total, seconds, judge_failed=examples.verdict == Verdict.INTERNAL_ERROR)
    return DrillFinding(slug, name, True, "", failed, total, seconds)


# A benchmark-only bug (too many allocations) proven through the drill path: the problem's own
# benchmarks, each held to its allocation budget by a test, as a user's test would assert it
# (testing.Benchmark, or testing.AllocsPerRun). 100 iterations: enough for a per-op count.
_ALLOCS_PROOF = """package {package}

import (
	"flag"
	"testing"
)

func TestDojoAllocationBudgets(t *testing.T) {{
	flag.Set("test.benchtime", "100x")
	for _, c := range []struct {{
		name  string
		bench func(*testing.B)
		most  int64
	}}{{
{cases}	}} {{
		if got := testing.Benchmark(c.bench).AllocsPerOp(); got > c.most {{
			t.Errorf("%s: %d allocations per op, want at most %d", c.name, got, c.most)
		}}
	}}
}}
"""


def _check_benchmark_drill(problem, wrong: dict, total: int, started: float) -> DrillFinding:
    """A too_slow variant the tests cannot see: offered (marked as benchmark-only) when the
    problem's allocation budgets, asserted by a test, catch it and pass on the reference."""
    budgets = problem.benchmark_config["allocs"]
    cases = "".join(f'\t\t{{"{name}", {name}, {most}}},\n' for name, most in sorted(budgets.items()))
    proof = {**problem.bench_test_files,
             "dojo_budgets_test.go": _ALLOCS_PROOF.format(package=problem.package, cases=cases)}
    outcome, _ = _drill_run(problem, wrong["name"], proof, "allocs")
    seconds = time.monotonic() - started
    if outcome.verdict == Verdict.ACCEPTED:
        return DrillFinding(problem.slug, wrong["name"], True, "", 0, total, seconds, benchmark=True)
    why = ("only a time budget sees it: no allocation budget catches it" if not_caught(outcome)
           else f"its allocation budgets as a test get {outcome.verdict}: {outcome.message}")
    return DrillFinding(problem.slug, wrong["name"], False, why, 0, total, seconds,
                        judge_failed=outcome.verdict == Verdict.INTERNAL_ERROR)


def validate_drills(problems, *, parallel: int = 2, recorded: dict | None = None) -> list:
    """A finding for every known-wrong variant of the problems solved in code. `recorded`: the
    committed findings (problems/drill_findings.py); one proven on the same problem version is
    reused (its recorded_on says so) instead of judged again."""
    recorded = recorded or {}

    def finding(problem, wrong):
        return current_finding(recorded, problem, wrong["name"]) or check_drill(problem, wrong)

    jobs = [(problem, wrong) for problem in problems if not problem.writes_tests for wrong in problem.wrong_variants]
    with ThreadPoolExecutor(max_workers=parallel) as pool:
        return list(pool.map(lambda job: finding(*job), jobs))
