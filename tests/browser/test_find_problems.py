"""The problem filters in a browser, on a laptop and on a phone: the GET form narrows the list
(the URL says what was asked), a tag link filters by that tag, an unknown value is explained,
and the page never grows wider than the window."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from judge.models import Mode, Submission
from judge.verdicts import Status, Verdict
from tests.browser.helpers import SLUG, assert_fits, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_problem_filters(sized_page, live_server, problems):
    page, base = sized_page, live_server.url
    sign_in(page, base, f"finder-{page.size}")
    user = get_user_model().objects.get(username=f"finder-{page.size}")
    Submission.objects.create(user=user, problem=problems[SLUG], code="package x", mode=Mode.SUBMIT,
                              status=Status.FINISHED, verdict=Verdict.ACCEPTED)
    rows = page.locator("table.grid tbody tr")

    page.goto(f"{base}/problems/")
    assert_fits(page, "the list with its filters")
    page.select_option("select[name=status]", "solved")
    page.click("form.filters button[type=submit]")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(problems[SLUG].title)
    assert "status=solved" in page.url

    page.fill("input[name=q]", "palindrome")
    page.select_option("select[name=status]", "new")
    page.select_option("select[name=sort]", "difficulty")
    page.click("form.filters button[type=submit]")
    expect(page.locator("main p[role=status]")).to_contain_text("match")
    expect(rows.filter(has_text=problems[SLUG].title)).to_have_count(0)
    assert_fits(page, "a filtered list")

    tag = problems[SLUG].tags[0]
    page.goto(f"{base}/problems/")
    page.locator(f"tbody a.tag >> text='{tag}'").first.click()
    expect(page.locator("select[name=tag]")).to_have_value(tag)
    expect(rows.filter(has_text=problems[SLUG].title)).to_have_count(1)

    page.goto(f"{base}/problems/?difficulty=impossible")
    expect(page.locator("main p.error")).to_contain_text("Unknown difficulty")
    assert_fits(page, "an unknown filter value")
