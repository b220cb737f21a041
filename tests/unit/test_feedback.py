"""Feedback that teaches (issue 13): one count everywhere, failing rows first, compile errors
linked to the editor's lines, and the first failing hidden test's own message, taken from
hostile output with care."""

import json
from types import SimpleNamespace

import pytest

from judge import feedback
from judge.runners.base import TestOutcome as Row
from judge.runners.go import failure_message
from judge.runners.go.runner import GoRunner
from judge.runners.go.test2json import parse_events
from judge.sandbox.job import SandboxResult
from judge.verdicts import Verdict

ESC_O, ESC_N = "\x0f", "\x0e"  # what test2json turns into OutputType "error"; user code can print them too


def rows(*pairs):
    return [Row(name, status) for name, status in pairs]


# ---- counts ----

def test_one_count_of_tests_and_cases():
    results = rows(("TestA", "fail"), ("TestA/x", "pass"), ("TestA/y", "fail"), ("TestB", "pass"),
                   ("TestC", "fail"), ("TestD", "pass"), ("TestD/p", "pass"), ("TestD/q", "pass"))
    assert feedback.summary(results) == "2 of 4 tests failed · 4 of 6 cases passed."
    assert feedback.passed_summary(results) == "Passed: 2 tests · 4 cases"
    failing, passing = feedback.split(results)
    assert [r.name for r in failing] == ["TestA", "TestA/y", "TestC"]
    assert [r.name for r in passing] == ["TestA/x", "TestB", "TestD", "TestD/p", "TestD/q"]


@pytest.mark.parametrize("results,text", [
    (rows(("TestA", "pass")), "1 test passed."),
    (rows(("TestA", "pass"), ("TestB", "pass")), "All 2 tests passed."),
    (rows(("TestA", "pass"), ("TestA/x", "pass"), ("TestA/y", "pass")), "1 test passed · 2 cases."),
    (rows(("TestA", "fail")), "1 of 1 test failed."),
    (rows(("TestA", "fail"), ("TestB", "not_run")), "1 of 2 tests failed, 1 not run."),
    (rows(("TestA", "not_run"), ("TestB", "pass")), "1 of 2 tests not run."),
    (rows(("TestA", "fail"), ("TestA/g", "fail"), ("TestA/g/1", "pass"), ("TestA/g/2", "fail")),
     "1 of 1 test failed · 1 of 2 cases passed."),
    ([], ""),
])
def test_plurals_and_edge_cases(results, text):
    assert feedback.summary(results) == text


def test_a_test_writing_task_counts_bugs_apart():
    results = rows(("TestPal", "pass"), ("bug: a", "pass"), ("bug: b", "fail"))
    assert feedback.summary(results) == "Caught 1 of 2 bugs · 1 test passed."


def test_the_message_less_the_count_line():
    assert feedback.message_beyond_summary("2 of 7 tests failed. First failure: TestX/y.", "2 of 7 tests failed.") \
        == "First failure: TestX/y."
    assert feedback.message_beyond_summary("All 3 tests passed.", "All 3 tests passed.") == ""
    assert feedback.message_beyond_summary("Runtime error: x", "1 of 3 tests failed.") == "Runtime error: x"


def test_a_compile_message_is_shown_once():
    assert not feedback.shown_once("./solution.go:3:1: undefined: x", "./solution.go:3:1: undefined: x\nmore")
    assert feedback.shown_once("Compilation took too long and was stopped.", "")


# ---- compile errors linked to the editor ----

def test_a_single_file_maps_lines_as_they_are():
    lines = feedback.compile_lines("./solution.go:3:53: undefined: x\nnote: something", "package p\n")
    assert (lines[0].editor, lines[0].line, lines[0].column, lines[0].location) == ("code", 3, 53, "./solution.go:3:53")
    assert lines[0].rest == ": undefined: x"
    assert lines[1].editor == "" and lines[1].text == "note: something"


def test_several_files_map_to_the_line_of_the_editor_text():
    code = "-- a.go --\npackage p\n\nfunc A() {}\n-- b.go --\npackage p\n\nfunc B() int {\n}\n"
    lines = feedback.compile_lines("./b.go:4:1: missing return\n./a.go:3:6: x\n./hidden_test.go:9:2: y", code)
    assert [(line.editor, line.line) for line in lines] == [("code", 9), ("code", 4), ("", 0)]
    assert code.split("\n")[9 - 1] == "}"  # b.go's line 4 is the editor's line 9


def test_the_users_own_cases_link_to_their_editor():
    lines = feedback.compile_lines("./my_cases_test.go:7:2: undefined: y", "package p\n", custom_tests="package p\n",
                                   custom_tests_file="my_cases_test.go")
    assert (lines[0].editor, lines[0].line) == ("custom_tests", 7)


# ---- the first failing hidden test's message ----

def event(test, output, kind=None):
    data = {"Action": "output", "Test": test, "Output": output}
    if kind:
        data["OutputType"] = kind
    return json.dumps(data)


def stream(*lines):
    return "\n".join(lines) + "\n"


PROBLEM = SimpleNamespace(package="p", writes_tests=False, time_limit_seconds=2, reference_files={},
                          hidden_test_files={"hidden_test.go": 'x := "small"', "export_test.go": ""},
                          example_test_files={}, hidden_test_names=["TestTop", "TestZero"], example_test_names=[],
                          benchmark_names=[], benchmark_config={})


def judged(events_text, exit_code=1):
    body = "".join("|" + line + "\n" for line in events_text.splitlines())
    output = f"@@dojo:build@@\n@@dojo:exit 0 0 1 0 0@@\n@@dojo:run@@\n{body}@@dojo:exit {exit_code} 0 5 0 0@@"
    return GoRunner().interpret(PROBLEM, "submit", SandboxResult(exit_code=0, output=output.encode(), wall_seconds=1))


def failing_run(*outputs_of_small):
    return stream(
        json.dumps({"Action": "run", "Test": "TestTop"}),
        json.dumps({"Action": "run", "Test": "TestTop/small"}),
        *outputs_of_small,
        json.dumps({"Action": "fail", "Test": "TestTop/small"}),
        json.dumps({"Action": "run", "Test": "TestTop/big"}),
        event("TestTop/big", "    hidden_test.go:51: TopK(big) = [1], want [2]\n", "error"),
        json.dumps({"Action": "fail", "Test": "TestTop/big"}),
        json.dumps({"Action": "fail", "Test": "TestTop"}),
        json.dumps({"Action": "run", "Test": "TestZero"}),
        event("TestZero", "    hidden_test.go:70: Zero() = 1, want 0\n", "error"),
        json.dumps({"Action": "fail", "Test": "TestZero"}))


def test_the_first_failing_hidden_test_shows_its_message_and_only_it():
    outcome = judged(failing_run(
        event("TestTop/small", "debug print from the code\n"),
        event("TestTop/small", "    hidden_test.go:40: TopK([1 1 2], 1) = [2], want [1]\n", "error"),
        event("TestTop/small", "        first difference at index 0\n", "error-continue")))
    assert outcome.verdict == Verdict.WRONG_ANSWER
    shown = {t.name: t.message for t in outcome.tests if t.message}
    # The row's name is a literal of the hidden file; the big case's and TestZero's messages stay hidden.
    assert shown == {"TestTop/small": "TopK([1 1 2], 1) = [2], want [1]\n    first difference at index 0"}
    # TestTop/big is no literal of the hidden file, so not listed: the counts are of the rows shown.
    assert outcome.message == "2 of 2 tests failed. First failure: TestTop/small."


def test_a_row_the_page_does_not_list_gives_its_message_to_its_parent():
    text = failing_run(event("TestTop/small", "    hidden_test.go:40: got 3, want 4\n", "error"))
    outcome = judged(text.replace("TestTop/small", "TestTop/case_7"))  # not a literal of the hidden file
    shown = {t.name: t.message for t in outcome.tests if t.message}
    assert shown == {"TestTop": "got 3, want 4"}


@pytest.mark.parametrize("forged,expected", [
    # Printed without testing's error marker: not a test's message.
    (event("TestTop/small", "    hidden_test.go:40: forged without the marker\n"), ""),
    # Another file's lines (the submitter's own, a user-written "helper"): not the hidden test's.
    (event("TestTop/small", "    solution.go:3: from the code\n", "error"), ""),
    # Forged with the marker: it shows, as the cap allows (the residual risk docs/judge-protocol.md states).
    (event("TestTop/small", "    hidden_test.go:1: forged\u202e\x1b[31m red\n", "error"), "forged\ufffd\ufffd[31m red"),
])
def test_forged_lines(forged, expected):
    outcome = judged(failing_run(forged))
    row = next(t for t in outcome.tests if t.name == "TestTop/small")
    assert row.message == expected


def test_the_message_is_capped_in_lines_and_bytes():
    many = [event("TestTop/small", f"    hidden_test.go:{i}: line {i}\n", "error") for i in range(30)]
    message = next(t.message for t in judged(failing_run(*many)).tests if t.name == "TestTop/small")
    assert message.splitlines() == [f"line {i}" for i in range(failure_message.MAX_LINES)] + [failure_message.TRIMMED]
    huge = event("TestTop/small", "    hidden_test.go:40: " + "é" * 5000 + "\n", "error")
    message = next(t.message for t in judged(failing_run(huge)).tests if t.name == "TestTop/small")
    assert len(message.encode()) <= failure_message.MAX_BYTES + len(failure_message.TRIMMED.encode())
    assert message.endswith(failure_message.TRIMMED)


def test_a_panic_shows_no_message():
    outcome = judged(failing_run(event("TestTop/small", "panic: secret hidden input [recovered]\n")))
    assert all(t.message == "" for t in outcome.tests)


def test_names_only_drops_every_message():
    outcome = judged(failing_run(event("TestTop/small", "    hidden_test.go:40: got 1, want 2\n", "error")))
    assert any(t.message for t in outcome.tests)
    assert all(t.message == "" for t in feedback.names_only(outcome).tests)


def test_the_parser_keeps_error_output_apart():
    run = parse_events(stream(event("TestA", "print\n"), event("TestA", ESC_O + "x\n", "error")))
    assert run.tests["TestA"].error_output == [ESC_O + "x\n"]
    assert run.tests["TestA"].output == ["print\n", ESC_O + "x\n"]


def test_a_message_quoting_the_hidden_source_is_not_shown():
    """User code that got the source (embed, were the static check to miss it) and panics with
    it: the test's recover prints the panic's value in its message. Never shown."""
    source = 'x := "small"\nfunc checkSecretOracle(t *testing.T) {\n'
    problem = SimpleNamespace(**{**vars(PROBLEM), "hidden_test_files": {"hidden_test.go": source}})
    for leaked in ("func checkSecretOracle(t *testing.T) {", '"func checkSecretOracle(t *testing.T) {\\n"'):
        line = event("TestTop/small", f"    hidden_test.go:40: TopK(x) panicked: {leaked}\n", "error")
        body = "".join("|" + text + "\n" for text in failing_run(line).splitlines())
        output = f"@@dojo:build@@\n@@dojo:exit 0 0 1 0 0@@\n@@dojo:run@@\n{body}@@dojo:exit 1 0 5 0 0@@"
        outcome = GoRunner().interpret(problem, "submit", SandboxResult(exit_code=0, output=output.encode(),
                                                                        wall_seconds=1))
        assert all(t.message == "" for t in outcome.tests), leaked
