"""API-wide conventions: every error is JSON `{"detail": ...}` with a 4xx status (404s of
unknown /api/ paths included), and the OpenAPI schema's side of them (error responses, page
envelopes, the /api/v1/ alias kept out of the schema)."""

from django.http import JsonResponse
from django.views import defaults
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from config.errors import domain_error


def _first_message(data):
    if isinstance(data, dict):
        for key, value in data.items():
            message = _first_message(value)
            if message:
                return message if key in ("detail", "non_field_errors") else f"{key}: {message}"
    elif isinstance(data, list) and data:
        return _first_message(data[0])
    elif data:
        return str(data)
    return ""


def is_api_request(request) -> bool:
    return request.path.startswith("/api/")


def page_not_found(request, exception):
    """handler404: a path under /api/ that matches no endpoint (e.g. /api/submissions/abc/)
    answers JSON like every other API error; pages keep their HTML 404."""
    if is_api_request(request):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)


def permission_denied(request, exception):
    """handler403: a PermissionDenied outside DRF's own handling answers JSON under /api/ too."""
    if is_api_request(request):
        return JsonResponse({"detail": "You do not have permission to perform this action."}, status=403)
    return defaults.permission_denied(request, exception)


def server_error(request):
    """handler500: should the API ever fail, its client still gets JSON."""
    if is_api_request(request):
        return JsonResponse({"detail": "Internal error; it has been logged."}, status=500)
    return defaults.server_error(request)


def exception_handler(exc, context):
    """REST_FRAMEWORK["EXCEPTION_HANDLER"]: a DomainError (config/errors.py; a ValidationError is
    a 400) answers with its status, headers and body; DRF's own errors (bad input, a body nested
    too deep, 401/403/404) answer `{"detail"}`, with `errors` per field when a body was invalid."""
    error = domain_error(exc)
    if error is not None:
        set_rollback()
        return Response(error.data(), status=error.status_code, headers=error.headers)
    response = drf_exception_handler(exc, context)
    if response is not None and not (isinstance(response.data, dict) and set(response.data) == {"detail"}):
        response.data = {"detail": _first_message(response.data), "errors": response.data}
    return response


# -- the OpenAPI schema's side of these conventions ----------------------------------------

class ErrorSerializer(serializers.Serializer):
    """What every 4xx answers with."""

    detail = serializers.CharField(help_text="What went wrong, in a sentence for the user.")
    errors = serializers.JSONField(required=False, help_text="Per-field messages, when the body was invalid.")


ERROR_MEANINGS = {
    400: "Invalid input; `detail` says which value and why.",
    401: "Not signed in: send `Authorization: Token <token>` (from /api/auth/token/) or a session cookie.",
    403: "Signed in but not allowed (e.g. a session request without its CSRF token).",
    404: "No such object, or it is someone else's (never revealed).",
    409: "The state has moved on (e.g. the interview is over or past its deadline).",
    429: "Too many requests; `Retry-After` says how many seconds to wait.",
}
SIGNED_IN = (401, 403)  # every endpoint that needs a user


def error_responses(*codes) -> dict:
    """{status: OpenApiResponse(Error)} for extend_schema(responses=...)."""
    return {code: OpenApiResponse(ErrorSerializer, description=ERROR_MEANINGS[code]) for code in codes}


def paginated(serializer_class, name: str):
    """The page envelope PageNumberPagination answers with, around `serializer_class` rows."""
    return type(name, (serializers.Serializer,), {
        "count": serializers.IntegerField(),
        "next": serializers.URLField(allow_null=True),
        "previous": serializers.URLField(allow_null=True),
        "results": serializer_class(many=True),
    })


PAGE_PARAMETER = OpenApiParameter("page", int, description="Page number, from 1 (a page past the end is a 404).")


def exclude_versioned_alias(endpoints, **kwargs):
    """drf-spectacular preprocessing hook: /api/v1/... repeats /api/... (config/urls.py), so the
    schema lists each operation once, under /api/."""
    return [endpoint for endpoint in endpoints if not endpoint[0].startswith("/api/v1/")]
