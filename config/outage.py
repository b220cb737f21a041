"""A part we depend on is down (PostgreSQL restarting): say so with a 503, never a bare 500.

The API answers JSON `{"detail": ...}` like its other errors, pages a one-line HTML message;
both carry Retry-After. Nothing was stored: a submission refused here can simply be sent
again. Only exceptions raised by views reach process_exception (DRF hands them on when its
own handler does not know them); that is where a request first touches the database.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse

from config.api import is_api_request

log = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 5
MESSAGE = "The service is briefly unavailable (its database is not answering); nothing was saved. Try again shortly."


class ServiceUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        log.warning("database unavailable for %s %s: %s", request.method, request.path, exception)
        if is_api_request(request):
            response = JsonResponse({"detail": MESSAGE}, status=503)
        else:
            response = HttpResponse(f'<p class="error" role="alert">{MESSAGE}</p>', status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
