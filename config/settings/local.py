"""Developer machine: `make run`. Insecure defaults are fine only on loopback."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env("DEBUG", "1") not in {"0", "false", "False"}
SECRET_KEY = env("SECRET_KEY", "") or "local-development-only-not-secret"
