"""Settings shared by every environment.

Everything that differs between machines is read from the environment (12-factor),
through the single reader ``env`` below. See ``.env.example`` for the full list.
"""

from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A local .env file is a convenience for developers; real deployments set the
# variables in the service manager, so a missing file is not an error.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# Generated files (SQLite database, uploaded files, test artefacts) live under
# var/, which is ignored by git.
VAR_DIR = Path(env.str("SNIMH_VAR_DIR", default=str(BASE_DIR / "var")))

SECRET_KEY = env.str("SECRET_KEY")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # The admin site asks snimh/permisos.py who may enter (snimh/admin.py).
    "snimh.apps.SnimhAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "pgtrigger",
    "pghistory",
    "axes",
    "corsheaders",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    # Swagger UI as static files of the project: no CDN inside government networks.
    "drf_spectacular_sidecar",
    # Content-Security-Policy header, with per-request nonces for the few inline scripts.
    "csp",
    # Background jobs: Django 6's task framework (backport) and its database backend.
    "django_tasks",
    "django_tasks_db",
    "cuentas",
    "instituciones",
    "sesiones",
    "compromisos",
    "programas",
    "acuerdos",
    "informes",
    "avisos",
    "transparencia",
    "cuestionarios",
    "recomendaciones",
    "sinteticos",
    "trabajos",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF, the first to read request.POST (see snimh/uploads.py).
    "snimh.uploads.NombresDeArchivoMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Attaches the signed-in user and URL to every history event of the request.
    "snimh.middleware.HistorialMiddleware",
    # Must be last: turns repeated failed log-ins into a lockout page.
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy on every response (django-csp): only the site's own scripts,
# styles, images, fonts and connections; nothing inline unless it carries the request's
# nonce (the API viewers' start-up code); no <object>; the site may not be framed and
# forms post only to it. data: images are allowed for the icons the Swagger UI and the
# admin embed in their style sheets. Evidence downloads keep their stricter "sandbox".
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}

ROOT_URLCONF = "snimh.urls"
WSGI_APPLICATION = "snimh.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "snimh.context_processors.permisos_de_la_cuenta",
                "instituciones.context_processors.coordinacion",
            ],
            # Available in every template without {% load %}, PDFs and e-mails included.
            "builtins": ["snimh.templatetags.fechas", "snimh.templatetags.texto", "compromisos.templatetags.estatus"],
        },
    },
]

# With no DATABASE_URL the app runs on an embedded SQLite file so that `make run`
# works on a machine with nothing but Python. Production and the test suite use
# PostgreSQL (see snimh/settings/test.py).
DATABASES = {
    "default": env.db_url(
        "DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'snimh.sqlite3'}"
    )
}
# Every request runs in one transaction: a view that fails half-way leaves nothing
# half-saved. Services also open their own atomic blocks for use outside requests.
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite allows one writer at a time. By default a transaction takes the write lock
    # only when it first writes, and a second transaction that read first then fails at
    # once with "database is locked" (a 500). Taking the lock when the transaction
    # begins (IMMEDIATE), and waiting up to `timeout` seconds for it, queues concurrent
    # requests instead: the second of two simultaneous status changes then reads the
    # first one's result and is refused as a stale edit (409), as on PostgreSQL.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 20, "transaction_mode": "IMMEDIATE"})

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "cuentas.Usuario"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "es-mx"
LANGUAGES = [("es-mx", _("Español (México)"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Mexico_City"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]

# Uploaded files (designation letters, minutes, later evidence) are private: they
# are stored outside any public URL and only ever served by views that check
# permissions, so there is deliberately no MEDIA_URL route. Swapping the backend
# for an S3-compatible store is a settings change (django-storages), not a code one.
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
FILE_STORAGE_BACKEND = env.str(
    "FILE_STORAGE_BACKEND", default="django.core.files.storage.FileSystemStorage"
)
if FILE_STORAGE_BACKEND.endswith("S3Storage"):
    # An S3-compatible object store (AWS, MinIO, Ceph…) through django-storages.
    # Objects are private and served by the permission-checking views, never by
    # a public bucket URL.
    _OPCIONES_ARCHIVOS = {
        "bucket_name": env.str("S3_BUCKET"),
        "endpoint_url": env.str("S3_ENDPOINT_URL", default=None),
        "region_name": env.str("S3_REGION", default=None),
        "access_key": env.str("S3_ACCESS_KEY", default=None),
        "secret_key": env.str("S3_SECRET_KEY", default=None),
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
    }
else:
    _OPCIONES_ARCHIVOS = {"location": str(MEDIA_ROOT), "base_url": None}
STORAGES = {
    "default": {"BACKEND": FILE_STORAGE_BACKEND, "OPTIONS": _OPCIONES_ARCHIVOS},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750
# Behind nginx, evidence downloads can be handed to it after the permission check
# (X-Accel-Redirect to an `internal` location aliased to MEDIA_ROOT, deploy/nginx/);
# empty: the application streams the file itself. Ignored with an object store.
SNIMH_X_ACCEL_REDIRECT_PREFIX = env.str("SNIMH_X_ACCEL_REDIRECT_PREFIX", default="")

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="snimh@inmujeres.gob.mx")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

AUTHENTICATION_BACKENDS = [
    # Refuses authentication while an account/address is locked out.
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, with the e-mail accepted in place of the user name.
    "cuentas.backends.CorreoOUsuarioBackend",
]
LOGIN_URL = "cuentas:entrar"
LOGIN_REDIRECT_URL = "inicio"
LOGOUT_REDIRECT_URL = "cuentas:entrar"

# Sessions end after inactivity: every request pushes the expiry forward.
# The dashboard's aggregates are cached under a key derived from the data's
# fingerprint (compromisos/selectors.py), so a per-process cache is already correct;
# a shared one (redis://, dbcache://) only saves work across app servers.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

# Invitations: coordination invites people by e-mail; the link to set their own
# password works once, and for this many days after it was (last) sent.
INVITACION_DIAS = env.int("INVITACION_DIAS", default=7)

SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "snimh.views.csrf_failure"

# Lockout after repeated failed log-ins (django-axes), per user name and address so
# that one attacker cannot lock everybody out.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Failures count against the account, whether its e-mail or its user name was typed.
AXES_USERNAME_CALLABLE = "cuentas.backends.identificador_para_bloqueo"
AXES_LOCKOUT_TEMPLATE = "registration/bloqueo.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Keep a log of failed log-ins for audit, besides the counters that lock out.
AXES_ENABLE_ACCESS_FAILURE_LOG = True

# History: every insert, update and delete of the tracked tables is written by
# database triggers (django-pghistory), including bulk updates and raw SQL.

# Evidence uploads -----------------------------------------------------------
EVIDENCIA_TAMANO_MAXIMO = env.int("EVIDENCIA_TAMANO_MAXIMO_MB", default=25) * 1024 * 1024
# ZIP containers (also DOCX/XLSX/ODT/ODS) are inspected before anything is opened.
EVIDENCIA_ZIP_MAX_ENTRADAS = env.int("EVIDENCIA_ZIP_MAX_ENTRADAS", default=1000)
EVIDENCIA_ZIP_MAX_DESCOMPRIMIDO = env.int("EVIDENCIA_ZIP_MAX_DESCOMPRIMIDO_MB", default=200) * 1024 * 1024
EVIDENCIA_ZIP_MAX_PROPORCION = env.int("EVIDENCIA_ZIP_MAX_PROPORCION", default=100)
# Import of the historical record (/importar/, import_record): the file and its rows.
IMPORTACION_TAMANO_MAXIMO = env.int("IMPORTACION_TAMANO_MAXIMO_MB", default=5) * 1024 * 1024
IMPORTACION_MAX_FILAS = env.int("IMPORTACION_MAX_FILAS", default=5000)
FILE_UPLOAD_HANDLERS = [
    # First in the chain: counts bytes and drops a file past the limit while it
    # streams, before Django holds it in memory or on disk.
    "snimh.uploads.LimiteTamanoUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint logs each layout step of each page at INFO: dozens of lines per report;
    # pikepdf announces its logging bridge at INFO when it is imported.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}, "pikepdf": {"level": "WARNING"}},
}

import pghistory  # noqa: E402

PGHISTORY_DEFAULT_TRACKERS = (pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())

# REST API ---------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # First, so that a missing token answers 401 with WWW-Authenticate.
        "cuentas.api.TokenAPIAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["snimh.api.EsInterno"],
    # JSON only: the browsable API would answer errors with HTML pages.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "snimh.uploads.ParserMultipartAPI",
    ],
    "DEFAULT_PAGINATION_CLASS": "snimh.api.Paginacion",
    "DEFAULT_FILTER_BACKENDS": [
        "snimh.api.FiltrosAPI",
        "rest_framework.filters.OrderingFilter",
    ],
    "ORDERING_PARAM": "orden",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_LIMITE_ANONIMO", default="60/min"),
        "user": env.str("API_LIMITE_USUARIO", default="600/min"),
    },
    "EXCEPTION_HANDLER": "snimh.api.manejador_de_errores",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DATETIME_FORMAT": "iso-8601",
    "COERCE_DECIMAL_TO_STRING": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API del Seguimiento de acuerdos del SNIMH",
    "DESCRIPTION": (
        "API REST del sistema en el que la coordinación del SNIMH da seguimiento a los "
        "acuerdos del Sistema Nacional para la Igualdad entre Mujeres y Hombres. Las operaciones "
        "internas requieren una sesión o un token emitido por la coordinación "
        "(`Authorization: Token <clave>`); las de `/api/v1/transparencia/` son públicas. Los errores "
        "se responden en JSON con un `codigo` estable y un `mensaje` en español."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "snimh.api.documentar_errores",
    ],
    "ENUM_NAME_OVERRIDES": {
        "EstatusEnum": "compromisos.models.Estatus",
        "RolEnum": "instituciones.models.Rol",
        "EstadoRevisionEnum": "compromisos.models.EstadoRevision",
        "GrupoEnum": "compromisos.models.Grupo",
        "TipoSesionEnum": "sesiones.models.TipoSesion",
        "EstadoSesionEnum": "sesiones.models.EstadoSesion",
        "OrigenEnum": "compromisos.models.OrigenResponsabilidad",
        "TipoRepresentanteEnum": "instituciones.models.TipoRepresentante",
        "TipoPreguntaEnum": "cuestionarios.models.TipoPregunta",
        "EstadoEdicionEnum": "cuestionarios.models.EstadoEdicion",
        "EstadoRespuestaEnum": "cuestionarios.models.EstadoRespuesta",
        "ReglaInstitucionesEnum": "cuestionarios.models.ReglaInstituciones",
    },
}
# The licence under which the open data is published (transparency site, its files).
DATOS_LICENCIA_NOMBRE = env.str("DATOS_LICENCIA_NOMBRE", default="Términos de Libre Uso MX")
DATOS_LICENCIA_URL = env.str("DATOS_LICENCIA_URL", default="https://www.datos.gob.mx/libreusomx")

# Cross-origin reads are closed unless origins are listed explicitly.
CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
CORS_URLS_REGEX = r"^/api/v1/transparencia/.*$"
CORS_ALLOW_METHODS = ["GET", "OPTIONS"]

# Reminders (send_reminders) ------------------------------------------------------
# Days before a deadline at which officers are reminded, and the weekday (0 = Monday)
# of the overdue and coordination weekly digests.
AVISOS_DIAS_ANTES = [int(d) for d in env.list("AVISOS_DIAS_ANTES", default=["15", "3"])]
AVISOS_DIA_RESUMEN = env.int("AVISOS_DIA_RESUMEN", default=0)
# Absolute links in e-mails.
SNIMH_URL_BASE = env.str("SNIMH_URL_BASE", default="http://127.0.0.1:8000")

# Background jobs (trabajos) ---------------------------------------------------------
# The queue is a table of this same database (django-tasks' database backend): no other
# server. `python manage.py run_worker` runs the jobs; see README, "Background jobs".
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# A running job's worker renews its heartbeat this often; a job without one for
# TRABAJOS_SIN_SENAL_SEGUNDOS is taken for dead (its worker was killed) and marked failed.
TRABAJOS_LATIDO_SEGUNDOS = env.int("TRABAJOS_LATIDO_SEGUNDOS", default=15)
TRABAJOS_SIN_SENAL_SEGUNDOS = env.int("TRABAJOS_SIN_SENAL_SEGUNDOS", default=180)
# Results (PDFs, exports) and inputs (import files) are kept this many days, then deleted.
TRABAJOS_DIAS_RESULTADOS = env.int("TRABAJOS_DIAS_RESULTADOS", default=30)
# The periodic schedule, in Mexico City time (trabajos/periodicos.py); a run missed while
# no worker was up is caught up if it is at most this many hours old.
TRABAJOS_REVISION_SEGUNDOS = env.int("TRABAJOS_REVISION_SEGUNDOS", default=30)
TRABAJOS_RECUPERAR_HORAS = env.int("TRABAJOS_RECUPERAR_HORAS", default=12)
TRABAJOS_HORA_RECORDATORIOS = env.str("TRABAJOS_HORA_RECORDATORIOS", default="07:00")
TRABAJOS_HORA_RESPALDO = env.str("TRABAJOS_HORA_RESPALDO", default="02:30")
TRABAJOS_HORA_MANTENIMIENTO = env.str("TRABAJOS_HORA_MANTENIMIENTO", default="03:00")
TRABAJOS_HORA_ARCHIVOS_HUERFANOS = env.str("TRABAJOS_HORA_ARCHIVOS_HUERFANOS", default="03:30")
# The nightly backup (scripts/backup.sh) runs on the queue when a destination is set.
SNIMH_RESPALDO_DESTINO = env.str("SNIMH_RESPALDO_DESTINO", default="")
SNIMH_RESPALDO_CONSERVAR = env.int("SNIMH_RESPALDO_CONSERVAR", default=14)

# Domain settings -----------------------------------------------------------

# Quorum: share of the institutions that are *integrantes* on the session date
# that must attend with a designation letter signed by their head (Reglas para la
# Organización y Funcionamiento del SNIMH, 2020). "Mitad más uno" is the rule the
# Reglas state for valid sessions; kept as a setting so that a rule change does
# not need a code change.
SNIMH_QUORUM_FRACCION = env.float("SNIMH_QUORUM_FRACCION", default=0.5)
