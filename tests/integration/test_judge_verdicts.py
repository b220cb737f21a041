"""Verdicts that need a problem setting (race, forbidden) or a broken judge (internal_error)."""

import pytest

from judge.judging import judge_code
from judge.models import Mode, Submission, SubmissionEvent
from judge.services import MAX_ATTEMPTS, JudgeRetry, submission_create, submission_judge
from judge.verdicts import Status, Verdict
from problems.models import Problem
from tests.conftest import user_and_client, wait_for_verdict

pytestmark = [pytest.mark.docker, pytest.mark.django_db(transaction=True)]

RACY = """package palindrome

import "sync"

var calls int

// Correct answers, but the shared counter is written from two goroutines unguarded.
func IsPalindrome(s string) bool {
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); calls++ }()
	}
	wg.Wait()
	rs := []rune{}
	for _, r := range s {
		if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') {
			rs = append(rs, r)
		}
	}
	return len(rs) >= 0 && isPal(rs)
}

func isPal(rs []rune) bool {
	for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
		if rs[i] != rs[j] {
			return false
		}
	}
	return true
}
"""


def copy_of(problem, slug, **changes):
    fields = {f.name: getattr(problem, f.name) for f in Problem._meta.concrete_fields if f.name not in ("id", "slug")}
    fields.update(changes)
    return Problem.objects.create(slug=slug, **fields)


def test_race_detector_finding_is_data_race_with_the_report_in_run_only(celery_worker_process, problems, user):
    problem = copy_of(problems["unicode-palindrome"], "race-copy", race=True)
    sub = wait_for_verdict(submission_create(user=user, problem=problem, code=RACY).pk)
    assert sub.verdict == Verdict.DATA_RACE, sub.message
    # A hidden run shows no text the submission printed: the report names hidden tests'
    # frames, and user code could print a fake one carrying anything.
    assert "WARNING" not in sub.message and "`IsPalindrome`" in sub.message
    run = wait_for_verdict(submission_create(user=user, problem=problem, code=RACY, mode=Mode.RUN).pk)
    assert run.verdict == Verdict.DATA_RACE, run.message
    assert "WARNING: DATA RACE" in run.message and "solution.go" in run.message


def test_forbidden_identifier_is_refused_before_compiling(celery_worker_process, problems, user):
    problem = copy_of(problems["unicode-palindrome"], "forbidden-copy", forbidden=["unicode.ToLower"])
    sub = wait_for_verdict(submission_create(user=user, problem=problem,
                                             code=problems["unicode-palindrome"].reference_files["solution.go"]).pk)
    assert sub.verdict == Verdict.FORBIDDEN
    assert "unicode.ToLower is not allowed" in sub.message and sub.message.startswith("solution.go:")
    assert sub.container_seconds is None  # no sandbox was needed


def test_a_broken_judge_is_retried_then_internal_error(problems, user, settings):
    """In-process with the real Docker Engine: an image that does not exist breaks the judge."""
    settings.JUDGE = {**settings.JUDGE, "IMAGE": "dojo-runner-go:missing"}
    problem = problems["unicode-palindrome"]
    sub = Submission.objects.create(user=user, problem=problem, code=problem.reference_files["solution.go"])
    for attempt in range(1, MAX_ATTEMPTS):
        with pytest.raises(JudgeRetry):
            submission_judge(sub.pk)
        sub.refresh_from_db()
        assert sub.status == Status.QUEUED and sub.attempts == attempt and "missing" in sub.judge_log
    submission_judge(sub.pk)
    sub.refresh_from_db()
    assert sub.status == Status.FINISHED and sub.verdict == Verdict.INTERNAL_ERROR
    assert "not your fault" in sub.message or "unavailable" in sub.message
    kinds = list(sub.events.values_list("kind", flat=True))
    assert kinds == [SubmissionEvent.Kind.RETRIED] * (MAX_ATTEMPTS - 1) + [SubmissionEvent.Kind.FINISHED]


def test_staff_rejudge_through_the_admin_is_recorded(celery_worker_process, problems, user):
    problem = problems["rotate-left"]
    sub = wait_for_verdict(submission_create(user=user, problem=problem, code=problem.starter_code).pk)
    assert sub.verdict == Verdict.WRONG_ANSWER
    staff, client = user_and_client("ops", is_staff=True, is_superuser=True)
    response = client.post("/admin/judge/submission/", {"action": "rejudge", "_selected_action": [sub.pk]})
    assert response.status_code == 302
    again = wait_for_verdict(sub.pk)
    assert again.verdict == Verdict.WRONG_ANSWER
    rejudge = again.events.get(kind=SubmissionEvent.Kind.REJUDGE)
    assert rejudge.actor == staff
    assert list(again.events.values_list("kind", flat=True)) == [
        SubmissionEvent.Kind.CREATED, SubmissionEvent.Kind.FINISHED, SubmissionEvent.Kind.REJUDGE,
        SubmissionEvent.Kind.FINISHED]


# Standard packages nothing in the image's warm build touches, plus the sandbox's x/sync,
# yaml.v3 and go-sqlite3. With the build cache read-only, go once refused these as "not in
# std" (its package index had no entry for them and could not write one).
RARELY_USED_IMPORTS = ["archive/zip", "encoding/xml", "expvar", "image/png", "testing/synctest",
                       "golang.org/x/sync/syncmap", "gopkg.in/yaml.v3", "github.com/mattn/go-sqlite3"]


@pytest.mark.parametrize("race", [False, True], ids=["plain", "race"])
def test_any_standard_or_image_package_can_be_imported(problems, race):
    problem = problems["unicode-palindrome"]
    blank_imports = "".join(f'\t_ "{path}"\n' for path in RARELY_USED_IMPORTS)
    code = problem.reference_files["solution.go"].replace("import (\n", "import (\n" + blank_imports, 1)
    assert blank_imports in code
    judged = copy_of(problem, f"imports-{'race' if race else 'plain'}", race=race)
    outcome, _ = judge_code(judged, code=code, mode="run")
    assert outcome.verdict == Verdict.ACCEPTED, outcome.message
