"""The solving workspace on a laptop (1366×850) and a phone (390×844), issue 13: the statement
and the solution side by side, each scrolling on its own, resizable with a handle (mouse and
keyboard) and remembered per user; tabs on a phone, with Run and Submit always at hand; the
result scrolled into view after Run, Submit and their shortcuts, which the buttons show. And a
session that ends mid-solve: one message with a way back, nothing swapped into a panel, and the
code kept in the browser until it is saved. Submissions stay queued here (no judge needed)."""

import re

import pytest
from playwright.sync_api import expect

from practice.models import Draft
from tests.browser.helpers import EDITOR, SLUG, editor_value, in_view, set_editor, sign_in
from tests.conftest import password_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LONG_CODE = "package palindrome\n\n" + "".join(f"// line {i}\n" for i in range(80))


@pytest.fixture(autouse=True)
def no_judge(monkeypatch):
    monkeypatch.setattr("judge.queue.submission_enqueue", lambda submission_id, **kw: True)


def open_workspace(page, base, slug=SLUG):
    """The problem page, with the solution's pane showing (its tab, on a phone)."""
    page.goto(f"{base}/problems/{slug}/")
    if page.size == "phone":
        page.get_by_role("tab", name="Code").click()
    expect(page.locator(EDITOR)).to_be_visible()


def scroll_to_top(page):
    page.evaluate("() => { window.scrollTo(0, 0); document.querySelectorAll('.pane').forEach((p) => { p.scrollTop = 0; }); }")


def test_statement_and_solution_side_by_side_on_a_laptop_in_tabs_on_a_phone(sized_page, live_server, problems):
    if sized_page.size == "laptop":
        laptop_split_scrolls_each_side_resizes_and_is_remembered_per_user(sized_page, live_server.url)
    else:
        phone_tabs_keep_run_and_submit_at_hand(sized_page, live_server.url)


def laptop_split_scrolls_each_side_resizes_and_is_remembered_per_user(page, base):
    sign_in(page, base, "ada")
    open_workspace(page, base)
    page.click("summary:has-text('Visible example tests')")  # a statement taller than the window
    statement, workspace = page.locator("#statement"), page.locator("#workspace")
    left, right = statement.bounding_box(), workspace.bounding_box()
    assert left["x"] + left["width"] <= right["x"] and abs(left["y"] - right["y"]) < 2  # side by side

    # Each side scrolls on its own; the page itself does not.
    assert page.evaluate("document.documentElement.scrollHeight <= window.innerHeight")
    statement.evaluate("el => el.scrollBy(0, 300)")
    assert statement.evaluate("el => el.scrollTop") > 0
    assert workspace.evaluate("el => el.scrollTop") == 0 and page.evaluate("window.scrollY") == 0
    expect(page.locator(EDITOR)).to_be_visible()

    # The handle, from the keyboard: a separator with its value.
    handle = page.get_by_role("separator", name="Resize the statement and the solution")
    expect(handle).to_have_attribute("aria-valuenow", "50")
    handle.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    expect(handle).to_have_attribute("aria-valuenow", "60")
    assert statement.bounding_box()["width"] > left["width"] + 50
    page.keyboard.press("Home")
    expect(handle).to_have_attribute("aria-valuenow", "20")
    # ... and with the mouse: dragged to 40% of the split's width.
    box, split = handle.bounding_box(), page.locator("#split").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(split["x"] + split["width"] * 0.4, box["y"] + 100, steps=5)
    page.mouse.up()
    expect(handle).to_have_attribute("aria-valuenow", re.compile(r"^(39|40|41)$"))
    width = statement.bounding_box()["width"]

    page.reload()
    expect(handle).to_have_attribute("aria-valuenow", re.compile(r"^(39|40|41)$"))
    assert abs(statement.bounding_box()["width"] - width) < 2
    # Another user on this browser starts at half.
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, base, "bea")
    open_workspace(page, base)
    expect(handle).to_have_attribute("aria-valuenow", "50")


def phone_tabs_keep_run_and_submit_at_hand(page, base):
    sign_in(page, base, "cy")
    page.goto(f"{base}/problems/{SLUG}/")
    problem_tab, code_tab = page.get_by_role("tab", name="Problem"), page.get_by_role("tab", name="Code")
    expect(problem_tab).to_have_attribute("aria-selected", "true")
    expect(page.get_by_role("tabpanel")).to_contain_text("Unicode-aware palindrome")
    expect(page.locator(EDITOR)).to_be_hidden()
    expect(page.get_by_role("separator")).to_be_hidden()

    code_tab.click()
    expect(page.locator(EDITOR)).to_be_visible()
    expect(page.locator("#statement")).to_be_hidden()
    set_editor(page, "code", LONG_CODE)  # an editor taller than the screen
    scroll_to_top(page)
    # Run and Submit stay on screen (at the bottom) while the editor is.
    assert in_view(page, "#solution-form button[value=run]") and in_view(page, "#solution-form button[value=submit]")
    run = page.locator("#solution-form button[value=run]").bounding_box()
    assert run["y"] + run["height"] <= 844 and run["height"] >= 44  # a thumb's target
    # The arrow keys move between the tabs too.
    code_tab.focus()
    page.keyboard.press("ArrowLeft")
    expect(problem_tab).to_be_focused()
    expect(problem_tab).to_have_attribute("aria-selected", "true")
    expect(page.locator("#statement")).to_be_visible()


def test_the_result_comes_into_view_after_run_submit_and_their_shortcuts(sized_page, live_server, problems):
    page, base = sized_page, live_server.url
    sign_in(page, base, "dee")
    open_workspace(page, base)
    if page.size == "laptop":
        expect(page.locator("#solution-form button[value=run]")).to_have_text(re.compile(r"Run examples\s+Ctrl\+'"))
        expect(page.locator("#solution-form button[value=submit]")).to_have_text(re.compile(r"Submit\s+Ctrl\+Enter"))
        page.click("summary:has-text('Your own test cases')")
    else:  # a touch screen has no keys to press: no hints
        expect(page.locator("#solution-form kbd.shortcut").first).to_be_hidden()
    set_editor(page, "code", LONG_CODE)

    for n, (how, mode) in enumerate([("button", "run"), ("button", "submit"), ("Control+'", "run"),
                                     ("Control+Enter", "submit")]):
        set_editor(page, "code", LONG_CODE + f"// attempt {n}\n")  # a new submission each time
        if how != "button":
            page.evaluate("window.DojoEditor.get('code').focus()")  # the shortcut is pressed in the editor
        scroll_to_top(page)
        page.evaluate("document.getElementById('result').textContent = ''")
        assert not in_view(page, "#result"), "the result panel starts off screen"
        with page.expect_response(lambda r: r.request.method == "POST" and r.url.endswith("/submit/")) as answer:
            if how == "button":
                page.click(f"#solution-form button[value={mode}]")
            else:
                page.keyboard.press(how)
        assert f"mode={mode}" in answer.value.request.post_data
        expect(page.locator("#result .status-card")).to_be_visible()
        page.wait_for_function("() => !!document.querySelector('#result .status-card')")
        assert in_view(page, "#result .status-card"), (how, mode)


def test_signed_out_mid_session_one_message_and_the_code_comes_back(sized_page, live_server, problems):
    page, base = sized_page, live_server.url
    sign_in(page, base, "eli")
    open_workspace(page, base)
    page.locator(EDITOR).click()
    page.keyboard.press("Control+End")
    page.keyboard.type("\n// saved while signed in")
    expect(page.locator("#draft-status")).to_contain_text("Saved", timeout=10_000)

    # The session ends in another tab.
    other = page.context.new_page()
    other.goto(f"{base}/learn/")
    other.get_by_role("button", name="Sign out").click()
    expect(other.locator("header")).to_contain_text("Sign in")
    other.close()

    page.locator(EDITOR).click()
    page.keyboard.press("Control+End")
    page.keyboard.type("\n// typed after the session ended")
    alert = page.locator("#session-alert")
    expect(alert).to_be_visible(timeout=10_000)
    expect(alert).to_contain_text("You are signed out")
    expect(alert).to_contain_text("Your code is kept in this browser")
    expect(page.locator("#draft-status")).to_contain_text("Not saved")
    page.click("#solution-form button[value=submit]")
    expect(page.locator("#solution-form button[value=submit]")).to_be_enabled()
    # One message, and no page inside a panel.
    expect(page.locator("[data-signed-out]")).to_have_count(1)
    expect(page.locator("#result form, #draft-status form, #result h1")).to_have_count(0)
    expect(page.locator("input[name=password]")).to_have_count(0)
    kept = page.evaluate("Object.keys(localStorage).filter((k) => k.startsWith('dojo.unsaved.'))"
                         ".map((k) => localStorage.getItem(k)).join('')")
    assert "typed after the session ended" in kept

    link = alert.get_by_role("link", name="Sign in again")
    expect(link).to_have_attribute("href", f"/accounts/login/?next=%2Fproblems%2F{SLUG}%2F")
    link.click()
    page.fill("#id_username", "eli")
    page.fill("#id_password", password_for("eli"))
    page.click("main button[type=submit]")
    expect(page).to_have_url(f"{base}/problems/{SLUG}/")
    if page.size == "phone":  # the code put back is what to look at: its tab opens by itself
        expect(page.get_by_role("tab", name="Code")).to_have_attribute("aria-selected", "true")
    expect(page.locator(EDITOR)).to_contain_text("// typed after the session ended")
    expect(page.locator("#kept-code-note")).to_contain_text("back in the editor")
    expect(page.locator("#draft-status")).to_contain_text("Saved", timeout=10_000)
    assert "// typed after the session ended" in Draft.objects.get(user__username="eli").code
    page.wait_for_function("() => !Object.keys(localStorage).some((k) => k.startsWith('dojo.unsaved.'))")
    assert editor_value(page) == Draft.objects.get(user__username="eli").code
