"""Submissions through the real stack: PostgreSQL, Redis, a Celery worker process, Docker."""

import pytest

from judge.models import Mode, Submission
from judge.services import submission_create
from judge.verdicts import Status, Verdict
from tests.conftest import assert_no_container_left, wait_for_verdict

pytestmark = [pytest.mark.docker, pytest.mark.django_db(transaction=True)]

LOOPS = """package palindrome

func IsPalindrome(s string) bool {
	for {
	}
}
"""
PANICS = """package palindrome

func IsPalindrome(s string) bool {
	var m map[string]bool
	m[s] = true
	return true
}
"""
DOES_NOT_COMPILE = """package palindrome

func IsPalindrome(s string) bool {
	return "yes"
}
"""


def judge(user, problem, code, mode=Mode.SUBMIT):
    submission = submission_create(user=user, problem=problem, code=code, mode=mode)
    return wait_for_verdict(submission.pk)


@pytest.mark.parametrize("slug", ["unicode-palindrome", "rotate-left", "group-anagrams"])
def test_reference_solution_is_accepted(celery_worker_process, problems, user, slug):
    problem = problems[slug]
    sub = judge(user, problem, problem.reference_files["solution.go"])
    assert sub.verdict == Verdict.ACCEPTED, (sub.message, sub.compile_output, sub.judge_log)
    results = list(sub.tests.all())
    assert {t.status for t in results} == {"pass"}
    assert {t.name for t in results} >= set(problem.hidden_test_names)
    assert all(t.message == "" for t in results)  # hidden tests never show their data


@pytest.mark.parametrize("slug", ["unicode-palindrome", "rotate-left", "group-anagrams"])
def test_known_wrong_variants_get_their_verdicts(celery_worker_process, problems, user, slug):
    problem = problems[slug]
    assert len(problem.wrong_variants) >= 2
    for variant in problem.wrong_variants:
        sub = judge(user, problem, variant["files"]["solution.go"])
        assert sub.verdict == variant["verdict"], (variant["name"], sub.message)


def test_starter_code_is_not_accepted(celery_worker_process, problems, user):
    problem = problems["unicode-palindrome"]
    sub = judge(user, problem, problem.starter_code)
    assert sub.verdict == Verdict.WRONG_ANSWER


def test_code_that_does_not_compile_shows_file_and_line(celery_worker_process, problems, user):
    sub = judge(user, problems["unicode-palindrome"], DOES_NOT_COMPILE)
    assert sub.verdict == Verdict.COMPILE_ERROR
    assert sub.message.startswith("./solution.go:4:9:"), sub.message
    assert sub.tests.count() == 0


def test_panicking_code_is_a_runtime_error(celery_worker_process, problems, user):
    sub = judge(user, problems["unicode-palindrome"], PANICS)
    assert sub.verdict == Verdict.RUNTIME_ERROR
    assert "assignment to entry in nil map" in sub.message


def test_looping_code_hits_the_time_limit_and_leaves_no_container(celery_worker_process, problems, user):
    problem = problems["unicode-palindrome"]
    sub = judge(user, problem, LOOPS)
    assert sub.verdict == Verdict.TIME_LIMIT
    assert_no_container_left(sub.pk)


def test_run_mode_judges_examples_and_shows_failing_values(celery_worker_process, problems, user):
    problem = problems["unicode-palindrome"]
    sub = judge(user, problem, problem.starter_code, mode=Mode.RUN)
    assert sub.verdict == Verdict.WRONG_ANSWER
    failing = [t for t in sub.tests.all() if t.status == "fail" and "/" in t.name]
    assert failing and "want" in failing[0].message


def test_wrong_package_is_judged_without_losing_the_code(celery_worker_process, problems, user):
    code = "package main\n\nfunc IsPalindrome(s string) bool { return true }\n"
    sub = judge(user, problems["unicode-palindrome"], code)
    assert sub.verdict == Verdict.COMPILE_ERROR
    assert "expected `package palindrome`" in sub.message
    assert Submission.objects.get(pk=sub.pk).code == code


def test_double_click_creates_one_submission(celery_worker_process, problems, user):
    problem = problems["rotate-left"]
    first = submission_create(user=user, problem=problem, code=problem.starter_code)
    second = submission_create(user=user, problem=problem, code=problem.starter_code)
    assert first.pk == second.pk
    assert wait_for_verdict(first.pk).status == Status.FINISHED
