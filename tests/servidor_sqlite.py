"""A throwaway app server on SQLite, as `make run` uses it, for tests/test_sqlite_local.py.

Run as a separate process (``python tests/servidor_sqlite.py FOLDER``): it builds the
schema in FOLDER/db.sqlite3, records a coordination account with an API token and one
agreement, starts Django's threaded WSGI server on a free port and prints one JSON line
with the port, the token and the agreement number.
"""

import json
import os
import sys
from pathlib import Path

carpeta = Path(sys.argv[1])
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.update({
    "DJANGO_SETTINGS_MODULE": "snimh.settings.local",
    "DATABASE_URL": f"sqlite:///{carpeta / 'db.sqlite3'}",
    "SNIMH_VAR_DIR": str(carpeta),
    "DEBUG": "false",
    "LOG_LEVEL": "ERROR",
})

import django  # noqa: E402
from django.conf import settings  # noqa: E402


class _SinMigraciones(dict):
    """Tables straight from the models (as pytest's --nomigrations): the locking under test
    does not depend on how the schema was built, and this takes seconds instead of half a minute."""

    def __contains__(self, app):
        return True

    def __getitem__(self, app):
        return None


settings.MIGRATION_MODULES = _SinMigraciones()
django.setup()

import datetime  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler, get_internal_wsgi_application  # noqa: E402

from acuerdos import services  # noqa: E402
from cuentas.models import RolUsuario, TokenAPI, Usuario  # noqa: E402
from sesiones.models import Sesion  # noqa: E402

call_command("migrate", run_syncdb=True, verbosity=0)
coordinacion = Usuario.objects.create_user("coordinacion", password="contraseña-de-prueba-larga",
                                           rol=RolUsuario.COORDINACION)
_token, clave = TokenAPI.emitir(usuario=coordinacion, nombre="concurrencia")
sesion = Sesion.objects.create(numero=23, tipo=Sesion.Tipo.ORDINARIA, fecha=datetime.date(2021, 4, 29),
                               estado=Sesion.Estado.CELEBRADA)
acuerdo = services.acuerdo_crear(sesion=sesion, numero=56, texto="Acuerdo para la prueba de concurrencia.")


class _Silencioso(WSGIRequestHandler):
    def log_message(self, *args):
        pass


servidor = ThreadedWSGIServer(("127.0.0.1", 0), _Silencioso)
servidor.set_app(get_internal_wsgi_application())
print(json.dumps({"puerto": servidor.server_address[1], "clave": clave, "numero": acuerdo.numero}), flush=True)
servidor.serve_forever()
