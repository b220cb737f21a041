"""The interview's editor is the practice editor (issue 13): CodeMirror, Tab indents, the same
shortcuts and workspace, and a draft kept on the server per interview and problem, so a reload
or a second device shows it. While an interview runs every other page shows a banner with the
time left. On a laptop (1366×850) and a phone (390×844); nothing is judged here."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from interviews.defaults import install_default_templates
from interviews.models import InterviewProblem, InterviewSession, InterviewTemplate
from tests.browser.conftest import LAPTOP, PHONE
from tests.browser.helpers import EDITOR, SLUG, assert_fits, editor_value, in_view, sign_in
from tests.conftest import password_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def quick_screen(problems, monkeypatch):
    """The shipped quick screen pinned to one problem; submissions stay queued (no judge)."""
    monkeypatch.setattr("judge.queue.submission_enqueue", lambda submission_id, **kw: True)
    install_default_templates(InterviewTemplate)
    template = InterviewTemplate.objects.get(slug="quick-screen")
    template.slots = [{"label": "Coding", "slugs": [SLUG]}]
    template.save()
    return template


def show_code(page):
    if page.size == "phone":
        page.get_by_role("tab", name="Code").click()
    expect(page.locator(EDITOR)).to_be_visible()


def test_the_interview_editor_is_codemirror_with_a_draft_that_survives_reload_and_devices(
        sized_page, browser, live_server, quick_screen):
    page, base = sized_page, live_server.url
    sign_in(page, base, "ivy")
    page.goto(f"{base}/interviews/")
    page.get_by_role("button", name="Start Quick screen").click()
    expect(page.get_by_role("timer")).to_be_visible()
    session = InterviewSession.objects.get(user__username="ivy", status="active")
    show_code(page)
    expect(page.locator("#code")).to_be_hidden()  # the textarea stays in the form, CodeMirror shows it
    expect(page.locator(".dojo-editor .cm-line .tok-keyword", has_text="package").first).to_be_visible()
    assert_fits(page)

    # Tab indents inside the editor (a plain textarea let it leave).
    page.locator(EDITOR).click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.type("// my interview draft")
    assert editor_value(page).endswith("\t// my interview draft")
    assert page.evaluate("!!document.activeElement.closest('.cm-editor')")
    expect(page.locator("#draft-status")).to_contain_text("Saved", timeout=10_000)
    item = InterviewProblem.objects.get(session=session, position=1)
    assert item.draft.endswith("\t// my interview draft")

    page.reload()
    show_code(page)
    expect(page.locator(EDITOR)).to_contain_text("// my interview draft")

    # A second device: the same user signs in elsewhere and resumes.
    other = browser.new_context(**(LAPTOP if page.size == "laptop" else PHONE))
    try:
        second = other.new_page()
        second.size = page.size
        second.goto(f"{base}/accounts/login/")
        second.fill("#id_username", "ivy")
        second.fill("#id_password", password_for("ivy"))
        second.click("main button[type=submit]")
        second.goto(f"{base}/interviews/")
        second.get_by_role("link", name="Resume").click()
        show_code(second)
        expect(second.locator(EDITOR)).to_contain_text("// my interview draft")
        assert editor_value(second) == item.draft
    finally:
        other.close()

    # The practice page's shortcuts: Ctrl+' runs, and the result comes into view.
    page.locator(EDITOR).click()
    with page.expect_response(lambda r: r.request.method == "POST" and r.url.endswith(f"/interviews/{session.pk}/submit/")) as sent:
        page.keyboard.press("Control+'")
    assert "mode=run" in sent.value.request.post_data and "problem=" in sent.value.request.post_data
    expect(page.locator("#result .status-card")).to_be_visible()
    assert in_view(page, "#result .status-card")
    expect(page.locator("#moves")).to_contain_text("1 run")


def test_every_other_page_shows_a_banner_with_the_time_left(sized_page, live_server, quick_screen):
    from learn.services import lessons_sync

    lessons_sync()
    page, base = sized_page, live_server.url
    sign_in(page, base, "jon")
    for url in ["/", "/problems/", "/learn/1/"]:
        page.goto(base + url)
        expect(page.locator("#interview-banner")).to_have_count(0)
    page.goto(f"{base}/interviews/")
    page.get_by_role("button", name="Start Quick screen").click()
    expect(page.get_by_role("timer")).to_have_count(1)  # its own page: the big countdown only
    expect(page.locator("#interview-banner")).to_have_count(0)
    session = InterviewSession.objects.get(user=get_user_model().objects.get(username="jon"), status="active")

    for url in ["/", "/problems/", f"/problems/{SLUG}/", "/learn/1/", "/submissions/"]:
        page.goto(base + url)
        banner = page.locator("#interview-banner")
        expect(banner).to_contain_text("Interview in progress")
        expect(banner.get_by_role("timer")).to_have_text(re.compile(r"^2[45]:\d\d$"))
        assert_fits(page, url)
    page.locator("#interview-banner").get_by_role("link", name="Quick screen").click()
    expect(page).to_have_url(f"{base}/interviews/{session.pk}/")

    page.on("dialog", lambda dialog: dialog.accept())
    show_code(page)  # Next, Skip and End interview are under the editor
    page.get_by_role("button", name="End interview").click()
    expect(page.locator("h1")).to_have_text("Report: Quick screen")
    page.goto(f"{base}/problems/")
    expect(page.locator("#interview-banner")).to_have_count(0)
