"""The Content-Security-Policy header on every response. Django 5.2 has no built-in one
(Django 6 does); the other security headers are Django's own settings (config/settings/base.py).

The policy lets a page run and style itself only from our own files: no inline <script>,
no inline style, no eval, no framing, no other origin. The templates keep their scripts in
static/js; htmx's indicator CSS is in site.css (base.html turns off the <style> htmx would
inject); /api/docs/ loads its Swagger UI set-up script from a URL (config/urls.py,
templates/api_docs.html). One exception, the code editor (the problem page and the interview's):
CodeMirror styles itself with a <style> element, admitted by a nonce made for that response only
(static/js/style-nonce.js).
tests/browser/test_security_headers.py fails on any violation.
"""

import secrets

from django.conf import settings

DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    # Swagger UI's and the admin's CSS draw a few icons as data: URIs.
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    # Nobody frames our pages (clickjacking); X-Frame-Options: DENY says the same to old browsers.
    "frame-ancestors": "'none'",
}


def policy(style_nonce: str = "") -> str:
    directives = dict(DIRECTIVES)
    if style_nonce:
        directives["style-src"] += f" 'nonce-{style_nonce}'"
    return "; ".join(f"{name} {value}" for name, value in directives.items())


POLICY = policy()


class Nonce:
    """request.csp_nonce: made the first time a template prints it, and then allowed for
    <style> elements in that response's policy only."""

    def __init__(self):
        self.value = ""

    def __str__(self):
        if not self.value:
            self.value = secrets.token_urlsafe(18)
        return self.value


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = Nonce()
        response = self.get_response(request)
        # Django's debug 404 and 500 pages (DEBUG only) style and script themselves inline.
        if settings.DEBUG and response.status_code in (404, 500):
            return response
        response.headers.setdefault("Content-Security-Policy", policy(request.csp_nonce.value))
        return response
