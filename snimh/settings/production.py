"""Production: every secret and host comes from the environment; nothing defaults."""

from .base import *  # noqa: F403
from .base import env

if DEBUG:  # noqa: F405
    raise RuntimeError("DEBUG must be false in production settings.")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith(("local-", "test-")):  # noqa: F405
    raise RuntimeError("SECRET_KEY must be set to a random value of at least 50 characters in production.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SNIMH_LOCAL_MODE = False
