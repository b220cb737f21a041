"""Issue 5's journey in a real browser: run with an own failing case and read its values,
submit and watch the live verdict (history row and solved badge update in place), open the
history, filter it, view the diff between two submissions, load one back into the editor."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import SLUG, editor_value, open_problem, set_editor, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.docker, pytest.mark.django_db(transaction=True)]

MY_CASE = '''package palindrome

import "testing"

func TestMyCases(t *testing.T) {
	if got := IsPalindrome("abca"); got != true {
		t.Errorf("IsPalindrome(%q) = %v, want %v", "abca", got, true)
	}
}
'''


def test_run_own_case_submit_history_filter_and_diff(page, live_server, celery_worker_process, problems):
    base = live_server.url
    reference = problems[SLUG].reference_files["solution.go"]
    sign_in(page, base, "lin")
    open_problem(page, base)

    # Run with an own case whose expectation is wrong: its input, got and want are shown.
    set_editor(page, "code", reference)
    page.click("details.custom-tests summary")
    set_editor(page, "custom_tests", MY_CASE)
    page.click("button[value=run]")
    card = page.locator("#result .status-card")
    expect(card.locator(".verdict")).to_have_text("Wrong answer", timeout=90_000)
    expect(card).to_contain_text('IsPalindrome("abca") = false, want true')
    # The new row arrived in the history table out of band, with its verdict.
    expect(page.locator("#recent-table tr").first).to_contain_text("Wrong answer")
    expect(page.locator("#solved-badge")).not_to_contain_text("Solved")

    # A first submit that fails, then the reference: live verdict, badge turns "Solved".
    set_editor(page, "code", reference.replace("return true\n}", "return false\n}", 1))
    page.click("button[value=submit]")
    expect(card.locator(".verdict")).not_to_have_text("Accepted", timeout=90_000)
    expect(card.locator(".verdict")).to_have_attribute("data-verdict", "wrong_answer", timeout=90_000)
    set_editor(page, "code", reference)
    page.click("button[value=submit]")
    expect(card.locator(".verdict")).to_have_text("Accepted", timeout=90_000)
    expect(page.locator("#solved-badge")).to_contain_text("Solved")

    # History: three submissions; filter to submits only, then open the newest one.
    page.click("header nav a:has-text('My submissions')")
    expect(page.locator("main table tbody tr")).to_have_count(3)
    page.select_option("select[name=mode]", "submit")
    page.click("form.filters button[type=submit]")
    expect(page.locator("main table tbody tr")).to_have_count(2)
    page.select_option("select[name=verdict]", "accepted")
    page.click("form.filters button[type=submit]")
    expect(page.locator("main table tbody tr")).to_have_count(1)
    page.click("main table tbody tr a[href^='/submissions/']")

    # The diff against the previous submission shows the changed line both ways.
    diff = page.locator("table.diff")
    expect(diff.locator("tr.diff-removed")).to_contain_text("return false")
    expect(diff.locator("tr.diff-added")).to_contain_text("return true")

    # Load the previous submission back into the editor.
    page.locator("p.muted:has-text('Compared with') a").click()
    page.click("text=Load into editor")
    # The server's message. (When the final Submit came back before the draft's autosave, 1.5 s
    # after typing, the browser also offers its kept copy in a note of its own: test_workspace.)
    expect(page.locator(".flash:not(#kept-code-note)")).to_contain_text("into the editor")
    assert "return false" in editor_value(page)
