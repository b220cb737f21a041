"""Parses the event stream of `go tool test2json` into per-test results.

Everything here is untrusted: user code can print anything, including fake framing lines
or raw JSON. The parser only records what it saw; `GoRunner` decides what to believe
(e.g. every expected test must report exactly one pass).
"""

import json
from collections import Counter
from dataclasses import dataclass, field

TIMEOUT_PANIC = "panic: test timed out after"
RACE_BANNER = "WARNING: DATA RACE"


@dataclass
class TestRecord:
    name: str
    status: str = "not_run"
    elapsed: float = 0.0
    output: list = field(default_factory=list)
    # Output test2json typed "error"/"error-continue": what t.Error and t.Fatal printed. User
    # code can forge the markers behind that type, so this is as untrusted as `output`.
    error_output: list = field(default_factory=list)


@dataclass
class TestRun:
    tests: dict = field(default_factory=dict)  # name -> TestRecord, in first-seen order
    passes: Counter = field(default_factory=Counter)
    fails: Counter = field(default_factory=Counter)
    package_action: str | None = None
    panic: str | None = None
    panic_test: str | None = None
    timed_out: bool = False
    race_reports: list = field(default_factory=list)
    stray_lines: int = 0

    def record(self, name: str) -> TestRecord:
        if name not in self.tests:
            self.tests[name] = TestRecord(name)
        return self.tests[name]


def parse_events(text: str) -> TestRun:
    run = TestRun()
    race_lines = None
    for line in text.splitlines():
        try:
            event = json.loads(line)
        except ValueError:
            run.stray_lines += 1
            continue
        if not isinstance(event, dict):
            run.stray_lines += 1
            continue
        action = event.get("Action")
        test = event.get("Test")
        if not isinstance(test, str):
            test = None
        if action == "output":
            out = event.get("Output")
            out = out if isinstance(out, str) else ""
            if test:
                run.record(test).output.append(out)
                if event.get("OutputType") in ("error", "error-continue"):
                    run.record(test).error_output.append(out)
            if out.startswith("panic: ") and run.panic is None:
                run.panic = out.strip()
                run.panic_test = test
                run.timed_out = out.startswith(TIMEOUT_PANIC)
            if out.startswith(RACE_BANNER):
                race_lines = [out]
                run.race_reports.append(race_lines)
            elif race_lines is not None:
                race_lines.append(out)
                if out.startswith("=================="):
                    race_lines = None
        elif action in ("run", "pass", "fail", "skip"):
            if test is None:
                if action in ("pass", "fail"):
                    run.package_action = action
                continue
            rec = run.record(test)
            if action == "run":
                continue
            rec.status = action
            elapsed = event.get("Elapsed")
            if isinstance(elapsed, (int, float)):
                rec.elapsed = float(elapsed)
            if action == "pass":
                run.passes[test] += 1
            elif action == "fail":
                run.fails[test] += 1
    return run
