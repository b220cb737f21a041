"""The image's direct build (judge.sh --direct; judge/runners/go/direct_build.py) in the real
sandbox: ordinary builds take it, plain and -race, and whatever it cannot build goes through
`go test -c` as before, with the go command's verdict and messages. The whole catalog's
validation (tests/integration/test_problem_validation.py) proves its verdicts match."""

import pytest

from judge.models import Mode
from judge.runners import runner_for
from judge.sandbox import run_job
from judge.verdicts import Verdict
from problems.code_files import join_files
from tests.integration.test_judge_verdicts import copy_of

pytestmark = [pytest.mark.docker, pytest.mark.django_db(transaction=True)]

DIRECT = b"\n@@dojo:built direct@@\n"


def with_import(code: str, path: str, use: str = "") -> str:
    """The code with one more import (and a use of it)."""
    return code.replace("import (", f'import (\n\t"{path}"', 1) + use


def judge(problem, code, mode=Mode.SUBMIT):
    runner = runner_for("go")
    job = runner.build_job(problem, code=code, mode=mode)
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
