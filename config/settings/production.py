"""A real server. Refuses to start with an unsafe configuration.

Every knob is an environment variable, documented in .env.example; the defaults are the
safe choice for the docker-compose deployment (TLS ends at a proxy in front of gunicorn).
`manage.py check --deploy` is clean with them (tests/unit/test_production_checks.py).
"""

import copy
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import LOGGING, MIDDLEWARE, SECRET_KEY, STATIC_ROOT, env, env_bool, env_int

if env_bool("DEBUG", False):
    raise ImproperlyConfigured("DEBUG must be off in production.")
DEBUG = False
if len(SECRET_KEY) < 50 or "not-secret" in SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY to a random value of at least 50 characters.")


def env_list(name):
    return [item.strip() for item in env(name, "").split(",") if item.strip()]


# Rotating the key (README, "Rotate the secret key"): the new one in SECRET_KEY, the old ones
# here until sessions and password-reset links signed with them have expired.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# HTTPS. TLS ends at a proxy (nginx, Caddy, a load balancer) which must set
# X-Forwarded-Proto; trust that header only when such a proxy is the sole way in
# (TRUST_X_FORWARDED_PROTO), or anyone could claim to be on HTTPS.
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Health checks come over plain HTTP from inside the compose network (no proxy).
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
# HSTS: browsers refuse plain HTTP to this host for this long. A year by default; start
# lower (.env.example says 3600) while trying HTTPS out, since it cannot be taken back early.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# Only a request to be listed: nothing happens until the domain is submitted to the list.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True

# Static files from gunicorn through whitenoise: hashed names cached for a year,
# gzip copies made by collectstatic (in the image build), no separate file server needed.
MIDDLEWARE = list(MIDDLEWARE)
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
                  "whitenoise.middleware.WhiteNoiseMiddleware")
STATIC_ROOT = Path(env("STATIC_ROOT", str(STATIC_ROOT)))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# One JSON object a line on stderr (web and worker), with request_id or task_id, and one
# access line per request from config.request_id.
LOGGING = copy.deepcopy(LOGGING)
if env("LOG_FORMAT", "json") == "json":
    LOGGING["handlers"]["console"]["formatter"] = "json"
LOGGING["loggers"]["dojo.access"]["level"] = env("ACCESS_LOG_LEVEL", "INFO")
