"""The two reference questionnaires arrive with the official record (`load_reference_data`,
which `make run` runs), ready to open an edition, with their 2020 editions holding the
published figures; the app's migration runs forward on a populated database."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from acuerdos.models import Acuerdo
from cuestionarios.models import Cuestionario, Edicion, Pregunta, ResultadoPublicado, TipoPregunta

pytestmark = pytest.mark.django_db


def test_load_reference_data_carga_los_dos_cuestionarios(db):
    salida = StringIO()
    call_command("load_reference_data", stdout=salida)
    texto = salida.getvalue()
    assert "creados: 22 acuerdos" in texto and "creados: 2 cuestionarios" in texto
    assert "creados: 17 resultados publicados" in texto and "creados: 2 ediciones de cuestionarios" in texto
    uig = Cuestionario.objects.get(clave="diagnostico-uig")
    protocolo = Cuestionario.objects.get(clave="protocolo-cuarto-transitorio")
    assert [s.titulo for s in uig.secciones.order_by("orden")] == [
        "Datos de contacto", "Reglas: institucionalización de la unidad", "Redes: enlaces de género y vinculación",
        "Recursos: personal y presupuesto", "Cuidados y corresponsabilidad"]
    assert [s.titulo[:2] for s in protocolo.secciones.order_by("orden")] == ["a)", "b)", "c)", "d)", "Pe"]
    # Every type the Protocol's report asks for: the pronouncement, its date, the head's signature,
    # the channels, the call and how many personas consejeras were designated, certified, elected.
    tipos = {p.numero: p.tipo for p in protocolo.preguntas()}
    assert (tipos["1.1"], tipos["1.2"], tipos["1.3"], tipos["1.4"], tipos["1.5"]) == (
        TipoPregunta.SI_NO, TipoPregunta.FECHA, TipoPregunta.SI_NO, TipoPregunta.OPCION_MULTIPLE, TipoPregunta.ARCHIVO)
    assert {tipos[n] for n in ("2.3", "2.4", "2.5")} == {TipoPregunta.NUMERO}
    assert Pregunta.objects.get(seccion__cuestionario=protocolo, texto__startswith="De ellas, ¿cuántas fueron electas"
                                ).proporcion_de.numero == "2.3"
    # Personal data is flagged.
    assert {p.numero for p in protocolo.preguntas() if p.datos_personales} == {"5.1", "5.2"}
    assert {p.numero for p in uig.preguntas() if p.datos_personales} == {"1.1", "1.2", "4.2", "4.3", "4.4", "5.2"}
    for cuestionario, n in ((uig, 11), (protocolo, 6)):
        edicion = Edicion.objects.get(cuestionario=cuestionario, nombre="2020")
        assert edicion.historica and edicion.publicada and edicion.resultados_publicados.count() == n
        assert not cuestionario.estructura_bloqueada()  # ready for coordination to adjust and open 2021
    # Loading again changes nothing.
    salida = StringIO()
    call_command("load_reference_data", stdout=salida)
    assert salida.getvalue().strip() == "Registro de referencia ya cargado: sin cambios."
    assert ResultadoPublicado.objects.count() == 17


def test_la_migracion_corre_sobre_una_base_con_registro(registro_2020):
    acuerdos = Acuerdo.objects.count()
    ejecutor = MigrationExecutor(connection)
    ejecutor.migrate([("cuestionarios", None)])
    ejecutor = MigrationExecutor(connection)
    ejecutor.migrate([("cuestionarios", "0001_cuestionarios")])
    assert Acuerdo.objects.count() == acuerdos == 22
    call_command("load_reference_data", stdout=StringIO())
    assert Cuestionario.objects.count() == 2
