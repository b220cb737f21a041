"""The walking-skeleton journey in a real browser: account, problem, live verdict, history."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.docker, pytest.mark.django_db(transaction=True)]

# Collects every status the live card shows, so the test can assert the order it saw.
WATCH_STATUSES = """
window.__seen = [];
window.__noReload = true;
new MutationObserver(() => {
  for (const card of document.querySelectorAll('.status-card')) {
    const s = card.dataset.status;
    if (window.__seen[window.__seen.length - 1] !== s) window.__seen.push(s);
  }
}).observe(document.body, {subtree: true, childList: true, attributes: true});
"""


def test_sign_up_solve_and_see_history(page, live_server, celery_worker_process, problems):
    base = live_server.url
    reference = problems["unicode-palindrome"].reference_files["solution.go"]

    page.goto(f"{base}/accounts/signup/")
    page.fill("#id_username", "dana")
    page.fill("#id_email", "dana@example.com")
    page.fill("#id_password1", "s3cure-passphrase")
    page.fill("#id_password2", "s3cure-passphrase")
    page.click("button[type=submit]")
    expect(page.locator("header")).to_contain_text("Signed in as dana")

    page.click("text=Sign out")
    expect(page.locator("header")).to_contain_text("Sign in")
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "dana")
    page.fill("#id_password", "s3cure-passphrase")
    page.click("main button[type=submit]")
    expect(page.locator("header")).to_contain_text("Signed in as dana")

    page.click("text=Change password")
    page.fill("#id_old_password", "s3cure-passphrase")
    page.fill("#id_new_password1", "an0ther-passphrase")
    page.fill("#id_new_password2", "an0ther-passphrase")
    page.click("main button[type=submit]")
    expect(page.locator("h1")).to_have_text("Password changed")

    page.click("header nav a:has-text('Problems')")
    page.click("text=Unicode-aware palindrome")
    expect(page.locator("h1")).to_contain_text("palindrome")
    # The code editor (CodeMirror) keeps the form's hidden textarea in step with what it shows.
    page.locator(".dojo-editor[data-for=code] .cm-content").fill(reference)
    expect(page.locator("#code")).to_have_value(reference)
    page.evaluate(WATCH_STATUSES)
    page.click("button[value=submit]")

    verdict = page.locator(".status-card .verdict")
    expect(verdict).to_have_text("Accepted", timeout=90_000)
    expect(page.locator(".status-card table.tests tr.test.pass").first).to_be_visible()
    assert page.evaluate("window.__noReload") is True  # same document: updated by htmx
    seen = page.evaluate("window.__seen")
    assert seen[0] == "queued" and seen[-1] == "finished", seen
    assert [s for s in ["queued", "running", "finished"] if s in seen] == seen, seen

    page.click("header nav a:has-text('My submissions')")
    expect(page.locator("main table")).to_contain_text("Unicode-aware palindrome")
    expect(page.locator("main table")).to_contain_text("Accepted")
