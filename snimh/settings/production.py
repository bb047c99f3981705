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

# Load balancers probe /salud/ over plain HTTP on each app server; a redirect to
# HTTPS would mark every node as down.
SECURE_REDIRECT_EXEMPT = [r"^salud/$"]

# Behind nginx (and perhaps a load balancer) REMOTE_ADDR is the proxy's address.
# Each proxy appends the peer it saw to X-Forwarded-For, so the client is the
# entry that many places from the right; anything further left was written by the
# client and cannot be trusted. Used by the API throttling and by the log-in
# lockout, which would otherwise count every person as the proxy.
PROXIES_DE_CONFIANZA = env.int("TRUSTED_PROXY_COUNT", default=1)
REST_FRAMEWORK = {**REST_FRAMEWORK, "NUM_PROXIES": PROXIES_DE_CONFIANZA}  # noqa: F405


def _direccion_del_cliente(request):
    from rest_framework.throttling import BaseThrottle

    return BaseThrottle().get_ident(request)


AXES_CLIENT_IP_CALLABLE = _direccion_del_cliente
