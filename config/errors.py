"""Domain errors, and the one place a page turns them into an answer (the API's is config.api).

A service refuses with a DomainError (like Zulip's JsonableError or HackSoft's ApplicationError):
its message is for the user, and it says the HTTP status and headers it answers with (429 and
Retry-After for a rate limit, 409 for an interview that is over). Views and API views never catch
one to map it by hand:
- the API: DRF hands it to config.api.exception_handler, which answers `{"detail": message}`;
- pages: DomainErrorMiddleware answers with an error partial (htmx) or a page (a plain request),
  with the same status and headers. A view says which ones with @shows_errors.

A Django ValidationError raised by a service (text that cannot be stored, a bad filter) is
answered the same way, as a 400 with its messages.
"""

from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render

ERROR_PARTIAL = "_error.html"  # {"error": message}: one line for the panel that asked
ERROR_PAGE = "error.html"


class DomainError(Exception):
    """A refusal with a message for the user; `status_code` and `headers` are its HTTP answer."""

    status_code = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    @property
    def headers(self) -> dict:
        return {}

    def data(self) -> dict:
        """The API's body: `{"detail": message}`, plus whatever a subclass names."""
        return {"detail": self.message}


class TooManyRequests(DomainError):
    """Refused by a limit (nothing was done): a 429 whose Retry-After says when to try again."""

    status_code = 429

    def __init__(self, message: str, *, retry_after: int):
        super().__init__(message)
        self.retry_after = max(1, int(retry_after))

    @property
    def headers(self) -> dict:
        return {"Retry-After": str(self.retry_after)}


def domain_error(exc) -> DomainError | None:
    """`exc` as a DomainError (a ValidationError becomes a 400 with its messages), else None."""
    if isinstance(exc, DomainError):
        return exc
    if isinstance(exc, ValidationError):
        return DomainError(" ".join(exc.messages))
    return None


def with_headers(response: HttpResponse, error: DomainError) -> HttpResponse:
    for name, value in error.headers.items():
        response[name] = value
    return response


# -- pages ---------------------------------------------------------------------------------

def shows_errors(*, partial=None, page=None):
    """How a page view shows a DomainError it raises (DomainErrorMiddleware reads this).

    `partial`: what an htmx request gets (default ERROR_PARTIAL); a plain request too when there
    is no `page` (an endpoint that only htmx calls). `page`: what a plain request gets (default
    ERROR_PAGE). Each is a template, rendered with {"error": message}, or a function
    `(request, error, **view_kwargs)` returning (template, context), rendered so (the page as it
    was, with the message beside the form and the user's input kept), or a response of its own
    (a redirect after a form post, the message flashed). Rendered answers carry the error's
    status and headers."""
    def mark(view):
        view.error_partial, view.error_page = partial, page
        return view
    return mark


class DomainErrorMiddleware:
    """Answers a DomainError (or ValidationError) raised by a page view, as the view asked
    (@shows_errors; by default a one-line partial for htmx, a page for a plain request).

    Only exceptions raised by views reach process_exception: the API's are answered inside DRF."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        error = domain_error(exception)
        if error is None:
            return None
        if request.path.startswith("/api/"):  # an API view outside DRF: JSON like the rest
            return with_headers(JsonResponse(error.data(), status=error.status_code), error)
        match = request.resolver_match
        view = match.func if match else None
        partial = getattr(view, "error_partial", None)
        page = getattr(view, "error_page", None)
        if getattr(request, "htmx", False) or (partial and not page):
            shown = partial or ERROR_PARTIAL
        else:
            shown = page or ERROR_PAGE
        if callable(shown):
            answer = shown(request, error, **(match.kwargs if match else {}))
            if isinstance(answer, HttpResponse):
                return answer
            template, context = answer
        else:
            template, context = shown, {"error": error.message, "status_code": error.status_code}
        return with_headers(render(request, template, context, status=error.status_code), error)
