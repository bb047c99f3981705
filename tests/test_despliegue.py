"""Production deployment: `check --deploy`, evidence downloads handed to nginx
(X-Accel-Redirect) after the permission check, and what the proxies in front change."""

import os
import re
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from compromisos.models import Evidencia
from tests import archivos

RAIZ = Path(settings.BASE_DIR)
PREFIJO = "/_evidencias_protegidas"


def _entorno_de_produccion(**extra):
    """A realistic production environment, and nothing inherited that could hide a gap
    (a developer's DEBUG, a stray variable)."""
    entorno = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "snimh.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "false",
        "ALLOWED_HOSTS": "snimh.inmujeres.gob.mx,testserver",
        "CSRF_TRUSTED_ORIGINS": "https://snimh.inmujeres.gob.mx",
        "DATABASE_URL": os.environ["DATABASE_URL"],
        "MEDIA_ROOT": "/srv/snimh/media",
        "STATIC_ROOT": "/srv/snimh/static",
        "EMAIL_URL": "smtp+tls://snimh:clave@correo.inmujeres.gob.mx:587",
        "DEFAULT_FROM_EMAIL": "snimh@inmujeres.gob.mx",
        "SNIMH_URL_BASE": "https://snimh.inmujeres.gob.mx",
        "SNIMH_X_ACCEL_REDIRECT_PREFIX": PREFIJO,
    }
    return {**entorno, **extra}


def _en_produccion(codigo, **extra):
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {codigo}"],
        env=_entorno_de_produccion(**extra), capture_output=True, text=True, cwd=RAIZ, timeout=120, check=False,
    )


def test_check_deploy_sin_advertencias():
    resultado = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=_entorno_de_produccion(), capture_output=True, text=True, cwd=RAIZ, timeout=120, check=False,
    )
    salida = resultado.stdout + resultado.stderr
    assert resultado.returncode == 0, salida
    assert "WARNINGS" not in salida and "ERRORS" not in salida
    assert "System check identified no issues" in salida


@pytest.mark.django_db
def test_salud_responde_por_http_y_lo_demas_se_redirige_a_https():
    # A load balancer probes each app server over plain HTTP; a redirect would mark it down.
    resultado = _en_produccion(
        "from django.test import Client; c = Client(); "
        "u = '/api/v1/transparencia/acuerdos/'; "
        "print(c.get('/salud/').status_code, c.get(u).status_code, "
        "c.get(u, headers={'X-Forwarded-Proto': 'https'}).status_code)",
        # The check's one query runs against the test database.
        DATABASE_URL=os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + settings.DATABASES["default"]["NAME"],
    )
    assert resultado.stdout.split() == ["200", "301", "200"], resultado.stderr


@pytest.mark.parametrize(("proxies", "esperada"), [("1", "203.0.113.7"), ("2", "198.51.100.4")])
def test_la_direccion_del_cliente_es_la_que_anoto_el_proxy(proxies, esperada):
    # The client wrote the first entry itself; nginx appended the address it saw.
    resultado = _en_produccion(
        "from django.test import RequestFactory; from axes.helpers import get_client_ip_address; "
        "from rest_framework.throttling import AnonRateThrottle; "
        "r = RequestFactory().get('/', REMOTE_ADDR='127.0.0.1', "
        "HTTP_X_FORWARDED_FOR='6.6.6.6, 198.51.100.4, 203.0.113.7'); "
        "print(get_client_ip_address(r), AnonRateThrottle().get_ident(r))",
        TRUSTED_PROXY_COUNT=proxies,
    )
    assert resultado.stdout.split() == [esperada, esperada], resultado.stderr


def test_gunicorn_acepta_su_configuracion():
    resultado = subprocess.run(
        [str(Path(sys.executable).parent / "gunicorn"), "--check-config", "--print-config",
         "--config", "deploy/gunicorn.conf.py", "snimh.wsgi:application"],
        env=_entorno_de_produccion(GUNICORN_WORKERS="3", GUNICORN_BIND="10.0.0.11:8000"),
        capture_output=True, text=True, cwd=RAIZ, timeout=120, check=False,
    )
    assert resultado.returncode == 0, resultado.stderr
    assert re.search(r"^workers\s*=\s*3$", resultado.stdout, re.M)
    assert re.search(r"^bind\s*=\s*\['10.0.0.11:8000'\]$", resultado.stdout, re.M)
    assert re.search(r"^max_requests_jitter\s*=\s*100$", resultado.stdout, re.M)


def test_nginx_acepta_cargas_legales_y_entrega_por_la_ubicacion_interna():
    conf = (RAIZ / "deploy/nginx/snimh.conf").read_text()
    limite_mb = int(re.search(r"^\s*client_max_body_size (\d+)m;", conf, re.M).group(1))
    # A legal 25 MB file plus the multipart envelope must reach Django's own check.
    assert limite_mb * 1024 * 1024 > settings.EVIDENCIA_TAMANO_MAXIMO * 1.1
    bloque = re.search(re.escape(f"location {PREFIJO}/ {{") + r"(.*?)\n    \}", conf, re.S).group(1)
    assert "internal;" in bloque
    assert 'add_header X-Content-Type-Options "nosniff" always;' in bloque
    assert 'add_header Content-Security-Policy "sandbox" always;' in bloque


@pytest.mark.skipif(not (shutil.which("nginx") and shutil.which("openssl")), reason="nginx u openssl no instalados")
def test_nginx_valida_la_configuracion(tmp_path):
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
         "-keyout", tmp_path / "privkey.pem", "-out", tmp_path / "fullchain.pem"],
        check=True, capture_output=True,
    )
    conf = (RAIZ / "deploy/nginx/snimh.conf").read_text()
    conf = conf.replace("/etc/ssl/snimh/", f"{tmp_path}/").replace("/var/log/nginx/", f"{tmp_path}/")
    (tmp_path / "snimh.conf").write_text(conf)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log; events {{}}\n"
        f"http {{ client_body_temp_path {tmp_path}/cuerpos; proxy_temp_path {tmp_path}/proxy; "
        f"include {tmp_path}/snimh.conf; }}\n"
    )
    resultado = subprocess.run(
        ["nginx", "-t", "-p", f"{tmp_path}/", "-c", f"{tmp_path}/nginx.conf"], capture_output=True, text=True, check=False,
    )
    assert resultado.returncode == 0, resultado.stderr
    assert "syntax is ok" in resultado.stderr


# X-Accel-Redirect ----------------------------------------------------------------------


@pytest.fixture
def con_nginx(settings):
    settings.SNIMH_X_ACCEL_REDIRECT_PREFIX = PREFIJO + "/"  # a trailing slash is tolerated
    return settings


def _url_web(evidencia):
    return reverse("acuerdos:evidencia_descargar", args=[evidencia.pk])


def _url_api(evidencia):
    return f"/api/v1/evidencias/{evidencia.pk}/archivo/"


@pytest.mark.parametrize("url", [_url_web, _url_api])
def test_con_x_accel_la_descarga_la_entrega_nginx(client, mundo, con_nginx, url):
    client.force_login(mundo.usuarios["consulta"])

    respuesta = client.get(url(mundo.evidencia))

    assert respuesta.status_code == 200
    assert respuesta.content == b""
    assert respuesta["X-Accel-Redirect"] == f"{PREFIJO}/{mundo.evidencia.archivo.name}"
    assert re.fullmatch(r"evidencias/\d{4}/\d{2}/[0-9a-f-]+\.pdf", mundo.evidencia.archivo.name)
    assert respuesta["Content-Type"] == "application/pdf"
    assert respuesta["Content-Disposition"] == 'attachment; filename="pronunciamiento.pdf"'
    assert respuesta["X-Content-Type-Options"] == "nosniff"
    assert respuesta["Content-Security-Policy"] == "sandbox"
    assert respuesta["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("url", [_url_web, _url_api])
def test_sin_permiso_no_hay_x_accel(client, mundo, con_nginx, url):
    client.force_login(mundo.usuarios["enlace_ajeno"])
    ajena = client.get(url(mundo.evidencia))
    assert ajena.status_code == 404
    assert "X-Accel-Redirect" not in ajena

    client.force_login(mundo.usuarios["sin_rol"])
    sin_rol = client.get(url(mundo.evidencia))
    assert sin_rol.status_code == 403
    assert "X-Accel-Redirect" not in sin_rol

    client.logout()
    anonima = client.get(url(mundo.evidencia))
    assert anonima.status_code in (302, 401)
    assert "X-Accel-Redirect" not in anonima


def test_nombres_con_caracteres_raros_van_codificados(client, mundo, con_nginx):
    # Storage names are generated, but a file restored or migrated by hand could
    # carry anything; nginx decodes the header, so it must be percent-encoded.
    nombre = default_storage.save("evidencias/2020/01/acta final ñ #1?v=2%.pdf", ContentFile(archivos.PDF))
    Evidencia.objects.filter(pk=mundo.evidencia.pk).update(archivo=nombre, nombre_original="Acta «final» ñ.pdf")
    client.force_login(mundo.usuarios["coordinacion"])

    respuesta = client.get(_url_web(mundo.evidencia))

    assert respuesta["X-Accel-Redirect"] == (
        f"{PREFIJO}/evidencias/2020/01/acta%20final%20%C3%B1%20%231%3Fv%3D2%25.pdf"
    )
    assert respuesta["Content-Disposition"] == (
        "attachment; filename*=utf-8''Acta%20%C2%ABfinal%C2%BB%20%C3%B1.pdf"
    )


def test_sin_prefijo_la_aplicacion_sigue_enviando_el_archivo(client, mundo, settings):
    settings.SNIMH_X_ACCEL_REDIRECT_PREFIX = ""
    client.force_login(mundo.usuarios["consulta"])

    respuesta = client.get(_url_web(mundo.evidencia))

    assert "X-Accel-Redirect" not in respuesta
    assert b"".join(respuesta.streaming_content) == archivos.PDF


def test_con_almacen_de_objetos_no_hay_x_accel(client, mundo, con_nginx):
    # nginx cannot read an S3 bucket: the file keeps streaming through the app.
    from django.core.files.storage import InMemoryStorage

    memoria = InMemoryStorage()
    nombre = memoria.save("evidencias/2020/01/en-s3.pdf", ContentFile(archivos.PDF))
    evidencia = Evidencia.objects.get(pk=mundo.evidencia.pk)
    evidencia.archivo.storage = memoria
    evidencia.archivo.name = nombre

    from acuerdos.archivos import respuesta_de_descarga

    respuesta = respuesta_de_descarga(evidencia)

    assert "X-Accel-Redirect" not in respuesta
    assert b"".join(respuesta.streaming_content) == archivos.PDF
    assert respuesta["Content-Security-Policy"] == "sandbox"
