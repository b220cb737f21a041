"""Proves a problem through the real judge (runner + Docker): the reference is accepted on
both suites, the starter is not, and each known-wrong variant gets its declared verdict."""

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from judge.judging import judge_code
from judge.models import Mode
from judge.verdicts import Verdict
from problems.code_files import join_files


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
