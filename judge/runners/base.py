from dataclasses import dataclass, field

from judge.verdicts import Mode, Verdict


def custom_tests_kept(problem, mode: str, custom_tests: str) -> str:
    """The user's own test cases as a job uses them: Run only, not on test-writing tasks
    (where the whole submission is tests), and only when there is something in them. The one
    rule for storing, prechecking, building and counting them."""
    if mode != Mode.RUN or problem.writes_tests or not (custom_tests or "").strip():
        return ""
    return custom_tests


@dataclass
class TestOutcome:
    name: str
    status: str  # TestResult.Outcome values
    duration_ms: int = 0
    message: str = ""


@dataclass
class Outcome:
    verdict: Verdict
    message: str = ""
    compile_output: str = ""
    tests: list = field(default_factory=list)
    benchmarks: list = field(default_factory=list)  # BenchmarkComparison
    # For staff only: what the judge saw when something went wrong on our side.
    judge_log: str = ""
    # Drills only: the user's tests (names) that failed on the known-wrong variant.
    caught_by: list = field(default_factory=list)
