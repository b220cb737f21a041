"""The direct build's plan (judge/runners/go/direct_build.py): when it is made, what it holds,
and that the catalog's ordinary builds get one (else the image silently keeps paying for the
go command). Equivalence with `go test -c` is proven by the catalog's validation through the
real judge and by tests/integration/test_direct_build.py."""

from judge.runners.go.direct_build import TESTMAIN_FILE, main_source, plan, variants_plan
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


def test_a_declaration_the_line_patterns_would_miss_or_invent_gets_no_plan():
    """A drill's or a test-writing task's tests are the user's, not gofmt'ed: a test the main
    left out would run under `go test` and not here, one it invented would not compile."""
    user = "package p\n\nimport \"testing\"\n\nfunc TestA(t *testing.T) {}\n"
    assert main_source(MODULE, {"a_test.go": user}, {}) is not None
    for extra in ("  func TestIndented(t *testing.T) {}\n",
                  "func/* a comment */TestHidden(t *testing.T) {}\n",
                  "var s = `\nfunc TestInAString(t *testing.T) {\n`\n",
                  "/*\nfunc TestInAComment(t *testing.T) {\n*/\n",
                  "func TestGeneric[T any](t *testing.T) {}\n"):
        assert main_source(MODULE, {"a_test.go": user + extra}, {}) is None, extra


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


REFERENCE = {"solution.go": "package p\n\nfunc F() int { return 1 }\n"}
VARIANT = {"solution.go": "package p\n\nfunc F() int { return 2 }\n", "helper.go": "package p\n"}
USER_TESTS = {"solution_test.go": "package p\n\nimport \"testing\"\n\nfunc TestF(t *testing.T) {}\n"}


def test_a_variants_plan_names_every_dirs_files_and_a_main_from_the_users_tests():
    options, files = variants_plan(MODULE, [REFERENCE, VARIANT], USER_TESTS)
    # Each dir compiles the listed files it holds (judge.sh); nothing goes to an external package.
    assert options == ["--direct", "helper.go,solution.go,solution_test.go", "-"]
    assert '{"TestF", _test.TestF}' in files[TESTMAIN_FILE] and "_xtest" not in files[TESTMAIN_FILE]


def test_build_constraints_in_the_users_tests_or_an_implementation_get_no_variants_plan():
    """The go command would leave such a file out; compile would build it in."""
    for user in ({**USER_TESTS, "extra_windows_test.go": "package p\n"},
                 {**USER_TESTS, "extra_test.go": "// +build ignore\n\npackage p\n"},
                 {"solution_test.go": "//go:build linux\n\n" + USER_TESTS["solution_test.go"]}):
        assert variants_plan(MODULE, [REFERENCE, VARIANT], user) is None, user
    assert variants_plan(MODULE, [REFERENCE, {**VARIANT, "x_arm64.go": "package p\n"}], USER_TESTS) is None
    # TestMain, examples...: only the go command makes that main.
    with_main = {"solution_test.go": USER_TESTS["solution_test.go"] + "func TestMain(m *testing.M) {}\n"}
    assert variants_plan(MODULE, [REFERENCE, VARIANT], with_main) is None


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


def test_every_catalog_drill_validation_builds_directly():
    """Validation runs each hidden suite as a drill's tests (judge/validation.py): with the
    reference and every known-wrong variant, each gets a plan."""
    missing = [(problem.slug, wrong["name"]) for problem in load_catalog() for wrong in problem.wrong_variants
               if variants_plan(MODULE, [problem.reference_files, wrong["files"]], problem.hidden_test_files) is None]
    assert missing == []
