"""The direct build's plan (judge/runners/go/direct_build.py): when it is made, what it holds,
and that the catalog's ordinary builds get one (else the image silently keeps paying for the
go command). Equivalence with `go test -c` is proven by the catalog's validation through the
real judge and by tests/integration/test_direct_build.py."""

from judge.runners.go.direct_build import TESTMAIN_FILE, main_source, plan
from problems.loader import EXPORT_FILE, load_catalog

MODULE = "dojo.local/solution"
OWN = {"solution.go": "package p\n\nfunc F() int { return 1 }\n"}
HIDDEN = ("package p_test\n\nimport \"testing\"\n\nfunc TestB(t *testing.T) {}\n\n"
          "func TestA_1(t *testing.T) {}\n\nfunc helper() {}\n\nfunc BenchmarkF(b *testing.B) {}\n")
EXPORT = "package p\n\nfunc SetX(v int) {}\n"


def test_the_main_lists_tests_as_go_test_does():
    main = main_source(MODULE, {EXPORT_FILE: EXPORT}, {"hidden_test.go": HIDDEN})
    # No test in the internal files: the package is imported for its init only.
    assert '_ "dojo.local/solution"' in main
    assert '_xtest "dojo.local/solution_test"' in main
    # Source order, not sorted: the order `go test` runs them in.
    assert main.index('{"TestB", _xtest.TestB}') < main.index('{"TestA_1", _xtest.TestA_1}')
    assert '{"BenchmarkF", _xtest.BenchmarkF}' in main
    assert 'testdeps.ImportPath = "dojo.local/solution"' in main


def test_internal_tests_come_first_and_files_in_name_order():
    internal = {"b_test.go": "package p\n\nimport \"testing\"\n\nfunc TestLate(t *testing.T) {}\n",
                "a_test.go": "package p\n\nimport \"testing\"\n\nfunc TestEarly(t *testing.T) {}\n"}
    main = main_source(MODULE, internal, {"hidden_test.go": HIDDEN})
    assert '_test "dojo.local/solution"' in main
    order = [main.index(f'"{name}"') for name in ("TestEarly", "TestLate", "TestB", "TestA_1")]
    assert order == sorted(order)


def test_no_external_package_no_import():
    main = main_source(MODULE, {"examples_test.go": "package p\n\nimport \"testing\"\n\nfunc TestX(t *testing.T) {}\n"}, {})
    assert "_xtest" not in main and "solution_test" not in main


def test_what_only_the_go_command_handles_gets_no_plan():
    for extra in ("func TestMain(m *testing.M) {}\n", "func ExampleF() {}\n", "func FuzzF(f *testing.F) {}\n",
                  # Not a test to `go test` (lower case after Test), but a name this module will not guess about.
                  "func Testable(t *testing.T) {}\n",
                  # A signature the patterns do not take: go would report it; the go command must.
                  "func TestWrong(t *testing.B) {}\n"):
        assert main_source(MODULE, {}, {"hidden_test.go": HIDDEN + extra}) is None, extra


def test_build_constraints_in_a_submission_get_no_plan():
    tests = {"hidden_test.go": HIDDEN}
    assert plan(MODULE, OWN, tests, {"hidden_test.go"}) is not None
    for own in ({"solution.go": "//go:build ignore\n\npackage p\n"},
                {"solution.go": "// +build linux\n\npackage p\n"},
                {"solution.go": OWN["solution.go"], "extra_windows.go": "package p\n"},
                {"solution.go": OWN["solution.go"], "extra_arm64.go": "package p\n"}):
        assert plan(MODULE, own, tests, {"hidden_test.go"}) is None, own


def test_the_plan_names_files_for_the_judge():
    options, files = plan(MODULE, OWN, {"hidden_test.go": HIDDEN, EXPORT_FILE: EXPORT}, {"hidden_test.go"})
    assert options == ["--direct", "export_test.go,solution.go", "hidden_test.go"]
    assert set(files) == {TESTMAIN_FILE}
    options, _ = plan(MODULE, OWN, {"examples_test.go": HIDDEN.replace("p_test", "p")}, set())
    assert options == ["--direct", "examples_test.go,solution.go", "-"]


def test_every_catalog_problem_builds_directly():
    """Run and Submit of every ordinary problem (not test-writing tasks, not benchmarks,
    which build the reference too) get a plan: the judge's own test files need nothing
    only the go command does."""
    missing = []
    for problem in load_catalog():
        if problem.kind != "solution":
            continue
        for mode, files in (("run", problem.example_test_files), ("submit", problem.hidden_test_files)):
            external = set() if mode == "run" else set(files) - {EXPORT_FILE}
            if plan(MODULE, problem.reference_files, files, external) is None:
                missing.append((problem.slug, mode))
    assert missing == []
