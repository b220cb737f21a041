"""Hostile submissions (tests/data/hostile/*.go, for unicode-palindrome) through the real
worker and Docker: each gets the right verdict, and the host is unharmed."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from judge.models import Mode
from judge.services import submission_create
from judge.verdicts import Verdict
from tests.conftest import assert_no_container_left, wait_for_verdict

pytestmark = [pytest.mark.docker, pytest.mark.django_db(transaction=True)]

HOSTILE = Path(__file__).resolve().parent.parent / "data" / "hostile"
V = Verdict
EXPECTED = {
    # Bounded by pids_limit: the loop either spins to the time limit or the Go runtime dies
    # when it cannot create a thread; both are right, accepted never is.
    "fork_bomb": {V.TIME_LIMIT, V.RUNTIME_ERROR},
    "memory_bomb": {V.MEMORY_LIMIT},
    "infinite_loop": {V.TIME_LIMIT},
    "goroutine_bomb": {V.MEMORY_LIMIT, V.TIME_LIMIT},
    "output_flood": {V.OUTPUT_LIMIT},
    # These attack the sandbox and then answer correctly: accepted proves the attack failed.
    "disk_filler": {V.ACCEPTED},
    "network": {V.ACCEPTED},
    "environment": {V.ACCEPTED},
    "read_hidden_tests": {V.ACCEPTED},
    # These try to fake a pass.
    "fake_pass_lines": {V.WRONG_ANSWER},
    "exit_zero_in_init": {V.RUNTIME_ERROR},
    "skip_tests_via_args": {V.RUNTIME_ERROR},
    "own_test_main": {V.WRONG_ANSWER},
    "exit_zero_in_test": {V.RUNTIME_ERROR, V.WRONG_ANSWER},
}


def test_every_hostile_source_has_an_expectation():
    assert {p.stem for p in HOSTILE.glob("*.go")} == set(EXPECTED)


@pytest.fixture
def user(transactional_db):
    return get_user_model().objects.create_user("mallory", password="pw-mallory-1")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_code_gets_its_verdict_and_leaves_the_host_unharmed(name, celery_worker_process, problems, user):
    code = (HOSTILE / f"{name}.go").read_text()
    sub = wait_for_verdict(submission_create(user=user, problem=problems["unicode-palindrome"], code=code).pk)
    assert sub.verdict in EXPECTED[name], (sub.verdict, sub.message, sub.judge_log)
    if sub.verdict == V.MEMORY_LIMIT:
        assert "memory" in sub.message
    assert_no_container_left(sub.pk)
    assert not Path("/tmp/dojo-hostile-marker").exists()
    assert celery_worker_process.poll() is None, "the worker died"


def test_worker_still_judges_normally_after_the_hostile_suite(celery_worker_process, problems, user):
    problem = problems["unicode-palindrome"]
    sub = wait_for_verdict(submission_create(user=user, problem=problem, code=problem.reference_files["solution.go"],
                                             mode=Mode.SUBMIT).pk)
    assert sub.verdict == V.ACCEPTED
