"""A request id for every request: taken from X-Request-ID when valid, made up otherwise.

It is set for the logs (config.logs.request_id_var), returned in the X-Request-ID response
header, and one access line per request goes to the `dojo.access` logger (quiet unless the
settings turn it on: production does). A proxy in front (nginx, Caddy) may pass its own id
so its log and ours share it; anything not matching the pattern is replaced, never logged,
so a client cannot inject text into the logs.
"""

import logging
import re
import time
import uuid

from config.logs import request_id_var

HEADER = "X-Request-ID"
VALID_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")

access_log = logging.getLogger("dojo.access")


def request_id_from(request) -> str:
    incoming = request.headers.get(HEADER, "")
    if VALID_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id_from(request)
        token = request_id_var.set(request.request_id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response[HEADER] = request.request_id
            access_log.info(
                "%s %s %s", request.method, request.path, response.status_code,
                extra={"method": request.method, "path": request.path, "status": response.status_code,
                       "duration_ms": round((time.monotonic() - started) * 1000, 1)},
            )
            return response
        finally:
            request_id_var.reset(token)
