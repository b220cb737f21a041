"""The image's direct build (judge.sh --direct; judge/runners/go/direct_build.py) in the real
sandbox: ordinary builds take it, plain and -race, and whatever it cannot build goes through
`go test -c` as before, with the go command's verdict and messages. The whole catalog's
validation (tests/integration/test_problem_validation.py) proves its verdicts match.
Drills (`--variants`) build both implementations directly, from a test main made from the
user's own test files."""

import dataclasses

import pytest

from judge.models import Mode
from judge.runners import runner_for
from judge.sandbox import run_job
from judge.verdicts import Verdict
from problems.code_files import join_files
from tests.integration.test_drills_judging import CATCHES_NO_FILTER, RACES_ON_UNLOCKED_LOAD
from tests.integration.test_judge_verdicts import copy_of

pytestmark = [pytest.mark.docker, pytest.mark.django_db(transaction=True)]

DIRECT = b"\n@@dojo:built direct@@\n"


def with_import(code: str, path: str, use: str = "") -> str:
    """The code with one more import (and a use of it)."""
    return code.replace("import (", f'import (\n\t"{path}"', 1) + use


def judge(problem, code, mode=Mode.SUBMIT, variant="", edit_options=None):
    runner = runner_for("go")
    job = runner.build_job(problem, code=code, mode=mode, variant=variant)
    if edit_options is not None:
        options, tar = job.stdin.split(b"\n", 1)
        job = dataclasses.replace(job, stdin=edit_options(options.decode()).encode() + b"\n" + tar)
    result = run_job(job, warm=False)
    return runner.interpret(problem, mode, result, job), result.output


@pytest.mark.parametrize("mode", [Mode.SUBMIT, Mode.RUN])
def test_an_ordinary_build_is_direct(problems, mode):
    problem = problems["unicode-palindrome"]
    outcome, output = judge(problem, problem.reference_files["solution.go"], mode)
    assert outcome.verdict == Verdict.ACCEPTED, outcome.message
    assert DIRECT in output


def test_race_builds_are_direct_and_still_find_races(problems):
    from tests.integration.test_judge_verdicts import RACY

    problem = copy_of(problems["unicode-palindrome"], "direct-race-palindrome", race=True)
    outcome, output = judge(problem, problem.reference_files["solution.go"])
    assert outcome.verdict == Verdict.ACCEPTED, outcome.message
    assert DIRECT in output
    outcome, output = judge(problem, RACY)
    assert outcome.verdict == Verdict.DATA_RACE, outcome.message
    assert DIRECT in output


def test_what_the_direct_build_cannot_import_goes_through_the_go_command(problems):
    """A standard package the image has not built (its import configs hold the ones tests
    commonly use): the direct build cannot import it, the go command compiles it."""
    problem = problems["unicode-palindrome"]
    code = with_import(problem.reference_files["solution.go"], "image/color", "\nvar _ = color.White\n")
    outcome, output = judge(problem, code)
    assert outcome.verdict == Verdict.ACCEPTED, outcome.message
    assert DIRECT not in output


def test_a_compile_error_is_the_go_commands(problems):
    code = problems["unicode-palindrome"].reference_files["solution.go"] + "\nfunc broken() { undefinedName() }\n"
    outcome, output = judge(problems["unicode-palindrome"], code)
    assert outcome.verdict == Verdict.COMPILE_ERROR
    assert DIRECT not in output
    assert "undefined: undefinedName" in outcome.compile_output
    assert "./solution.go:" in outcome.compile_output


def test_internal_packages_stay_refused(problems):
    """compile alone would import them (they are in the cache); the go command refuses them
    and so must the judge: the direct build's own import config leaves them out."""
    code = with_import(problems["unicode-palindrome"].reference_files["solution.go"], "internal/bytealg",
                       "\nvar _ = bytealg.MaxLen\n")
    outcome, output = judge(problems["unicode-palindrome"], code)
    assert outcome.verdict == Verdict.COMPILE_ERROR, outcome.message
    assert "use of internal package" in outcome.compile_output
    assert DIRECT not in output


def test_a_library_linked_through_cgo_builds_directly(problems):
    """go-sqlite3 links the system libsqlite3 with gcc (external linking)."""
    problem = next(p for p in problems.values() if "go-sqlite3" in "".join(p.reference_files.values()))
    outcome, output = judge(problem, join_files(problem.reference_files))
    assert outcome.verdict == Verdict.ACCEPTED, outcome.message
    assert DIRECT in output


@pytest.mark.parametrize("extra_name, header", [("extra_windows.go", ""), ("extra.go", "// +build ignore\n\n")])
def test_files_the_go_command_leaves_out_are_left_out(problems, extra_name, header):
    """A file the go command would not build (an OS suffix, an old-style build constraint)
    that panics if compiled in: the direct build must not be the one that decides."""
    problem = problems["unicode-palindrome"]
    extra = f'{header}package palindrome\n\nfunc init() {{ panic("a file go leaves out was built") }}\n'
    code = join_files({"solution.go": problem.reference_files["solution.go"], extra_name: extra})
    outcome, output = judge(problem, code)
    assert DIRECT not in output
    assert outcome.verdict == Verdict.ACCEPTED, (outcome.verdict, outcome.message, outcome.compile_output)


@pytest.mark.parametrize("slug, variant, code", [("unicode-palindrome", "no-filter", CATCHES_NO_FILTER),
                                                 ("safe-counter", "unlocked-load", RACES_ON_UNLOCKED_LOAD)])
def test_a_drill_builds_the_reference_and_the_variant_directly(problems, slug, variant, code):
    """Plain and -race: the race drill is caught by the race detector in a direct build."""
    outcome, output = judge(problems[slug], code, Mode.DRILL, variant)
    assert outcome.verdict == Verdict.ACCEPTED, (outcome.message, outcome.compile_output)
    assert output.count(DIRECT) == 2


def test_a_drill_whose_test_does_not_compile_shows_the_go_commands_message(problems):
    broken = CATCHES_NO_FILTER.replace("IsPalindrome(", "IsPalindrom(")
    outcome, output = judge(problems["unicode-palindrome"], broken, Mode.DRILL, "no-filter")
    assert outcome.verdict == Verdict.COMPILE_ERROR
    assert DIRECT not in output
    assert "./solution_test.go:" in outcome.compile_output and "undefined: IsPalindrom" in outcome.compile_output


@pytest.mark.parametrize("extra_name, header", [("extra_windows_test.go", ""), ("extra_test.go", "// +build ignore\n\n")])
def test_test_files_the_go_command_leaves_out_are_left_out_of_a_drill(problems, extra_name, header):
    """The user's own test file that go would not build, panicking if compiled in: the drill
    must be caught as `go test` sees it, not be a wrong test because the file was built."""
    extra = f'{header}package palindrome\n\nfunc init() {{ panic("a file go leaves out was built") }}\n'
    code = join_files({"solution_test.go": CATCHES_NO_FILTER, extra_name: extra})
    outcome, output = judge(problems["unicode-palindrome"], code, Mode.DRILL, "no-filter")
    assert DIRECT not in output
    assert outcome.verdict == Verdict.ACCEPTED, (outcome.verdict, outcome.message, outcome.compile_output)


def test_a_variant_dir_holding_a_file_the_plan_does_not_list_goes_through_the_go_command(problems):
    """The judge's own check, whatever the worker sent: a dir's package is the listed files it
    holds, and a file not listed means the go command builds that dir."""
    def without_the_implementation(options: str) -> str:
        words = options.split()
        at = words.index("--direct") + 1
        words[at] = ",".join(name for name in words[at].split(",") if name.endswith("_test.go"))
        return " ".join(words)

    outcome, output = judge(problems["unicode-palindrome"], CATCHES_NO_FILTER, Mode.DRILL, "no-filter",
                            edit_options=without_the_implementation)
    assert outcome.verdict == Verdict.ACCEPTED, (outcome.message, outcome.compile_output)
    assert DIRECT not in output


def test_a_test_writing_task_builds_every_implementation_directly(problems):
    problem = problems["palindrome-table-tests"]
    outcome, output = judge(problem, problem.reference_files["solution_test.go"])
    assert outcome.verdict == Verdict.ACCEPTED, outcome.message
    assert output.count(DIRECT) == 1 + len(problem.mutants)
