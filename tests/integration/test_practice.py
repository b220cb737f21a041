"""Issue 5 through HTTP: drafts, notes, own test cases, history filters, diffs, the dashboard."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from judge.models import Mode, Submission
from judge.verdicts import Status, Verdict
from practice.models import Draft, ProblemNote
from tests.conftest import HTMX, user_and_client, wait_for_verdict

pytestmark = pytest.mark.django_db(transaction=True)
SLUG = "unicode-palindrome"

FAILING_CASE = '''package palindrome

import "testing"

func TestMyCases(t *testing.T) {
	for _, in := range []string{"abc"} {
		if got := IsPalindrome(in); got != true {
			t.Errorf("IsPalindrome(%q) = %v, want %v", in, got, true)
		}
	}
}
'''


def finished(user, problem, *, verdict, mode=Mode.SUBMIT, code="package palindrome\n", when=None):
    """A judged submission as the worker leaves it (for read-side tests that need history)."""
    submission = Submission.objects.create(user=user, problem=problem, code=code, mode=mode,
                                           status=Status.FINISHED, verdict=verdict)
    if when is not None:
        Submission.objects.filter(pk=submission.pk).update(created_at=when)
    return submission


def test_the_draft_follows_the_user_to_another_device_and_nobody_else(problems):
    alice_user, alice = user_and_client("alice")
    saved = alice.post(f"/problems/{SLUG}/draft/", {"code": "package palindrome\n\n// my draft\n",
                                                   "custom_tests": "package palindrome\n// my cases\n"}, **HTMX)
    assert saved.status_code == 200 and "Saved" in saved.content.decode()

    other_device = Client()
    other_device.force_login(alice_user)
    page = other_device.get(f"/problems/{SLUG}/").content.decode()
    assert "// my draft" in page and "// my cases" in page

    _, bob = user_and_client("bob")
    page = bob.get(f"/problems/{SLUG}/").content.decode()
    assert "// my draft" not in page and "func IsPalindrome" in page  # the starter


def test_a_bad_draft_is_refused_and_the_saved_one_is_kept(problems, settings):
    alice_user, alice = user_and_client("alice")
    alice.post(f"/problems/{SLUG}/draft/", {"code": "package palindrome // good"}, **HTMX)
    too_big = "x" * (settings.JUDGE["MAX_CODE_BYTES"] + 1)
    for bad in [too_big, "package palindrome\x00"]:
        response = alice.post(f"/problems/{SLUG}/draft/", {"code": bad}, **HTMX)
        assert response.status_code == 400 and "Not saved" in response.content.decode()
    assert Draft.objects.get(user=alice_user).code == "package palindrome // good"
    assert Client().post(f"/problems/{SLUG}/draft/", {"code": "x"}).status_code == 302  # to the login page


def test_notes_are_saved_and_private(problems):
    alice_user, alice = user_and_client("alice")
    assert alice.post(f"/problems/{SLUG}/notes/", {"text": "two pointers from both ends"}, **HTMX).status_code == 200
    plain = alice.post(f"/problems/{SLUG}/notes/", {"text": "two pointers, decode runes"})
    assert plain.status_code == 302 and plain["Location"].endswith(f"/problems/{SLUG}/#notes")
    assert "two pointers, decode runes" in alice.get(f"/problems/{SLUG}/").content.decode()
    _, bob = user_and_client("bob")
    assert "two pointers" not in bob.get(f"/problems/{SLUG}/").content.decode()
    assert ProblemNote.objects.get(user=alice_user).text == "two pointers, decode runes"


def test_load_into_editor_takes_only_the_users_own_code(problems):
    alice_user, alice = user_and_client("alice")
    mine = finished(alice_user, problems[SLUG], verdict=Verdict.WRONG_ANSWER, code="package palindrome\n// v1\n")
    page = alice.get(f"/problems/{SLUG}/?from={mine.pk}").content.decode()
    assert "// v1" in page and f"submission #{mine.pk}" in page
    _, bob = user_and_client("bob")
    page = bob.get(f"/problems/{SLUG}/?from={mine.pk}").content.decode()
    assert "// v1" not in page
    assert alice.get(f"/problems/rotate-left/?from={mine.pk}").status_code == 200  # other problem: ignored
    assert alice.get(f"/problems/{SLUG}/?from=abc").status_code == 200


def test_history_filters_by_problem_verdict_mode_and_date(problems):
    user, alice = user_and_client("alice")
    now = timezone.now()
    old = finished(user, problems[SLUG], verdict=Verdict.WRONG_ANSWER, when=now - timedelta(days=10))
    run = finished(user, problems[SLUG], verdict=Verdict.ACCEPTED, mode=Mode.RUN)
    other = finished(user, problems["rotate-left"], verdict=Verdict.ACCEPTED, code="package rotate\n")

    def listed(query):
        html = alice.get(f"/submissions/?{query}").content.decode()
        return {int(n) for n in re.findall(r'id="row-(\d+)"', html)}

    assert listed("") == {old.pk, run.pk, other.pk}
    assert listed("mode=run") == {run.pk}
    assert listed(f"problem={SLUG}&verdict=accepted") == {run.pk}
    assert listed(f"until={(now - timedelta(days=5)).date()}") == {old.pk}
    assert listed(f"since={now.date()}") == {run.pk, other.pk}
    assert alice.get("/submissions/?since=yesterday").status_code == 400
    api = alice.get("/api/submissions/?mode=run").json()
    assert [s["id"] for s in api["results"]] == [run.pk]
    assert alice.get("/api/submissions/?until=2026-13-01").status_code == 400


def test_submission_page_shows_highlighted_code_and_the_diff_to_the_previous_one(problems):
    user, alice = user_and_client("alice")
    first = finished(user, problems[SLUG], verdict=Verdict.WRONG_ANSWER,
                     code="package palindrome\n\nfunc IsPalindrome(s string) bool {\n\treturn false\n}\n")
    second = finished(user, problems[SLUG], verdict=Verdict.ACCEPTED,
                      code="package palindrome\n\nfunc IsPalindrome(s string) bool {\n\treturn true\n}\n")
    html = alice.get(f"/submissions/{second.pk}/").content.decode()
    assert 'class="highlight"' in html
    assert re.search(r'<tr class="diff-removed">.*?return false', html, re.S)
    assert re.search(r'<tr class="diff-added">.*?return true', html, re.S)
    assert f'href="/submissions/{first.pk}/"' in html
    assert "first submission of this problem" in alice.get(f"/submissions/{first.pk}/").content.decode()


def test_dashboard_figures(problems):
    user, alice = user_and_client("alice")
    now = timezone.now()
    finished(user, problems[SLUG], verdict=Verdict.ACCEPTED, when=now - timedelta(days=40))
    finished(user, problems["rotate-left"], verdict=Verdict.WRONG_ANSWER, code="package rotate\n")
    finished(user, problems["rotate-left"], verdict=Verdict.ACCEPTED, mode=Mode.RUN, code="package rotate\n")
    html = alice.get("/").content.decode()
    assert "50%" in html and "1 of 2 submits" in html
    revisit = html[html.index("Problems to revisit"):html.index("Recent activity")]
    assert revisit.index("Rotate a slice left") < revisit.index("Unicode-aware palindrome")
    assert "not solved yet" in revisit and "solved 40 days ago" in revisit
    assert html.count('class="heat l') >= 2


def test_run_judges_the_users_own_cases_with_their_output(problems, celery_worker_process):
    _, alice = user_and_client("alice")
    code = problems[SLUG].reference_files["solution.go"]
    response = alice.post(f"/problems/{SLUG}/submit/", {"code": code, "mode": "run", "custom_tests": FAILING_CASE},
                          **HTMX)
    assert response.status_code == 200
    assert 'hx-swap-oob="afterbegin:#recent-table"' in response.content.decode()
    run = Submission.objects.get(mode=Mode.RUN)
    assert wait_for_verdict(run.id).verdict == Verdict.WRONG_ANSWER
    status = alice.get(f"/submissions/{run.id}/status/?oob=1").content.decode()
    assert "TestMyCases" in status and 'IsPalindrome(&quot;abc&quot;) = false, want true' in status
    assert f'id="row-{run.id}" hx-swap-oob="true"' in status
    assert "TestExamples" in status  # the examples ran too

    # Submit ignores the scratch file: it judges the hidden suite only, and the badge turns solved.
    alice.post(f"/problems/{SLUG}/submit/", {"code": code, "mode": "submit", "custom_tests": FAILING_CASE}, **HTMX)
    submit = Submission.objects.get(mode=Mode.SUBMIT)
    assert submit.custom_tests == ""
    assert wait_for_verdict(submit.id).verdict == Verdict.ACCEPTED
    status = alice.get(f"/submissions/{submit.id}/status/?oob=1").content.decode()
    assert 'id="solved-badge"' in status and "Solved" in status


SLOW_CASE = '''package palindrome

import (
	"testing"
	"time"
)

func TestZSlowCase(t *testing.T) {
	time.Sleep(3 * time.Second)
}
'''


def test_the_status_shows_tests_finishing_while_it_runs(problems, celery_worker_process):
    _, alice = user_and_client("alice")
    code = problems[SLUG].reference_files["solution.go"]
    alice.post(f"/problems/{SLUG}/submit/", {"code": code, "mode": "run", "custom_tests": SLOW_CASE}, **HTMX)
    run = Submission.objects.get()
    seen = set()
    while not Submission.objects.get(pk=run.pk).is_done:
        html = alice.get(f"/submissions/{run.pk}/status/").content.decode()
        seen.update(re.findall(r"\d of \d tests finished", html))
    assert "1 of 2 tests finished" in seen  # the examples are done, the slow case is still running
    assert wait_for_verdict(run.pk).verdict == Verdict.ACCEPTED
    assert "tests finished" not in alice.get(f"/submissions/{run.pk}/status/").content.decode()
