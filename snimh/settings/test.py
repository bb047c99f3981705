"""Test settings: the suite runs on PostgreSQL, like production.

`make test` provides DATABASE_URL (starting the machine's PostgreSQL when needed);
running pytest by hand needs it exported too.
"""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-not-a-secret")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
    raise RuntimeError(
        "The test suite runs on PostgreSQL: use `make test`, or export "
        "DATABASE_URL=postgres://USER:PASSWORD@HOST:PORT/NAME first."
    )

from .base import *  # noqa: E402,F403
from .base import STORAGES  # noqa: E402

# A fast hasher: the suite creates many users and password hashing is not what
# it tests.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# A worker process started by a test (tests/trabajos/test_dos_trabajadores.py) is handed the
# test's own folder, so the files its jobs write are the ones the test looks at.
MEDIA_ROOT = os.environ.get("SNIMH_TEST_MEDIA_ROOT") or tempfile.mkdtemp(prefix="snimh-test-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="snimh-test-static-")
STORAGES = {
    **STORAGES,
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT, "base_url": None},
    },
    # The manifest needs collectstatic; tests render templates without it.
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SNIMH_LOCAL_MODE = False
# Throttling is tested on its own (tests/test_api_errores.py); elsewhere it must
# not turn a long test run into 429s.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"anon": "100000/min", "user": "100000/min"},
}
