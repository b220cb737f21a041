"""API-wide conventions: every error is JSON `{"detail": ...}` with a 4xx status."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


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


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        return Response({"detail": " ".join(exc.messages)}, status=status.HTTP_400_BAD_REQUEST)
    response = drf_exception_handler(exc, context)
    if response is not None and not (isinstance(response.data, dict) and set(response.data) == {"detail"}):
        response.data = {"detail": _first_message(response.data), "errors": response.data}
    return response
