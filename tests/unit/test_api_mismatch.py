"""A submission whose API does not match the statement: each kind is reported as such, naming
the API's identifier, never quoting a hidden file. The compiler lines below are what Go 1.27
printed in the runner image for these mistakes against the top-k-frequent-elements and
lru-cache suites (tests/integration/test_feedback.py runs a few through the real judge)."""

import pytest

from judge.runners.go import hidden

TOPK_API = {"TopKFrequent", "entry", "better", "worstFirst", "Len", "Less", "Swap", "Push", "Pop"}
LRU_API = {"LRU", "NewLRU", "Get", "Peek", "Put", "Delete", "Len", "node", "unlink", "pushFront"}
HEADER = "# dojo.local/solution_test [dojo.local/solution.test]\n"


def scrub(lines, api, own=()):
    return hidden.scrub_build_output(HEADER + "".join(line + "\n" for line in lines), {"hidden_test.go"}, api,
                                     own_names=set(own))


@pytest.mark.parametrize("case,lines,own,expected", [
    ("missing function",
     ['./hidden_test.go:3:8: "dojo.local/solution" imported and not used',
      "./hidden_test.go:35:8: undefined: TopKFrequent"], ["Other"],
     ["Your code has no `TopKFrequent`: the tests call it (see the statement)."]),
    ("misspelled function",
     ['./hidden_test.go:3:8: "dojo.local/solution" imported and not used',
      "./hidden_test.go:35:8: undefined: TopKFrequent"], ["TopKFrequnt"],
     ["Your code has no `TopKFrequent`: the tests call it (see the statement). "
      "Your `TopKFrequnt` is spelled differently."]),
    ("unexported by mistake",
     ["./hidden_test.go:35:8: undefined: TopKFrequent"], ["topKFrequent"],
     ["Your code has no `TopKFrequent`: the tests call it (see the statement). "
      "Your `topKFrequent` is spelled differently."]),
    ("a parameter missing",
     ["./hidden_test.go:35:27: too many arguments in call to TopKFrequent", "\thave ([]int, int)", "\twant ([]int)"],
     [], ["Your code does not match the required API: check `TopKFrequent` against the statement "
          "(wrong number of arguments)."]),
    ("a parameter of another type",
     ["./hidden_test.go:35:21: cannot use arg (variable of type []int) as []string value in argument to TopKFrequent",
      "./hidden_test.go:30:2: declared and not used: secretTable"],
     [], ["Your code does not match the required API: check `TopKFrequent` against the statement "
          "(a parameter or result has a different type)."]),
    ("a second result",
     ["./hidden_test.go:35:8: assignment mismatch: 1 variable but TopKFrequent returns 2 values"],
     [], ["Your code does not match the required API: check `TopKFrequent` against the statement "
          "(a different number of results)."]),
    ("a variable, not a function",
     ["./hidden_test.go:35:8: invalid operation: cannot call TopKFrequent (variable of type int): int is not a function"],
     [], ["Your code does not match the required API: check `TopKFrequent` against the statement "
          "(a name the tests call is not a function)."]),
])
def test_topk_mismatches(case, lines, own, expected):
    out = scrub(lines, TOPK_API, own)
    assert out.splitlines() == expected, case
    for secret in ("hidden_test.go", "arg ", "secretTable", "dojo.local", "have (", "better", "worstFirst"):
        assert secret not in out, (case, secret)


def test_a_missing_method_names_the_type_and_the_method():
    out = scrub(["./hidden_test.go:44:12: c.Peek undefined (type *lru.LRU[int, string] has no field or method Peek, "
                 "but does have unexported method peek)"], LRU_API, ["LRU", "NewLRU", "peek"])
    assert out == ("Your `LRU` has no method or field `Peek`: the tests use it (see the statement). "
                   "Your `peek` is spelled differently.")


def test_a_type_that_should_be_generic_is_one_line_naming_both():
    out = scrub(["./hidden_test.go:17:7: invalid operation: LRU[K, V] (lru.LRU is not a generic type)",
                 "./hidden_test.go:22:39: cannot index NewLRU (value of type func(cap int) *lru.LRU)",
                 "./hidden_test.go:320:14: cannot index NewLRU (value of type func(cap int) *lru.LRU)"], LRU_API)
    assert out == ("Your code does not match the required API: check `LRU`, `NewLRU` against the statement "
                   "(it must be generic: the tests give it type parameters).")


def test_only_exported_names_are_named():
    # The reference's own helpers are not the API: the tests (another package) cannot see them.
    out = scrub(["./hidden_test.go:9:2: cannot use better (variable of type int) as entry value in argument to Len"],
                TOPK_API)
    assert "`Len`" in out and "better" not in out and "entry" not in out


def test_a_vague_mismatch_is_said_only_when_nothing_says_more():
    assert scrub(["./hidden_test.go:30:2: declared and not used: secretTable"], TOPK_API) == \
        "Your code does not match the required API: check the API against the statement."


def test_run_quotes_the_visible_examples_after_the_meaning():
    build = (HEADER + "./examples_test.go:25:30: too many arguments in call to TopKFrequent\n"
             "\thave ([]int, int)\n\twant ([]int)\n")
    out = hidden.scrub_build_output(build, {"examples_test.go"}, TOPK_API, visible_files={"examples_test.go"})
    assert out.splitlines() == [
        "Your code does not match the required API: check `TopKFrequent` against the statement "
        "(wrong number of arguments).",
        "./examples_test.go:25:30: too many arguments in call to TopKFrequent", "\thave ([]int, int)", "\twant ([]int)"]


def test_errors_in_the_submitters_own_files_are_kept_as_they_are():
    build = HEADER + "./solution.go:3:53: undefined: x\n./helpers.go:9:1: missing return\n"
    assert scrub(build.splitlines()[1:], TOPK_API) == "./solution.go:3:53: undefined: x\n./helpers.go:9:1: missing return"
