""""Learn from it" in the browser, at 1366×850 and 390×844: the panel under the statement once the
problem is solved (a mistake opened shows its diff in a box that scrolls on its own, the page
never wider than the window), "Show solution" revealing it in place, and a Submit accepted on
the page unlocking it without a reload. Also the signed-in header: at most two lines on a phone.

Screenshots of the panel go to docs/screenshots/ with DOJO_SCREENSHOTS=1 (as test_screenshots.py)."""

import os
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from judge.models import Mode, Submission
from judge.verdicts import Status, Verdict
from practice.models import SolutionReveal
from tests.browser.helpers import EDITOR, SLUG, assert_fits, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SHOWN = "limit-reader"  # its mistakes differ from the reference in a few lines: a readable screenshot


def accepted(username, problem):
    user = get_user_model().objects.get(username=username)
    return Submission.objects.create(user=user, problem=problem, code=problem.reference_files["solution.go"],
                                     mode=Mode.SUBMIT, status=Status.FINISHED, verdict=Verdict.ACCEPTED)


def show_statement(page):
    if page.size == "phone":
        page.get_by_role("tab", name="Problem").click()


def scroll_to(page, selector):
    """Bring `selector` to the top of what scrolls it: the statement's pane on a laptop, the page on a phone."""
    page.evaluate("""(selector) => {
        window.scrollTo(0, 0);
        const el = document.querySelector(selector), pane = document.getElementById('statement');
        const top = el.getBoundingClientRect().top;
        if (getComputedStyle(pane).overflowY === 'auto') pane.scrollTop += top - pane.getBoundingClientRect().top - 8;
        else window.scrollBy(0, top - 64);  // below the sticky tabs
    }""", selector)


def test_the_panel_after_solving(sized_page, live_server, problems, tmp_path):
    page, base = sized_page, live_server.url
    problem = problems[SHOWN]
    sign_in(page, base, "lea")
    accepted("lea", problem)
    page.goto(f"{base}/problems/{SHOWN}/")
    expect(page.locator(EDITOR)).to_be_attached()
    show_statement(page)
    panel = page.locator("#learn")
    panel.scroll_into_view_if_needed()
    expect(panel.get_by_role("heading", name="Learn from it")).to_be_visible()
    expect(panel.get_by_role("heading", name="What interviewers look for")).to_be_visible()
    expect(panel.locator(".look-for li")).to_have_count(len(problem.look_for))
    expect(panel.locator(".mistake")).to_have_count(len(problem.wrong_variants))
    expect(panel.locator(".reference .code-view").first).to_be_visible()  # the reference, open

    mistake = panel.locator(".mistake").first
    expect(mistake.locator(".why")).to_have_text(problem.wrong_variants[0]["why"])
    mistake.locator("summary").click()
    box = mistake.locator(".diff-box").first
    expect(box.locator("tr.diff-removed").first).to_be_visible()
    expect(box.locator("tr.diff-added").first).to_be_visible()
    assert_fits(page, f"{page.size}: the panel with a mistake open")
    # Its box holds the diff: sideways and down it scrolls inside, within the window's width.
    right = box.evaluate("el => el.getBoundingClientRect().right")
    assert right <= page.viewport_size["width"], right
    scroll_to(page, "#learn" if page.size == "laptop" else "#mistakes-h")
    page.evaluate("document.fonts.ready")
    path = (SCREENSHOTS if os.environ.get("DOJO_SCREENSHOTS") == "1" else tmp_path) / f"learn-{page.size}.png"
    page.screenshot(path=str(path), animations="disabled", caret="hide")

    # Its own page, reachable without script: the same panel, full width.
    page.goto(f"{base}/problems/{SHOWN}/solution/")
    expect(page.locator("#learn .mistake")).to_have_count(len(problem.wrong_variants))
    assert_fits(page, f"{page.size}: the solution's own page")


def test_show_solution_reveals_it_in_place(sized_page, live_server, problems):
    page, base = sized_page, live_server.url
    sign_in(page, base, "ren")
    page.goto(f"{base}/problems/{SLUG}/")
    expect(page.locator(EDITOR)).to_be_attached()
    show_statement(page)
    button = page.get_by_role("button", name="Show solution")
    button.scroll_into_view_if_needed()
    expect(page.locator("#learn .mistake")).to_have_count(0)
    button.click()
    expect(page.locator("#learn .mistake")).to_have_count(len(problems[SLUG].wrong_variants))
    expect(page.locator("#learn")).to_be_focused()  # a keyboard user lands on what appeared
    expect(page.locator("#learn")).to_contain_text("You chose to see the solution on")
    assert SolutionReveal.objects.filter(user__username="ren", problem=problems[SLUG]).exists()
    page.goto(f"{base}/")
    expect(page.locator(".viewed-solutions")).to_contain_text("Viewed the solution of 1 problem")
    assert_fits(page)


def test_an_accepted_submit_unlocks_the_panel_without_a_reload(page, live_server, problems):
    base = live_server.url
    sign_in(page, base, "sol")
    page.goto(f"{base}/problems/{SLUG}/")
    expect(page.locator("#learn-locked")).to_be_visible()
    submission = accepted("sol", problems[SLUG])
    # What the result panel's polling brings once the verdict is in (judge/_status.html, via htmx).
    page.evaluate("(url) => htmx.ajax('GET', url, {target: '#result', swap: 'innerHTML'})",
                  f"/submissions/{submission.pk}/status/?oob=1")
    expect(page.locator("#solved-badge")).to_contain_text("Solved")
    expect(page.locator("#learn .mistake")).to_have_count(len(problems[SLUG].wrong_variants))
    expect(page.locator("#learn-locked")).to_have_count(0)


def test_the_signed_in_header_takes_at_most_two_lines_on_a_phone(sized_page, live_server, problems):
    page, base = sized_page, live_server.url
    sign_in(page, base, "a-rather-long-username")
    for url in ["/", f"/problems/{SLUG}/"]:
        page.goto(base + url)
        items = page.locator("header.top a, header.top button, header.top strong")
        boxes = [items.nth(i).bounding_box() for i in range(items.count())]
        rows = sorted({round(b["y"] + b["height"] / 2) for b in boxes})
        lines = [y for i, y in enumerate(rows) if i == 0 or y - rows[i - 1] > 8]
        assert len(lines) <= (2 if page.size == "phone" else 1), (page.size, url, rows)
        for b in boxes:  # every link whole and on screen
            assert b["x"] >= 0 and b["x"] + b["width"] <= page.viewport_size["width"] + 0.5, (page.size, url, b)
        assert_fits(page)
