"""Test-writing tasks: the user's _test.go files run against the correct implementation
(they must pass) and against each mutant (each must make them fail).

The sandbox side is `judge --variants` (docs/judge-protocol.md). Every implementation is
built into its own directory; the correct one is named so it builds first, and the run
order is shuffled, so nothing the tests can observe tells them which one they face.
"""

import bisect
import dataclasses
import json
import random
import re
import secrets

from judge.runners.base import Outcome, TestOutcome
from judge.runners.go.protocol import Kind
from judge.runners.go.test2json import parse_events
from judge.verdicts import Mode, Verdict

CORRECT_DIR = "a0"  # sorts before every mutant dir ("m…"): built first, so a compile error is the user's
# A benchmark line that reported allocations (b.ReportAllocs; the judge does not pass -benchmem).
_ALLOCS_LINE = re.compile(r"^(Benchmark\S+)\s+\d+\s+.*\ballocs/op", re.MULTILINE)
_MAX_OUTPUT = 6000


def variant_dirs(problem, mode: str) -> dict:
    """{dir name: mutant name or None for the correct implementation}."""
    dirs = {CORRECT_DIR: None}
    if mode != Mode.RUN:
        for mutant in problem.mutants:
            dirs[f"m{secrets.token_hex(4)}"] = mutant["name"]
    return dirs


def implementations(problem, dirs: dict) -> list:
    """The implementation files of each dir, in the dirs' order."""
    impls = {m["name"]: m["files"] for m in problem.mutants}
    return [problem.impl_files if mutant is None else impls[mutant] for mutant in dirs.values()]


def variant_files(problem, user_files: dict, dirs: dict, go_mod: str) -> dict:
    files = {}
    for d, impl in zip(dirs, implementations(problem, dirs), strict=True):
        for name, source in {"go.mod": go_mod, **impl, **user_files}.items():
            files[f"v/{d}/{name}"] = source
    return files


def run_order(dirs: dict) -> str:
    order = list(dirs)
    random.shuffle(order)
    return ",".join(order)


def _with_cap(result, capped: bool):
    """The sandbox result, counting dojo-jail's per-run output cap as the sandbox's own."""
    if not capped or result.output_truncated:
        return result
    return dataclasses.replace(result, output_truncated=True)


def _runs(transcript) -> dict:
    """{dir: (exit status or None if it never ended, its test2json text)}. The status is
    dojo-jail's (wait(2)); a run killed by a signal counts as failing, like any crash."""
    runs = {}
    for section in transcript.of_kind(Kind.VARIANT):
        ended = section.exit
        status = None if ended is None or ended.timed_out or ended.output_capped else \
            (ended.code if ended.code >= 0 else 128 + ended.signal)
        runs[section.label] = (status, section.text)
    return runs


def interpret_variants(problem, mode: str, result, transcript, dirs: dict) -> Outcome:
    require = problem.tests_task.get("require", "Test")
    runs = _runs(transcript)
    capped = any(s.exit is not None and s.exit.output_capped for s in transcript.of_kind(Kind.VARIANT))
    result = _with_cap(result, capped)
    status, text = runs.get(CORRECT_DIR, (None, ""))
    events = parse_events(text)
    tests = _rows(events)

    if status is None:
        return _killed(problem, result, tests)
    if require == "Fuzz" and not any(name.startswith("Fuzz") for name in events.tests):
        return Outcome(Verdict.WRONG_ANSWER, "No fuzz test ran: this task needs a `func FuzzXxx(f *testing.F)` "
                       "with seed inputs (f.Add).", tests=tests)
    if require == "Test" and not any(name.startswith("Test") for name in events.tests):
        return Outcome(Verdict.WRONG_ANSWER, "No test ran: write at least one `func TestXxx(t *testing.T)`.",
                       tests=tests)
    if status != 0:
        return _fails_on_correct(events, tests)
    if require == "Benchmark":
        reported = set(_ALLOCS_LINE.findall("".join(_outputs(text))))
        if len(reported) < problem.tests_task.get("min_benchmarks", 2):
            return Outcome(Verdict.WRONG_ANSWER, f"{len(reported)} benchmark(s) reported allocations; this task "
                           f"needs at least {problem.tests_task.get('min_benchmarks', 2)}, each calling "
                           "b.ReportAllocs().", tests=tests)
    if mode == Mode.RUN:
        return Outcome(Verdict.ACCEPTED, "Your tests pass against the correct implementation. Submit to run "
                       "them against the bugs they should catch.", tests=tests)

    rows, missed = [], []
    for d, mutant in dirs.items():
        if mutant is None:
            continue
        why = next(m["why"] for m in problem.mutants if m["name"] == mutant)
        mutant_status, _ = runs.get(d, (None, ""))
        caught = mutant_status not in (None, 0)
        rows.append(TestOutcome(f"bug: {mutant}", "pass" if caught else "fail", 0,
                                f"caught: {why}" if caught else f"not caught: {why}"))
        if mutant_status is None:
            return _killed(problem, result, tests + rows)
        if not caught:
            missed.append(why)
    rows.sort(key=lambda row: row.name)
    total = len(rows)
    if missed:
        return Outcome(Verdict.WRONG_ANSWER, f"Your tests caught {total - len(missed)} of {total} bugs. "
                       f"Not caught: {missed[0]}.", tests=tests + rows)
    return Outcome(Verdict.ACCEPTED, f"Your tests pass on the correct implementation and caught all {total} bugs.",
                   tests=tests + rows)


def _outputs(text: str) -> list:
    """Every printed line of a test2json stream (benchmark results are not tied to a test)."""
    lines = []
    for line in text.splitlines():
        try:
            event = json.loads(line)
        except ValueError:
            continue
        if isinstance(event, dict) and isinstance(event.get("Output"), str):
            lines.append(event["Output"])
    return lines


def _rows(events) -> list:
    """One row per test and benchmark of the run on the correct implementation. A benchmark
    that only groups sub-benchmarks (b.Run) reports no result and no pass of its own, so it
    would read as "not run" next to its passing sub-benchmarks: it is left out, and the
    sub-benchmarks' rows, named "Parent/sub", stand for it. It is kept if it failed."""
    names = sorted(events.tests)

    def has_subs(name: str) -> bool:  # b.Run("a/b") reports "Parent/a/b" with no "Parent/a" of its own
        i = bisect.bisect_left(names, name + "/")
        return i < len(names) and names[i].startswith(name + "/")

    rows = []
    for rec in events.tests.values():
        status = _status(rec)
        if status == "not_run" and rec.name.startswith("Benchmark") and has_subs(rec.name):
            continue
        rows.append(TestOutcome(rec.name, status, int(rec.elapsed * 1000), _output(rec)))
    return rows


def _status(rec) -> str:
    """test2json gives benchmarks output but no pass event; one that printed a result ran."""
    if rec.status == "not_run" and rec.name.startswith("Benchmark") and any("ns/op" in line for line in rec.output):
        return "pass"
    return rec.status


def _output(rec) -> str:
    text = "".join(line for line in rec.output if not line.startswith(("=== ", "--- PASS", "--- FAIL")))
    return text if len(text) <= _MAX_OUTPUT else text[:_MAX_OUTPUT] + "\n… (trimmed)"


def _fails_on_correct(events, tests) -> Outcome:
    if events.timed_out:
        return Outcome(Verdict.TIME_LIMIT, "Your tests ran out of time against the correct implementation.",
                       tests=tests)
    if events.panic:
        return Outcome(Verdict.RUNTIME_ERROR, f"Your tests panicked against the correct implementation: "
                       f"{events.panic}", tests=tests)
    failing = [name for name, rec in events.tests.items() if rec.status == "fail"]
    leaf = next((n for n in reversed(failing) if "/" in n), failing[0] if failing else "a test")
    return Outcome(Verdict.WRONG_ANSWER, f"Your tests fail against the correct implementation ({leaf} failed): "
                   "a test must pass on correct code.", tests=tests)


def _killed(problem, result, tests) -> Outcome:
    if result.oom_killed:
        return Outcome(Verdict.MEMORY_LIMIT, "Your tests ran out of memory.", tests=tests)
    if result.output_truncated:
        return Outcome(Verdict.OUTPUT_LIMIT, "Your tests printed more than the output limit.", tests=tests)
    return Outcome(Verdict.TIME_LIMIT, f"Your tests did not finish within {problem.time_limit_seconds} s.",
                   tests=tests)
