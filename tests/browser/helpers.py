"""What several browser tests do the same way: sign in, open a problem, read or set an editor."""

from playwright.sync_api import expect

from tests.conftest import make_user, password_for

SLUG = "unicode-palindrome"
EDITOR = ".dojo-editor[data-for=code] .cm-content"


def sign_in(page, base, username):
    """Create `username` and sign in through the login form."""
    make_user(username)
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password_for(username))
    page.click("main button[type=submit]")
    expect(page.locator("header")).to_contain_text(f"Signed in as {username}")


def open_problem(page, base, slug=SLUG):
    page.goto(f"{base}/problems/{slug}/")
    expect(page.locator(EDITOR)).to_be_visible()


def editor_value(page, textarea_id="code"):
    return page.evaluate("id => window.DojoEditor.get(id).getValue()", textarea_id)


def set_editor(page, textarea_id, text):
    page.evaluate("([id, text]) => window.DojoEditor.get(id).setValue(text)", [textarea_id, text])


def width_report(page) -> dict:
    """How wide the page is against its window, and (to tell why) the first elements reaching
    past the window's right edge."""
    return page.evaluate("""() => {
        const doc = document.documentElement;
        const limit = Math.min(window.innerWidth, doc.clientWidth);
        const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
            + (typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\\s+/).join(".") : "");
        const wide = [...document.querySelectorAll("body *")]
            .filter((el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.right > limit + 0.5; })
            .slice(0, 6).map((el) => `${name(el)} to ${Math.round(el.getBoundingClientRect().right)}px`);
        return {scrollWidth: doc.scrollWidth, innerWidth: window.innerWidth, clientWidth: doc.clientWidth, wide};
    }""")


def assert_fits(page, what=""):
    """No horizontal scroll: the document is no wider than the window."""
    report = width_report(page)
    assert report["scrollWidth"] <= min(report["innerWidth"], report["clientWidth"]), (what or page.url, report)


def in_view(page, selector) -> bool:
    """Is the element's top-left part on screen (inside the window and every box that scrolls it)?"""
    return page.evaluate("""(selector) => {
        const el = document.querySelector(selector);
        if (!el || el.getClientRects().length === 0) return false;  // absent, or not displayed
        const r = el.getBoundingClientRect();
        if (r.bottom < 0 || r.top >= window.innerHeight) return false;
        for (let box = el.parentElement; box; box = box.parentElement) {
            if (!/(auto|scroll)/.test(getComputedStyle(box).overflowY)) continue;
            const b = box.getBoundingClientRect();
            if (r.top >= b.bottom || r.bottom < b.top) return false;
        }
        return true;
    }""", selector)
