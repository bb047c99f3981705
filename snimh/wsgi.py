"""WSGI entry point (gunicorn snimh.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "snimh.settings.production")

application = get_wsgi_application()
