"""Failures of our own parts lose no submission: a worker killed mid-judging, Redis down."""

import os
import signal
import subprocess
import time
from datetime import timedelta

import pytest
import redis
from django.conf import settings
from django.utils import timezone

from judge.models import Submission, SubmissionEvent
from judge.services import hard_limit_seconds, submissions_sweep
from judge.tasks import judge_submission
from judge.verdicts import Status, Verdict
from tests.conftest import (
    REPO,
    api_as,
    assert_no_container_left,
    containers_of,
    start_worker,
    stop_worker,
    wait_for_verdict,
)

pytestmark = [pytest.mark.docker, pytest.mark.django_db(transaction=True)]

# Correct, but the first call sleeps, so judging takes a few seconds: time to kill a worker.
SLOW_BUT_RIGHT = """package palindrome

import (
	"sync"
	"time"
	"unicode"
)

var once sync.Once

func IsPalindrome(s string) bool {
	once.Do(func() { time.Sleep(4 * time.Second) })
	var rs []rune
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			rs = append(rs, unicode.ToLower(r))
		}
	}
	for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
		if rs[i] != rs[j] {
			return false
		}
	}
	return true
}
"""


def wait_until(predicate, timeout=60, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def test_worker_killed_mid_judging_then_a_new_worker_finishes_it(problems, user, broker_clean, tmp_path):
    # Its own queue, so only the worker we kill can take the first delivery.
    victim = start_worker(tmp_path / "victim.log", concurrency=1, queues="kill-test")
    try:
        sub = Submission.objects.create(user=user, problem=problems["unicode-palindrome"], code=SLOW_BUT_RIGHT)
        judge_submission.apply_async((sub.pk,), queue="kill-test")
        wait_until(lambda: containers_of(sub.pk), what="the judge container to start")
        assert Submission.objects.get(pk=sub.pk).status == Status.RUNNING
        os.killpg(victim.pid, signal.SIGKILL)
        victim.wait()
    finally:
        stop_worker(victim)

    successor = start_worker(tmp_path / "successor.log", concurrency=1)
    try:
        # The successor reaps the dead worker's container when it starts.
        wait_until(lambda: not containers_of(sub.pk), timeout=30, what="the orphan container to be reaped")
        later = timezone.now() + timedelta(seconds=hard_limit_seconds(problems["unicode-palindrome"]) + 1)
        assert submissions_sweep(now=later) == {"requeued": [sub.pk], "resent": [sub.pk]}
        done = wait_for_verdict(sub.pk)
        assert done.verdict == Verdict.ACCEPTED, done.message
        kinds = list(done.events.values_list("kind", flat=True))
        assert kinds == [SubmissionEvent.Kind.REQUEUED, SubmissionEvent.Kind.FINISHED]
        assert done.attempts == 2
        assert_no_container_left(sub.pk)
    finally:
        stop_worker(successor)


def _redis_down():
    redis.Redis.from_url(settings.CELERY_BROKER_URL).shutdown(nosave=True)


def _redis_up():
    subprocess.run(["bash", str(REPO / "platform/scripts/services.sh"), "start"], check=True, capture_output=True)


def test_submission_made_while_redis_is_down_is_judged_when_it_is_back(celery_worker_process, problems, user):
    client = api_as(user)
    code = problems["rotate-left"].reference_files["solution.go"]
    try:
        _redis_down()
        response = client.post("/api/submissions/", {"problem": "rotate-left", "code": code}, format="json")
        assert response.status_code == 201, response.content
        sub = Submission.objects.get(pk=response.json()["id"])
        assert sub.status == Status.QUEUED and sub.enqueued_at is None
        assert submissions_sweep(now=timezone.now() + timedelta(seconds=10))["resent"] == []  # broker still down
    finally:
        _redis_up()
    assert submissions_sweep(now=timezone.now() + timedelta(seconds=10))["resent"] == [sub.pk]
    assert wait_for_verdict(sub.pk).verdict == Verdict.ACCEPTED
