"""The problem page's code editor (CodeMirror 6, platform/editor/) in a real browser: the hidden
textarea follows it (form post, htmx hx-include, draft autosave), Go highlighting, the keyboard
shortcuts, Vim mode and font size kept per browser, reset to starter, and the plain textarea
when JavaScript is off."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from judge.models import Submission
from practice.models import Draft
from tests.browser.helpers import EDITOR, SLUG, editor_value, open_problem, set_editor, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BUNDLE = Path(__file__).resolve().parents[2] / "static" / "vendor" / "codemirror" / "dojo-editor.js"
TESTS_EDITOR = ".dojo-editor[data-for=custom_tests] .cm-content"


@pytest.fixture(autouse=True)
def editor_bundle():
    assert BUNDLE.exists(), "the editor bundle is missing: run `bash platform/editor/build.sh` (setup.sh does)"


def test_typing_follows_into_the_textarea_autosaves_and_survives_a_reload(page, live_server, problems):
    base = live_server.url
    sign_in(page, base, "ada")
    open_problem(page, base)
    starter = problems[SLUG].starter_code

    textarea = page.locator("#code")
    expect(textarea).to_be_hidden()  # still in the form, and in sync with the editor
    assert editor_value(page) == starter == textarea.input_value()
    content = page.locator(EDITOR)
    expect(content).to_have_accessible_name(re.compile(r"^Your solution"))
    expect(content).to_have_attribute("aria-describedby", "editor-keys-hint")
    expect(content).to_have_accessible_description(re.compile("Escape, then Tab"))

    # Go highlighting (the bundle also tags tokens with stable tok-* classes) and line numbers.
    expect(page.locator(".dojo-editor .cm-line .tok-keyword", has_text="package").first).to_be_visible()
    expect(page.locator(".dojo-editor .cm-line .tok-keyword", has_text="func").first).to_be_visible()
    expect(page.locator(".dojo-editor[data-for=code] .cm-lineNumbers .cm-gutterElement", has_text="1").first).to_be_visible()

    content.click()
    page.keyboard.press("Control+End")
    page.keyboard.type("\n// typed in the editor (")  # closeBrackets adds the ")"
    expect(textarea).to_have_value(re.compile(r"// typed in the editor \(\)\n?$"))
    # Typing fired the textarea's input event: htmx's debounced autosave ran.
    expect(page.locator("#draft-status")).to_contain_text("Saved", timeout=10_000)
    assert "// typed in the editor ()" in Draft.objects.get(user__username="ada").code

    page.reload()
    expect(page.locator(EDITOR)).to_contain_text("// typed in the editor ()")
    # A fresh navigation (no form state for the browser to restore): the server's draft.
    other = page.context.new_page()
    other.goto(f"{base}/problems/{SLUG}/")
    expect(other.locator(EDITOR)).to_contain_text("// typed in the editor ()")
    assert editor_value(other) == Draft.objects.get(user__username="ada").code
    other.close()


def test_own_test_cases_get_a_second_editor_that_autosaves_too(page, live_server, problems):
    base = live_server.url
    sign_in(page, base, "bea")
    open_problem(page, base)
    page.click("summary:has-text('Your own test cases')")
    tests_editor = page.locator(TESTS_EDITOR)
    expect(tests_editor).to_be_visible()
    expect(page.locator("#custom_tests")).to_be_hidden()
    expect(tests_editor).to_have_accessible_name("Your own test cases")

    tests_editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type("\n// my own case")
    expect(page.locator("#custom_tests")).to_have_value(re.compile(r"// my own case$"))
    expect(page.locator("#draft-status")).to_contain_text("Saved", timeout=10_000)
    assert Draft.objects.get(user__username="bea").custom_tests.endswith("// my own case")


def test_tab_indents_and_escape_then_tab_leaves_the_editor(page, live_server, problems):
    base = live_server.url
    sign_in(page, base, "cid")
    open_problem(page, base)
    set_editor(page, "code", "package palindrome\n")
    page.locator(EDITOR).click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Tab")
    assert editor_value(page) == "package palindrome\n\t"
    assert page.evaluate("!!document.activeElement.closest('.cm-editor')")
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    assert page.evaluate("!document.activeElement.closest('.cm-editor')"), "focus stayed in the editor"
    assert editor_value(page) == "package palindrome\n\t"


def post_of(page, shortcut, *, in_editor):
    """Presses the shortcut with the focus in the editor or outside it; returns the form's post."""
    if in_editor:
        page.locator(EDITOR).click()
    else:
        page.locator("h1").click()
    assert page.evaluate("!!document.activeElement.closest('.cm-editor')") is in_editor
    with page.expect_response(lambda r: r.request.method == "POST" and r.url.endswith(f"/problems/{SLUG}/submit/")) as resp:
        page.keyboard.press(shortcut)
    expect(page.locator("#solution-form button[name=mode]").first).to_be_enabled()  # htmx re-enables after the swap
    return resp.value.request.post_data


@pytest.mark.docker
def test_ctrl_quote_runs_and_ctrl_enter_submits(page, live_server, celery_worker_process, problems):
    base = live_server.url
    sign_in(page, base, "dana")
    open_problem(page, base)
    reference = problems[SLUG].reference_files["solution.go"]
    set_editor(page, "code", reference)
    expect(page.locator("#code")).to_have_value(reference)

    assert "mode=run" in post_of(page, "Control+'", in_editor=True)
    card = page.locator(".status-card")
    expect(card).to_contain_text("Run")
    expect(card.locator(".verdict")).to_have_text("Accepted", timeout=90_000)
    run = Submission.objects.get(user__username="dana")
    assert run.mode == "run" and run.code == reference

    # Inside the editor, Ctrl+Enter submits and does not also insert a line (CodeMirror's Mod-Enter).
    assert "mode=submit" in post_of(page, "Control+Enter", in_editor=True)
    expect(page.locator(f".status-card:not(#submission-{run.pk})")).to_be_visible()
    expect(page.locator(".status-card .verdict")).to_have_text("Accepted", timeout=90_000)
    submit = Submission.objects.filter(user__username="dana").latest("pk")
    assert submit.mode == "submit" and submit.code == reference
    assert editor_value(page) == reference

    # With the focus elsewhere on the page both work too (within 10 s these are the same
    # submissions again for the server: a double click, so nothing new is judged).
    assert "mode=submit" in post_of(page, "Control+Enter", in_editor=False)
    assert "mode=run" in post_of(page, "Control+'", in_editor=False)
    assert editor_value(page) == reference


def test_vim_mode_and_font_size_stay_with_the_browser(page, live_server, problems):
    base = live_server.url
    sign_in(page, base, "eve")
    vim_requests = []
    page.on("request", lambda r: vim_requests.append(r.url) if "dojo-editor-vim" in r.url else None)
    open_problem(page, base)
    editor = page.locator(".dojo-editor[data-for=code] .cm-editor")
    expect(editor).to_have_css("font-size", "14px")
    assert vim_requests == []  # Vim mode's code is loaded only when turned on

    page.get_by_label("Vim mode").check()
    expect(page.locator(".dojo-editor[data-for=code] .cm-vim-panel")).to_be_visible()
    assert len(vim_requests) == 1
    page.get_by_label("Font size").select_option("18")
    expect(editor).to_have_css("font-size", "18px")

    page.reload()
    expect(page.get_by_label("Vim mode")).to_be_checked()
    expect(page.locator(".dojo-editor[data-for=code] .cm-vim-panel")).to_be_visible()
    expect(page.get_by_label("Font size")).to_have_value("18")
    expect(editor).to_have_css("font-size", "18px")
    # Vim's normal mode: `x` deletes a character instead of typing one; the textarea follows.
    set_editor(page, "code", "package palindrome\n")
    page.locator(EDITOR).click()
    page.keyboard.press("Escape")
    page.keyboard.press("g")
    page.keyboard.press("g")
    page.keyboard.press("x")
    expect(page.locator("#code")).to_have_value("ackage palindrome\n")

    page.get_by_label("Vim mode").uncheck()
    expect(page.locator(".cm-vim-panel")).to_have_count(0)
    page.reload()
    expect(page.get_by_label("Vim mode")).not_to_be_checked()
    expect(page.locator(EDITOR)).to_be_visible()
    expect(page.locator(".cm-vim-panel")).to_have_count(0)


def test_reset_to_starter_asks_first(page, live_server, problems):
    base = live_server.url
    sign_in(page, base, "fay")
    open_problem(page, base)
    starter = problems[SLUG].starter_code
    set_editor(page, "code", "package palindrome\n\n// my attempt\n")

    answers = iter([False, True])
    dialogs = []

    def answer(dialog):
        dialogs.append(dialog.message)
        dialog.accept() if next(answers) else dialog.dismiss()

    page.on("dialog", answer)
    reset = page.get_by_role("button", name="Reset to starter")
    reset.click()
    assert editor_value(page) == "package palindrome\n\n// my attempt\n"  # declined: nothing changed
    reset.click()
    expect(page.locator("#code")).to_have_value(starter)
    assert editor_value(page) == starter
    assert len(dialogs) == 2 and "starter" in dialogs[0]
    expect(page.locator("#draft-status")).to_contain_text("Saved", timeout=10_000)
    assert Draft.objects.get(user__username="fay").code == starter


def test_without_javascript_the_plain_textarea_works(browser, live_server, problems):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        sign_in(page, live_server.url, "gus")
        page.goto(f"{live_server.url}/problems/{SLUG}/")
        expect(page.locator("#code")).to_be_visible()
        expect(page.locator("#code")).to_have_value(problems[SLUG].starter_code)
        expect(page.locator("#editor-toolbar")).to_be_hidden()
        expect(page.locator(".cm-editor")).to_have_count(0)
    finally:
        context.close()
