"""What keeps the hidden suite and the verdict out of the submitter's reach, short of Docker:
the external test package, scrubbed compile errors, hidden-run messages, the static baseline."""

import pytest

from judge.runners.go import hidden
from judge.runners.go.forbidden import SOLUTION_BASELINE, TESTS_BASELINE, violations


def test_hidden_files_become_the_external_test_package():
    source = "// Copyright\n/* a */\npackage palindrome\n\nimport \"testing\"\n"
    out = hidden.as_external(source)
    assert out.startswith("// Copyright\n/* a */\npackage palindrome_test\n\nimport . \"dojo.local/solution\"\n")
    assert 'import "testing"' in out


def test_a_compile_error_in_a_hidden_file_names_the_api_never_the_line():
    build = ("# dojo.local/solution_test [dojo.local/solution.test]\n"
             "./hidden_test.go:26:42: invalid operation: got != tc.want (mismatched types int and bool)\n"
             "./hidden_test.go:30:9: undefined: TopK\n"
             "./hidden_test.go:31:9: undefined: oracleTopK\n"
             "./hidden_test.go:40:3: cannot use xs (variable of type []string) as []int value in argument to TopK\n"
             "\thave (xs []string)\n\twant ([]int)\n"
             "./solution.go:7:2: declared and not used: n\n")
    out = hidden.scrub_build_output(build, {"hidden_test.go"}, {"TopK"})
    # The submitter's own errors first; then the most telling mismatch; a vague one is left out
    # when others say more (here `oracleTopK`, not an API name: a consequence, never quoted).
    assert out.splitlines() == [
        "./solution.go:7:2: declared and not used: n",
        "Your code has no `TopK`: the tests call it (see the statement).",
        "Your code does not match the required API: check `TopK` against the statement "
        "(a parameter or result has a different type).",
        "Your code does not match the required API: check the API against the statement (a result has a different type).",
    ]
    for secret in ("tc.want", "oracleTopK", "xs", "dojo.local"):
        assert secret not in out


def test_api_names_are_the_references_declarations():
    ref = {"s.go": "package p\n\nvar (\n\tbaseBackoff = 1\n\tlimit int\n)\n\ntype Cache struct {\n\tCap int\n\tn int\n}\n"
                   "\nfunc (c *Cache) Get(k string) int {\n\tx := 1\n\treturn x\n}\n\nfunc helper() {}\n"}
    assert hidden.api_names(ref) == {"baseBackoff", "limit", "Cache", "Cap", "Get", "helper"}


@pytest.mark.parametrize("line,shown", [
    ("panic: runtime error: index out of range [5] with length 3 [recovered]",
     "Runtime error: index out of range"),
    ("panic: The hidden input was \"Åbba\"", "Your code panicked (the panic's value is not shown for hidden tests)"),
    ("panic: assignment to entry in nil map", "Runtime error: assignment to entry in nil map"),
    (None, "Your code panicked"),
])
def test_hidden_panics_are_shown_by_category(line, shown):
    assert hidden.safe_panic(line) == shown


def test_a_hidden_race_names_only_the_submitters_functions():
    report = ("WARNING: DATA RACE\nWrite at 0x1 by goroutine 7:\n  dojo.local/solution.(*Counter).Inc()\n"
              "  dojo.local/solution_test.TestSecretOracle()\n  dojo.local/solution.leakMe_c2VjcmV0()\n")
    message = hidden.safe_race(report, {"Inc", "Value"})
    assert "`Inc`" in message and "Secret" not in message and "leakMe" not in message


def test_hidden_rows_show_only_names_the_hidden_file_spells_out():
    sub = hidden.subtest_names({"h.go": 'cases := []tc{{name: "two words"}, {name: `raw`}}\nt.Run("x\\ny", f)'})
    assert {"two_words", "raw"} <= sub and "x\\ny" not in sub
    expected = {"TestA"}
    assert hidden.shown_test_name("TestA", expected, sub) == "TestA"
    assert hidden.shown_test_name("TestA/two_words#01", expected, sub) == "TestA/two_words#01"
    assert hidden.shown_test_name("TestA/c2VjcmV0", expected, sub) is None  # printed by user code
    assert hidden.shown_test_name("TestForged", expected, sub) is None


@pytest.mark.parametrize("code,needle", [
    ('package p\nimport "C"\n', 'cgo (import "C")'),
    ('package p\nimport _ "unsafe"\n//go:linkname f os.Exit\nfunc f(int)\n', "//go:linkname"),
    ('package p\nimport "embed"\n//go:embed *.go\nvar s embed.FS\n', "//go:embed"),
    ('package p\n//line hidden_test.go:1\nfunc F() {}\n', "//line"),
    ('package p\nimport sys "os"\nvar quit = sys.Exit\n', "os.Exit is not allowed"),
    ('package p\nimport . "os"\n', "dot-importing os"),
    ('package p\nimport "golang.org/x/sys/unix"\n', "golang.org/x/sys"),
    ('package p\nimport "os"\nfunc init() { os.Args = nil }\n', "os.Args"),
    ('package p\nimport "flag"\n', "flag"),
    ('package p\nimport t "testing"\nvar _ = t.Main\n', "testing package"),
    ('package p\nimport "os"\nvar f = os.NewFile(3, "x")\n', "os.NewFile"),
])
def test_the_solution_baseline_refuses_every_way_out(code, needle):
    found = violations(code, [], baseline=SOLUTION_BASELINE)
    assert found and needle in found[0], found


def test_a_problem_allows_a_baseline_package_and_tests_keep_testing():
    debug = 'package p\nimport "runtime/debug"\nvar s = debug.Stack\n'
    assert violations(debug, [], baseline=SOLUTION_BASELINE)
    assert violations(debug, [], baseline=SOLUTION_BASELINE, allowed={"runtime/debug"}) == []
    tests = 'package p\nimport (\n\t"os"\n\t"testing"\n)\nfunc TestMain(m *testing.M) { os.Exit(m.Run()) }\n'
    assert violations(tests, [], baseline=TESTS_BASELINE) == []
    assert violations('package p\nimport "syscall"\n', [], baseline=TESTS_BASELINE)


def test_directives_in_strings_or_ordinary_comments_are_fine():
    code = 'package p\n// go: is just prose here\nvar s = "//go:embed x"\n'
    assert violations(code, [], baseline=SOLUTION_BASELINE) == []
