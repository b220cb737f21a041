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


def test_the_sweeper_waits_for_both_runs_of_a_drill():
    """A drill's sandbox may run the tests twice (reference, variant) to the time limit: the
    sweeper must not take it for lost before the sandbox's own wall clock has stopped it."""
    from types import SimpleNamespace

    from judge.runners import runner_for
    from judge.services import hard_limit_seconds

    problem = SimpleNamespace(slug="p", time_limit_seconds=20, race=True, reference_files={"solution.go": "package p\n"},
                              wrong_variants=[{"name": "bug", "files": {"solution.go": "package p\n"}}])
    job = runner_for("go").build_job(problem, code="package p\n", mode="drill", variant="bug")
    assert hard_limit_seconds(problem, "drill") > job.limits.wall_seconds
    assert hard_limit_seconds(problem, "drill") > hard_limit_seconds(problem)
