from dataclasses import dataclass, field

from judge.verdicts import Verdict


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
