"""Every page works under the Content-Security-Policy (config/security.py) in a real Chromium:
signed out, signed in and as staff, no page reports a single violation, the editor still starts
and htmx still swaps. The headers themselves are checked over HTTP in
tests/integration/test_security_headers.py."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from interviews.defaults import install_default_templates
from interviews.models import InterviewSession, InterviewTemplate
from judge.models import BenchmarkResult, Mode, Submission
from judge.verdicts import Status, Verdict
from tests.browser.helpers import EDITOR, SLUG, sign_in
from tests.conftest import make_user, password_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Runs in every document before its own scripts: each violation is kept for the test to read.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} `
                              + `at ${e.sourceFile}:${e.lineNumber} ${e.sample}`);
});
"""


@pytest.fixture
def csp_page(page):
    """`page`, recording CSP violations from the DOM event and Chromium's console alike."""
    page.context.add_init_script(RECORD_VIOLATIONS)
    page.console_violations = []
    page.on("console", lambda message: "Content Security Policy" in message.text
            and page.console_violations.append(message.text))
    return page


def violations(page) -> list:
    return page.evaluate("window.__cspViolations") + page.console_violations


def visit(page, base, url, ready="main"):
    """Open `url`, wait until `ready` is visible (the page has done its work), and assert the
    policy was never violated."""
    page.console_violations.clear()
    page.goto(base + url)
    expect(page.locator(ready).first).to_be_visible()
    page.wait_for_load_state("load")
    found = violations(page)
    assert found == [], (url, found)


def submission_with_benchmarks(user, problem):
    """A judged Submit with a benchmark row: its page draws the comparison bars."""
    sub = Submission.objects.create(user=user, problem=problem, code=problem.reference_files["solution.go"],
                                    mode=Mode.SUBMIT, status=Status.FINISHED, verdict=Verdict.ACCEPTED)
    BenchmarkResult.objects.create(submission=sub, position=0, name="BenchmarkX", ns_per_op=120.0,
                                   bytes_per_op=0, allocs_per_op=0, reference_ns_per_op=100.0,
                                   reference_bytes_per_op=0, reference_allocs_per_op=0, max_time_ratio=2.5,
                                   passed=True)
    return sub


SWAGGER_READY = ".swagger-ui .opblock"  # an operation of the schema, drawn by Swagger UI's script


def test_signed_out_pages_raise_no_csp_violation(csp_page, live_server, problems):
    from learn.services import lessons_sync

    lessons_sync()
    base = live_server.url
    for url in ["/", "/problems/", f"/problems/{SLUG}/", "/learn/", "/learn/1/", "/accounts/login/",
                "/accounts/signup/", "/no-such-page/"]:
        visit(csp_page, base, url)
    # DRF's browsable API: what a browser gets from the API's URLs.
    visit(csp_page, base, "/api/problems/", ready=".response-info")
    visit(csp_page, base, "/api/docs/", ready=SWAGGER_READY)

    # The recorder itself works: an inline style is refused, and reported.
    csp_page.evaluate("document.body.setAttribute('style', 'color: red')")
    csp_page.wait_for_function("window.__cspViolations.length > 0")  # the event is dispatched later
    assert any("style-src" in v for v in violations(csp_page))


def test_signed_in_pages_raise_no_csp_violation_and_the_editor_and_htmx_work(csp_page, live_server, problems):
    from learn.services import lessons_sync

    lessons_sync()
    install_default_templates(InterviewTemplate)
    base = live_server.url
    page = csp_page
    sign_in(page, base, "ada")
    user = get_user_model().objects.get(username="ada")
    sub = submission_with_benchmarks(user, problems["rotate-left"])

    for url in ["/", "/problems/", "/learn/", "/submissions/", "/interviews/", "/accounts/password/",
                "/no-such-page/"]:
        visit(page, base, url)
    visit(page, base, f"/submissions/{sub.pk}/", ready="svg.bars rect.bar.sub")
    visit(page, base, "/api/docs/", ready=SWAGGER_READY)
    for url in ["/api/submissions/", f"/api/problems/{SLUG}/notes/"]:  # the browsable API, with its forms
        visit(page, base, url, ready=".response-info")

    # The editor bundle starts and styles itself (a <style> it creates, admitted by the page's nonce).
    visit(page, base, f"/problems/{SLUG}/", ready=EDITOR)
    assert page.evaluate("typeof window.DojoEditor.get('code').getValue()") == "string"
    expect(page.locator(".dojo-editor .cm-line .tok-keyword", has_text="package").first).to_be_visible()
    # htmx still swaps: typing autosaves the draft (hx-post) and the answer lands in #draft-status.
    page.locator(EDITOR).click()
    page.keyboard.press("Control+End")
    page.keyboard.type("\n// under the policy")
    expect(page.locator("#draft-status")).to_contain_text("Saved", timeout=10_000)
    # Vim mode: a second script, loaded on demand, styling its panel through the same <style>.
    page.get_by_label("Vim mode").check()
    expect(page.locator(".dojo-editor[data-for=code] .cm-vim-panel")).to_be_visible()
    # The only <style> is the editor's, admitted by this response's nonce; htmx's own indicator
    # <style> is off (base.html: site.css has its rules).
    assert page.evaluate("[...document.querySelectorAll('style')].map(s => s.nonce !== '')") == [True]
    assert violations(page) == []

    # A quiz answer: an htmx post whose answer replaces the item.
    visit(page, base, "/learn/1/", ready="#quiz-1")
    page.locator("#quiz-1 input[type=radio]").first.check()
    page.locator("#quiz-1 button[type=submit]").click()
    expect(page.locator("#quiz-1 .quiz-feedback .verdict")).to_be_visible(timeout=10_000)
    assert violations(page) == []

    # An interview in progress: its timer script runs, and its editor is the problem page's
    # (styled through the page's nonce).
    page.console_violations.clear()
    page.goto(f"{base}/interviews/")
    page.get_by_role("button", name="Start Quick screen").click()
    expect(page.get_by_role("timer")).to_have_text(re.compile(r"^\d\d:\d\d$"))
    expect(page.locator(EDITOR)).to_be_visible()
    assert InterviewSession.objects.filter(user=user, status="active").exists()
    assert violations(page) == []
    # Every other page shows its banner, with the same countdown script.
    visit(page, base, "/problems/", ready="#interview-banner [role=timer]")
    expect(page.locator("#interview-banner [role=timer]")).to_have_text(re.compile(r"^\d\d:\d\d$"))
    assert violations(page) == []


def test_admin_pages_raise_no_csp_violation(csp_page, live_server, problems):
    base = live_server.url
    page = csp_page
    staff = make_user("root", is_staff=True, is_superuser=True)
    sub = submission_with_benchmarks(staff, problems["rotate-left"])
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", "root")
    page.fill("#id_password", password_for("root"))
    page.click("input[type=submit]")
    expect(page.locator("#site-name")).to_be_visible()
    assert violations(page) == []

    problem = problems[SLUG]
    for url in ["/admin/", "/admin/judge/submission/", f"/admin/judge/submission/{sub.pk}/change/",
                "/admin/problems/problem/", f"/admin/problems/problem/{problem.pk}/change/",
                f"/admin/accounts/user/{staff.pk}/change/", "/admin/interviews/interviewtemplate/add/",
                "/admin/learn/lesson/"]:
        visit(page, base, url, ready="#content")
