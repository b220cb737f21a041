"""Failed sign-in throttling, for the login page and the API token endpoint alike.

Two counters in the cache (Redis), each over a window (15 minutes by default):
- per username *and* client address (5 failures): guessing one account's password. Keyed by
  both, so an attacker elsewhere cannot lock a user out of their own account;
- per client address (50 failures): one address trying many accounts.
A successful sign-in clears its username+address counter, never the address one (or an
attacker could reset it by signing in to an account of their own between guesses).

Counts live in fixed buckets of one window each; a key is refused while its current and
previous buckets together hold the limit, so no span of one window ever allows more than the
limit (the price: a refusal may last up to two windows). `clock()` is the one source of time,
so tests move it instead of sleeping; bucket keys expire on their own after two windows.

If the cache is down, sign-ins are not throttled (logged): locking everyone out would be worse.
"""

import hashlib
import logging
import math
import time

from django.conf import settings
from django.core.cache import cache

log = logging.getLogger(__name__)


def clock() -> float:
    return time.time()


def client_ip(request) -> str:
    """The caller's address. Behind N trusted reverse proxies (TRUSTED_PROXY_HOPS), the N-th
    address from the right of X-Forwarded-For: the ones further left are the client's word."""
    hops = settings.TRUSTED_PROXY_HOPS
    if hops > 0:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _scopes(username: str, ip: str):
    """(cache key prefix, limit) for each counter a sign-in attempt counts against."""
    config = settings.LOGIN_THROTTLE
    name = hashlib.sha256(f"{username.strip().casefold()}\x00{ip}".encode()).hexdigest()[:32]
    address = hashlib.sha256(ip.encode()).hexdigest()[:32]
    return [(f"login-fail:user-ip:{name}", config["FAILURES_PER_USER_IP"]),
            (f"login-fail:ip:{address}", config["FAILURES_PER_IP"])]


def _bucket(now: float) -> tuple[int, float]:
    """The current bucket's number and the seconds left in it."""
    window = settings.LOGIN_THROTTLE["WINDOW_SECONDS"]
    number = int(now // window)
    return number, (number + 1) * window - now


def login_throttle_wait(*, username: str, ip: str, now: float | None = None) -> int:
    """Seconds this attempt must wait before a password is even checked; 0 when it may go on."""
    now = clock() if now is None else now
    number, left = _bucket(now)
    window = settings.LOGIN_THROTTLE["WINDOW_SECONDS"]
    scopes = _scopes(username, ip)
    keys = [f"{prefix}:{n}" for prefix, _ in scopes for n in (number, number - 1)]
    try:
        counts = cache.get_many(keys)
    except Exception:
        log.exception("sign-in throttle: cache unavailable; not throttling")
        return 0
    wait = 0.0
    for prefix, limit in scopes:
        current, previous = counts.get(f"{prefix}:{number}", 0), counts.get(f"{prefix}:{number - 1}", 0)
        if 0 < limit <= current + previous:  # 0 turns a limit off
            # Next bucket, `current` becomes the previous one: still too many if it alone is.
            wait = max(wait, left + (window if current >= limit else 0))
    return math.ceil(wait)


def login_failure_record(*, username: str, ip: str, now: float | None = None) -> None:
    now = clock() if now is None else now
    number, _ = _bucket(now)
    timeout = 2 * settings.LOGIN_THROTTLE["WINDOW_SECONDS"] + 60  # it counts as "previous" too
    try:
        for prefix, _ in _scopes(username, ip):
            key = f"{prefix}:{number}"
            cache.add(key, 0, timeout=timeout)
            cache.incr(key)  # atomic in Redis: parallel guesses all count
    except Exception:
        log.exception("sign-in throttle: cache unavailable; failure not counted")


def login_success_clear(*, username: str, ip: str, now: float | None = None) -> None:
    now = clock() if now is None else now
    number, _ = _bucket(now)
    prefix = _scopes(username, ip)[0][0]  # the username+address counter only
    try:
        cache.delete_many([f"{prefix}:{number}", f"{prefix}:{number - 1}"])
    except Exception:
        log.exception("sign-in throttle: cache unavailable; counter not cleared")


def login_throttle_message(wait: int) -> str:
    minutes = max(1, math.ceil(wait / 60))
    return f"Too many failed sign-ins from here. Try again in {minutes} minute{'s' if minutes != 1 else ''}."
