"""A warm sandbox that is gone by the time a job takes it, as after a Docker Engine restart.

Found by `make drill-run`: dockerd was killed while a worker held a warm sandbox. Docker's
restart leaves that container exited, yet attaching to it gives a stream that stays silent and
open; the job waited for its whole wall limit and was judged compile_error ("Compilation took
too long"). The submission's code was never compiled. Here, in-process with the real Docker
Engine, the warm container is killed the same way before the next job takes it.
"""

import dataclasses
import os
import socket
import time

import pytest

from judge.models import Mode, Submission, SubmissionEvent
from judge.runners import runner_for
from judge.sandbox import docker_client, run_job
from judge.sandbox.docker_sandbox import OWNER_LABEL, SandboxStalled, warm_sandbox
from judge.services import JudgeRetry, submission_judge
from judge.verdicts import Status, Verdict

pytestmark = [pytest.mark.docker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def quick_stall(settings):
    settings.JUDGE = {**settings.JUDGE, "FIRST_OUTPUT_SECONDS": 2}
    yield
    warm_sandbox.drain()


def kill_the_warm_sandbox():
    """Wait for this process's warm sandbox (started after a job, in the background), kill it."""
    owner = f"{OWNER_LABEL}={socket.gethostname()}:{os.getpid()}"
    for _ in range(300):
        warm = [c for c in docker_client().containers.list(filters={"label": owner, "status": "running"})
                if c.name.startswith("dojo-judge-warm-")]
        if warm:
            warm[0].kill()
            warm[0].wait()
            return
        time.sleep(0.1)
    raise AssertionError("no warm sandbox was started")


def judged_then_warm_sandbox_killed(problem):
    """A Submit of the reference judged in this process (Accepted), then the warm sandbox it left
    killed: the next run_job of the returned job takes a gone sandbox."""
    runner = runner_for("go")
    # A name hint, as the worker gives: a used sandbox is renamed, so it is not taken for the warm one.
    job = runner.build_job(problem, code=problem.reference_files["solution.go"], mode=Mode.SUBMIT,
                           name_hint="stall-test")
    assert runner.interpret(problem, Mode.SUBMIT, run_job(job), job).verdict == Verdict.ACCEPTED
    kill_the_warm_sandbox()
    return runner, job


def test_a_dead_warm_sandbox_is_the_judges_failure_retried_not_a_verdict(quick_stall, problems, user):
    problem = problems["unicode-palindrome"]
    code = problem.reference_files["solution.go"]
    first = Submission.objects.create(user=user, problem=problem, code=code)
    submission_judge(first.pk)
    first.refresh_from_db()
    assert first.verdict == Verdict.ACCEPTED, first.message
    kill_the_warm_sandbox()

    second = Submission.objects.create(user=user, problem=problem, code=code)
    started = time.monotonic()
    with pytest.raises(JudgeRetry):
        submission_judge(second.pk)
    assert time.monotonic() - started < 10  # the stall is noticed, not waited out to the wall limit
    second.refresh_from_db()
    assert second.status == Status.QUEUED and second.attempts == 1
    assert "printed nothing" in second.judge_log
    submission_judge(second.pk)  # the retry: a new sandbox
    second.refresh_from_db()
    assert second.status == Status.FINISHED and second.verdict == Verdict.ACCEPTED, second.message
    assert list(second.events.values_list("kind", flat=True)) == [SubmissionEvent.Kind.RETRIED,
                                                                   SubmissionEvent.Kind.FINISHED]


def test_silence_to_the_wall_limit_is_never_a_compile_error(quick_stall, problems):
    """Without the stall check (first_output_seconds 0) the dead sandbox's silence lasts to the
    wall limit: no build ever started, so it is the judge's failure, not a slow compile."""
    problem = problems["unicode-palindrome"]
    runner, job = judged_then_warm_sandbox_killed(problem)
    assert job.first_output_seconds == 2

    with pytest.raises(SandboxStalled):
        run_job(job)
    kill_the_warm_sandbox()
    silent = dataclasses.replace(job, first_output_seconds=0, limits=dataclasses.replace(job.limits, wall_seconds=3))
    result = run_job(silent)
    assert result.timed_out and result.output == b""
    outcome = runner.interpret(problem, Mode.SUBMIT, result, silent)
    assert outcome.verdict == Verdict.INTERNAL_ERROR, outcome.message
    assert "not your fault" in outcome.message


def test_a_gone_sandbox_does_not_hold_a_large_job_for_ever(quick_stall, problems):
    """A gone sandbox reads no stdin: sending more than the socket buffers hold blocked the worker
    process for good (no Celery time limit would end it) before the send had a time limit."""
    _, job = judged_then_warm_sandbox_killed(problems["unicode-palindrome"])
    large = dataclasses.replace(job, stdin=job.stdin + b"\0" * 4_000_000)
    started = time.monotonic()
    with pytest.raises(SandboxStalled, match="did not take the job"):
        run_job(large)
    assert time.monotonic() - started < 10
