"""Authentication with the per-request lookups compiled once (config/compiled_query.py).

Every signed-in request loads its user (sessions) or its token and user (the API). Django's
ModelBackend and DRF's TokenAuthentication build the same query each time; these run the
same SQL, compiled once per process, and decide exactly as they do.
"""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token

from config.compiled_query import CompiledQuery, as_bigint

_user_by_id = CompiledQuery(lambda pk: get_user_model()._default_manager.filter(pk=pk), "pk")
_token_by_key = CompiledQuery(lambda key: Token.objects.select_related("user").filter(key=key), "key")


class UserBackend(ModelBackend):
    def get_user(self, user_id):
        pk = as_bigint(user_id)
        user = None if pk is None else _user_by_id.first(pk=pk)
        return user if user is not None and self.user_can_authenticate(user) else None


# DRF's keys are 40 hex digits (Token.generate_key); anything else cannot match, and a NUL
# byte would make PostgreSQL refuse the query (a 500, where this is a 401).
_KEY = re.compile(r"[0-9a-f]{40}")


class CompiledTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key):
        token = _token_by_key.first(key=key) if _KEY.fullmatch(key) else None
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        return token.user, token
