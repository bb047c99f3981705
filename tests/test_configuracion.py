"""Settings come from the environment; storage and rules are swappable without code changes."""

import os
import subprocess
import sys

from django.conf import settings

from snimh.checks import texto_libre_sin_html


def _django(codigo, **entorno):
    variables = {
        **os.environ, "DJANGO_SETTINGS_MODULE": "snimh.settings.production", "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "snimh.example", **entorno,
    }
    resultado = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {codigo}"],
        env=variables, capture_output=True, text=True, cwd=settings.BASE_DIR, check=False,
    )
    return resultado


def test_almacenamiento_s3_compatible_por_variables_de_entorno():
    resultado = _django(
        "from django.core.files.storage import storages; s = storages['default']; "
        "print(type(s).__name__, s.bucket_name, s.endpoint_url, s.default_acl)",
        FILE_STORAGE_BACKEND="storages.backends.s3.S3Storage", S3_BUCKET="snimh-evidencias",
        S3_ENDPOINT_URL="http://127.0.0.1:9000",
    )
    assert resultado.stdout.split() == ["S3Storage", "snimh-evidencias", "http://127.0.0.1:9000", "private"], resultado.stderr


def test_produccion_exige_clave_secreta_y_rechaza_debug():
    sin_clave = _django("print('arrancó')", SECRET_KEY="")
    assert sin_clave.returncode != 0 and "SECRET_KEY" in sin_clave.stderr
    corta = _django("print('arrancó')", SECRET_KEY="corta")
    assert corta.returncode != 0
    con_debug = _django("print('arrancó')", DEBUG="true")
    assert con_debug.returncode != 0 and "DEBUG must be false" in con_debug.stderr


def test_todo_campo_de_texto_libre_rechaza_marcado():
    assert texto_libre_sin_html() == []
