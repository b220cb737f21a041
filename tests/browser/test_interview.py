"""A timed mock interview in a real browser: start a quick screen, watch the server-owned clock
survive a reload, solve, finish, see the report; and the clock running out by itself."""

import re
import time
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from interviews.defaults import install_default_templates
from interviews.models import InterviewSession, InterviewTemplate
from problems.code_files import join_files
from tests.browser.helpers import set_editor, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.docker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def quick_screen(problems):
    """The shipped quick screen, its pool pinned by staff to one problem, so the test knows what to solve."""
    install_default_templates(InterviewTemplate)
    template = InterviewTemplate.objects.get(slug="quick-screen")
    template.slots = [{"label": "Coding", "slugs": ["unicode-palindrome"]}]
    template.save()
    return template


def start_quick_screen(page, base):
    page.click("header nav a:has-text('Interviews')")
    expect(page.locator("h1")).to_have_text("Mock interviews")
    page.get_by_role("button", name="Start Quick screen").click()
    expect(page.get_by_role("timer")).to_be_visible()
    return InterviewSession.objects.get(status="active")


def left_ms(page) -> int:
    """What the countdown shows, to the millisecond (the script keeps it in data-left-ms)."""
    timer = page.get_by_role("timer")
    expect(timer).to_have_attribute("data-left-ms", re.compile(r"^\d+$"))
    return int(timer.get_attribute("data-left-ms"))


def test_quick_screen_timer_survives_reload_solve_and_report(page, live_server, celery_worker_process, problems,
                                                            quick_screen):
    base = live_server.url
    page.on("dialog", lambda dialog: dialog.accept())  # "Finish the interview?" confirmations
    sign_in(page, base, "erin")
    session = start_quick_screen(page, base)

    timer = page.get_by_role("timer")
    expect(timer).to_have_text(re.compile(r"^2[45]:\d\d$"))
    expect(page.locator("h1")).to_have_text("Unicode-aware palindrome")
    server_left = (session.deadline - timezone.now()).total_seconds()
    before, at = left_ms(page) / 1000, time.monotonic()
    assert abs(before - server_left) < 1.0, (before, server_left)

    page.reload()
    expect(timer).to_be_visible()
    after, at_after = left_ms(page) / 1000, time.monotonic()
    # The same clock after a reload: what it lost is only the time that passed, within a second.
    assert abs((before - after) - (at_after - at)) < 1.0, (before, after, at_after - at)

    # The last five minutes: the countdown turns to a warning (staff moved the deadline closer).
    InterviewSession.objects.filter(pk=session.pk).update(deadline=timezone.now() + timedelta(minutes=4))
    page.reload()
    expect(timer).to_have_class(re.compile(r"\bwarning\b"))
    expect(timer).to_have_text(re.compile(r"^0[34]:\d\d$"))

    set_editor(page, "code", join_files(problems["unicode-palindrome"].reference_files))  # the CodeMirror editor
    page.click("#solution-form button[value=submit]")
    expect(page.locator(".status-card .verdict")).to_have_text("Accepted", timeout=90_000)
    expect(page.locator("#moves")).to_contain_text("1 submit")

    finish = page.get_by_role("button", name="Finish and see the report")
    expect(finish).to_be_enabled()  # unlocked by the submission, without a reload
    finish.click()
    expect(page.locator("h1")).to_have_text("Report: Quick screen")
    expect(page.locator(".interview-report")).to_contain_text("Accepted")
    expect(page.locator("dd.solved")).to_have_text("1 of 1")
    expect(page.get_by_role("timer")).to_have_count(0)

    for criterion in ["Problem solving", "Code quality", "Testing", "Communication", "Speed"]:
        page.get_by_role("group", name=criterion).get_by_label("3 · Good").check()
    page.get_by_label("Note on testing").fill("Wrote the table first; missed combining marks at first.")
    page.get_by_role("button", name="Save review").click()
    expect(page.locator(".flash")).to_contain_text("review is saved")
    expect(page.locator(".rubric-total")).to_have_text("15 / 20")
    expect(page.get_by_label("Note on testing")).to_have_value(re.compile("Wrote the table first"))

    page.click("header nav a:has-text('Interviews')")
    expect(page.locator("main table")).to_contain_text("Quick screen")
    expect(page.locator("main table")).to_contain_text("1 of 1")


def test_when_the_clock_runs_out_the_page_shows_the_report_by_itself(page, live_server, problems, quick_screen):
    base = live_server.url
    sign_in(page, base, "frank")
    session = start_quick_screen(page, base)
    set_editor(page, "code", "package palindrome\n\n// thinking...\n")
    InterviewSession.objects.filter(pk=session.pk).update(deadline=timezone.now() + timedelta(seconds=3))
    page.reload()
    expect(page.get_by_role("timer")).to_have_text(re.compile(r"^00:0[0-3]$"))
    # No click: at zero the script reloads and the server, past the deadline, shows the report.
    expect(page.locator("h1")).to_have_text("Report: Quick screen", timeout=10_000)
    expect(page.locator("main")).to_contain_text("Time ran out")
    expect(page.locator(".interview-report")).to_contain_text("Not submitted")  # never an empty auto-submit
    session.refresh_from_db()
    assert session.end_reason == "deadline" and session.submissions.count() == 0
