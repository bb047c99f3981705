"""The PDF «Informe semestral de avance del PROIGUALDAD», overall and per institution."""

import datetime
import subprocess

import pytest
from django.urls import reverse

from cuentas.models import RolUsuario
from programas import services
from tests.factories import UsuarioFactory
from tests.programas.conftest import construir_programa

pytestmark = pytest.mark.django_db
HOY = datetime.date.today()
SEMESTRE = 1 if HOY.month <= 6 else 2


def _texto(pdf, tmp_path):
    ruta = tmp_path / "informe.pdf"
    ruta.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(ruta), "-"], capture_output=True, text=True, check=True).stdout


def test_informe_general_y_por_institucion(client, tmp_path):
    p = construir_programa(objetivos=2, estrategias=1, lineas=2)
    coordinacion = UsuarioFactory(rol=RolUsuario.COORDINACION)
    institucion = p.lineas[0].seguimientos.first().institucion
    services.recomendaciones_componer(institucion=institucion, anio=HOY.year, semestre=SEMESTRE, fecha=HOY,
                                      usuario=coordinacion,
                                      recomendaciones=[{"linea": p.lineas[0], "texto": "Recomendación de prueba."}])
    client.force_login(coordinacion)
    url = reverse("programas:informe_semestral", args=[p.programa.clave, HOY.year, SEMESTRE])
    respuesta = client.get(url)
    assert respuesta.status_code == 200 and respuesta["Content-Type"] == "application/pdf"
    texto = " ".join(_texto(respuesta.content, tmp_path).split())
    assert "Informe anual" not in texto
    assert "Informe semestral de avance del PROIGUALDAD" in texto
    assert "1. Objetivo de" in texto and "Recomendación de prueba." in texto
    # 2 objectives × 2 lines × 2 implementing institutions: 4 records per objective, none started.
    assert "Objetivo 1 4 4 Objetivo 2 4 4" in texto
    assert "En el semestre se recibieron 0 reportes de avance" in texto
    assert "Matriz predeterminada del sistema, no oficial." in texto
    # Per institution: its officer may download its own, not another's nor the overall one.
    enlace = UsuarioFactory(rol=RolUsuario.ENLACE, institucion=institucion)
    client.force_login(enlace)
    propio = client.get(url, {"institucion": institucion.pk})
    assert propio.status_code == 200
    assert institucion.nombre in " ".join(_texto(propio.content, tmp_path).split())
    otra = next(i for i in p.instituciones if i.pk != institucion.pk)
    assert client.get(url, {"institucion": otra.pk}).status_code == 403
    assert client.get(url).status_code == 403
    assert client.get(reverse("programas:informe_semestral", args=[p.programa.clave, HOY.year, 3])).status_code == 404
