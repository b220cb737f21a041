"""Sessions: Django's cached_db store (read from Redis, written through to PostgreSQL), so
finding a signed-in request's session costs a Redis GET instead of a query on every request.

Redis holds a copy only, and an unreachable Redis fails no request: the session is read from and
written to the database (Django's own store raises on the copy made after a database read, on
delete at sign-in and sign-out, and when picking a new session key).
"""

import logging

from django.contrib.sessions.backends import cached_db
from django.contrib.sessions.backends.db import SessionStore as DatabaseStore

log = logging.getLogger(__name__)

# The longest a copy lives in Redis. Refilling it from the database this often costs nothing,
# and a copy whose delete failed (Redis unreachable at sign-out) outlives its session no longer.
CACHE_SECONDS = 300


class SessionStore(cached_db.SessionStore):
    def load(self):
        data = self._cache_call("get", self.cache_key)
        if data is not None:
            return data
        stored = self._get_session_from_db()
        if stored is None:
            return {}
        data = self.decode(stored.session_data)
        self._cache_call("set", self.cache_key, data, self._cache_seconds(self.get_expiry_age(expiry=stored.expire_date)))
        return data

    def exists(self, session_key):
        if session_key and self._cache_call("has_key", self.cache_key_prefix + session_key):
            return True
        return DatabaseStore.exists(self, session_key)

    def save(self, must_create=False):
        DatabaseStore.save(self, must_create)
        self._cache_call("set", self.cache_key, self._session, self._cache_seconds(self.get_expiry_age()))

    def delete(self, session_key=None):
        DatabaseStore.delete(self, session_key)
        session_key = session_key or self.session_key
        if session_key is not None:
            self._cache_call("delete", self.cache_key_prefix + session_key)

    @staticmethod
    def _cache_seconds(expiry_age):
        return max(0, min(CACHE_SECONDS, expiry_age))

    def _cache_call(self, method, *args):
        try:
            return getattr(self._cache, method)(*args)
        except Exception:  # Redis down: the database has every session
            log.warning("session cache unavailable (%s); using the database", method, exc_info=True)
            return None
