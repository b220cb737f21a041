import os

import pytest

# Playwright's sync API keeps an event loop in this thread; Django's ORM refuses to run
# next to one unless told it is fine (it is: the test drives one browser, one thread).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        # Debian's Chromium; Playwright never downloads a browser here.
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


# The two sizes every page must work at (issue 13): a laptop, and a phone held upright (a touch
# screen, no mouse: CSS's `pointer: coarse`).
LAPTOP = {"viewport": {"width": 1366, "height": 850}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture(params=["laptop", "phone"])
def sized_page(request, browser):
    """`page`, once at each size; `page.size` says which."""
    context = browser.new_context(**(LAPTOP if request.param == "laptop" else PHONE))
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.size = request.param
    yield page
    context.close()
