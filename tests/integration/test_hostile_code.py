"""Hostile submissions (tests/data/hostile/*.go, for unicode-palindrome; EXPECTED.md there says
what each tries) through the real worker and Docker: each gets its verdict, nothing of the
hidden suite reaches the submitter, no container is left and the worker stays healthy."""

import re
import time
from pathlib import Path

import pytest

from judge.models import Mode, SubmissionEvent, TestResult
from judge.runners import runner_for
from judge.runners.go import failure_message, hidden
from judge.sandbox import run_job
from judge.services import submission_create
from judge.verdicts import Verdict
from tests.conftest import assert_no_container_left, wait_for_verdict

pytestmark = [pytest.mark.docker, pytest.mark.django_db(transaction=True)]

HOSTILE = Path(__file__).resolve().parent.parent / "data" / "hostile"
V = Verdict
NOT_ACCEPTED = {V.WRONG_ANSWER, V.RUNTIME_ERROR, V.TIME_LIMIT, V.MEMORY_LIMIT, V.OUTPUT_LIMIT, V.COMPILE_ERROR}
EXPECTED = {
    # Resource attacks: bounded by the sandbox's limits.
    "memory_bomb": {V.MEMORY_LIMIT},
    "infinite_loop": {V.TIME_LIMIT},
    "goroutine_bomb": {V.MEMORY_LIMIT, V.TIME_LIMIT},
    "output_flood": {V.OUTPUT_LIMIT},
    # These attack the sandbox and then answer correctly: accepted proves the attack failed.
    "disk_filler": {V.ACCEPTED},
    "network": {V.ACCEPTED},
    "environment": {V.ACCEPTED},
    "read_hidden_tests": {V.ACCEPTED},
    "write_judge_files": {V.ACCEPTED},
    "setsid_children_no_syscall": {V.ACCEPTED},
    # These run a wrong answer and try to forge, read or leak their way past it.
    "proc_judge_memory": {V.WRONG_ANSWER},
    "fd_spray_devfd": {V.WRONG_ANSWER},
    "late_printer": {V.WRONG_ANSWER},
    "forge_end_every_hex": {V.WRONG_ANSWER},
    "newline_test_name": {V.WRONG_ANSWER},
    "read_self_exe": {V.WRONG_ANSWER, V.RUNTIME_ERROR},
    "huge_panic_hidden_data": {V.RUNTIME_ERROR, V.WRONG_ANSWER},
    "goexit_in_test": {V.RUNTIME_ERROR, V.WRONG_ANSWER},
    "panic_nil": {V.RUNTIME_ERROR, V.WRONG_ANSWER},
    # Prints lines dressed as the hidden test's message: shown only capped, on the first failing row.
    "forged_failure_message": {V.WRONG_ANSWER},
    "echo_inputs_in_message": {V.WRONG_ANSWER},
    # Prints a fast fake result line from inside the timed loop (sorted-copy, see PROBLEM_OF):
    # testing writes its own line in one write, so the fake is a duplicate, never the only one.
    "bench_forge_interleave": {V.WRONG_ANSWER, V.TOO_SLOW},
    # Names a helper of the hidden suite, which is an external package now.
    "oracle_helper": {V.COMPILE_ERROR},
    # The compiler killed by the memory limit: the submission's compile error, not the judge's failure.
    "compile_memory_bomb": {V.COMPILE_ERROR},
    # Refused before any container starts (judge/runners/go/forbidden.py).
    **{name: {V.FORBIDDEN} for name in (
        "forged_pass_exit_init", "forged_pass_syscall_exit", "cgo_constructor", "cgo_include_hidden", "embed_hidden",
        "setsid_children", "rewrite_args", "flag_help_exit", "testing_main", "fd_spray", "exec_toolchain",
        "linkname_testing", "line_directive", "dot_import_os", "alias_os_exit", "stdout_close_forge",
        "fake_pass_lines", "exit_zero_in_init", "exit_zero_in_test", "skip_tests_via_args", "own_test_main",
        "fork_bomb")},
}
# The problem each source attacks, when it is not unicode-palindrome.
PROBLEM_OF = {"bench_forge_interleave": "sorted-copy"}
# The static check is defence in depth for these: with it skipped, the sandbox alone must
# still keep them from an accepted verdict (or, for a correct answer, end them promptly),
# and keep the hidden suite out of what the submitter sees.
WITHOUT_STATIC_CHECK = {
    "fork_bomb": NOT_ACCEPTED,
    "setsid_children": {V.ACCEPTED},
    "fd_spray": NOT_ACCEPTED,
    "stdout_close_forge": NOT_ACCEPTED,
    "embed_hidden": NOT_ACCEPTED,
    "line_directive": NOT_ACCEPTED,
    "cgo_include_hidden": {V.COMPILE_ERROR},
    "fake_pass_lines": NOT_ACCEPTED,
    "exit_zero_in_test": NOT_ACCEPTED,
    "own_test_main": NOT_ACCEPTED,
}


def test_every_hostile_source_has_an_expectation():
    assert {p.stem for p in HOSTILE.glob("*.go")} == set(EXPECTED)


def hidden_secrets(problem) -> list:
    """Lines and string literals of the hidden suite that the page never shows."""
    public = "\n".join([problem.statement, *problem.example_test_files.values()])
    source = "\n".join(problem.hidden_test_files.values())
    lines = {line.strip() for line in source.splitlines() if len(line.strip()) >= 16}
    literals = {m.group(1) for m in re.finditer(r'"((?:[^"\\\n]|\\.){8,})"', source)}
    return [s for s in lines | literals if s not in public]


def revealed_by_design(rows, problem) -> list:
    """The one message a failing hidden run shows in practice (issue 13): the first failing
    test's own, which holds one hidden case (input, got, want: the suite's literals) and may
    hold text the code printed, capped (judge/runners/go/failure_message.py). It is checked
    for its bounds and for the suite's source lines; everything else for any leak."""
    shown = [r for r in rows if r.message]
    assert len(shown) <= 1, [r.name for r in shown]
    public = "\n".join([problem.statement, *problem.example_test_files.values()])
    source = "\n".join(problem.hidden_test_files.values())
    lines = {line.strip() for line in source.splitlines() if len(line.strip()) >= 16 and line.strip() not in public}
    for row in shown:
        assert row.status == "fail", row.name
        assert len(row.message.splitlines()) <= failure_message.MAX_LINES + 1
        assert len(row.message.encode()) <= failure_message.MAX_BYTES + len(failure_message.TRIMMED.encode())
        assert not [line for line in lines if line in row.message]
    return shown


def seen_by_submitter(sub) -> tuple[str, list]:
    rows = list(TestResult.objects.filter(submission=sub))
    revealed_by_design(rows, sub.problem)
    return "\n".join([sub.message, sub.compile_output]), [r.name for r in rows]


def assert_nothing_hidden(text: str, row_names: list, problem):
    """Row names are shown on purpose (the page lists the hidden tests by name): each must be
    one the hidden file spells out. Everything else must hold no hidden line or literal."""
    expected = set(problem.hidden_test_names)
    subtests = hidden.subtest_names(problem.hidden_test_files)
    assert all(hidden.shown_test_name(name, expected, subtests) == name for name in row_names), row_names
    for name in sorted(row_names, key=len, reverse=True):
        text = text.replace(name, "")
    leaked = [s for s in hidden_secrets(problem) if s in text]
    assert not leaked, f"hidden suite text reached the submitter: {leaked[:3]}"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_code_gets_its_verdict_and_leaves_the_host_unharmed(name, celery_worker_process, problems, user):
    problem = problems[PROBLEM_OF.get(name, "unicode-palindrome")]
    code = (HOSTILE / f"{name}.go").read_text()
    sub = wait_for_verdict(submission_create(user=user, problem=problem, code=code).pk)
    assert sub.verdict in EXPECTED[name], (sub.verdict, sub.message, sub.judge_log)
    if sub.verdict == V.MEMORY_LIMIT:
        assert "memory" in sub.message
    if sub.verdict == V.COMPILE_ERROR:  # the submission's own failure: never retried as the judge's
        assert sub.attempts == 1 and not sub.events.filter(kind=SubmissionEvent.Kind.RETRIED).exists()
    assert_nothing_hidden(*seen_by_submitter(sub), problem)
    assert_no_container_left(sub.pk)
    assert not Path("/tmp/dojo-hostile-marker").exists()
    assert celery_worker_process.poll() is None, "the worker died"


@pytest.mark.parametrize("name", sorted(WITHOUT_STATIC_CHECK))
def test_the_sandbox_holds_without_the_static_check(name, problems):
    """Straight to the sandbox, as if the static check had a hole."""
    problem = problems["unicode-palindrome"]
    runner = runner_for("go")
    job = runner.build_job(problem, code=(HOSTILE / f"{name}.go").read_text(), mode=Mode.SUBMIT)
    started = time.monotonic()
    outcome = runner.interpret(problem, Mode.SUBMIT, run_job(job, warm=False), job)
    assert outcome.verdict in WITHOUT_STATIC_CHECK[name], (outcome.verdict, outcome.message, outcome.judge_log)
    revealed_by_design(outcome.tests, problem)
    assert_nothing_hidden("\n".join([outcome.message, outcome.compile_output]), [t.name for t in outcome.tests], problem)
    if outcome.verdict == V.ACCEPTED:  # children that outlive the binary must not hold the run open
        assert time.monotonic() - started < problem.time_limit_seconds


def test_worker_still_judges_normally_after_the_hostile_suite(celery_worker_process, problems, user):
    problem = problems["unicode-palindrome"]
    sub = wait_for_verdict(submission_create(user=user, problem=problem, code=problem.reference_files["solution.go"],
                                             mode=Mode.SUBMIT).pk)
    assert sub.verdict == V.ACCEPTED
