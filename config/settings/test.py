"""pytest: the real services, on their own database and Redis database."""

from .base import *  # noqa: F403
from .base import CACHES, DATABASES, env

SECRET_KEY = env("SECRET_KEY", "") or "test-only-not-secret"
DEBUG = False
DATABASES["default"]["TEST"] = {"NAME": env("TEST_DATABASE_NAME", "test_dojo")}
CELERY_BROKER_URL = env("CELERY_BROKER_URL", "redis://127.0.0.1:6379/15")
CACHES["default"]["LOCATION"] = env("CACHE_URL", "redis://127.0.0.1:6379/13")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
