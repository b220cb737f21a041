"""Judging one piece of code for one problem: runner + sandbox, no database writes.

Used by the Celery path (judge.services) and by problem validation alike.
"""

from dataclasses import replace

from judge.runners import Outcome, custom_tests_kept, runner_for
from judge.sandbox import SandboxUnavailable, run_job
from judge.verdicts import Verdict


def judge_code(problem, *, code: str, mode: str, name_hint: str = "", custom_tests: str = "",
               variant: str = "", on_output=None, raise_unavailable: bool = False) -> tuple[Outcome, float | None]:
    """Returns the outcome and the container's wall time (None when no container ran).

    `custom_tests`: the user's own _test.go cases, judged with the examples in run mode.
    `variant`: a drill (mode "drill"): the known-wrong variant the user's tests (`code`) must catch.
    `raise_unavailable`: let SandboxUnavailable (the Docker Engine is down) through instead of
    answering internal_error, for a caller that waits for the engine to come back.
    """
    runner = runner_for(problem.language)
    outcome = runner.precheck(problem, code, custom_tests=custom_tests_kept(problem, mode, custom_tests), mode=mode)
    if outcome is not None:
        return outcome, None
    job = runner.build_job(problem, code=code, mode=mode, name_hint=name_hint, custom_tests=custom_tests,
                           variant=variant)
    if on_output is not None:
        job = replace(job, on_output=on_output)
    try:
        result = run_job(job)
    except SandboxUnavailable as exc:
        if raise_unavailable:
            raise
        return unavailable_outcome(exc), None
    return runner.interpret(problem, mode, result, job), result.wall_seconds


def unavailable_outcome(exc: SandboxUnavailable) -> Outcome:
    return Outcome(Verdict.INTERNAL_ERROR, "The judge is unavailable; your submission will be retried.",
                   judge_log=str(exc))
