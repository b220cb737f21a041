"""Code-review drills: the user's _test.go files run against the problem's reference (they must
pass) and against one known-wrong variant (they must fail: the bug is caught).

The sandbox side is `judge --variants` (docs/judge-protocol.md), as for test-writing tasks: the
reference is built in the dir that sorts first, the variant in a random one, each binary runs
from the same path in a fresh run dir, in random order, so the tests cannot tell which
implementation they face. The hidden suite is never in the archive. Race-judged problems build
both with -race, so a data race the tests provoke fails them like any other failure.
"""

import re
import secrets

from judge.runners.base import Outcome, TestOutcome
from judge.runners.go import mutants
from judge.runners.go.protocol import Kind
from judge.runners.go.results import trim
from judge.runners.go.test2json import parse_events
from judge.verdicts import Verdict

CORRECT_DIR = mutants.CORRECT_DIR
# The last row of a drill's results: whether the tests failed on the buggy code.
CAUGHT_ROW = "catches the bug"
_BUILD_LINE = re.compile(r"^\s*(?:\./)?([A-Za-z0-9_.-]+\.go):\d+")


class UnknownVariant(ValueError):
    pass


def variant_files(problem, variant: str) -> dict:
    for wrong in problem.wrong_variants:
        if wrong["name"] == variant:
            return wrong["files"]
    raise UnknownVariant(f"{problem.slug} has no known-wrong variant {variant!r}")


def drill_dirs() -> dict:
    """{dir: "reference" | "variant"}; the variant's dir name is random."""
    return {CORRECT_DIR: "reference", f"m{secrets.token_hex(4)}": "variant"}


def drill_files(problem, variant: str, user_files: dict, dirs: dict, go_mod: str) -> dict:
    impls = {"reference": problem.reference_files, "variant": variant_files(problem, variant)}
    files = {}
    for d, which in dirs.items():
        for name, source in {"go.mod": go_mod, **impls[which], **user_files}.items():
            files[f"v/{d}/{name}"] = source
    return files


def not_caught(outcome: Outcome) -> bool:
    """The tests passed on the reference and on the variant alike."""
    return outcome.verdict == Verdict.WRONG_ANSWER and bool(outcome.tests) and outcome.tests[-1].name == CAUGHT_ROW


def scrub_build_output(text: str, user_files) -> str:
    """The compiler's lines about the user's own files only: a test that redeclares one of the
    reference's names would otherwise have the compiler point into the reference's source."""
    kept = []
    for line in text.splitlines(keepends=True):
        match = _BUILD_LINE.match(line)
        if match and match.group(1) not in user_files:
            continue
        kept.append(line)
    return "".join(kept)


def build_failed(build, user_files) -> Outcome:
    """The build stopped: the user's compile error where the reference's dir failed (it builds
    first), else the judge's (a variant that does not build with tests that built on the reference)."""
    if build.label != CORRECT_DIR:
        return Outcome(Verdict.INTERNAL_ERROR, "The judge failed to build the buggy code against your tests; "
                       "it will be retried.", judge_log=trim(build.text, 20000))
    if build.exit is not None and build.exit.timed_out:
        return Outcome(Verdict.COMPILE_ERROR, "Compilation took too long and was stopped.")
    output = scrub_build_output(build.text, set(user_files))
    first = next((line for line in output.splitlines() if line.strip()), "build failed")
    return Outcome(Verdict.COMPILE_ERROR, first, compile_output=trim(output, 20000))


def interpret_drill(problem, result, transcript, dirs: dict) -> Outcome:
    runs = mutants._runs(transcript)
    capped = any(s.exit is not None and s.exit.output_capped for s in transcript.of_kind(Kind.VARIANT))
    result = mutants._with_cap(result, capped)
    by_role = {role: runs.get(d, (None, "")) for d, role in dirs.items()}
    status, text = by_role["reference"]
    events = parse_events(text)
    tests = mutants._rows(events)
    if status is None:
        return mutants._killed(problem, result, tests)
    if not any(name.startswith("Test") for name in events.tests):
        return Outcome(Verdict.WRONG_ANSWER, "No test ran: write at least one `func TestXxx(t *testing.T)`.",
                       tests=tests)
    if status != 0:
        outcome = mutants._fails_on_correct(events, tests)
        if outcome.verdict == Verdict.WRONG_ANSWER:
            outcome.message = outcome.message.replace("the correct implementation", "the reference solution") \
                .replace("a test must pass on correct code", "wrong test: it must pass on correct code")
        return outcome
    variant_status, variant_text = by_role["variant"]
    if variant_status is None:
        return mutants._killed(problem, result, tests)
    failing = [name for name, rec in parse_events(variant_text).tests.items() if rec.status == "fail"]
    if variant_status == 0:
        return Outcome(Verdict.WRONG_ANSWER, "Not caught: your tests pass on the reference and on the buggy code "
                       "too. Find what the variant does differently and test exactly that.",
                       tests=tests + [TestOutcome(CAUGHT_ROW, "fail", 0, "Every test passed on the buggy code.")])
    how = f"{', '.join(failing[:5])} failed on it" if failing else "the test binary failed on it (a panic or a race)"
    return Outcome(Verdict.ACCEPTED, f"Caught: your tests pass on the reference and fail on the buggy code ({how}).",
                   tests=tests + [TestOutcome(CAUGHT_ROW, "pass", 0, how)], caught_by=failing)
