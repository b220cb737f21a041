"""Judging one piece of code for one problem: runner + sandbox, no database writes.

Used by the Celery path (judge.services) and by problem validation alike.
"""

from judge.runners import Outcome, runner_for
from judge.sandbox import SandboxUnavailable, run_job
from judge.verdicts import Verdict


def judge_code(problem, *, code: str, mode: str, name_hint: str = "") -> tuple[Outcome, float | None]:
    """Returns the outcome and the container's wall time (None when no container ran)."""
    runner = runner_for(problem.language)
    outcome = runner.precheck(problem, code)
    if outcome is not None:
        return outcome, None
    job = runner.build_job(problem, code=code, mode=mode, name_hint=name_hint)
    try:
        result = run_job(job)
    except SandboxUnavailable as exc:
        return Outcome(Verdict.INTERNAL_ERROR, "The judge is unavailable; your submission will be retried.",
                       judge_log=str(exc)), None
    return runner.interpret(problem, mode, result, job), result.wall_seconds
