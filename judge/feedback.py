"""What a result says, counted one way everywhere: the runner's message and the result panel
both take their counts from `summary` over the same rows (TestOutcome or TestResult: a name
and a status), so "2 of 7 tests failed · 49 of 51 cases passed" is the same wherever it shows.

A test is a top-level row ("TestTopK"). A case is a row with no sub-test rows under it: a
sub-test, or a test without sub-tests. A test-writing task's "bug: …" rows are bugs, counted
apart. Failing rows come first; the passing ones are folded (judge/_tests.html).
"""

import re
from dataclasses import dataclass, replace

from problems.code_files import SINGLE_FILE, SINGLE_TEST_FILE, is_multi_file

BUG_PREFIX = "bug: "
NEEDS_ATTENTION = ("fail", "not_run")
_COMPILE_LOCATION = re.compile(r"^(?:\./)?([\w.-]+\.go):(\d+)(?::(\d+))?: ")
_HEADER = re.compile(r"^-- (.*?) --[ \t]*\r?$")


@dataclass(frozen=True)
class Counts:
    tests: int = 0
    tests_failed: int = 0
    tests_not_run: int = 0
    cases: int = 0
    cases_passed: int = 0
    bugs: int = 0
    bugs_caught: int = 0

    @property
    def tests_passed(self) -> int:
        return self.tests - self.tests_failed - self.tests_not_run


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def count(rows) -> Counts:
    rows = list(rows)
    bugs = [r for r in rows if r.name.startswith(BUG_PREFIX)]
    tests = [r for r in rows if not r.name.startswith(BUG_PREFIX)]
    parents = {r.name[:i] for r in tests for i, ch in enumerate(r.name) if ch == "/"}
    top = [r for r in tests if "/" not in r.name]
    cases = [r for r in tests if r.name not in parents]
    return Counts(
        tests=len(top), tests_failed=sum(r.status == "fail" for r in top),
        tests_not_run=sum(r.status == "not_run" for r in top),
        cases=len(cases), cases_passed=sum(r.status in ("pass", "skip") for r in cases),
        bugs=len(bugs), bugs_caught=sum(r.status == "pass" for r in bugs))


def summary(rows) -> str:
    """One sentence: "2 of 7 tests failed · 49 of 51 cases passed." ("" without rows)."""
    c = count(rows)
    parts = []
    if c.bugs:
        parts.append(f"Caught {c.bugs_caught} of {_plural(c.bugs, 'bug')}")
    if c.tests:
        if c.tests_failed:
            part = f"{c.tests_failed} of {_plural(c.tests, 'test')} failed"
            if c.tests_not_run:
                part += f", {c.tests_not_run} not run"
        elif c.tests_not_run:
            part = f"{c.tests_not_run} of {_plural(c.tests, 'test')} not run"
        else:
            part = "1 test passed" if c.tests == 1 else f"All {c.tests} tests passed"
        parts.append(part)
        if c.cases != c.tests:
            all_passed = c.cases_passed == c.cases and not c.tests_failed and not c.tests_not_run
            parts.append(_plural(c.cases, "case") if all_passed else f"{c.cases_passed} of {_plural(c.cases, 'case')} passed")
    return " · ".join(parts) + "." if parts else ""


def passed_summary(rows) -> str:
    """The fold's title: "Passed: 5 tests · 49 cases"."""
    c = count(rows)
    parts = []
    if c.tests:
        parts.append(_plural(c.tests_passed, "test"))
        if c.cases != c.tests:
            parts.append(_plural(c.cases_passed, "case"))
    if c.bugs:
        parts.append(f"{_plural(c.bugs_caught, 'bug')} caught")
    return "Passed: " + " · ".join(parts)


def split(rows) -> tuple[list, list]:
    """(rows that need attention: failed or not run, in order; the rest)."""
    rows = list(rows)
    return [r for r in rows if r.status in NEEDS_ATTENTION], [r for r in rows if r.status not in NEEDS_ATTENTION]


def names_only(outcome):
    """The outcome with no test's message: the rows' names and results only."""
    return replace(outcome, tests=[replace(row, message="") for row in outcome.tests])


def message_beyond_summary(message: str, summary_text: str) -> str:
    """The message less a leading copy of the summary, which the panel shows already."""
    if summary_text and message.startswith(summary_text):
        return message[len(summary_text):].strip()
    return message


# ---- compile errors: each `file.go:LINE:COL:` of the user's code linked to the editor ----

@dataclass(frozen=True)
class CompileLine:
    text: str  # the whole line when it has no link
    location: str = ""  # "solution.go:4:28"
    rest: str = ""  # ": cannot use …"
    editor: str = ""  # the id of the editor's textarea: "code", or "custom_tests"
    line: int = 0  # in the editor's text
    column: int = 0


def file_starts(code: str) -> dict:
    """{file name: the editor line its line 1 is on, less one}. One file is the whole text; in
    a multi-file text each file starts on the line after its `-- name.go --` header."""
    if not is_multi_file(code):
        return {SINGLE_FILE: 0, SINGLE_TEST_FILE: 0}
    return {match.group(1).strip(): number
            for number, text in enumerate(code.split("\n"), start=1) if (match := _HEADER.match(text))}


def compile_lines(output: str, code: str, *, custom_tests: str = "", custom_tests_file: str = "") -> list:
    """The compile output, line by line, with the place of each error in the user's own code
    (`custom_tests_file`: the name the runner gives the user's own test cases)."""
    starts = file_starts(code)
    lines = []
    for text in output.splitlines():
        match = _COMPILE_LOCATION.match(text)
        name = match.group(1) if match else ""
        if name in starts:
            editor, line = "code", starts[name] + int(match.group(2))
        elif name and name == custom_tests_file and custom_tests:
            editor, line = "custom_tests", int(match.group(2))
        else:
            lines.append(CompileLine(text))
            continue
        location = match.group(0).rstrip(": ")
        lines.append(CompileLine(text, location=location, rest=text[len(location):], editor=editor, line=line,
                                 column=int(match.group(3) or 1)))
    return lines


def shown_once(message: str, compile_output: str) -> bool:
    """Whether the message says something the compile output does not (it is often its first line)."""
    if not compile_output:
        return bool(message)
    return bool(message) and message.strip() not in compile_output
