"""What several browser tests do the same way: sign in, open a problem, read or set an editor."""

from django.contrib.auth import get_user_model
from playwright.sync_api import expect

SLUG = "unicode-palindrome"
EDITOR = ".dojo-editor[data-for=code] .cm-content"
PASSWORD = "s3cure-passphrase"


def sign_in(page, base, username):
    """Create `username` and sign in through the login form."""
    get_user_model().objects.create_user(username, password=PASSWORD)
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    expect(page.locator("header")).to_contain_text(f"Signed in as {username}")


def open_problem(page, base, slug=SLUG):
    page.goto(f"{base}/problems/{slug}/")
    expect(page.locator(EDITOR)).to_be_visible()


def editor_value(page, textarea_id="code"):
    return page.evaluate("id => window.DojoEditor.get(id).getValue()", textarea_id)


def set_editor(page, textarea_id, text):
    page.evaluate("([id, text]) => window.DojoEditor.get(id).setValue(text)", [textarea_id, text])
