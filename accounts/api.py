from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.settings import api_settings

from accounts.throttle import client_ip, login_attempt, login_succeeded, login_throttle_message
from config.api import error_responses
from config.errors import TooManyRequests


class TokenSerializer(serializers.Serializer):  # for the OpenAPI schema
    token = serializers.CharField(help_text="Send it as `Authorization: Token <token>`.")


class ThrottledObtainAuthToken(ObtainAuthToken):
    """POST /api/auth/token/ (DRF's token view), refusing (429) after too many failures."""

    parser_classes = api_settings.DEFAULT_PARSER_CLASSES  # DRF's view names its own: ours refuse more

    @extend_schema(tags=["auth"], summary="Exchange a username and password for an API token", auth=[],
                   request=AuthTokenSerializer, responses={200: TokenSerializer, **error_responses(400, 429)})
    def post(self, request, *args, **kwargs):
        username = request.data.get("username", "") if hasattr(request.data, "get") else ""
        attempt = login_attempt(username=username, ip=client_ip(request))
        if attempt.wait:  # refused before the password is checked: no oracle for a guesser
            raise TooManyRequests(login_throttle_message(attempt.wait), retry_after=attempt.wait)
        response = super().post(request, *args, **kwargs)  # a wrong password raises: it stays counted
        login_succeeded(attempt)
        return response


token_obtain_api = ThrottledObtainAuthToken.as_view()
