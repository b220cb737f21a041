"""The rows and names a Go run's result may show: which test names user output cannot fake,
where a failure happened, and the one message a failing hidden run reveals."""

from judge.runners.base import TestOutcome
from judge.runners.go import hidden
from judge.runners.go.failure_message import first_failure_message
from problems.loader import EXPORT_FILE

MAX_TEST_OUTPUT = 8000


def trim(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + "\n… (trimmed)"


def reveal_first_failure(problem, events, failed_test: str, rows: list) -> None:
    """The first failing hidden test's own message (input, got, want), on the row that
    shows it; hostile text, capped (failure_message.py). The other rows stay names only.
    Whether a submitter sees it is the caller's to decide (judge.services: interviews)."""
    failing = [name for name, rec in events.tests.items()
               if (name == failed_test or name.startswith(failed_test + "/")) and rec.status == "fail"]
    leaf = next((name for name in failing if not any(other.startswith(name + "/") for other in failing)),
                failed_test)
    hidden_files = {name: source for name, source in problem.hidden_test_files.items() if name != EXPORT_FILE}
    public = "\n".join([getattr(problem, "statement", ""), *problem.example_test_files.values()])
    message = first_failure_message(events, leaf, hidden_files, public)
    by_name = {row.name: row for row in rows}
    name = leaf
    while name and name not in by_name:
        name = name.rpartition("/")[0]
    if message and name:
        by_name[name].message = message


def name_filter(problem, expected: list, hidden_run: bool):
    """Which test names a result may show: the expected tests and, on hidden runs, only
    sub-tests the hidden file spells out (a name printed by user code could carry anything)."""
    expected = set(expected)
    subtests = hidden.subtest_names(problem.hidden_test_files) if hidden_run else set()

    def may_show(name: str) -> bool:
        if name.split("/", 1)[0] not in expected:
            return False
        return not hidden_run or hidden.shown_test_name(name, expected, subtests) is not None
    return may_show


def where(test: str | None, may_show) -> str:
    """" in TestX/case" for a message, or its top-level name if only that may be shown."""
    if not test:
        return ""
    top = test.split("/", 1)[0]
    if may_show(test):
        return f" in {test}"
    return f" in {top}" if may_show(top) else ""


def first_failing_leaf(events, top: str, may_show) -> str:
    """The first failing sub-test under a failing test tells the user more than its parent."""
    leaves = [name for name, rec in events.tests.items()
              if name.startswith(top + "/") and rec.status == "fail" and may_show(name)]
    return leaves[0] if leaves else top


def test_rows(events, expected, hidden_run, may_show) -> list:
    rows = []
    seen = set()
    for record in events.tests.values():
        if not may_show(record.name):
            continue  # only the judge's tests are listed; printed fakes are not
        if hidden_run:
            # Names and statuses only: a hidden row carries nothing user code chose
            # beyond pass or fail (not its printed output, nor a printed duration).
            seen.add(record.name)
            rows.append(TestOutcome(record.name, record.status, 0, ""))
            continue
        seen.add(record.name)
        message = trim("".join(line for line in record.output if not _is_frame(line)), MAX_TEST_OUTPUT)
        rows.append(TestOutcome(record.name, record.status, int(record.elapsed * 1000), message))
    rows.extend(TestOutcome(name, "not_run") for name in expected if name not in seen)
    return rows



def _is_frame(line: str) -> bool:
    return line.startswith(("=== RUN", "=== PAUSE", "=== CONT", "--- PASS", "--- FAIL", "--- SKIP"))
