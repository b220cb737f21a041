"""The Go runner's reading of recorded container outputs (tests/data/go_outputs/).

Each file is what the runner image printed for a small package with two tests
(TestAdd with two sub-tests, TestZero); the name ends with the container's exit status.
Lines from user code start with "|"; `@@dojo:exit …@@` is dojo-jail's record of how the
test binary ended (docs/judge-protocol.md).
"""

from pathlib import Path
from types import SimpleNamespace

import pytest

from judge.runners.go.runner import GoRunner
from judge.runners.go.source_checks import package_clause
from judge.runners.go.test2json import parse_events
from judge.sandbox.job import SandboxResult
from judge.verdicts import Verdict, most_severe

DATA = Path(__file__).resolve().parent.parent / "data" / "go_outputs"
PROBLEM = SimpleNamespace(package="p", writes_tests=False, time_limit_seconds=2, forbidden=[], allowed={},
                          benchmark_names=[], benchmark_config={}, reference_files={"s.go": "func Add(a, b int) int"},
                          hidden_test_files={"hidden_test.go": 'cases := []string{"1+2", "2+2"}'},
                          example_test_files={}, hidden_test_names=["TestAdd", "TestZero"],
                          example_test_names=["TestAdd"])


def judge_recorded(name, mode="submit", **flags):
    path = next(DATA.glob(f"{name}.exit*.txt"))
    exit_code = int(path.name.split(".exit")[1].split(".")[0])
    # As the sandbox returns it: cut at "\n@@dojo:end ", so the last line has no newline.
    result = SandboxResult(exit_code=exit_code, output=path.read_bytes().rstrip(b"\n"), wall_seconds=0.5, **flags)
    return GoRunner().interpret(PROBLEM, mode, result)


def test_all_tests_pass_is_accepted():
    outcome = judge_recorded("pass")
    assert outcome.verdict == Verdict.ACCEPTED
    assert [(t.name, t.status) for t in outcome.tests] == [
        ("TestAdd", "pass"), ("TestAdd/1+2", "pass"), ("TestAdd/2+2", "pass"), ("TestZero", "pass")]


def test_failing_subtest_is_wrong_answer_and_hides_details_in_submit_mode():
    outcome = judge_recorded("fail")
    assert outcome.verdict == Verdict.WRONG_ANSWER
    assert outcome.message == "1 of 2 tests failed · 2 of 3 cases passed. First failure: TestAdd/2+2."
    failed = {t.name: t for t in outcome.tests if t.status == "fail"}
    assert set(failed) == {"TestAdd", "TestAdd/2+2"}
    assert all(t.message == "" for t in outcome.tests)


def test_run_mode_shows_the_failing_case_and_the_programs_output():
    outcome = judge_recorded("fail", mode="run")
    row = next(t for t in outcome.tests if t.name == "TestAdd/2+2")
    assert "Add(2, 2) = 5, want 4" in row.message
    assert "--- FAIL" not in row.message
    passing = next(t for t in outcome.tests if t.name == "TestAdd/1+2")
    assert passing.message == "debug line\n"


def test_build_failure_is_compile_error_with_file_and_line():
    outcome = judge_recorded("build")
    assert outcome.verdict == Verdict.COMPILE_ERROR
    assert outcome.message.startswith("./s.go:4:28: cannot use")
    assert "dojo.local/solution" not in outcome.compile_output
    assert outcome.tests == []


def test_panic_is_runtime_error_naming_the_test():
    outcome = judge_recorded("panic", mode="run")
    assert outcome.verdict == Verdict.RUNTIME_ERROR
    assert outcome.message.startswith("panic: assignment to entry in nil map")
    assert "in TestAdd" in outcome.message


def test_a_hidden_panic_is_named_by_category_never_by_its_text():
    outcome = judge_recorded("panic")
    assert outcome.verdict == Verdict.RUNTIME_ERROR
    assert outcome.message == "Runtime error: assignment to entry in nil map in TestAdd."


def test_go_test_timeout_is_time_limit():
    outcome = judge_recorded("loop")
    assert outcome.verdict == Verdict.TIME_LIMIT
    assert "TestAdd/1+2" in outcome.message


def test_exit_zero_before_tests_is_not_accepted():
    outcome = judge_recorded("exit0")
    assert outcome.verdict == Verdict.RUNTIME_ERROR
    assert "report is incomplete" in outcome.message
    assert {t.status for t in outcome.tests} == {"not_run"}


def test_printed_fake_pass_lines_are_not_trusted():
    outcome = judge_recorded("fake")
    assert outcome.verdict == Verdict.WRONG_ANSWER
    assert "TestZero reported more than once" in outcome.message


def test_worker_kill_for_wall_clock_is_time_limit():
    assert judge_recorded("loop", timed_out=True).verdict == Verdict.TIME_LIMIT


def test_oom_kill_is_memory_limit():
    assert judge_recorded("panic", oom_killed=True).verdict == Verdict.MEMORY_LIMIT


def test_output_cap_is_output_limit():
    # The sandbox's backstop cut the stream before dojo-jail's exit record...
    cut = (DATA / "pass.exit0.txt").read_bytes().rsplit(b"@@dojo:exit 0", 1)[0]
    result = SandboxResult(exit_code=None, output=cut, wall_seconds=0.5, output_truncated=True)
    assert GoRunner().interpret(PROBLEM, "submit", result).verdict == Verdict.OUTPUT_LIMIT
    # ... or dojo-jail's own cap stopped the run.
    capped = (DATA / "pass.exit0.txt").read_bytes().replace(b"@@dojo:exit 0 0 150 0 0@@", b"@@dojo:exit -1 9 150 0 1@@")
    result = SandboxResult(exit_code=0, output=capped, wall_seconds=0.5)
    assert GoRunner().interpret(PROBLEM, "submit", result).verdict == Verdict.OUTPUT_LIMIT


def test_pass_lines_without_a_zero_exit_record_are_not_accepted():
    forged = (DATA / "pass.exit0.txt").read_bytes().replace(b"@@dojo:exit 0 0 150 0 0@@", b"@@dojo:exit 1 0 150 0 0@@")
    outcome = GoRunner().interpret(PROBLEM, "submit", SandboxResult(exit_code=0, output=forged, wall_seconds=0.5))
    assert outcome.verdict == Verdict.RUNTIME_ERROR
    assert "exited with status 1" in outcome.message


def test_markers_printed_by_user_code_are_only_text():
    forged = (DATA / "pass.exit0.txt").read_bytes().replace(b"@@dojo:exit 0 0 150 0 0@@", b"|@@dojo:exit 0 0 1 0 0@@")
    result = SandboxResult(exit_code=None, output=forged, wall_seconds=0.5, timed_out=True)
    assert GoRunner().interpret(PROBLEM, "submit", result).verdict == Verdict.TIME_LIMIT


def test_failure_before_user_code_runs_is_internal_error():
    result = SandboxResult(exit_code=2, output=b"@@dojo:build@@\ncp: no space left\n", wall_seconds=0.1)
    outcome = GoRunner().interpret(PROBLEM, "submit", result)
    assert outcome.verdict == Verdict.INTERNAL_ERROR
    assert "no space left" in outcome.judge_log


def test_parser_ignores_garbage_and_non_object_json():
    run = parse_events('not json\n[1,2]\n"x"\n{"Action":"pass","Test":"TestA","Elapsed":0.25}\n')
    assert run.stray_lines == 3
    assert run.passes["TestA"] == 1
    assert run.tests["TestA"].elapsed == 0.25


def test_race_report_is_collected():
    lines = [
        '{"Action":"output","Test":"TestA","Output":"==================\\n"}',
        '{"Action":"output","Test":"TestA","Output":"WARNING: DATA RACE\\n"}',
        '{"Action":"output","Test":"TestA","Output":"Write at 0x00c by goroutine 7:\\n"}',
        '{"Action":"output","Test":"TestA","Output":"==================\\n"}',
    ]
    run = parse_events("\n".join(lines))
    assert len(run.race_reports) == 1
    assert "Write at" in "".join(run.race_reports[0])


@pytest.mark.parametrize("code,expected", [
    ("package palindrome\n", "palindrome"),
    ("// Package x is a thing\n/* package nope */\npackage x // trailing\n", "x"),
    ("\ufeffpackage   main\n", None),
    ("func main() {}", None),
])
def test_package_clause(code, expected):
    assert package_clause(code) == expected


def test_wrong_package_is_compile_error_before_any_container():
    outcome = GoRunner().precheck(SimpleNamespace(package="palindrome", forbidden=[], allowed={}, writes_tests=False),
                                  "package main\n")
    assert outcome.verdict == Verdict.COMPILE_ERROR
    assert "expected `package palindrome`, found package main" in outcome.message


def test_most_severe_follows_the_contract_order():
    assert most_severe([Verdict.WRONG_ANSWER, Verdict.DATA_RACE]) == Verdict.DATA_RACE
    assert most_severe([Verdict.TOO_SLOW, Verdict.COMPILE_ERROR]) == Verdict.COMPILE_ERROR
    assert most_severe([]) == Verdict.ACCEPTED


FORBID = ["io.LimitReader", "io.TeeReader", "unsafe"]


@pytest.mark.parametrize("code,found", [
    ('package p\nimport "io"\nfunc F(r io.Reader) io.Reader { return io.LimitReader(r, 3) }\n',
     ["solution.go:3:40: io.LimitReader is not allowed in this problem"]),
    ('package p\nimport (\n\tx "io"\n)\nvar f = x.TeeReader\n', ["solution.go:5:9: io.TeeReader is not allowed in this problem"]),
    ('package p\nimport . "io"\nvar f = LimitReader\n', ["solution.go:2:10: dot-importing io is not allowed: it would hide io.LimitReader, io.TeeReader"]),
    ('package p\nimport "unsafe"\n', ["solution.go:2:8: importing unsafe is not allowed in this problem"]),
    ('package p\nimport "io"\n// io.LimitReader is what we rebuild\nvar s = "io.LimitReader"\nvar r io.Reader\n', []),
    ('package p\nimport "fmt"\ntype io struct{ LimitReader int }\nvar v io\nvar n = v.LimitReader\nvar _ = fmt.Sprint\n', []),
])
def test_forbidden_identifiers_are_found_in_code_not_in_comments_or_strings(code, found):
    from judge.runners.go.forbidden import violations

    assert violations(code, FORBID) == found
