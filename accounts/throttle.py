"""Throttling in the cache (Redis): failed sign-ins, on every route that checks a password (the
sign-in page, the API token endpoint, the admin's sign-in page), and sign-ups.

Failed sign-ins count in two counters over a window (15 minutes by default):
- per username *and* client address (5 failures): guessing one account's password. Keyed by
  both, so an attacker elsewhere cannot lock a user out of their own account;
- per client address (50 failures): one address trying many accounts.
A successful sign-in clears its username+address counter, never the address one (or an
attacker could reset it by signing in to an account of their own between guesses).
The username is counted under `username_key`, the one spelling every route uses, so no way of
writing a name (case, fullwidth letters, spaces around it) escapes that name's counter.

Sign-ups count in one counter per client address (5 accounts an hour by default).

Counts live in fixed buckets of one window each; a key is refused while its current and
previous buckets together hold the limit, so no span of one window ever allows more than the
limit (the price: a refusal may last up to two windows). An attempt is counted *before* the work
it guards (`_attempt`) and given back when it turns out not to count (a right password, a sign-up
form with errors): parallel requests each see the others' counts, so a burst cannot slip past
a limit together. `clock()` is the one source of time, so tests move it instead of sleeping;
bucket keys expire on their own after two windows.

If the cache is down, nothing is throttled (logged): locking everyone out would be worse.
"""

import hashlib
import logging
import math
import time
import unicodedata
from dataclasses import dataclass

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


def username_key(username) -> str:
    """The spelling a username's failures are counted under. The sign-in form strips the name and
    NFKC-normalises it (fullwidth "ｓecF" is "secF"), and sign-up refuses a name that differs from
    an existing one only in case, so case is folded too: every spelling that can reach one account
    shares one counter (some that cannot share it as well, which only makes the limit stricter).
    NFKC again after folding, as folding can undo it (Unicode's NFKC_Casefold)."""
    folded = unicodedata.normalize("NFKC", str(username)).casefold()
    return unicodedata.normalize("NFKC", folded).strip()


def _digest(text: str) -> str:
    # surrogatepass: a lone surrogate (JSON allows "\ud800") is still counted, not an error.
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


# -- the counter ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Attempt:
    """One attempt against some counters: refused (`wait` seconds to go, nothing counted) or
    counted in the current bucket of each counter named by `prefixes`."""

    wait: int
    bucket: int
    prefixes: tuple[str, ...] = ()


def _attempt(scopes, *, window: int, now: float) -> Attempt:
    """Count an attempt in every counter of `scopes`, [(cache key prefix, limit)], unless one of
    them is full; then count it nowhere and say how long to wait. A limit of 0 is no limit."""
    number = int(now // window)
    left = (number + 1) * window - now  # seconds to the next bucket
    current = [f"{prefix}:{number}" for prefix, _ in scopes]
    try:
        previous = cache.get_many([f"{prefix}:{number - 1}" for prefix, _ in scopes])
        counts = []
        for key in current:
            cache.add(key, 0, timeout=2 * window + 60)  # it counts as "previous" for one more window
            counts.append(cache.incr(key))  # atomic in Redis: parallel attempts each get their own count
    except Exception:
        log.exception("throttle: cache unavailable; not throttling")
        return Attempt(0, number)
    wait = 0.0
    for (prefix, limit), count in zip(scopes, counts, strict=True):  # one count per scope
        if 0 < limit < count + previous.get(f"{prefix}:{number - 1}", 0):
            # Next bucket, this one becomes the previous: still too many if it alone is.
            wait = max(wait, left + (window if count > limit else 0))
    attempt = Attempt(math.ceil(wait), number, tuple(prefix for prefix, _ in scopes))
    if attempt.wait:  # refused: it does not count
        give_back(attempt)
    return attempt


def give_back(attempt: Attempt, prefixes=None) -> None:
    """Uncount an attempt (in the counters of `prefixes`, default all it was counted in)."""
    for prefix in attempt.prefixes if prefixes is None else prefixes:
        try:
            cache.decr(f"{prefix}:{attempt.bucket}")
        except ValueError:  # the bucket expired meanwhile: nothing left to give back
            pass
        except Exception:
            log.exception("throttle: cache unavailable; attempt not given back")


def _minutes(wait: int) -> str:
    minutes = max(1, math.ceil(wait / 60))
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


# -- sign-in -------------------------------------------------------------------------------

def _login_scopes(username, ip: str):
    config = settings.LOGIN_THROTTLE
    return [(f"login-fail:user-ip:{_digest(username_key(username) + chr(0) + ip)}", config["FAILURES_PER_USER_IP"]),
            (f"login-fail:ip:{_digest(ip)}", config["FAILURES_PER_IP"])]


def login_attempt(*, username, ip: str, now: float | None = None) -> Attempt:
    """Before a password is checked: counted as a failure unless `login_succeeded` follows; when
    `.wait` is set the password must not be checked at all (no oracle for a guesser)."""
    return _attempt(_login_scopes(username, ip), window=settings.LOGIN_THROTTLE["WINDOW_SECONDS"],
                    now=clock() if now is None else now)


def login_succeeded(attempt: Attempt) -> None:
    """The password was right: the attempt was no failure, and the username+address counter starts
    afresh (the address counter keeps the failures before it)."""
    if not attempt.prefixes:
        return
    user_ip, address = attempt.prefixes
    give_back(attempt, [address])
    try:
        cache.delete_many([f"{user_ip}:{attempt.bucket}", f"{user_ip}:{attempt.bucket - 1}"])
    except Exception:
        log.exception("throttle: cache unavailable; counter not cleared")


def login_throttle_message(wait: int) -> str:
    return f"Too many failed sign-ins from here. Try again in {_minutes(wait)}."


# -- sign-up -------------------------------------------------------------------------------

def signup_attempt(*, ip: str, now: float | None = None) -> Attempt:
    """Before a sign-up form is checked: counted as an account unless given back (`give_back`)
    because none was made."""
    config = settings.SIGNUP_THROTTLE
    return _attempt([(f"signup:ip:{_digest(ip)}", config["ACCOUNTS_PER_IP"])], window=config["WINDOW_SECONDS"],
                    now=clock() if now is None else now)


def signup_throttle_message(wait: int) -> str:
    return f"Too many accounts were made from your address. Try again in {_minutes(wait)}."
