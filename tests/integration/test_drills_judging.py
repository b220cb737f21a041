"""Code-review drills through the real worker and sandbox: the user's test must fail on one
known-wrong variant and pass on the reference (judge/runners/go/drill.py); and validation
decides which variants are offered (judge/validation.py, problems.models.Drill)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from judge.models import Mode
from judge.services import submission_create
from problems.drill_findings import findings_read, findings_write
from problems.models import Drill
from tests.conftest import assert_no_container_left, wait_for_verdict

pytestmark = [pytest.mark.docker, pytest.mark.django_db(transaction=True)]

CATCHES_NO_FILTER = '''package palindrome

import "testing"

func TestSkipsPunctuation(t *testing.T) {
	if !IsPalindrome("A man, a plan, a canal: Panama") {
		t.Fatal("punctuation and spaces must be skipped")
	}
}
'''

PASSES_ON_BOTH = '''package palindrome

import "testing"

func TestPlainWord(t *testing.T) {
	if !IsPalindrome("racecar") {
		t.Fatal("racecar")
	}
}
'''

WRONG_ON_THE_REFERENCE = '''package palindrome

import "testing"

func TestWrongExpectation(t *testing.T) {
	if IsPalindrome("racecar") {
		t.Errorf("IsPalindrome(%q) = true, want false", "racecar")
	}
}
'''

# Hammers the counter from many goroutines: only a race (reported under -race) tells the
# unlocked-load variant from the reference.
RACES_ON_UNLOCKED_LOAD = '''package safecounter

import (
	"sync"
	"testing"
)

func TestConcurrentIncAndLoad(t *testing.T) {
	c := NewSafeCounter()
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 200; j++ {
				c.Inc("k")
				_ = c.Load("k")
			}
		}()
	}
	wg.Wait()
	if got := c.Load("k"); got != 1600 {
		t.Fatalf("Load = %d, want 1600", got)
	}
}
'''


def drill(user, problem, variant, code):
    sub = submission_create(user=user, problem=problem, code=code, mode=Mode.DRILL, variant=variant)
    return wait_for_verdict(sub.pk)


def rows(sub):
    return {t.name: t for t in sub.tests.all()}


def test_a_test_that_fails_on_the_variant_and_passes_on_the_reference_catches_it(
        celery_worker_process, problems, user):
    sub = drill(user, problems["unicode-palindrome"], "no-filter", CATCHES_NO_FILTER)
    assert sub.verdict == "accepted", (sub.message, sub.compile_output, sub.judge_log)
    assert sub.message.startswith("Caught:") and "TestSkipsPunctuation" in sub.message
    assert rows(sub)["catches the bug"].status == "pass"
    assert rows(sub)["TestSkipsPunctuation"].status == "pass"  # on the reference
    assert_no_container_left(sub.pk)


def test_a_test_passing_on_both_does_not_catch_it(celery_worker_process, problems, user):
    sub = drill(user, problems["unicode-palindrome"], "no-filter", PASSES_ON_BOTH)
    assert sub.verdict == "wrong_answer"
    assert sub.message.startswith("Not caught:")
    assert rows(sub)["catches the bug"].status == "fail"


def test_a_test_failing_on_the_reference_is_a_wrong_test_and_shows_its_failure(
        celery_worker_process, problems, user):
    sub = drill(user, problems["unicode-palindrome"], "no-filter", WRONG_ON_THE_REFERENCE)
    assert sub.verdict == "wrong_answer"
    assert "fail against the reference solution" in sub.message and "wrong test" in sub.message
    row = rows(sub)["TestWrongExpectation"]
    assert row.status == "fail" and 'IsPalindrome("racecar") = true, want false' in row.message
    assert "catches the bug" not in rows(sub)


def test_a_data_race_counts_as_a_failure_where_the_problem_is_race_judged(celery_worker_process, problems, user):
    assert problems["safe-counter"].race
    sub = drill(user, problems["safe-counter"], "unlocked-load", RACES_ON_UNLOCKED_LOAD)
    assert sub.verdict == "accepted", (sub.message, sub.compile_output)


def test_a_test_that_does_not_build_is_a_compile_error_in_its_own_file(celery_worker_process, problems, user):
    broken = CATCHES_NO_FILTER.replace("IsPalindrome(", "IsPalindrom(")
    sub = drill(user, problems["unicode-palindrome"], "no-filter", broken)
    assert sub.verdict == "compile_error"
    assert "solution_test.go" in sub.compile_output and "IsPalindrom" in sub.compile_output


# The reference is built from the dir that sorts first ("a0"). A test that could see where it
# was compiled would pass there and fail on every variant, "catching" bugs it never looked for.
TELLS_BY_ITS_PATH = '''package palindrome

import (
	"runtime"
	"strings"
	"testing"
)

func TestWhereAmI(t *testing.T) {
	_, file, _, _ := runtime.Caller(0)
	if !strings.Contains(file, "/a0/") {
		t.Fatalf("built in %s", file)
	}
}
'''
# A TestMain: the judge builds it with the go command, not directly.
TELLS_BY_ITS_PATH_WITH_TEST_MAIN = TELLS_BY_ITS_PATH.replace('"runtime"', '"os"\n\t"runtime"') + '''
func TestMain(m *testing.M) {
	os.Exit(m.Run())
}
'''


@pytest.mark.parametrize("code", [TELLS_BY_ITS_PATH, TELLS_BY_ITS_PATH_WITH_TEST_MAIN], ids=["direct", "go-command"])
def test_a_test_cannot_tell_the_reference_by_where_it_was_built(celery_worker_process, problems, user, code):
    """Every implementation is built as the same dir, directly or by the go command: the path
    the binaries record (runtime.Caller, panics, race reports) is the same for all."""
    sub = drill(user, problems["unicode-palindrome"], "no-filter", code)
    assert sub.verdict == "wrong_answer", (sub.message, sub.compile_output)
    assert "wrong test" in sub.message
    message = rows(sub)["TestWhereAmI"].message
    assert "built in /" in message and "/a0/" not in message


def test_a_drill_names_a_known_wrong_variant_of_a_problem_solved_in_code(problems, user):
    for problem, variant in ((problems["unicode-palindrome"], "no-such-variant"),
                             (problems["unicode-palindrome"], ""),
                             (problems["palindrome-table-tests"], "happy-path-only")):
        with pytest.raises(ValidationError):
            submission_create(user=user, problem=problem, code=PASSES_ON_BOTH, mode=Mode.DRILL, variant=variant)
    with pytest.raises(ValidationError):  # a variant without the drill mode
        submission_create(user=user, problem=problems["unicode-palindrome"], code="package palindrome\n",
                          variant="no-filter")


def test_validation_offers_the_fair_drills_and_says_why_it_leaves_others_out(problems, capsys, tmp_path):
    # A findings file of its own (the committed one untouched), claiming every variant left out
    # for this very version: --fresh judges them all the same.
    findings = tmp_path / "drills.json"
    findings_write({(slug, w["name"]): {
        "problem": slug, "variant": w["name"], "content_hash": problems[slug].content_hash, "checked_on": "2026-01-02",
        "offered": False, "left_out": "recorded, not judged", "hidden_failed": 0, "hidden_total": 0, "benchmark": False,
    } for slug in ("unicode-palindrome", "limit-reader") for w in problems[slug].wrong_variants}, findings)
    call_command("validate_problems", "unicode-palindrome", "limit-reader", "--drills", "only", "--fresh",
                 "--findings", findings)
    out = capsys.readouterr().out
    assert "0 reused from drills.json" in out
    drills = {(d.problem.slug, d.variant): d for d in Drill.objects.select_related("problem")}
    assert len(drills) == len(problems["unicode-palindrome"].wrong_variants) + len(
        problems["limit-reader"].wrong_variants)
    # The visible examples already show क and a sentence with punctuation: a byte-wise comparison
    # and a missing filter are caught by them alone.
    for trivial in ("bytewise", "no-filter"):
        assert not drills[("unicode-palindrome", trivial)].offered
        assert drills[("unicode-palindrome", trivial)].left_out == "the visible examples alone catch it"
    simple_fold = drills[("unicode-palindrome", "simple-fold")]
    assert simple_fold.offered and simple_fold.left_out == ""
    assert 0 < simple_fold.hidden_failed < simple_fold.hidden_total == 7
    drops_error = drills[("limit-reader", "drops-error")]  # one hidden test of 11 notices it
    assert drops_error.offered and drops_error.hidden_failed == 1 and drops_error.difficulty == "hard"
    # io.LimitReader behaves correctly: only the source rule rejects it, no test can.
    uses_stdlib = drills[("limit-reader", "uses-stdlib")]
    assert not uses_stdlib.offered and "does not catch it as a test" in uses_stdlib.left_out
    offered = sum(d.offered for d in drills.values())
    assert f"drills: {offered} offered, {len(drills) - offered} left out" in out
    assert all(d.content_hash == d.problem.content_hash for d in drills.values())
    assert findings_read(findings)[("unicode-palindrome", "simple-fold")]["offered"]  # judged, written back


GET_DOES_NOT_ALLOCATE = '''package lru

import "testing"

func TestGetDoesNotAllocate(t *testing.T) {
	c := NewLRU[int, int](16)
	c.Put(1, 1)
	if n := testing.AllocsPerRun(100, func() { c.Get(1) }); n > 0 {
		t.Fatalf("a Get that hits allocates %.0f times", n)
	}
}
'''


def test_a_bug_only_allocations_show_is_a_benchmark_drill(celery_worker_process, problems, user, capsys, tmp_path):
    call_command("validate_problems", "lru-cache", "--drills", "only", "--findings", tmp_path / "drills.json")
    out = capsys.readouterr().out
    drills = {d.variant: d for d in Drill.objects.filter(problem__slug="lru-cache")}
    realloc = drills["realloc-on-get"]  # one allocation per Get: the allocation budgets catch it
    assert realloc.offered and realloc.benchmark and realloc.difficulty == "hard", out
    assert not drills["peek-touches"].benchmark
    sub = drill(user, problems["lru-cache"], "realloc-on-get", GET_DOES_NOT_ALLOCATE)
    assert sub.verdict == "accepted", (sub.message, sub.compile_output)
