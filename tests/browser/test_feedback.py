"""Feedback that teaches (issue 13) in a real browser, on a laptop (1366×850) and a phone
(390×844), judged by the real judge: the count line, failing tests first and the passing folded,
the first failing hidden test's message in practice (names only in a default interview), a
compile error shown once whose link moves the editor's cursor to the right line of a
multi-file text, and an API mismatch named. axe finds nothing serious on the panels."""

import os
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from interviews.models import InterviewTemplate
from interviews.services import interview_start
from tests.browser.helpers import EDITOR, assert_fits, in_view, set_editor, sign_in
from tests.browser.test_accessibility import severe_violations

pytestmark = [pytest.mark.browser, pytest.mark.docker, pytest.mark.django_db(transaction=True)]

TOPK = "top-k-frequent-elements"
SHOTS = Path(os.environ.get("DOJO_FEEDBACK_SHOTS", "/tmp/dojo-feedback-shots"))
VERDICT_TIMEOUT = 90_000


def shot(page, name):
    """The window as the user sees it, and the whole result card."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-{page.size}.png"))
    page.locator("#result .status-card").screenshot(path=str(SHOTS / f"{name}-{page.size}-card.png"))


def open_code(page, url):
    page.goto(url)
    if page.size == "phone":
        page.get_by_role("tab", name="Code").click()
    expect(page.locator(EDITOR)).to_be_visible()


def submit_and_wait(page, code):
    set_editor(page, "code", code)
    page.locator("button[name=mode][value=submit]").click()
    expect(page.locator("#result .status-card .verdict")).to_be_visible(timeout=VERDICT_TIMEOUT)
    return page.locator("#result .status-card")


def wrong_topk(problems):
    return next(v for v in problems[TOPK].wrong_variants if v["name"] == "ties-value-desc")["files"]["solution.go"]


def test_a_wrong_answer_lists_failures_first_with_one_hidden_message(sized_page, live_server, celery_worker_process,
                                                                     problems):
    page, base = sized_page, live_server.url
    sign_in(page, base, "fay")
    open_code(page, f"{base}/problems/{TOPK}/")
    card = submit_and_wait(page, wrong_topk(problems))
    expect(card.locator(".verdict")).to_have_text("Wrong answer")

    summary = card.locator(".tests-summary")
    expect(summary).to_have_text(re.compile(r"^\d+ of \d+ tests failed · \d+ of \d+ cases passed\.$"))
    assert in_view(page, "#result .tests-summary") and in_view(page, "#result table.tests.failing")
    # Failing rows in view first; the passing ones folded under a title with the same counts.
    failing = card.locator("table.tests.failing")
    expect(failing).to_be_visible()
    assert failing.locator("tr.test.pass").count() == 0
    folded = card.locator("details.passing-tests")
    expect(folded).not_to_have_attribute("open", "")
    expect(folded.locator("table.tests")).to_be_hidden()
    expect(folded.locator("summary")).to_contain_text("Passed: ")
    # The first failing hidden test's own message, labelled, and only that one.
    message = card.locator(".hidden-message")
    expect(message).to_have_count(1)
    expect(message.locator(".label")).to_have_text("The hidden test's message")
    expect(message.locator("pre")).to_contain_text("want")
    assert_fits(page, f"{page.size} wrong answer")
    assert severe_violations(page) == []
    shot(page, "wrong-answer")

    folded.locator("summary").click()
    expect(folded.locator("table.tests")).to_be_visible()
    assert folded.locator("tr.test.fail").count() == 0
    assert_fits(page, f"{page.size} passing rows open")


def test_a_compile_error_is_shown_once_and_its_link_moves_the_cursor(sized_page, live_server, celery_worker_process,
                                                                     problems):
    page, base = sized_page, live_server.url
    sign_in(page, base, "gus")
    problem = problems["user-repository"]
    code = problem.starter_code.replace("\treturn nil, nil\n}", "\treturn nil, nil, undefinedThing\n}", 1)
    open_code(page, f"{base}/problems/user-repository/")
    card = submit_and_wait(page, code)
    expect(card.locator(".verdict")).to_have_text("Compile error")
    # Once: in the compile output, not again as the message above it.
    assert card.inner_text().count("undefinedThing") == card.locator(".compile-output").inner_text().count(
        "undefinedThing") >= 1
    link = card.locator(".compile-output a.line-link").first
    expect(link).to_contain_text("db.go:")
    line = int(link.get_attribute("data-line"))
    assert "undefinedThing" in code.split("\n")[line - 1]  # the line of the whole text, not of db.go
    assert severe_violations(page) == []
    shot(page, "compile-error")

    page.evaluate("() => { document.querySelectorAll('.pane').forEach((p) => { p.scrollTop = p.scrollHeight; }); }")
    link.click()
    active = page.locator(".dojo-editor[data-for=code] .cm-activeLine")
    expect(active).to_contain_text("undefinedThing")
    assert page.evaluate("document.activeElement.classList.contains('cm-content')")
    assert in_view(page, ".dojo-editor[data-for=code] .cm-activeLine")
    assert_fits(page, f"{page.size} compile error")
    shot(page, "compile-error-cursor")


def test_an_api_mismatch_names_the_identifier(sized_page, live_server, celery_worker_process, problems):
    page, base = sized_page, live_server.url
    sign_in(page, base, "hal")
    open_code(page, f"{base}/problems/{TOPK}/")
    card = submit_and_wait(page, "package topk\n\nfunc topKFrequent(nums []int, k int) []int { return nil }\n")
    expect(card.locator(".compile-output")).to_have_text(
        "Your code has no `TopKFrequent`: the tests call it (see the statement). "
        "Your `topKFrequent` is spelled differently.")
    assert "hidden_test" not in card.inner_text()
    assert card.locator("p.message").count() == 0  # the same line is not printed twice
    shot(page, "api-mismatch")


def test_a_default_interview_shows_failing_hidden_tests_by_name_only(sized_page, live_server, celery_worker_process,
                                                                     problems):
    page, base = sized_page, live_server.url
    sign_in(page, base, "ida")
    template = InterviewTemplate.objects.create(slug="topk", title="Top K", duration_minutes=30,
                                                slots=[{"label": "Heaps", "slugs": [TOPK]}])
    session = interview_start(user=get_user_model().objects.get(username="ida"), template=template)
    open_code(page, f"{base}/interviews/{session.pk}/")
    card = submit_and_wait(page, wrong_topk(problems))
    expect(card.locator(".verdict")).to_have_text("Wrong answer")
    expect(card.locator("table.tests.failing caption")).to_contain_text("names only")
    expect(card.locator(".hidden-message")).to_have_count(0)
    expect(card.locator(".tests-summary")).to_contain_text("tests failed")
    assert_fits(page, f"{page.size} interview")
    assert severe_violations(page) == []
    shot(page, "interview-names-only")
