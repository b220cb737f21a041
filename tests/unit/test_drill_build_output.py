"""A drill's compile errors quote the user's own test files only, never the reference's source."""

from judge.runners.go.drill import scrub_build_output


def test_lines_pointing_into_the_reference_are_dropped():
    output = ("# dojo.local/solution [dojo.local/solution.test]\n"
              "./solution_test.go:5:6: normalize redeclared in this block\n"
              "\t./solution.go:12:6: other declaration of normalize\n"
              "./solution_test.go:9:2: undefined: IsPalindrom\n")
    kept = scrub_build_output(output, {"solution_test.go"})
    assert "solution.go:12" not in kept
    assert "./solution_test.go:5:6: normalize redeclared" in kept and "undefined: IsPalindrom" in kept
    assert kept.startswith("# dojo.local/solution")
