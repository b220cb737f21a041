"""A code-review drill end to end in a real browser, on a laptop and on a phone: open a
problem's drills unsolved, read the code under review, write a test in the editor, watch its
verdict arrive, mark the wrong line and see the bug revealed; the page never wider than the window,
and axe finds no serious or critical violation on it."""

import os

import pytest
from playwright.sync_api import expect

from problems.drills import DrillFinding, drills_record
from tests.browser.helpers import SLUG, assert_fits, set_editor, sign_in
from tests.browser.test_accessibility import severe_violations
from tests.browser.test_screenshots import shoot

pytestmark = [pytest.mark.browser, pytest.mark.docker, pytest.mark.django_db(transaction=True)]

CATCHES_KEEPS_MARKS = '''package palindrome

import "testing"

func TestMarksAreSkipped(t *testing.T) {
	if !IsPalindrome("ab\\u0301a") {
		t.Fatal("a combining mark is neither a letter nor a digit")
	}
}
'''


def test_catch_a_bug_then_reveal_it(sized_page, live_server, celery_worker_process, problems):
    drills_record([DrillFinding(SLUG, "keeps-marks", True, "", 2, 7)])
    page, base = sized_page, live_server.url
    sign_in(page, base, f"rita-{page.size}")
    page.goto(f"{base}/review/")
    assert_fits(page, "the drill list")
    assert severe_violations(page) == [], "the drill list"
    page.click("#drills button:has-text('Review it unsolved')")
    page.click("#drills a:has-text('bug 1')")
    expect(page.locator("#L9")).to_contain_text("unicode.IsMark(r)")
    expect(page.locator(".dojo-editor[data-for=code] .cm-content")).to_be_visible()
    assert_fits(page, "the drill page")
    assert severe_violations(page) == [], "the drill page"

    set_editor(page, "code", CATCHES_KEEPS_MARKS)
    page.click("#drill-form button[type=submit]")
    card = page.locator("#result .status-card")
    expect(card.locator(".verdict")).to_have_text("Accepted", timeout=120_000)
    expect(card).to_contain_text("Caught")
    assert_fits(page, "the verdict")

    page.check("#L9 input[type=checkbox]")
    page.fill("#explanation", "keeps combining marks, which are not letters")
    page.click("#review-form button[type=submit]")
    reveal = page.locator("#reveal")
    expect(reveal).to_contain_text("Your marked lines touch the bug")
    expect(reveal).to_contain_text("neither letters nor digits")  # the variant's why
    expect(reveal.locator("table.diff")).to_be_visible()
    expect(page.locator("#drill-mark")).to_have_count(0)  # a review is made once: its form is gone
    assert_fits(page, "the revealed bug")
    assert severe_violations(page) == [], "the revealed bug"
    if os.environ.get("DOJO_SCREENSHOTS") == "1":  # docs/screenshots/drill-{laptop,phone}.png
        reveal.scroll_into_view_if_needed()
        shoot(page, "drill")
