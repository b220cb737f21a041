"""Every response carries the security headers (config/security.py, config/settings/base.py):
pages, API JSON, redirects and errors alike. That the pages work under the policy is checked in
a browser: tests/browser/test_security_headers.py."""

import re

import pytest
from django.test import Client

from tests.conftest import user_and_client

pytestmark = pytest.mark.django_db(transaction=True)

NONCE = re.compile(r"'nonce-([A-Za-z0-9_-]+)'")


def assert_security_headers(response):
    csp = response.headers["Content-Security-Policy"]
    for directive in ("default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'",
                      "frame-ancestors 'none'"):
        assert directive in csp, (directive, csp)
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("url, status", [
    ("/", 200),
    ("/api/problems/", 200),
    ("/api/docs/", 200),
    ("/no-such-page/", 404),
    ("/api/no-such-endpoint/", 404),
    ("/submissions/", 302),  # sign in first
    ("/api/submissions/", 401),
])
def test_every_kind_of_response_carries_the_headers(url, status):
    response = Client().get(url)
    assert response.status_code == status
    assert_security_headers(response)


def test_only_the_editor_page_gets_a_style_nonce_and_a_fresh_one_each_time(problems):
    _user, client = user_and_client("ada")
    url = "/problems/unicode-palindrome/"
    nonces = []
    for _ in range(2):
        response = client.get(url)
        assert_security_headers(response)
        nonce = NONCE.search(response.headers["Content-Security-Policy"]).group(1)
        assert f'nonce="{nonce}"' in response.content.decode()  # on the script that hands it to the editor
        nonces.append(nonce)
    assert nonces[0] != nonces[1] and len(nonces[0]) >= 24
    assert "nonce-" not in client.get("/problems/").headers["Content-Security-Policy"]
    # Signed out there is no editor, and no nonce.
    assert "nonce-" not in Client().get(url).headers["Content-Security-Policy"]
