"""Every page of the site fits a phone (390×844) and a laptop (1366×850), signed out and signed
in: the document is never wider than the window (issue 13). On a phone tables stack into rows,
wide code scrolls inside its own box, the header wraps, and the calendar is whole."""

import re
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from interviews.defaults import install_default_templates
from interviews.models import InterviewTemplate
from interviews.services import interview_draft_save, interview_finish, interview_start
from judge.models import BenchmarkResult, Mode, Submission, TestResult
from judge.verdicts import Status, Verdict
from tests.browser.helpers import SLUG, assert_fits, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_TEST = "TestHidden/combining_marks_and_emoji_sequences_in_the_middle_of_a_very_long_input_string"
SIGNED_OUT = ["/", "/problems/", f"/problems/{SLUG}/", "/problems/palindrome-table-tests/", "/learn/", "/learn/1/",
              "/accounts/login/", "/accounts/signup/", "/no-such-page/"]


def judged(user, problem, verdict, *, mode=Mode.SUBMIT, code=None, interview=None, long_names=True):
    """A finished submission with two failing tests among passing ones, and a benchmark;
    `long_names`: names and messages far wider than a phone, as a stress test."""
    sub = Submission.objects.create(user=user, problem=problem, mode=mode, status=Status.FINISHED, verdict=verdict,
                                    code=code or problem.reference_files["solution.go"], interview=interview,
                                    message="2 tests failed." if verdict != Verdict.ACCEPTED else "")
    failing = [LONG_TEST, LONG_TEST + "_again"] if long_names else ["TestIsPalindrome/combining_accent",
                                                                    "TestIsPalindrome/devanagari"]
    message = f"IsPalindrome({'x' * 120!r}) = false, want true" if long_names else 'IsPalindrome("e\u0301te") = false, want true'
    for i, (name, status) in enumerate([("TestIsPalindrome/ascii", "pass"), (failing[0], "fail"),
                                        (failing[1], "fail"), ("TestIsPalindrome/empty", "pass")]):
        TestResult.objects.create(submission=sub, position=i, name=name, status=status, duration_ms=3,
                                  message=message if status == "fail" else "")
    BenchmarkResult.objects.create(submission=sub, position=0, name="BenchmarkIsPalindromeWithAVeryLongName/size=1000000"
                                   if long_names else "BenchmarkIsPalindrome", ns_per_op=120.0, bytes_per_op=0,
                                   allocs_per_op=0, reference_ns_per_op=100.0, reference_bytes_per_op=0,
                                   reference_allocs_per_op=0, max_time_ratio=2.5, passed=True)
    return sub


def site_for(user, problems, *, stress=True, running=True) -> SimpleNamespace:
    """A user with a history: submissions (a diff between two), a finished interview with its
    report, and (`running`) one in progress, whose banner every other page shows. `stress`: code
    with a very long line (the code view and the diff scroll inside their own boxes) and long
    test names; without it, ordinary ones (the screenshots)."""
    problem = problems[SLUG]
    reference = problem.reference_files["solution.go"]
    wide = reference + "\n// " + "a-very-long-comment-without-spaces-" * 8 + "\n" if stress else reference
    failed = judged(user, problem, Verdict.WRONG_ANSWER, mode=Mode.RUN, code=wide, long_names=stress)
    accepted = judged(user, problem, Verdict.ACCEPTED, code=reference + "\n// done\n", long_names=stress)
    install_default_templates(InterviewTemplate)
    template, _ = InterviewTemplate.objects.get_or_create(slug="pinned-two", defaults={
        "title": "Pinned two problems for a long title" if stress else "Go screen", "duration_minutes": 30,
        "slots": [{"label": "First", "slugs": [SLUG]}, {"label": "Second", "slugs": ["rotate-left"]}]})
    done = interview_start(user=user, template=template)
    judged(user, problem, Verdict.ACCEPTED, interview=done, long_names=stress)
    interview_finish(session=done)
    site = SimpleNamespace(failed=failed, accepted=accepted, done=done, template=template, active=None)
    if running:
        site.active = interview_start(user=user, template=template)
        interview_draft_save(session=site.active, slug=SLUG, code=wide if stress else problem.starter_code)
    return site


def drill_with_review(user):
    """A code-review drill the user opened unsolved, judged and reviewed: the code under review, the
    editor, the verdict and the revealed diff on one page."""
    from practice.models import DrillReview, DrillUnlock
    from problems.drills import DrillFinding, drills_record
    from problems.models import Drill

    drills_record([DrillFinding("limit-reader", "drops-error", True, "", 1, 11)])
    drill = Drill.objects.get(problem__slug="limit-reader", variant="drops-error")
    DrillUnlock.objects.create(user=user, problem=drill.problem)
    judged(user, drill.problem, Verdict.ACCEPTED, mode=Mode.DRILL, code="package limit\n")
    Submission.objects.filter(user=user, mode=Mode.DRILL).update(variant=drill.variant)
    DrillReview.objects.create(user=user, drill=drill, lines=[1], explanation="drops the error", hits=False)
    return drill


def visit(page, base, url):
    page.goto(base + url)
    expect(page.locator("main")).to_be_visible()
    page.wait_for_load_state("load")
    assert_fits(page, f"{page.size} {url}")


def test_every_page_fits_signed_out(sized_page, live_server, problems):
    from learn.services import lessons_sync

    lessons_sync()
    for url in SIGNED_OUT:
        visit(sized_page, live_server.url, url)


def test_every_page_fits_signed_in(sized_page, live_server, problems):
    from learn.services import lessons_sync

    lessons_sync()
    page, base = sized_page, live_server.url
    sign_in(page, base, "ada")
    site = site_for(get_user_model().objects.get(username="ada"), problems)
    site.user = get_user_model().objects.get(username="ada")
    urls = ["/", "/problems/", f"/problems/{SLUG}/", "/problems/palindrome-table-tests/", "/learn/", "/learn/1/",
            "/submissions/", f"/submissions/{site.failed.pk}/", f"/submissions/{site.accepted.pk}/", "/interviews/",
            f"/interviews/{site.active.pk}/", f"/interviews/{site.done.pk}/", "/accounts/password/",
            "/accounts/password/done/", "/no-such-page/", "/review/", f"/review/{drill_with_review(site.user).pk}/"]
    for url in urls:
        visit(page, base, url)
        if url != f"/interviews/{site.active.pk}/":  # the running interview's banner, everywhere else
            expect(page.locator("#interview-banner [role=timer]")).to_have_text(re.compile(r"^\d\d:\d\d$"))
    # The header (signed in: the longest) and the calendar are whole on the dashboard.
    page.goto(base + "/")
    heat = page.evaluate("(() => { const h = document.querySelector('.heatmap'); return [h.scrollWidth, h.clientWidth]; })()")
    assert heat[0] <= heat[1], heat
    header = page.evaluate("document.querySelector('header.top').getBoundingClientRect().right")
    assert header <= page.viewport_size["width"]


def test_results_and_code_fit_in_the_workspace_and_test_names_do_not_overlap(sized_page, live_server, problems):
    page, base = sized_page, live_server.url
    sign_in(page, base, "bo")
    site = site_for(get_user_model().objects.get(username="bo"), problems)
    for url in [f"/problems/{SLUG}/", f"/interviews/{site.active.pk}/"]:
        page.goto(base + url)
        if page.size == "phone":
            page.get_by_role("tab", name="Code").click()
        expect(page.locator(".dojo-editor[data-for=code] .cm-content")).to_be_visible()
        # A judged result in the result panel, as Run would bring it (the status partial, via htmx).
        page.evaluate("(url) => htmx.ajax('GET', url, {target: '#result', swap: 'innerHTML'})",
                      f"/submissions/{site.failed.pk}/status/")
        expect(page.locator("#result table.tests.failing")).to_be_visible()
        page.locator("#result details.passing-tests > summary").click()  # the passing rows, folded
        expect(page.locator("#result details.passing-tests table.tests")).to_be_visible()
        assert_fits(page, f"{page.size} {url} with a result")
        # A name wider than its cell would run over the Result column next to it.
        overflowing = page.evaluate("""() => [...document.querySelectorAll('#result table.tests tbody td')]
            .filter((td) => td.scrollWidth > td.clientWidth + 1).map((td) => td.textContent.slice(0, 40))""")
        assert overflowing == [], f"{page.size} {url}: cells run over their neighbours"
