"""The Spanish pages of issue 5 on the official 2020 record: what each role sees and
does not see, filters and exports, the inbox and the review queue."""

import csv
import datetime
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from acuerdos import services, tablero
from acuerdos.models import Acuerdo
from compromisos.models import EstadoRevision, Estatus
from cuentas.models import RolUsuario
from instituciones.models import Institucion
from tests.factories import AcuerdoFactory, SesionFactory, UsuarioFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cache_limpia():
    cache.clear()
    yield
    cache.clear()


def _html(respuesta):
    assert respuesta.status_code == 200, respuesta.status_code
    return respuesta.content.decode()


def _numeros(respuesta_csv):
    filas = list(csv.reader(io.StringIO(respuesta_csv.content.decode("utf-8-sig"))))
    return filas[0], [int(fila[0]) for fila in filas[1:]]


# Tablero ------------------------------------------------------------------------------

def test_tablero_cuenta_el_registro_oficial(registro_2020):
    datos = tablero.tablero(hoy=datetime.date(2021, 1, 15))
    assert datos.total == 22
    assert datos.por_estatus == {"sin_iniciar": 0, "en_proceso": 7, "cumplido": 15, "sin_materia": 0}
    por_sesion = {s.numero: valores for s, valores in datos.por_sesion}
    assert por_sesion == {19: {"en_proceso": 1, "cumplido": 4}, 20: {"cumplido": 5},
                          21: {"en_proceso": 4, "cumplido": 4}, 22: {"en_proceso": 2, "cumplido": 2}}
    assert dict(datos.por_anio) == {2019: {"en_proceso": 1, "cumplido": 4}, 2020: {"en_proceso": 6, "cumplido": 11}}
    asistencia = {s.numero: valores for s, valores in datos.asistencia}
    assert asistencia[20] == {"integrante": 22, "coadyuvante": 5, "invitada_permanente": 2, "invitada": 12}
    assert asistencia[21] == {"integrante": 33, "invitada_permanente": 8, "invitada": 6}
    assert asistencia[22] == {"integrante": 34, "invitada_permanente": 12, "invitada": 4}
    assert 19 not in asistencia, "a session without recorded attendance is left out, not drawn as zero"


def test_semaforo_del_tablero_sigue_al_calendario(registro_2020):
    # Agreements 53 and 55 are due on 31 March 2021.
    antes = tablero.tablero(hoy=datetime.date(2021, 3, 20))
    assert antes.semaforo["proximo"] == 2 and antes.semaforo["vencido"] == 0
    assert [f.numero for f in antes.proximos] == [53, 55] and antes.proximos[0].dias == 11
    despues = tablero.tablero(hoy=datetime.date(2021, 4, 10))
    assert despues.semaforo["vencido"] == 2 and despues.semaforo["proximo"] == 0
    assert [f.numero for f in despues.vencidos] == [53, 55] and despues.vencidos[0].dias == 10
    lejos = tablero.tablero(hoy=datetime.date(2021, 1, 1))
    assert lejos.semaforo == {"vencido": 0, "proximo": 0, "a_tiempo": 2, "sin_plazo": 5}


def test_cumplimiento_por_institucion_cuenta_el_estatus_del_acuerdo_cerrado(registro_2020):
    datos = tablero.tablero(hoy=datetime.date(2021, 1, 15))
    filas = {f.siglas: f for f in datos.mejores + datos.peores}
    inmujeres = filas["INMUJERES"]
    # INMUJERES answers for 7 agreements; those coordination closed as "cumplido" count.
    cumplidos = Acuerdo.objects.filter(seguimientos__institucion__siglas="INMUJERES", estatus=Estatus.CUMPLIDO).count()
    assert inmujeres.cumplidos == cumplidos
    assert inmujeres.total == Acuerdo.objects.filter(seguimientos__institucion__siglas="INMUJERES").count()


def test_cifras_del_tablero_en_un_numero_fijo_de_consultas(registro_2020):
    with CaptureQueriesContext(connection) as consultas:
        tablero._calcular(datetime.date(2021, 1, 15))
    assert len(consultas) == 11


def test_tablero_se_guarda_en_cache_y_cambia_con_cualquier_escritura(registro_2020):
    hoy = datetime.date(2021, 1, 15)
    tablero.tablero(hoy=hoy)
    with CaptureQueriesContext(connection) as consultas:
        datos = tablero.tablero(hoy=hoy)
    assert len(consultas) == 1, "only the fingerprint is read when nothing changed"
    assert datos.por_estatus["cumplido"] == 15
    # A bulk update sends no signal; the history trigger still changes the fingerprint.
    Acuerdo.objects.filter(numero=37).update(estatus=Estatus.CUMPLIDO)
    assert tablero.tablero(hoy=hoy).por_estatus["cumplido"] == 16


@pytest.mark.parametrize("rol", ["coordinacion", "consulta", "enlace_propio"])
def test_pagina_del_tablero(client, registro_2020, request, rol):
    client.force_login(request.getfixturevalue(rol))
    html = _html(client.get(reverse("acuerdos:tablero")))
    assert "Tablero de seguimiento" in html
    for ident in ("grafica-sesion", "grafica-anio", "grafica-asistencia"):
        assert f'aria-labelledby="{ident}-t {ident}-d"' in html
    assert "Vigésima Primera Sesión Ordinaria" in html, "the numbers are also a table"
    assert "<svg" in html and "<script" not in html


def test_tablero_vacio(client, coordinacion):
    client.force_login(coordinacion)
    assert "Todavía no hay acuerdos registrados." in _html(client.get(reverse("acuerdos:tablero")))


def test_inicio_lleva_a_cada_rol_a_su_pagina(client, coordinacion, enlace_propio):
    client.force_login(coordinacion)
    assert client.get("/").url == reverse("acuerdos:tablero")
    client.force_login(enlace_propio)
    assert client.get("/").url == reverse("acuerdos:pendientes")


# Agreements list and export --------------------------------------------------------------

@pytest.mark.parametrize(("parametros", "esperados"), [
    ({"estatus": "en_proceso"}, [37, 45, 49, 50, 51, 53, 55]),
    ({"anio": "2019"}, [34, 35, 36, 37, 38]),
    ({"q": "electricidad"}, [46]),
    # Accent-insensitive both ways.
    ({"q": "comision federal"}, [46]),
    ({"q": "Comisión Federal de Electricidad", "estatus": "cumplido"}, [46]),
])
def test_filtros_de_la_lista(client, registro_2020, coordinacion, parametros, esperados):
    client.force_login(coordinacion)
    respuesta = client.get(reverse("acuerdos:lista"), parametros)
    assert [a.numero for a in respuesta.context["acuerdos"]] == esperados
    # The export downloads exactly the filtered set, in the same order.
    _encabezados, numeros = _numeros(client.get(reverse("acuerdos:exportar_csv"), parametros))
    assert numeros == esperados


def test_filtro_por_institucion_sesion_y_vencidos(client, registro_2020, coordinacion):
    client.force_login(coordinacion)
    conavim = Institucion.objects.get(siglas="CONAVIM")
    respuesta = client.get(reverse("acuerdos:lista"), {"institucion": conavim.pk})
    assert all(a.seguimientos.filter(institucion=conavim).exists() for a in respuesta.context["acuerdos"])
    sesion = Acuerdo.objects.get(numero=46).sesion
    respuesta = client.get(reverse("acuerdos:lista"), {"sesion": sesion.pk})
    assert [a.numero for a in respuesta.context["acuerdos"]] == list(range(44, 52))
    respuesta = client.get(reverse("acuerdos:lista"), {"vencidos": "on"})
    assert {a.numero for a in respuesta.context["acuerdos"]} == {
        a.numero for a in Acuerdo.objects.vencidos()
    }


def test_orden_y_paginacion_conservan_los_filtros(client, registro_2020, coordinacion):
    client.force_login(coordinacion)
    respuesta = client.get(reverse("acuerdos:lista"), {"orden": "-numero"})
    assert [a.numero for a in respuesta.context["acuerdos"]][:3] == [55, 54, 53]
    sesion = SesionFactory(numero=150, fecha=datetime.date(2021, 5, 1))
    AcuerdoFactory.create_batch(30, sesion=sesion, estatus=Estatus.EN_PROCESO)
    html = _html(client.get(reverse("acuerdos:lista"), {"estatus": "en_proceso"}))
    assert "Página 1 de 2" in html
    assert "?estatus=en_proceso&amp;page=2" in html
    assert 'href="/acuerdos/exportar.csv?estatus=en_proceso"' in html


def test_filtro_invalido_da_error_en_espanol_sin_fallar(client, registro_2020, coordinacion):
    client.force_login(coordinacion)
    html = _html(client.get(reverse("acuerdos:lista"), {"sesion": "999999", "estatus": "inventado"}))
    assert "opción válida" in html
    assert 'class="campo con-error"' in html


def test_lista_vacia_por_filtros(client, registro_2020, coordinacion):
    client.force_login(coordinacion)
    html = _html(client.get(reverse("acuerdos:lista"), {"q": "palabrainexistente"}))
    assert "Ningún acuerdo cumple los filtros elegidos." in html


def test_exportacion_xlsx_igual_a_la_csv(client, registro_2020, coordinacion):
    client.force_login(coordinacion)
    respuesta = client.get(reverse("acuerdos:exportar_xlsx"), {"estatus": "cumplido"})
    assert respuesta["Content-Type"].startswith("application/vnd.openxmlformats")
    assert respuesta["Content-Disposition"].startswith('attachment; filename="acuerdos-snimh-')
    hoja = load_workbook(io.BytesIO(respuesta.content)).active
    filas = list(hoja.iter_rows(values_only=True))
    encabezados, numeros = _numeros(client.get(reverse("acuerdos:exportar_csv"), {"estatus": "cumplido"}))
    assert list(filas[0]) == encabezados
    assert [fila[0] for fila in filas[1:]] == numeros and len(numeros) == 15
    fila_46 = next(f for f in filas if f[0] == 46)
    assert fila_46[1] == "46:30/09/2020" and fila_46[2] == "Vigésima Primera Sesión Ordinaria"
    assert fila_46[3] == datetime.datetime(2020, 9, 30) and fila_46[8] == "Cumplido"


# Agreement detail ----------------------------------------------------------------------------

def test_detalle_muestra_evidencias_solo_a_quien_puede_verlas(client, mundo):
    url = mundo.acuerdo.get_absolute_url()
    for rol in ("coordinacion", "consulta", "enlace_propio"):
        client.force_login(mundo.usuarios[rol])
        html = _html(client.get(url))
        assert "pronunciamiento.pdf" in html and "Falta la firma." in html
    client.force_login(mundo.usuarios["enlace_ajeno"])
    html = _html(client.get(url))
    assert "pronunciamiento.pdf" not in html and "Falta la firma." not in html
    assert "Institución Propia" in html, "who is responsible is not secret"


# Officer's inbox ----------------------------------------------------------------------------

def test_pendientes_del_enlace(client, mundo):
    client.force_login(mundo.usuarios["enlace_propio"])
    html = _html(client.get(reverse("acuerdos:pendientes")))
    assert "Falta la firma." in html
    assert reverse("acuerdos:reporte_nuevo", args=[mundo.propio.pk]) + f"?responde_a={mundo.observacion.pk}" in html
    assert reverse("acuerdos:evidencia_nueva", args=[mundo.propio.pk]) in html
    assert mundo.acuerdo.cita in html


def test_pendientes_no_muestran_lo_de_otra_institucion(client, mundo):
    client.force_login(mundo.usuarios["enlace_ajeno"])
    html = _html(client.get(reverse("acuerdos:pendientes")))
    assert "Falta la firma." not in html
    assert reverse("acuerdos:evidencia_nueva", args=[mundo.ajeno.pk]) in html
    assert reverse("acuerdos:evidencia_nueva", args=[mundo.propio.pk]) not in html
    assert "No tiene observaciones pendientes de respuesta." in html


def test_pendientes_excluyen_lo_cumplido_y_lo_cerrado(client, mundo):
    mundo.acuerdo.seguimientos.filter(pk=mundo.ajeno.pk).update(estatus=Estatus.CUMPLIDO)
    client.force_login(mundo.usuarios["enlace_ajeno"])
    html = _html(client.get(reverse("acuerdos:pendientes")))
    assert "Su institución no tiene acuerdos con acción pendiente." in html


# Review queue ----------------------------------------------------------------------------------

def test_cola_de_revision_mas_antiguo_primero(client, mundo):
    client.force_login(mundo.usuarios["coordinacion"])
    respuesta = client.get(reverse("acuerdos:revision"))
    elementos = respuesta.context["elementos"]
    assert [(e.tipo, e.objeto.pk) for e in elementos] == [("reporte", mundo.reporte.pk), ("evidencia", mundo.evidencia.pk)]
    html = respuesta.content.decode()
    assert "2 elementos en espera de revisión." in html
    assert 'name="siguiente" value="/revision/"' in html


def test_revisar_desde_la_cola_vuelve_a_la_cola(client, mundo):
    client.force_login(mundo.usuarios["coordinacion"])
    respuesta = client.post(reverse("acuerdos:evidencia_revisar", args=[mundo.evidencia.pk]),
                            {"decision": "aceptado", "siguiente": "/revision/"})
    assert respuesta.status_code == 302 and respuesta.url == "/revision/"
    mundo.evidencia.refresh_from_db()
    assert mundo.evidencia.estado_revision == EstadoRevision.ACEPTADO
    html = _html(client.get(reverse("acuerdos:revision")))
    assert "1 elemento en espera de revisión." in html


def test_revisar_no_redirige_fuera_del_sitio(client, mundo):
    client.force_login(mundo.usuarios["coordinacion"])
    respuesta = client.post(reverse("acuerdos:reporte_revisar", args=[mundo.reporte.pk]),
                            {"decision": "aceptado", "siguiente": "https://ejemplo.invalid/robo"})
    assert respuesta.url == mundo.propio.get_absolute_url()


def test_cola_vacia(client, coordinacion):
    client.force_login(coordinacion)
    html = _html(client.get(reverse("acuerdos:revision")))
    assert "No hay evidencias ni reportes en espera de revisión." in html


def test_menu_segun_el_rol(client, coordinacion, enlace_propio, consulta):
    client.force_login(enlace_propio)
    html = _html(client.get(reverse("transparencia:lista")))
    assert "Mis pendientes" in html and ">Revisión<" not in html and "Administración" not in html
    client.force_login(coordinacion)
    html = _html(client.get(reverse("transparencia:lista")))
    assert "Mis pendientes" not in html and ">Revisión<" in html and "Administración" in html
    client.force_login(consulta)
    html = _html(client.get(reverse("transparencia:lista")))
    assert "Mis pendientes" not in html and ">Revisión<" not in html and "Informe anual" in html


def test_enlace_sin_institucion_no_existe(db):
    # The inbox relies on it: the database refuses an officer without institution.
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        UsuarioFactory(rol=RolUsuario.ENLACE, institucion=None)


def test_linea_de_tiempo_larga_muestra_lo_reciente_y_ofrece_todo(client, mundo, monkeypatch):
    from acuerdos.views import AcuerdoDetailView

    monkeypatch.setattr(AcuerdoDetailView, "limite_linea_de_tiempo", 3)
    client.force_login(mundo.usuarios["coordinacion"])
    respuesta = client.get(mundo.acuerdo.get_absolute_url())
    total = respuesta.context["movimientos_totales"]
    assert total > 3
    assert len(respuesta.context["linea_de_tiempo"]) == 3
    assert f"Se muestran los 3 movimientos más recientes de {total}." in respuesta.content.decode()
    completa = client.get(mundo.acuerdo.get_absolute_url(), {"historial": "completo"})
    assert len(completa.context["linea_de_tiempo"]) == total


def test_linea_de_tiempo_en_cache_cambia_con_cada_escritura(client, mundo):
    from acuerdos import selectors

    coordinacion = mundo.usuarios["coordinacion"]
    antes = selectors.linea_de_tiempo(mundo.acuerdo, coordinacion)
    assert selectors.linea_de_tiempo(mundo.acuerdo, coordinacion) == antes
    services.observacion_crear(seguimiento=mundo.propio, autor=coordinacion, texto="Otra observación.")
    despues = selectors.linea_de_tiempo(mundo.acuerdo, coordinacion)
    assert len(despues) == len(antes) + 1
    # The other institution's officer has its own view of the same agreement.
    ajena = selectors.linea_de_tiempo(mundo.acuerdo, mundo.usuarios["enlace_ajeno"])
    assert not any("Otra observación." in str(c) for e in ajena for c in e.cambios)
