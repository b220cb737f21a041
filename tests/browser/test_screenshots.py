"""The screenshots in docs/screenshots/ (the README shows two): the main pages at 1366×850 and
390×844, taken from a real browser on a fresh database. Skipped unless DOJO_SCREENSHOTS=1, so
an ordinary test run never rewrites them:

    DOJO_SCREENSHOTS=1 .venv/bin/python -m pytest tests/browser/test_screenshots.py
"""

import os
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from interviews.services import interview_start
from tests.browser.helpers import EDITOR, SLUG, sign_in
from tests.browser.test_mobile_layout import site_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True),
              pytest.mark.skipif(os.environ.get("DOJO_SCREENSHOTS") != "1", reason="set DOJO_SCREENSHOTS=1")]
OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def shoot(page, name):
    page.wait_for_load_state("load")
    page.evaluate("document.fonts.ready")
    OUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUT / f"{name}-{page.size}.png"), animations="disabled", caret="hide")


def test_screenshots(sized_page, live_server, problems):
    from learn.services import lessons_sync

    lessons_sync()
    page, base = sized_page, live_server.url
    page.goto(base + "/")
    shoot(page, "home")
    sign_in(page, base, "ada")
    user = get_user_model().objects.get(username="ada")
    site = site_for(user, problems, stress=False, running=False)

    # The workspace with a result in its panel, as Run leaves it (the status partial, via htmx).
    page.goto(f"{base}/problems/{SLUG}/")
    expect(page.locator(EDITOR)).to_be_attached()
    if page.size == "phone":
        shoot(page, "problem-statement")
        page.get_by_role("tab", name="Code").click()
    page.evaluate("(url) => htmx.ajax('GET', url, {target: '#result', swap: 'innerHTML'})",
                  f"/submissions/{site.failed.pk}/status/")
    expect(page.locator("#result .status-card")).to_be_visible()
    page.evaluate("() => { window.scrollTo(0, 0); document.getElementById('workspace').scrollTop = 0; }")
    shoot(page, "problem")
    if page.size == "phone":
        page.evaluate("document.getElementById('result').scrollIntoView()")
        shoot(page, "problem-result")

    for name, url in [("dashboard", "/"), ("problems", "/problems/"), ("lesson", "/learn/1/"),
                      ("submission", f"/submissions/{site.failed.pk}/"), ("report", f"/interviews/{site.done.pk}/")]:
        page.goto(base + url)
        shoot(page, name)
    active = interview_start(user=user, template=site.template)
    page.goto(f"{base}/interviews/{active.pk}/")
    expect(page.locator(EDITOR)).to_be_attached()
    shoot(page, "interview")
    page.goto(f"{base}/learn/")
    shoot(page, "banner")  # any other page while the interview runs
