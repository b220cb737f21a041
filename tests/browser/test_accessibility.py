"""Every page passes axe-core without serious or critical violations, and the main journey
works from the keyboard alone. axe-core comes from npm at setup (platform/editor/build.sh)."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from interviews.defaults import install_default_templates
from interviews.models import InterviewTemplate
from interviews.services import interview_finish, interview_start
from judge.models import Mode, Submission
from judge.verdicts import Status, Verdict
from tests.browser.conftest import PHONE
from tests.browser.helpers import EDITOR, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
SEVERE = ("serious", "critical")


def tab_to(page, locator, limit=80):
    """Press Tab until `locator` has focus, as a keyboard user would."""
    for _ in range(limit):
        if locator.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{locator} cannot be reached with Tab")


def severe_violations(page) -> list:
    # Through DevTools, not a <script> tag: the Content-Security-Policy refuses inline scripts.
    page.evaluate(AXE.read_text())
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
        return r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
    return [v for v in result if v["impact"] in SEVERE]


def test_pages_pass_axe(page, live_server, problems):
    from learn.services import lessons_sync

    lessons_sync()
    base = live_server.url
    anonymous = ["/", "/learn/", "/learn/1/", "/problems/", "/problems/unicode-palindrome/",
                 "/accounts/login/", "/accounts/signup/", "/no-such-page/"]
    for url in anonymous:
        page.goto(base + url)
        assert severe_violations(page) == [], url

    sign_in(page, base, "ada")
    user = get_user_model().objects.get(username="ada")
    problem = problems["unicode-palindrome"]
    code = problem.reference_files["solution.go"]
    first = Submission.objects.create(user=user, problem=problem, code=code.replace("true", "false"),
                                      mode=Mode.SUBMIT, status=Status.FINISHED, verdict=Verdict.WRONG_ANSWER,
                                      message="TestHidden/x failed.")
    second = Submission.objects.create(user=user, problem=problem, code=code, mode=Mode.SUBMIT,
                                       status=Status.FINISHED, verdict=Verdict.ACCEPTED)
    signed_in = ["/", "/learn/", "/learn/8/", "/problems/", "/problems/unicode-palindrome/",
                 "/problems/palindrome-table-tests/", "/problems/rotate-left/", "/submissions/",
                 f"/submissions/{first.pk}/", f"/submissions/{second.pk}/", "/accounts/password/change/"]
    for url in signed_in:
        page.goto(base + url)
        assert severe_violations(page) == [], url


def test_pages_pass_axe_on_a_phone(browser, live_server, problems):
    """At 390 px: stacked tables, the header wrapped, the workspace's tabs (each pane in turn), the
    interview with its banner on the other pages."""
    from learn.services import lessons_sync

    lessons_sync()
    install_default_templates(InterviewTemplate)
    base = live_server.url
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        for url in ["/", "/problems/", "/problems/unicode-palindrome/", "/learn/1/", "/accounts/login/"]:
            page.goto(base + url)
            assert severe_violations(page) == [], url
        sign_in(page, base, "pia")
        user = get_user_model().objects.get(username="pia")
        problem = problems["unicode-palindrome"]
        sub = Submission.objects.create(user=user, problem=problem, code=problem.reference_files["solution.go"],
                                        mode=Mode.SUBMIT, status=Status.FINISHED, verdict=Verdict.ACCEPTED)
        template = InterviewTemplate.objects.get(slug="quick-screen")
        done = interview_start(user=user, template=template)
        interview_finish(session=done)
        active = interview_start(user=user, template=template)
        for url in ["/", "/problems/", "/submissions/", f"/submissions/{sub.pk}/", "/interviews/",
                    f"/interviews/{done.pk}/", "/accounts/password/"]:
            page.goto(base + url)
            assert severe_violations(page) == [], url
        for url in ["/problems/unicode-palindrome/", f"/interviews/{active.pk}/"]:
            page.goto(base + url)
            assert severe_violations(page) == [], f"{url} (Problem tab)"
            page.get_by_role("tab", name="Code").click()
            expect(page.locator(EDITOR)).to_be_visible()
            assert severe_violations(page) == [], f"{url} (Code tab)"
    finally:
        context.close()


def test_quiz_and_history_work_from_the_keyboard(page, live_server, problems):
    from learn.services import lessons_sync

    lessons_sync()
    base = live_server.url
    sign_in(page, base, "kay")
    page.goto(f"{base}/learn/1/")
    # The skip link is the first stop and takes focus to the content.
    page.keyboard.press("Tab")
    expect(page.locator("a.skip")).to_be_focused()
    page.keyboard.press("Enter")
    # Reach the first quiz item's first choice with Tab, pick it with Space, answer with Enter.
    first_choice = page.locator("#quiz-1 input[type=radio]").first
    tab_to(page, first_choice)
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#quiz-1 .quiz-feedback .verdict")).to_be_visible(timeout=10_000)
    expect(page.locator("#quiz-1 .explanation")).not_to_be_empty()

    # History: filter by mode with the keyboard only (the form's controls, then Enter).
    page.goto(f"{base}/submissions/")
    tab_to(page, page.locator("select[name=mode]"))
    page.keyboard.press("ArrowDown")  # any → run
    tab_to(page, page.locator("form.filters button[type=submit]"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{base}/submissions/?problem=&verdict=&mode=run&since=&until=")


def test_the_learn_panel_passes_axe(sized_page, live_server, problems):
    """"Learn from it" (templates/problems/_learn.html): locked with "Show solution", then shown
    with a mistake and its diff open, on the problem page and on its own page, at both sizes."""
    page, base = sized_page, live_server.url
    sign_in(page, base, "lin")
    for slug in ("unicode-palindrome", "tinystore-service"):  # one file; several, as -- name.go -- sections
        page.goto(f"{base}/problems/{slug}/")
        expect(page.locator("#learn-locked")).to_be_attached()
        if page.size == "phone":
            page.get_by_role("tab", name="Problem").click()
        assert severe_violations(page) == [], f"{slug} locked"
        page.get_by_role("button", name="Show solution").click()
        page.locator("#learn .mistake summary").first.click()
        expect(page.locator("#learn .diff-box").first).to_be_visible()
        assert severe_violations(page) == [], f"{slug} with a mistake open"
        page.goto(f"{base}/problems/{slug}/solution/")
        page.locator("#learn .mistake summary").last.click()
        assert severe_violations(page) == [], f"{slug}: the solution's own page"
