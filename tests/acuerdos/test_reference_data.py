"""The official 2020 record is the oracle: the loader must reproduce what the report says."""

import datetime
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from acuerdos.models import Acuerdo
from acuerdos.reference_data import load_reference_data
from compromisos.models import CambioEstatus, Estatus
from instituciones.models import Institucion, Rol
from sesiones.models import Sesion

pytestmark = pytest.mark.django_db

D = datetime.date

ANEXO_I = {
    # numero: (session ordinal as the annex writes it, citation, status)
    34: ("Décimo Novena", "34:22/11/2019", "cumplido"),
    35: ("Décimo Novena", "35:22/11/2019", "cumplido"),
    36: ("Décimo Novena", "36:22/11/2019", "cumplido"),
    37: ("Décimo Novena", "37:22/11/2019", "en_proceso"),
    38: ("Décimo Novena", "38:22/11/2019", "cumplido"),
    39: ("Vigésima", "39:24/04/2020", "cumplido"),
    40: ("Vigésima", "40:24/04/2020", "cumplido"),
    41: ("Vigésima", "41:24/04/2020", "cumplido"),
    42: ("Vigésima", "42:24/04/2020", "cumplido"),
    43: ("Vigésima", "43:24/04/2020", "cumplido"),
    44: ("Vigésima Primera", "44:30/09/2020", "cumplido"),
    45: ("Vigésima Primera", "45:30/09/2020", "en_proceso"),
    46: ("Vigésima Primera", "46:30/09/2020", "cumplido"),
    47: ("Vigésima Primera", "47:30/09/2020", "cumplido"),
    48: ("Vigésima Primera", "48:30/09/2020", "cumplido"),
    49: ("Vigésima Primera", "49:30/09/2020", "en_proceso"),
    50: ("Vigésima Primera", "50:30/09/2020", "en_proceso"),
    51: ("Vigésima Primera", "51:30/09/2020", "en_proceso"),
    52: ("Vigésima Segunda", "52:9/12/2020", "cumplido"),
    53: ("Vigésima Segunda", "53:9/12/2020", "en_proceso"),
    54: ("Vigésima Segunda", "54:9/12/2020", "cumplido"),
    55: ("Vigésima Segunda", "55:9/12/2020", "en_proceso"),
}


def _snapshot():
    """Every row of every domain table, to prove a second load changes nothing."""
    filas = {}
    for app in ("instituciones", "sesiones", "acuerdos"):
        for modelo in apps.get_app_config(app).get_models():
            filas[modelo._meta.label] = sorted(map(repr, modelo.objects.values_list()))
    return filas


def test_reproduce_el_anexo_i(registro_2020):
    acuerdos = Acuerdo.objects.select_related("sesion").order_by("numero")
    assert [(a.numero, (a.sesion.ordinal, a.cita, a.estatus)) for a in acuerdos] == list(ANEXO_I.items())
    assert acuerdos.count() == 22
    assert acuerdos.filter(estatus=Estatus.CUMPLIDO).count() == 15
    assert acuerdos.filter(estatus=Estatus.EN_PROCESO).count() == 7


def test_textos_exactos_de_algunos_acuerdos(registro_2020):
    assert Acuerdo.objects.get(numero=38).texto == (
        "La Vigésima Sesión Ordinaria del Sistema Nacional para la Igualdad entre Mujeres y "
        "Hombres se programará durante el primer trimestre del 2020."
    )
    assert Acuerdo.objects.get(numero=54).texto.startswith(
        "Las instituciones participantes en el Sistema acuerdan la incorporación de Petróleos Mexicanos (PEMEX)"
    )


def test_sesiones_y_totales_de_asistencia(registro_2020):
    sesiones = {s.numero: s for s in Sesion.objects.all()}
    assert sorted(sesiones) == [19, 20, 21, 22]
    assert [sesiones[n].fecha for n in (19, 20, 21, 22)] == [
        D(2019, 11, 22), D(2020, 4, 24), D(2020, 9, 30), D(2020, 12, 9)
    ]
    assert sesiones[20].asistencia_por_rol() == {
        Rol.INTEGRANTE: 22, Rol.INVITADA_PERMANENTE: 2, Rol.INVITADA: 12, Rol.COADYUVANTE: 5,
    }
    assert sesiones[21].asistencia_por_rol() == {Rol.INTEGRANTE: 33, Rol.INVITADA_PERMANENTE: 8, Rol.INVITADA: 6}
    assert sesiones[22].asistencia_por_rol() == {Rol.INTEGRANTE: 34, Rol.INVITADA_PERMANENTE: 12, Rol.INVITADA: 4}
    for numero in (20, 21, 22):
        assert sesiones[numero].modalidad == Sesion.Modalidad.VIRTUAL
        assert [p.nombre for p in sesiones[numero].presidium.all()] == [
            "Nadine Flora Gasman Zylbermann", "Patricia Estela Uribe Zúñiga"
        ]
    assert [p.titulo for p in sesiones[20].orden_del_dia.all()][-1] == "Lectura y aprobación de acuerdos"
    assert sesiones[21].orden_del_dia.count() == 6
    assert [s.titulo for s in Sesion.objects.order_by("numero")] == [
        "Décimo Novena Sesión Ordinaria", "Vigésima Sesión Ordinaria",
        "Vigésima Primera Sesión Ordinaria", "Vigésima Segunda Sesión Ordinaria",
    ]


def test_rol_en_fecha_otorgado_por_acuerdo(registro_2020):
    conavim = Institucion.objects.get(siglas="CONAVIM")
    assert conavim.rol_en(D(2020, 12, 9)) == Rol.INVITADA_PERMANENTE
    assert conavim.rol_en(D(2020, 4, 24)) is None
    assert conavim.participacion_en(D(2020, 12, 9)).acuerdo.numero == 46
    for siglas in ("PEMEX", "INAFED"):
        institucion = Institucion.objects.get(siglas=siglas)
        assert institucion.rol_en(D(2020, 12, 8)) is None
        assert institucion.participacion_en(D(2020, 12, 9)).acuerdo.cita == "54:9/12/2020"
    assert set(
        Institucion.objects.con_rol_en(Rol.INVITADA_PERMANENTE, D(2020, 12, 31)).values_list("siglas", flat=True)
    ) == {"CFE", "INDESOL", "CONAVIM", "CONADE", "PEMEX", "INAFED"}


def test_historial_de_estatus_explica_el_estatus_reportado(registro_2020):
    for acuerdo in Acuerdo.objects.all():
        historial = list(acuerdo.historial_estatus.del_acuerdo().values_list("anterior", "nuevo"))
        assert historial == [("", Estatus.SIN_INICIAR), (Estatus.SIN_INICIAR, acuerdo.estatus)]


def test_cargar_dos_veces_no_cambia_nada(registro_2020):
    antes = _snapshot()
    segunda = load_reference_data()
    assert segunda.sin_cambios
    assert _snapshot() == antes


def test_la_carga_respeta_lo_que_coordinacion_cambio_y_update_lo_restablece(registro_2020):
    from acuerdos import services

    acuerdo = Acuerdo.objects.get(numero=45)
    services.acuerdo_cambiar_estatus(acuerdo=acuerdo, estatus=Estatus.CUMPLIDO, fecha=D(2021, 2, 1), motivo="Cumplido")
    load_reference_data()
    assert Acuerdo.objects.get(numero=45).estatus == Estatus.CUMPLIDO
    load_reference_data(update=True)
    assert Acuerdo.objects.get(numero=45).estatus == Estatus.EN_PROCESO
    assert CambioEstatus.objects.filter(acuerdo=acuerdo).count() == 4


def test_comando(db):
    salida = StringIO()
    call_command("load_reference_data", stdout=salida)
    assert "creados: 22 acuerdos" in salida.getvalue()
    salida = StringIO()
    call_command("load_reference_data", stdout=salida)
    assert salida.getvalue().strip() == "Registro de referencia ya cargado: sin cambios."


def test_quorum_de_las_sesiones_2020(registro_2020):
    sesiones = {s.numero: s for s in Sesion.objects.all()}
    vigesima_primera = sesiones[21].quorum()
    assert (vigesima_primera.integrantes, vigesima_primera.presentes, vigesima_primera.requeridas) == (34, 33, 18)
    assert vigesima_primera.hay_quorum is True
    assert sesiones[22].quorum().hay_quorum is True
    # The report does not say how many integrantes there were before the 2020 Reglas.
    assert sesiones[20].quorum().hay_quorum is None
