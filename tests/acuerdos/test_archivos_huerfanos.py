import os
import time
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def _envejecer(nombre, horas):
    ruta = default_storage.path(nombre)
    antes = time.time() - horas * 3600
    os.utime(ruta, (antes, antes))


def test_archivos_sin_registro_se_listan_y_eliminan(mundo):
    huerfano = default_storage.save("evidencias/2020/01/huerfano.pdf", ContentFile(b"%PDF-1.4 x %%EOF"))
    reciente = default_storage.save("evidencias/2020/01/reciente.pdf", ContentFile(b"%PDF-1.4 y %%EOF"))
    _envejecer(huerfano, 48)
    _envejecer(mundo.evidencia.archivo.name, 48)

    salida = StringIO()
    call_command("purge_orphan_files", stdout=salida)
    assert f"huérfano: {huerfano}" in salida.getvalue()
    assert reciente not in salida.getvalue()  # may still be an upload in flight
    assert default_storage.exists(huerfano)

    call_command("purge_orphan_files", "--delete", stdout=StringIO())
    assert not default_storage.exists(huerfano)
    assert default_storage.exists(reciente)
    assert default_storage.exists(mundo.evidencia.archivo.name)  # referenced: never touched
