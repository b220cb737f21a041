"""An htmx request from someone signed out (the session expired, or they signed out in another
tab) is answered 401 with a short message, not with the sign-in page.

`login_required` answers a signed-out user with a redirect to the sign-in page. The browser's
XMLHttpRequest follows it silently and htmx would swap that whole page into the panel that
asked (the result area, the draft's status line): twice on the problem page, where Submit and
the draft autosave both ask. Here that redirect becomes a 401 whose body is one line with a
sign-in link back to the page the user is on (htmx sends its address as HX-Current-URL).
static/js/htmx-guard.js shows it once, and static/js/keep-code.js keeps the editor's code in
the browser until it can be saved. Pages asked for normally still redirect as before."""

from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.shortcuts import render, resolve_url


class HtmxSignedOutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 302 or not getattr(request, "htmx", False):
            return response
        login = resolve_url(settings.LOGIN_URL)
        if urlsplit(response.get("Location", "")).path != login or request.user.is_authenticated:
            return response
        # The page, not the URL htmx posted to (a POST-only endpoint): same origin only.
        back = urlsplit(request.htmx.current_url_abs_path or "/").path or "/"
        answer = render(request, "registration/_signed_out.html",
                        {"sign_in_url": f"{login}?{urlencode({'next': back})}"}, status=401)
        # A 401 names how to authenticate: here, by signing in on a page (as DRF names "Token").
        answer["WWW-Authenticate"] = 'Session realm="Dojo"'
        return answer
