"""The number of SQL queries of every list endpoint does not grow with the number of rows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from acuerdos.models import Acuerdo, Objetivo, Programa
from compromisos.models import CambioEstatus, Evidencia, GrupoResponsable, Observacion, Reporte, Seguimiento
from instituciones.models import Institucion, Participacion, Representante, UnidadIgualdadGenero
from sesiones.models import Sesion

pytestmark = pytest.mark.django_db

LISTAS = [
    "api:institucion-list", "api:sesion-list", "api:acuerdo-list", "api:seguimiento-list", "api:reporte-list",
    "api:evidencia-list", "api:observacion-list", "api:programa-list", "api:transparencia-acuerdo-list",
]


def poblar(n, inicio, autor):
    """``n`` rows of every listed kind, bulk-inserted."""
    instituciones = Institucion.objects.bulk_create(
        Institucion(nombre=f"Institución {inicio + i}", siglas=f"I{inicio + i}", naturaleza="secretaria_estado")
        for i in range(n))
    Participacion.objects.bulk_create(
        Participacion(institucion=inst, rol="integrante", desde=datetime.date(2019, 1, 1)) for inst in instituciones)
    Representante.objects.bulk_create(
        Representante(institucion=inst, tipo="titular", nombre="Persona", cargo="Titular",
                      vigente_desde=datetime.date(2019, 1, 1)) for inst in instituciones)
    UnidadIgualdadGenero.objects.bulk_create(UnidadIgualdadGenero(institucion=inst) for inst in instituciones)
    # Session numbers stay within the ordinals the documents can write (1–999).
    sesiones = Sesion.objects.bulk_create(
        Sesion(numero=inicio // 100 + i, fecha=datetime.date(2019, 1, 1), estado="celebrada") for i in range(n))
    acuerdos = Acuerdo.objects.bulk_create(
        Acuerdo(numero=inicio + i, sesion=sesiones[i], texto=f"Acuerdo {i}", plazo_fecha=datetime.date(2020, 1, 1),
                estatus="en_proceso") for i in range(n))
    GrupoResponsable.objects.bulk_create(GrupoResponsable(acuerdo=a, grupo="integrante") for a in acuerdos)
    CambioEstatus.objects.bulk_create(
        CambioEstatus(acuerdo=a, anterior="", nuevo="en_proceso", fecha=datetime.date(2019, 1, 1), motivo="Alta")
        for a in acuerdos)
    programas = Programa.objects.bulk_create(Programa(clave=f"P{inicio + i}", nombre=f"P {i}") for i in range(n))
    objetivos = Objetivo.objects.bulk_create(Objetivo(programa=p, numero=1, texto="Objetivo") for p in programas)
    Acuerdo.objetivos.through.objects.bulk_create(
        Acuerdo.objetivos.through(acuerdo=a, objetivo=o) for a, o in zip(acuerdos, objetivos, strict=True))
    seguimientos = Seguimiento.objects.bulk_create(
        Seguimiento(acuerdo=a, institucion=inst) for a, inst in zip(acuerdos, instituciones, strict=True))
    Reporte.objects.bulk_create(Reporte(seguimiento=s, texto="Avance", autor=autor) for s in seguimientos)
    observaciones = Observacion.objects.bulk_create(
        Observacion(seguimiento=s, texto="Observación", autor=autor) for s in seguimientos)
    Evidencia.objects.bulk_create(
        Evidencia(seguimiento=s, archivo=f"evidencias/x{s.pk}.pdf", nombre_original="x.pdf", formato="pdf",
                  tamano=10, sha256="0" * 64, subida_por=autor, responde_a=o)
        for s, o in zip(seguimientos, observaciones, strict=True))


def _consultas(cliente, ruta):
    with CaptureQueriesContext(connection) as capturadas:
        respuesta = cliente.get(reverse(ruta), {"tamano": 100})
    assert respuesta.status_code == 200
    return len(capturadas), respuesta.json()["count"]


@pytest.mark.parametrize("ruta", LISTAS)
def test_consultas_constantes_de_10_a_500_filas(ruta, coordinacion):
    cliente = APIClient()
    cliente.force_authenticate(coordinacion)
    poblar(10, 10_000, coordinacion)  # sessions 100–109
    con_10, filas_10 = _consultas(cliente, ruta)
    poblar(490, 20_000, coordinacion)  # sessions 200–689
    con_500, filas_500 = _consultas(cliente, ruta)
    assert (filas_10, filas_500) == (10, 500)
    assert con_10 == con_500, f"{ruta}: {con_10} queries at 10 rows, {con_500} at 500"
