"""Code-review drill pages and API (/review/, /api/review/): hidden until the problem is solved
or opened unsolved, never showing the reference or the hidden suite; a test judged live through
the real worker and sandbox; then the review that reveals the bug."""

import time

import pytest
from django.test import Client
from django.urls import reverse

from judge.models import Submission
from practice.drill_selectors import changed_lines
from practice.models import DrillReview
from problems.drills import DrillFinding, drills_record
from problems.models import Drill
from tests.conftest import HTMX, make_user, signed_in

pytestmark = [pytest.mark.django_db(transaction=True)]
SLUG = "unicode-palindrome"

CATCHES_KEEPS_MARKS = '''package palindrome

import "testing"

func TestMarksAreSkipped(t *testing.T) {
	if !IsPalindrome("ab\\u0301a") {
		t.Fatal("a combining mark is neither a letter nor a digit")
	}
}
'''


@pytest.fixture
def drills(problems):
    """What validation found for unicode-palindrome (test_drills_judging.py proves it for real)."""
    drills_record([DrillFinding(SLUG, "keeps-marks", True, "", 2, 7), DrillFinding(SLUG, "simple-fold", True, "", 2, 7),
                   DrillFinding(SLUG, "bytewise", False, "the visible examples alone catch it", 3, 7)])
    return {d.variant: d for d in Drill.objects.filter(problem__slug=SLUG)}


@pytest.fixture
def alice(drills):
    return signed_in(make_user("alice"))


def test_drills_are_hidden_until_solved_or_opened_unsolved(alice, drills):
    page = alice.get("/review/").content.decode()
    assert "Unicode-aware palindrome: bug 1" in page and "Unicode-aware palindrome: bug 2" in page
    assert "bug 3" not in page  # bytewise is left out
    assert reverse("drill_detail", args=[drills["keeps-marks"].pk]) not in page
    assert "Review it unsolved" in page
    locked = alice.get(f"/review/{drills['keeps-marks'].pk}/")
    assert locked.status_code == 403 and "IsMark" not in locked.content.decode()
    assert alice.post(f"/review/unlock/{SLUG}/").status_code == 302
    page = alice.get(f"/review/?problem={SLUG}").content.decode()
    assert reverse("drill_detail", args=[drills["keeps-marks"].pk]) in page
    assert alice.get(f"/review/{drills['bytewise'].pk}/").status_code == 404  # not offered


def test_a_drill_page_shows_the_code_under_review_never_the_reference_or_the_hidden_suite(alice, drills, problems):
    alice.post(f"/review/unlock/{SLUG}/")
    page = alice.get(f"/review/{drills['keeps-marks'].pk}/").content.decode()
    assert "unicode.IsMark(r)" in page  # the variant's code
    assert "the part not yet examined" not in page  # the reference's
    assert "TestRandomAgainstOracle" not in page and "keeps-marks" not in page  # the hidden suite, the bug's name
    why = problems[SLUG].wrong_variants[3]["why"]
    assert why not in page
    api = alice.get(f"/api/review/{drills['keeps-marks'].pk}/").json()
    assert "unicode.IsMark(r)" in api["code"] and api["review"] is None and api["difficulty"] == "medium"
    assert "the part not yet examined" not in str(api)


def test_marked_lines_count_when_they_touch_what_differs_from_the_reference(drills):
    lines = changed_lines(drills["keeps-marks"])
    assert 9 in lines  # `|| unicode.IsMark(r)`
    assert 1 not in lines  # `package palindrome`, the same in both


@pytest.mark.docker
def test_a_test_is_judged_live_then_the_review_reveals_the_bug(celery_worker_process, alice, drills, problems):
    drill = drills["keeps-marks"]
    alice.post(f"/review/unlock/{SLUG}/")
    early = alice.post(f"/review/{drill.pk}/review/", {"line": ["9"], "explanation": "keeps marks"}, **HTMX)
    assert early.status_code == 400 and "Submit a test first" in early.content.decode()
    answer = alice.post(f"/review/{drill.pk}/submit/", {"code": CATCHES_KEEPS_MARKS}, **HTMX)
    assert answer.status_code == 200
    submission = Submission.objects.get(user__username="alice", mode="drill")
    deadline = time.monotonic() + 120
    while True:
        status = alice.get(f"/submissions/{submission.pk}/status/", **HTMX).content.decode()
        if 'data-verdict="' in status or time.monotonic() > deadline:
            break
        time.sleep(0.3)
    assert 'data-verdict="accepted"' in status, status
    assert "Caught" in status and "TestMarksAreSkipped" in status
    reveal = alice.post(f"/review/{drill.pk}/review/", {"line": ["9", "10"], "explanation": "keeps marks"}, **HTMX)
    body = reveal.content.decode()
    assert reveal.status_code == 200 and "Your marked lines touch the bug" in body
    assert problems[SLUG].wrong_variants[3]["why"] in body and "diff-added" in body
    review = DrillReview.objects.get(user__username="alice")
    assert review.hits and review.lines == [9, 10]
    again = alice.post(f"/review/{drill.pk}/review/", {"line": ["1"], "explanation": "other"}, **HTMX)
    assert again.status_code == 200 and DrillReview.objects.get(pk=review.pk).lines == [9, 10]  # made once
    assert "Caught" in alice.get("/review/").content.decode()
    api = alice.get(f"/api/review/{drill.pk}/").json()
    assert api["review"]["hits"] and api["review"]["name"] == "keeps-marks" and "+" in api["review"]["diff"]
    assert api["submissions"] == [submission.pk]
    board = alice.get("/api/dashboard/").json()["drills"]
    assert board == [{"step": problems[SLUG].step, "offered": 2, "caught": 1}]
    assert "caught 1 of 2 bugs" in alice.get("/").content.decode()


def test_the_api_lists_and_refuses_as_the_pages_do(alice, drills):
    rows = {r["id"]: r for r in alice.get("/api/review/").json()}
    assert set(rows) == {drills["keeps-marks"].pk, drills["simple-fold"].pk}
    assert not rows[drills["keeps-marks"].pk]["open"] and rows[drills["keeps-marks"].pk]["hidden_reason"]
    assert alice.get(f"/api/review/{drills['keeps-marks'].pk}/").status_code == 403
    assert alice.post(f"/api/review/{drills['keeps-marks'].pk}/submissions/", {"code": CATCHES_KEEPS_MARKS},
                      content_type="application/json").status_code == 403
    assert alice.get(f"/api/review/{drills['bytewise'].pk}/").status_code == 404
    assert Client().get("/api/review/").status_code in (401, 403)
    alice.post(f"/review/unlock/{SLUG}/")
    early = alice.post(f"/api/review/{drills['keeps-marks'].pk}/review/", {"lines": [9], "explanation": "x"},
                       content_type="application/json")
    assert early.status_code == 400 and "Submit a test first" in early.json()["detail"]
