"""A code-review round in a real browser, on a laptop and on a phone: start it, read the code
under review beside the server's clock, write a test in the editor, watch it caught, move on,
and see the bug revealed in the report; the pages never wider than the window, and axe finds no
serious or critical violation on them."""

import os
import re

import pytest
from playwright.sync_api import expect

from interviews.defaults import install_default_templates
from interviews.models import InterviewTemplate
from problems.drills import DrillFinding, drills_record
from tests.browser.helpers import assert_fits, set_editor, sign_in
from tests.browser.test_accessibility import severe_violations
from tests.browser.test_screenshots import shoot

SCREENSHOTS = os.environ.get("DOJO_SCREENSHOTS") == "1"  # docs/screenshots/review-round{,-report}-*.png

pytestmark = [pytest.mark.browser, pytest.mark.docker, pytest.mark.django_db(transaction=True)]

CATCHES_KEEPS_MARKS = '''package palindrome

import "testing"

func TestMarksAreSkipped(t *testing.T) {
	if !IsPalindrome("ab\\u0301a") {
		t.Fatal("a combining mark is neither a letter nor a digit")
	}
}
'''


@pytest.fixture
def review_round(problems):
    """The shipped round, with one offered drill per difficulty (as validation records them)."""
    install_default_templates(InterviewTemplate)
    drills_record([DrillFinding("unicode-palindrome", "keeps-marks", True, "", 5, 7),
                   DrillFinding("rotate-left", "negative-as-left", True, "", 3, 8),
                   DrillFinding("limit-reader", "drops-error", True, "", 1, 11)])


def test_a_review_round_at_both_sizes(sized_page, live_server, celery_worker_process, review_round):
    page, base = sized_page, live_server.url
    page.on("dialog", lambda dialog: dialog.accept())  # "Move on?" and "End the interview?" confirmations
    phone = page.size == "phone"
    sign_in(page, base, f"rex-{page.size}")
    page.goto(f"{base}/interviews/")
    page.get_by_role("button", name="Start Code-review round").click()

    timer = page.get_by_role("timer")
    expect(timer).to_have_text(re.compile(r"^4[45]:\d\d$"))
    expect(page.locator(".interview-bar")).to_contain_text("Drill 1 of 3")
    expect(page.locator("h1")).to_have_text("Unicode-aware palindrome: review this solution")
    expect(page.locator("#L9")).to_contain_text("unicode.IsMark(r)")  # the code under review, numbered
    assert_fits(page, "the code under review")
    assert severe_violations(page) == [], "the code under review"
    if SCREENSHOTS:
        shoot(page, "review-round")

    if phone:  # one pane at a time: the test editor is behind its tab
        page.get_by_role("tab", name="Your test").click()
    expect(page.locator(".dojo-editor[data-for=code] .cm-content")).to_be_visible()
    expect(page.locator(".dojo-editor[data-for=code] .cm-content")).to_contain_text("func TestCatchTheBug")
    set_editor(page, "code", CATCHES_KEEPS_MARKS)
    page.get_by_role("button", name=re.compile("^Judge my test")).click()
    card = page.locator("#result .status-card")
    expect(card.locator(".verdict")).to_have_text("Accepted", timeout=120_000)
    expect(card).to_contain_text("Caught")
    expect(page.locator("#moves")).to_contain_text("1 test judged")
    assert_fits(page, "the test's verdict")
    assert severe_violations(page) == [], "the test's verdict"

    next_drill = page.get_by_role("button", name="Next drill")
    expect(next_drill).to_be_enabled()  # unlocked by the test, without a reload
    next_drill.click()
    expect(page.locator(".interview-bar")).to_contain_text("Drill 2 of 3")
    expect(page.locator("h1")).to_have_text(re.compile("review this solution$"))
    assert_fits(page, "the second drill")

    if phone:
        page.get_by_role("tab", name="Your test").click()
    page.get_by_role("button", name="End interview").click()
    expect(page.locator("h1")).to_have_text("Report: Code-review round")
    report = page.locator(".interview-report")
    expect(report).to_contain_text("Caught")
    expect(page.locator(".drill-bug").first).to_contain_text("neither letters nor digits")  # the bug, revealed now
    expect(page.locator(".drill-bug table.diff").first).to_be_visible()
    expect(page.locator(".rubric")).to_contain_text("Proving it with a test")
    assert_fits(page, "the report")
    assert severe_violations(page) == [], "the report"
    if SCREENSHOTS:
        page.locator(".drill-bug").first.scroll_into_view_if_needed()
        shoot(page, "review-round-report")
