"""Local development: `make run`. SQLite under var/ unless DATABASE_URL is set."""

import os

# A throwaway key is acceptable only here: local mode never serves real data.
os.environ.setdefault("SECRET_KEY", "local-development-only-not-a-secret")
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")

from .base import *  # noqa: E402,F403
from .base import STATIC_ROOT, VAR_DIR  # noqa: E402

VAR_DIR.mkdir(parents=True, exist_ok=True)
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
SNIMH_LOCAL_MODE = True
