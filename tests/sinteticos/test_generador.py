"""The synthetic record (generate_synthetic_data): deterministic, within every rule of the
models and the database, with real files in storage; and the pages the benchmark drives
run the same number of SQL queries whatever the size of the record."""

import contextlib
import dataclasses
import datetime
import hashlib
import io
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import Count, Max
from django.test import Client
from django.test.utils import CaptureQueriesContext

from acuerdos.models import Acuerdo, AlineacionAcuerdo, Objetivo, Programa, RevisionEnSesion
from compromisos.models import (
    CambioEstatus,
    EstadoRevision,
    Evidencia,
    GrupoResponsable,
    Observacion,
    Reporte,
    Seguimiento,
)
from cuentas.models import RolUsuario, TokenAPI
from instituciones.models import Institucion, Participacion, Representante, UnidadIgualdadGenero
from sesiones.models import Asistencia, PersonaPresidium, PuntoOrdenDia, Sesion
from sinteticos import generador as sinteticos
from snimh import uploads

# A fixed cut-off: the record must not depend on the day the suite runs.
CORTE = datetime.date(2025, 6, 30)
PEQUENO = sinteticos.Parametros(hasta=CORTE, anios=2, acuerdos=40, instituciones=12, evidencias=60, semilla=7)


@contextlib.contextmanager
def generado(parametros):
    """The record generated inside a transaction that is always rolled back."""
    with transaction.atomic():
        yield sinteticos.generar(parametros)
        transaction.set_rollback(True)


def volcado():
    """Every generated row by its natural keys (primary keys come from sequences and differ)."""
    Usuario = get_user_model()
    consultas = {
        "instituciones": Institucion.objects.values_list("nombre", "siglas", "naturaleza", "sector", "activa"),
        "uig": UnidadIgualdadGenero.objects.values_list(
            "institucion__nombre", "titular", "correo", "telefono", "formalmente_constituida", "instrumento_creacion"),
        "participaciones": Participacion.objects.values_list(
            "institucion__nombre", "rol", "desde", "hasta", "acuerdo__numero", "fundamento"),
        "representantes": Representante.objects.values_list(
            "institucion__nombre", "tipo", "nombre", "numero_oficio", "fecha_oficio", "vigente_desde", "vigente_hasta"),
        "usuarios": Usuario.objects.values_list(
            "username", "rol", "institucion__nombre", "first_name", "last_name", "email", "password", "date_joined",
            "is_staff"),
        "sesiones": Sesion.objects.values_list("tipo", "numero", "fecha", "estado", "modalidad", "resumen"),
        "presidium": PersonaPresidium.objects.values_list("sesion__tipo", "sesion__numero", "orden", "nombre", "cargo"),
        "orden_del_dia": PuntoOrdenDia.objects.values_list("sesion__tipo", "sesion__numero", "numero", "titulo",
                                                           "resumen"),
        "asistencia": Asistencia.objects.values_list("sesion__tipo", "sesion__numero", "institucion__nombre", "rol",
                                                     "representante"),
        "programas": Programa.objects.values_list("clave", "nombre"),
        "objetivos": Objetivo.objects.values_list("programa__clave", "numero", "texto"),
        "acuerdos": Acuerdo.objects.values_list(
            "numero", "sesion__tipo", "sesion__numero", "texto", "plazo_fecha", "plazo_texto", "meta",
            "responsables_texto", "estatus", "creado", "actualizado"),
        "alineaciones": AlineacionAcuerdo.objects.values_list("acuerdo__numero", "objetivo__numero"),
        "grupos": GrupoResponsable.objects.values_list("compromiso__acuerdo__numero", "grupo"),
        "seguimientos": Seguimiento.objects.values_list("compromiso__acuerdo__numero", "institucion__nombre", "origen", "estatus",
                                                        "actualizado"),
        "historial": CambioEstatus.objects.values_list("compromiso__acuerdo__numero", "anterior", "nuevo", "fecha", "motivo",
                                                       "usuario__username", "registrado"),
        "reportes": Reporte.objects.values_list(
            "seguimiento__compromiso__acuerdo__numero", "seguimiento__institucion__nombre", "fecha", "texto", "autor__username",
            "creado", "estado_revision", "revisado_por__username", "revisado_en", "responde_a__creada"),
        "evidencias": Evidencia.objects.values_list(
            "seguimiento__compromiso__acuerdo__numero", "seguimiento__institucion__nombre", "nombre_original", "formato", "tamano",
            "sha256", "descripcion", "subida_por__username", "subida_en", "estado_revision", "revisada_en", "retirada",
            "retirada_en", "motivo_retiro", "responde_a__creada"),
        "observaciones": Observacion.objects.values_list(
            "seguimiento__compromiso__acuerdo__numero", "seguimiento__institucion__nombre", "texto", "autor__username", "creada",
            "evidencia__sha256", "reporte__creado"),
        "revisiones": RevisionEnSesion.objects.values_list("sesion__tipo", "sesion__numero", "acuerdo__numero",
                                                           "estatus", "dias_vencido", "revisado"),
    }
    return {nombre: sorted(consulta, key=repr) for nombre, consulta in consultas.items()}


# Determinism -----------------------------------------------------------------------


def test_la_misma_semilla_da_el_mismo_registro(db):
    with generado(PEQUENO):
        primero = volcado()
    with generado(PEQUENO):
        segundo = volcado()
    for tabla, filas in primero.items():
        assert filas, f"sin filas de {tabla}"
        assert filas == segundo[tabla], f"{tabla} cambió entre dos corridas con la misma semilla"
    with generado(dataclasses.replace(PEQUENO, semilla=8)):
        otra = volcado()
    assert otra["acuerdos"] != primero["acuerdos"]


# Sizes, rules and files -----------------------------------------------------------


@pytest.fixture
def registro(db):
    return sinteticos.generar(PEQUENO)


def test_genera_los_tamanos_pedidos(registro):
    assert Acuerdo.objects.count() == 40
    assert Institucion.objects.count() == 12
    assert Evidencia.objects.count() == 60
    assert list(Acuerdo.objects.values_list("numero", flat=True)) == list(range(1, 41))
    assert {s.fecha.year for s in Sesion.objects.all()} == {2024, 2025}
    for anio in (2024, 2025):
        ordinarias = Sesion.objects.filter(fecha__year=anio, tipo=Sesion.Tipo.ORDINARIA).count()
        assert ordinarias in (3, 4)
        assert Sesion.objects.filter(fecha__year=anio, tipo=Sesion.Tipo.EXTRAORDINARIA).count() <= 1
    assert not Acuerdo.objects.annotate(n=Count("seguimientos")).filter(n=0).exists()
    assert not Sesion.objects.celebradas().annotate(n=Count("asistencias")).filter(n=0).exists()
    assert Reporte.objects.exists() and Observacion.objects.exists() and CambioEstatus.objects.exists()
    assert registro.acuerdo_mas_responsables is not None
    assert sinteticos.registrados() == PEQUENO.descripcion()


def test_cada_fila_cumple_las_reglas_de_su_modelo(registro):
    """full_clean() runs every field validator, clean() and constraint (unique, CHECK,
    the exclusion constraints over periods) on each generated row."""
    errores = []
    modelos = [Institucion, UnidadIgualdadGenero, Participacion, Representante, get_user_model(), Sesion,
               PersonaPresidium, PuntoOrdenDia, Asistencia, Programa, Objetivo, Acuerdo, AlineacionAcuerdo,
               GrupoResponsable, Seguimiento, CambioEstatus, Reporte, Evidencia, Observacion, RevisionEnSesion]
    for modelo in modelos:
        for objeto in modelo.objects.all():
            try:
                objeto.full_clean()
            except Exception as error:  # noqa: BLE001 -- every failure is listed below
                errores.append(f"{modelo.__name__} {objeto.pk}: {error}")
    assert not errores, "\n".join(errores[:20])


def test_nada_queda_fechado_despues_del_corte(registro):
    limite = datetime.datetime(2025, 6, 30, 23, 59, tzinfo=ZoneInfo(settings.TIME_ZONE))
    assert not Sesion.objects.celebradas().filter(fecha__gt=CORTE).exists()
    assert not Sesion.objects.filter(fecha__gt=CORTE).exclude(estado=Sesion.Estado.PROGRAMADA).exists()
    fechas = [
        CambioEstatus.objects.aggregate(m=Max("fecha"))["m"], Reporte.objects.aggregate(m=Max("fecha"))["m"],
    ]
    assert all(f <= CORTE for f in fechas)
    momentos = [
        Acuerdo.objects.aggregate(m=Max("creado"))["m"], Acuerdo.objects.aggregate(m=Max("actualizado"))["m"],
        Reporte.objects.aggregate(m=Max("creado"))["m"], Reporte.objects.aggregate(m=Max("revisado_en"))["m"],
        Evidencia.objects.aggregate(m=Max("subida_en"))["m"], Evidencia.objects.aggregate(m=Max("revisada_en"))["m"],
        Observacion.objects.aggregate(m=Max("creada"))["m"], CambioEstatus.objects.aggregate(m=Max("registrado"))["m"],
    ]
    assert all(m is None or m <= limite for m in momentos)


def test_historial_de_estatus_en_orden_y_termina_en_el_estatus_actual(registro):
    for acuerdo in Acuerdo.objects.select_related("sesion").prefetch_related("historial_estatus"):
        cambios = sorted(acuerdo.historial_estatus.all(), key=lambda c: (c.fecha, c.registrado, c.pk))
        assert cambios[0].anterior == "" and cambios[0].fecha == acuerdo.sesion.fecha
        for previo, siguiente in zip(cambios, cambios[1:], strict=False):
            assert siguiente.anterior == previo.nuevo and siguiente.fecha >= previo.fecha
        assert cambios[-1].nuevo == acuerdo.estatus
        if acuerdo.plazo_fecha:
            assert acuerdo.plazo_fecha >= acuerdo.sesion.fecha


def test_asistencia_con_el_rol_de_ese_dia(registro):
    for asistencia in Asistencia.objects.select_related("sesion", "institucion"):
        assert asistencia.institucion.rol_en(asistencia.sesion.fecha) == asistencia.rol


def test_cuentas_de_cada_rol_con_la_contrasena_documentada(registro):
    Usuario = get_user_model()
    for rol in RolUsuario.values:
        assert Usuario.objects.filter(rol=rol, username__startswith=sinteticos.PREFIJO_USUARIO).exists(), rol
    assert not Usuario.objects.filter(rol=RolUsuario.ENLACE, institucion__isnull=True).exists()
    assert not Usuario.objects.exclude(rol=RolUsuario.ENLACE).filter(institucion__isnull=False).exists()
    assert all(u.is_staff for u in Usuario.objects.filter(rol=RolUsuario.COORDINACION))
    assert all(u.check_password(sinteticos.CONTRASENA) for u in Usuario.objects.all())


def test_devoluciones_con_observacion_y_respuestas_posteriores(registro):
    for reporte in Reporte.objects.filter(estado_revision=EstadoRevision.DEVUELTO):
        assert reporte.observaciones.exists()
    for evidencia in Evidencia.objects.filter(estado_revision=EstadoRevision.DEVUELTO):
        assert evidencia.observaciones.exists()
    respuestas = [*Reporte.objects.filter(responde_a__isnull=False).select_related("responde_a"),
                  *Evidencia.objects.filter(responde_a__isnull=False).select_related("responde_a")]
    for respuesta in respuestas:
        assert respuesta.seguimiento_id == respuesta.responde_a.seguimiento_id
        momento = respuesta.creado if isinstance(respuesta, Reporte) else respuesta.subida_en
        assert momento > respuesta.responde_a.creada


def test_archivos_en_el_almacenamiento_con_su_sha256(registro):
    evidencias = list(Evidencia.objects.all())
    assert len({e.archivo.name for e in evidencias}) == len(evidencias)
    for evidencia in evidencias:
        assert evidencia.archivo.name.startswith("evidencias/")
        assert evidencia.archivo.name.endswith(f".{evidencia.formato}")
        with default_storage.open(evidencia.archivo.name, "rb") as archivo:
            datos = archivo.read()
        assert len(datos) == evidencia.tamano
        assert hashlib.sha256(datos).hexdigest() == evidencia.sha256


@pytest.mark.parametrize("formato", [
    "pdf", "png", "jpg", "csv", "zip",
    "docx", "xlsx",
])
def test_los_archivos_generados_pasan_la_inspeccion_de_evidencias(formato):
    cuando = datetime.datetime(2024, 3, 5, 10, 30, tzinfo=ZoneInfo(settings.TIME_ZONE))
    filas = [("INMUJERES", "Capacitacion", "2024-03-05", 40), ("SHCP", "Difusion", "2024-03-06", 12)]
    datos = sinteticos.contenido_de_evidencia(formato, "SNIMH - Acuerdo 7 - prueba", filas, cuando)
    resultado = uploads.inspeccionar(SimpleUploadedFile(f"evidencia.{formato}", datos))
    assert resultado.formato == formato


# The command -------------------------------------------------------------------------

ARGUMENTOS = ["--years", "2", "--acuerdos", "40", "--institutions", "12", "--evidence", "60", "--seed", "7",
              "--hasta", "2025-06-30"]


def test_la_orden_no_genera_dos_veces(db):
    salida = io.StringIO()
    call_command("generate_synthetic_data", *ARGUMENTOS, stdout=salida)
    assert "generados en" in salida.getvalue()
    with pytest.raises(CommandError, match="ya tiene datos sintéticos.*--reuse"):
        call_command("generate_synthetic_data", *ARGUMENTOS, stdout=io.StringIO())
    salida = io.StringIO()
    call_command("generate_synthetic_data", *ARGUMENTOS, "--reuse", stdout=salida)
    assert "Se conservan los datos sintéticos" in salida.getvalue()
    with pytest.raises(CommandError, match="ya tiene datos sintéticos"):
        call_command("generate_synthetic_data", *ARGUMENTOS[:-4], "--seed", "8", "--hasta", "2025-06-30", "--reuse",
                     stdout=io.StringIO())
    assert Acuerdo.objects.count() == 40


@pytest.mark.parametrize("argumentos, mensaje", [
    (["--acuerdos", "0"], "al menos 1"),
    (["--hasta", "2999-01-01"], "no puede ser futura"),
    (["--hasta", "ayer"], "Fecha no válida"),
])
def test_la_orden_rechaza_parametros_invalidos(db, argumentos, mensaje):
    with pytest.raises(CommandError, match=mensaje):
        call_command("generate_synthetic_data", "--evidence", "0", *argumentos, stdout=io.StringIO())
    assert not Acuerdo.objects.exists()


# Query counts constant in the size of the record ----------------------------------

TAMANOS = {
    "chico": sinteticos.Parametros(hasta=CORTE, anios=2, acuerdos=30, instituciones=12, evidencias=60, semilla=3),
    "grande": sinteticos.Parametros(hasta=CORTE, anios=4, acuerdos=120, instituciones=40, evidencias=400, semilla=3),
}
PUNTOS = ["salud", "tablero", "lista_buscada", "lista_filtrada", "detalle", "institucion", "sesion", "pendientes",
          "transparencia", "api_lista", "api_detalle", "exportar_csv", "exportar_xlsx", "descarga"]


def _pedir(cliente, url, **encabezados):
    respuesta = cliente.get(url, **encabezados)
    if respuesta.streaming:
        # Read to the end: the test client closes the response (and its file) then.
        b"".join(respuesta.streaming_content)
    return respuesta


def _medir_todo():
    """``{clave: SimpleNamespace(estado, frio, tibio, url)}``: queries of the first request
    after clearing the cache (cold) and of the next one (warm), for each page."""
    medicion = sinteticos.puntos_de_medicion()
    Usuario = get_user_model()
    clientes = {"anonimo": Client(), "coordinacion": Client(), "enlace": Client(), "token": Client()}
    clientes["coordinacion"].force_login(Usuario.objects.get(username=medicion.coordinacion))
    clientes["enlace"].force_login(Usuario.objects.get(username=medicion.enlace))
    _token, clave = TokenAPI.emitir(usuario=Usuario.objects.get(username=medicion.coordinacion), nombre="Pruebas")
    resultados = {}
    for punto in medicion.puntos:
        encabezados = {"HTTP_AUTHORIZATION": f"Token {clave}"} if punto.como == "token" else {}
        cliente = clientes[punto.como]
        try:
            cache.clear()
            with CaptureQueriesContext(connection) as frio:
                respuesta = _pedir(cliente, punto.url, **encabezados)
            with CaptureQueriesContext(connection) as tibio:
                _pedir(cliente, punto.url, **encabezados)
        except Exception as error:  # noqa: BLE001 -- reported by the test of that page
            resultados[punto.clave] = error
        else:
            resultados[punto.clave] = SimpleNamespace(estado=respuesta.status_code, frio=len(frio), tibio=len(tibio),
                                                      url=punto.url)
    return resultados


@pytest.fixture(scope="module")
def consultas_por_tamano(django_db_setup, django_db_blocker):
    """Both records generated once for the whole module, each rolled back after measuring."""
    resultados = {}
    with django_db_blocker.unblock():
        for nombre, parametros in TAMANOS.items():
            with generado(parametros):
                resultados[nombre] = _medir_todo()
    return resultados


# The marker makes pytest-django create the test database even when only these run.
@pytest.mark.django_db
@pytest.mark.parametrize("clave", PUNTOS)
def test_consultas_constantes_en_el_tamano_del_registro(clave, consultas_por_tamano):
    chico, grande = consultas_por_tamano["chico"].get(clave), consultas_por_tamano["grande"].get(clave)
    for medida in (chico, grande):
        if isinstance(medida, Exception):
            pytest.fail(f"{clave}: {medida!r}")
    assert chico.estado == grande.estado == 200, (chico.url, chico.estado, grande.url, grande.estado)
    assert (chico.frio, chico.tibio) == (grande.frio, grande.tibio), (
        f"{clave}: {chico.frio}/{chico.tibio} consultas (en frío/en caliente) con {TAMANOS['chico'].acuerdos} "
        f"acuerdos, {grande.frio}/{grande.tibio} con {TAMANOS['grande'].acuerdos}"
    )


def test_la_busqueda_usa_el_indice_de_texto(registro):
    with connection.cursor() as cursor:
        # The record was bulk-inserted: without statistics the planner's choice would depend
        # on whether autovacuum happened to analyse the tables first.
        cursor.execute("ANALYZE compromisos_compromiso, acuerdos_acuerdo")
        cursor.execute("SET LOCAL enable_seqscan = off")
    # Unordered: the model orders by number, and that index could serve the sort instead.
    plan = Acuerdo.objects.buscar("cuidados").order_by().explain()
    assert "compromiso_texto_busqueda_idx" in plan, plan
