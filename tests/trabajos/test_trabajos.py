"""Background jobs: asked for from the pages, run by the queue's worker, followed by their
progress, their results kept and downloaded; the annual report's PDF served from storage
while the history fingerprint does not change."""

import datetime
import os
import re
import subprocess
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from acuerdos import services as servicios_acuerdos
from acuerdos.models import Acuerdo
from compromisos import services as motor
from compromisos.models import Estatus
from informes.models import TextoInforme
from sesiones.models import Sesion
from sesiones.services import sesion_actualizar
from tests.factories import AcuerdoFactory, SesionFactory
from tests.trabajos.trabajador import ejecutar_pendientes, plantillas_renderizadas
from trabajos import periodicos, services
from trabajos.models import EstadoTrabajo, TipoTrabajo, Trabajo

pytestmark = pytest.mark.django_db

PLANTILLA_PDF = "pdf/informe_anual.html"


def _pdf_a_texto(contenido, tmp_path):
    ruta = tmp_path / "informe.pdf"
    ruta.write_bytes(contenido)
    return subprocess.run(["pdftotext", str(ruta), "-"], capture_output=True, text=True, check=True).stdout


def _descargar(client, trabajo):
    respuesta = client.get(reverse("trabajos:descargar", args=[trabajo.pk]))
    assert respuesta.status_code == 200, respuesta.status_code
    return b"".join(respuesta.streaming_content), respuesta


@pytest.fixture
def usuarios(coordinacion, consulta, enlace_propio, enlace_ajeno, sin_rol):
    """One account per role (the roles of tests/conftest.py)."""
    return {"coordinacion": coordinacion, "consulta": consulta, "enlace_propio": enlace_propio,
            "enlace_ajeno": enlace_ajeno, "sin_rol": sin_rol}


@pytest.fixture
def con_coordinacion(client, registro_2020, coordinacion):
    client.force_login(coordinacion)
    return client


# The annual report -------------------------------------------------------------------

def test_pedir_el_pdf_responde_sin_generarlo(con_coordinacion):
    with plantillas_renderizadas() as plantillas:
        respuesta = con_coordinacion.post(reverse("informes:pdf", args=[2020]))
    trabajo = Trabajo.objects.get()
    assert respuesta.status_code == 302 and respuesta["Location"] == trabajo.get_absolute_url()
    # The request queued the job and did not render the report: it is waiting for a worker.
    assert PLANTILLA_PDF not in plantillas
    assert trabajo.estado == EstadoTrabajo.EN_COLA and not trabajo.resultado
    assert DBTaskResult.objects.ready().filter(task_path="trabajos.tareas.ejecutar_trabajo").count() == 1
    pagina = con_coordinacion.get(trabajo.get_absolute_url()).content.decode()
    assert "En espera" in pagina and "Informe anual 2020 (PDF)" in pagina
    # Without JavaScript the page refreshes itself; with it, the static script polls the JSON.
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in pagina
    assert "js/trabajo.js" in pagina and "<script>" not in pagina
    estado = con_coordinacion.get(reverse("trabajos:estado", args=[trabajo.pk])).json()
    assert estado["estado"] == "en_cola" and estado["concluido"] is False and estado["descarga"] is None


def test_el_trabajo_avanza_paso_a_paso_y_su_pdf_se_descarga(con_coordinacion, tmp_path):
    con_coordinacion.post(reverse("informes:pdf", args=[2020]))
    with CaptureQueriesContext(connection) as consultas:
        ejecutar_pendientes()
    # Each phase was written to the record as it started: 0, 1, 2, 3, 4 of 5, then done.
    pasos = [int(p) for c in consultas.captured_queries if 'UPDATE "trabajos_trabajo"' in c["sql"]
             for p in re.findall(r'"pasos_hechos" = (\d+)', c["sql"])]
    # (the layout phase writes once per page laid out, so phase 2 repeats)
    fases = [p for i, p in enumerate(pasos) if i == 0 or p != pasos[i - 1]]
    assert fases == [0, 1, 2, 3, 4, 5], pasos
    assert any("Maquetando las páginas (página 10)" in c["sql"] for c in consultas.captured_queries)
    trabajo = Trabajo.objects.get()
    assert trabajo.estado == EstadoTrabajo.TERMINADO and (trabajo.pasos_hechos, trabajo.pasos_totales) == (5, 5)
    assert trabajo.ejecuciones == 1 and trabajo.trabajador and trabajo.iniciado <= trabajo.terminado
    assert re.fullmatch(r"\d+ páginas", trabajo.resumen)
    assert re.fullmatch(r"trabajos/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", trabajo.resultado.name)
    contenido, respuesta = _descargar(con_coordinacion, trabajo)
    assert respuesta["Content-Type"] == "application/pdf"
    assert respuesta["Content-Disposition"] == 'attachment; filename="informe-snimh-2020.pdf"'
    assert respuesta["X-Content-Type-Options"] == "nosniff"
    texto = _pdf_a_texto(contenido, tmp_path)
    assert "Anexo I. Seguimiento a los acuerdos" in texto and "VIGÉSIMA SEGUNDA SESIÓN ORDINARIA" in texto
    pagina = con_coordinacion.get(trabajo.get_absolute_url()).content.decode()
    assert "Terminado" in pagina and "Descargar informe-snimh-2020.pdf" in pagina and "refresh" not in pagina
    estado = con_coordinacion.get(reverse("trabajos:estado", args=[trabajo.pk])).json()
    assert estado["concluido"] and estado["porcentaje"] == 100 and estado["avance"] == "5 de 5 pasos"
    assert estado["descarga"] == reverse("trabajos:descargar", args=[trabajo.pk])


def test_con_los_mismos_datos_el_pdf_sale_del_almacen_sin_generarse(con_coordinacion, consulta):
    con_coordinacion.post(reverse("informes:pdf", args=[2020]))
    ejecutar_pendientes()
    guardado = Trabajo.objects.get()
    with plantillas_renderizadas() as plantillas, CaptureQueriesContext(connection) as consultas:
        respuesta = con_coordinacion.get(reverse("informes:pdf", args=[2020]))
    assert PLANTILLA_PDF not in plantillas and plantillas == []
    # Besides the session, the account and the request's savepoints, serving it costs two
    # queries: the history fingerprint and the job that kept the file under that key.
    propias = [c["sql"] for c in consultas.captured_queries
               if not c["sql"].startswith(("SAVEPOINT", "RELEASE", "SELECT set_config"))
               and "django_session" not in c["sql"] and '"cuentas_usuario"' not in c["sql"]]
    assert len(propias) == 2 and "max(pgh_id)" in propias[0] and '"trabajos_trabajo"' in propias[1], propias
    assert respuesta.status_code == 200 and respuesta["Content-Type"] == "application/pdf"
    assert b"".join(respuesta.streaming_content) == guardado.resultado.open("rb").read()
    # Asking again, by anyone who may read the report, reuses it: no new job, no render.
    con_coordinacion.force_login(consulta)
    with plantillas_renderizadas() as plantillas:
        respuesta = con_coordinacion.post(reverse("informes:pdf", args=[2020]))
    assert respuesta["Location"] == reverse("informes:pdf", args=[2020]) and PLANTILLA_PDF not in plantillas
    assert Trabajo.objects.count() == 1
    assert con_coordinacion.get(guardado.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("cambio", ["textos", "estatus", "presidium"])
def test_con_una_huella_vieja_se_genera_de_nuevo(con_coordinacion, coordinacion, tmp_path, cambio):
    con_coordinacion.post(reverse("informes:pdf", args=[2020]))
    ejecutar_pendientes()
    primero = Trabajo.objects.get()
    if cambio == "textos":
        textos = TextoInforme.objects.get(anio=2020)
        textos.introduccion = "<p>Texto corregido por la coordinación.</p>"
        textos.save()
    elif cambio == "estatus":
        acuerdo = Acuerdo.objects.filter(estatus=Estatus.EN_PROCESO).order_by("numero").first()
        motor.compromiso_cambiar_estatus(compromiso=acuerdo, estatus=Estatus.CUMPLIDO, usuario=coordinacion,
                                         motivo="Cumplió", fecha=datetime.date(2021, 1, 15))
    else:
        # Who presided is printed; its table is tracked too, so the fingerprint moves.
        sesion_actualizar(sesion=Sesion.objects.get(numero=22), usuario=coordinacion,
                          presidium=[{"tratamiento": "Mtra.", "nombre": "Persona Nueva", "cargo": "Presidenta"}])
    # The stored PDF no longer matches the record: GET does not serve it.
    pagina = con_coordinacion.get(reverse("informes:pdf", args=[2020]))
    assert pagina["Content-Type"].startswith("text/html") and "Generar el PDF del informe 2020" in pagina.content.decode()
    respuesta = con_coordinacion.post(reverse("informes:pdf", args=[2020]))
    nuevo = Trabajo.objects.exclude(pk=primero.pk).get()
    assert respuesta["Location"] == nuevo.get_absolute_url() and nuevo.estado == EstadoTrabajo.EN_COLA
    assert nuevo.clave != primero.clave
    with plantillas_renderizadas() as plantillas:
        ejecutar_pendientes()
    assert plantillas.count(PLANTILLA_PDF) == 1
    texto = _pdf_a_texto(_descargar(con_coordinacion, Trabajo.objects.get(pk=nuevo.pk))[0], tmp_path)
    esperado = {"textos": "Texto corregido por la coordinación.", "estatus": "Cumplió",
                "presidium": "Persona Nueva"}[cambio]
    if cambio != "estatus":
        assert esperado in texto
    # The earlier PDF stays downloadable from its job: it is what was asked for then.
    assert _descargar(con_coordinacion, primero)[0].startswith(b"%PDF")


def test_dos_pedidos_a_la_vez_comparten_un_trabajo(con_coordinacion, consulta, client):
    con_coordinacion.post(reverse("informes:pdf", args=[2020]))
    con_coordinacion.force_login(consulta)
    con_coordinacion.post(reverse("informes:pdf", args=[2020]))
    assert Trabajo.objects.count() == 1 and DBTaskResult.objects.count() == 1
    assert "El PDF con los datos de este momento se está generando." in (
        con_coordinacion.get(reverse("informes:pdf", args=[2020])).content.decode())


def test_la_base_de_datos_no_admite_dos_trabajos_activos_con_la_misma_clave(coordinacion):
    Trabajo.objects.create(tipo=TipoTrabajo.INFORME_PDF, iniciado_por=coordinacion, descripcion="a", clave="k")
    with pytest.raises(IntegrityError), transaction.atomic():
        Trabajo.objects.create(tipo=TipoTrabajo.INFORME_PDF, iniciado_por=coordinacion, descripcion="b", clave="k")


def test_el_anexo_en_segundo_plano(con_coordinacion):
    respuesta = con_coordinacion.post(reverse("informes:anexo_preparar", args=[2020]), {"formato": "csv"})
    trabajo = Trabajo.objects.get()
    assert respuesta["Location"] == trabajo.get_absolute_url()
    ejecutar_pendientes()
    trabajo.refresh_from_db()
    assert trabajo.resumen == "22 acuerdos" and (trabajo.pasos_hechos, trabajo.unidad) == (22, "filas")
    contenido = _descargar(con_coordinacion, trabajo)[0]
    directo = con_coordinacion.get(reverse("informes:anexo_csv", args=[2020])).content
    assert contenido == directo
    assert con_coordinacion.post(reverse("informes:anexo_preparar", args=[2020]), {"formato": "pdf"}).status_code == 302
    assert Trabajo.objects.count() == 1


# The agreements export and the import ------------------------------------------------

def test_exportacion_en_segundo_plano_con_los_filtros_de_la_lista(client, registro_2020, enlace_propio):
    client.force_login(enlace_propio)
    lista = client.get(reverse("acuerdos:lista"), {"estatus": "cumplido"}).content.decode()
    assert 'name="filtros" value="estatus=cumplido"' in lista
    respuesta = client.post(reverse("trabajos:exportar_acuerdos"), {"formato": "csv", "filtros": "estatus=cumplido"})
    trabajo = Trabajo.objects.get()
    assert respuesta["Location"] == trabajo.get_absolute_url() and trabajo.iniciado_por == enlace_propio
    ejecutar_pendientes()
    trabajo.refresh_from_db()
    assert trabajo.estado == EstadoTrabajo.TERMINADO and trabajo.resumen == "15 acuerdos"
    assert trabajo.avance_en_texto == "15 de 15 filas"
    contenido = _descargar(client, trabajo)[0].decode("utf-8-sig").splitlines()
    directo = client.get(reverse("acuerdos:exportar_csv"), {"estatus": "cumplido"}).content.decode("utf-8-sig")
    assert contenido == directo.splitlines() and len(contenido) == 16
    invalido = client.post(reverse("trabajos:exportar_acuerdos"), {"formato": "exe"}, follow=True)
    assert "Elija CSV o XLSX." in invalido.content.decode() and Trabajo.objects.count() == 1


def _importacion(client, contenido):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.post(reverse("acuerdos:importar"), {"archivo": SimpleUploadedFile("historico.csv", contenido)})
    return client.post(reverse("acuerdos:importar"), {"confirmar": "1"})


CSV_HISTORICO = ("sesion,fecha,numero,acuerdo,estatus,fecha_estatus\n"
                 "5,15/03/2008,8,Acuerdo histórico.,cumplido,30/06/2009\n").encode()


def test_la_importacion_se_guarda_en_segundo_plano(client, coordinacion):
    client.force_login(coordinacion)
    respuesta = _importacion(client, CSV_HISTORICO)
    trabajo = Trabajo.objects.get()
    assert respuesta["Location"] == trabajo.get_absolute_url() and not Acuerdo.objects.exists()
    assert trabajo.entrada.name.startswith("trabajos/entradas/") and trabajo.parametros == {"nombre": "historico.csv"}
    ejecutar_pendientes()
    trabajo.refresh_from_db()
    assert trabajo.estado == EstadoTrabajo.TERMINADO and not trabajo.resultado
    assert trabajo.resumen.startswith("Importación terminada: 1 sesión y 1 acuerdo nuevo")
    assert Acuerdo.objects.get(numero=8).sesion.numero == 5
    assert "Ver los acuerdos" in client.get(trabajo.get_absolute_url()).content.decode()


def test_una_importacion_que_ya_no_cabe_falla_en_espanol_y_no_guarda_nada(client, coordinacion):
    client.force_login(coordinacion)
    _importacion(client, CSV_HISTORICO)
    # Between the preview and the worker, somebody recorded agreement 8 with another text.
    servicios_acuerdos.acuerdo_crear(sesion=Sesion.objects.create(numero=5, tipo="ordinaria",
                                                                  fecha=datetime.date(2008, 3, 15)),
                                     numero=8, texto="Otro texto.")
    ejecutar_pendientes()
    trabajo = Trabajo.objects.get()
    assert trabajo.estado == EstadoTrabajo.FALLIDO and trabajo.error.startswith("No se importó nada")
    assert "Fila 2:" in trabajo.error and Acuerdo.objects.get(numero=8).texto == "Otro texto."
    pagina = client.get(trabajo.get_absolute_url()).content.decode()
    assert "Con error" in pagina and 'role="alert"' in pagina


def test_un_error_inesperado_queda_registrado_y_se_explica(client, coordinacion):
    client.force_login(coordinacion)
    _importacion(client, CSV_HISTORICO)
    trabajo = Trabajo.objects.get()
    default_storage.delete(trabajo.entrada.name)  # the input file vanished from the store
    ejecutar_pendientes()
    trabajo.refresh_from_db()
    assert trabajo.estado == EstadoTrabajo.FALLIDO
    assert trabajo.error.startswith("Ocurrió un error inesperado y el trabajo no se completó.")
    assert "FileNotFoundError" in trabajo.detalle_tecnico
    assert "FileNotFoundError" not in client.get(trabajo.get_absolute_url()).content.decode()
    assert DBTaskResult.objects.get().status == "FAILED"


# Who sees what ---------------------------------------------------------------------------

@pytest.fixture
def trabajos(registro_2020, coordinacion, enlace_propio):
    exportacion, _ = services.trabajo_iniciar(tipo=TipoTrabajo.EXPORTACION_ACUERDOS, usuario=enlace_propio,
                                              descripcion="Exportación", parametros={"formato": "csv"})
    informe, _ = services.trabajo_iniciar(tipo=TipoTrabajo.INFORME_PDF, usuario=coordinacion,
                                          descripcion="Informe", parametros={"anio": 2020}, clave="x")
    programado = services.trabajo_programar(tipo=TipoTrabajo.RECORDATORIOS, programado_para=timezone.now(),
                                            descripcion="Recordatorios")
    ejecutar_pendientes()
    return {"exportacion": exportacion, "informe": informe, "programado": programado}


ESPERADO = {
    # role: (export started by enlace_propio, report PDF started by coordination, scheduled job)
    "coordinacion": (200, 200, 200),
    "enlace_propio": (200, 404, 404),
    "enlace_ajeno": (404, 404, 404),
    "consulta": (404, 200, 404),
    "sin_rol": (403, 403, 403),
}


@pytest.mark.parametrize("rol", list(ESPERADO))
@pytest.mark.parametrize("ruta", ["trabajos:detalle", "trabajos:estado", "trabajos:descargar"])
def test_cada_quien_ve_sus_trabajos(client, trabajos, usuarios, rol, ruta):
    client.force_login(usuarios[rol])
    for (nombre, trabajo), esperado in zip(trabajos.items(), ESPERADO[rol], strict=True):
        codigo = client.get(reverse(ruta, args=[trabajo.pk])).status_code
        if ruta == "trabajos:descargar" and nombre == "programado" and esperado == 200:
            esperado = 404  # the reminders produce no file
        assert codigo == esperado, (rol, nombre, codigo)


def test_la_lista_muestra_lo_que_el_detalle_permite(client, trabajos, usuarios):
    client.logout()
    assert client.get(reverse("trabajos:lista"))["Location"].startswith(reverse("cuentas:entrar"))
    vistos = {}
    for rol in ("coordinacion", "enlace_propio", "enlace_ajeno", "consulta"):
        client.force_login(usuarios[rol])
        pagina = client.get(reverse("trabajos:lista")).content.decode()
        vistos[rol] = {nombre for nombre, t in trabajos.items() if str(t.pk) in pagina}
    assert vistos == {"coordinacion": {"exportacion", "informe", "programado"}, "enlace_propio": {"exportacion"},
                      "enlace_ajeno": set(), "consulta": {"informe"}}
    client.force_login(usuarios["enlace_ajeno"])
    assert "Aún no hay trabajos." in client.get(reverse("trabajos:lista")).content.decode()


# Housekeeping, the schedule and the database's rules ----------------------------------------

def test_un_trabajo_sin_senales_de_vida_se_marca_con_error(coordinacion):
    ahora = timezone.now()
    atascado, _ = services.trabajo_iniciar(tipo=TipoTrabajo.ANEXO, usuario=coordinacion, descripcion="a",
                                           parametros={"anio": 2020, "formato": "csv"})
    vivo, _ = services.trabajo_iniciar(tipo=TipoTrabajo.ANEXO, usuario=coordinacion, descripcion="b",
                                       parametros={"anio": 2020, "formato": "xlsx"})
    Trabajo.objects.filter(pk=atascado.pk).update(estado="en_curso", latido=ahora - datetime.timedelta(minutes=10))
    Trabajo.objects.filter(pk=vivo.pk).update(estado="en_curso", latido=ahora - datetime.timedelta(seconds=20))
    assert services.trabajos_rescatar_atascados(ahora=ahora) == 1
    atascado.refresh_from_db()
    vivo.refresh_from_db()
    assert atascado.estado == "fallido" and atascado.error.startswith("El proceso que ejecutaba este trabajo se detuvo")
    assert vivo.estado == "en_curso"


def test_los_resultados_viejos_se_eliminan_y_el_registro_queda(client, registro_2020, coordinacion, settings):
    client.force_login(coordinacion)
    client.post(reverse("informes:anexo_preparar", args=[2020]), {"formato": "xlsx"})
    ejecutar_pendientes()
    trabajo = Trabajo.objects.get()
    nombre = trabajo.resultado.name
    assert default_storage.exists(nombre)
    assert services.trabajos_limpiar(ahora=timezone.now()) == (0, 0)
    despues = timezone.now() + datetime.timedelta(days=settings.TRABAJOS_DIAS_RESULTADOS + 1)
    assert services.trabajos_limpiar(ahora=despues) == (1, 1)
    trabajo.refresh_from_db()
    assert not default_storage.exists(nombre) and not trabajo.resultado and trabajo.resultado_eliminado
    pagina = client.get(trabajo.get_absolute_url()).content.decode()
    assert "se eliminó el" in pagina and "Descargar" not in pagina
    assert client.get(reverse("trabajos:descargar", args=[trabajo.pk])).status_code == 404


def _local(*args):
    return timezone.make_aware(datetime.datetime(*args))


def test_cada_hora_programada_se_encola_una_sola_vez(settings, db):
    settings.SNIMH_RESPALDO_DESTINO = ""
    # Sunday 29 November 2026, 7:05 in Mexico City: reminders (7:00), clean-up (3:00) and the
    # weekly orphan-file removal (Sundays 3:30) are due.
    domingo = _local(2026, 11, 29, 7, 5)
    nuevos = periodicos.programar_pendientes(ahora=domingo)
    assert sorted(t.tipo for t in nuevos) == ["archivos_huerfanos", "mantenimiento", "recordatorios"]
    # A second worker looking at the same moment (or a minute later) queues nothing more.
    assert periodicos.programar_pendientes(ahora=domingo) == []
    assert periodicos.programar_pendientes(ahora=domingo + datetime.timedelta(minutes=1)) == []
    assert Trabajo.objects.count() == 3 and DBTaskResult.objects.count() == 3
    recordatorios = Trabajo.objects.get(tipo="recordatorios")
    assert recordatorios.programado_para == _local(2026, 11, 29, 7, 0) and recordatorios.iniciado_por is None
    # Monday: the daily ones again, not the weekly one; the backup only with a destination.
    settings.SNIMH_RESPALDO_DESTINO = "/tmp/respaldos"
    lunes = periodicos.programar_pendientes(ahora=_local(2026, 11, 30, 7, 1))
    assert sorted(t.tipo for t in lunes) == ["mantenimiento", "recordatorios", "respaldo"]
    # No worker on Tuesday: at 6:59 on Wednesday Tuesday's reminders (7:00, almost a day old,
    # more than TRABAJOS_RECUPERAR_HORAS) are not caught up; Wednesday's night jobs are.
    miercoles = periodicos.programar_pendientes(ahora=_local(2026, 12, 2, 6, 59))
    assert sorted(t.tipo for t in miercoles) == ["mantenimiento", "respaldo"]
    assert all(timezone.localdate(t.programado_para) == datetime.date(2026, 12, 2) for t in miercoles)
    assert not Trabajo.objects.filter(tipo="recordatorios", programado_para__date=datetime.date(2026, 12, 1)).exists()


def test_la_base_de_datos_admite_una_sola_ejecucion_por_hora_programada():
    hora = _local(2026, 11, 30, 7, 0)
    Trabajo.objects.create(tipo=TipoTrabajo.RECORDATORIOS, programado_para=hora, descripcion="a")
    with pytest.raises(IntegrityError), transaction.atomic():
        Trabajo.objects.create(tipo=TipoTrabajo.RECORDATORIOS, programado_para=hora, descripcion="b")
    assert services.trabajo_programar(tipo=TipoTrabajo.RECORDATORIOS, programado_para=hora, descripcion="c") is None


def test_los_recordatorios_corren_en_la_cola(enlace_propio, institucion_propia, mailoutbox):
    # An agreement of the officer's institution due three days after the scheduled day.
    acuerdo = AcuerdoFactory(numero=900, sesion=SesionFactory(numero=90), plazo_fecha=datetime.date(2026, 12, 2))
    motor.compromiso_registrar_estatus_inicial(compromiso=acuerdo)
    motor.responsable_agregar(compromiso=acuerdo, institucion=institucion_propia)
    trabajo = services.trabajo_programar(tipo=TipoTrabajo.RECORDATORIOS, descripcion="Recordatorios",
                                         programado_para=_local(2026, 11, 29, 7, 0))
    ejecutar_pendientes()
    trabajo.refresh_from_db()
    assert trabajo.estado == EstadoTrabajo.TERMINADO
    enviados = len(mailoutbox)
    assert enviados >= 1
    assert trabajo.resumen == ("1 correo enviado." if enviados == 1 else f"{enviados} correos enviados.")


@pytest.mark.parametrize(("campos", "restriccion"), [
    ({"pasos_hechos": 3, "pasos_totales": 2}, "trabajo_pasos_hechos_hasta_el_total"),
    ({"resultado": "trabajos/x.pdf"}, "trabajo_resultado_solo_si_termino"),
    ({"estado": "fallido", "terminado": timezone.now()}, "trabajo_fallido_con_mensaje"),
    ({"estado": "terminado"}, "trabajo_concluido_con_fecha"),
    ({"iniciado_por": None}, "trabajo_iniciado_por_persona_o_programa"),
    ({"tipo": "desconocido"}, "trabajo_tipo_valido"),
])
def test_las_reglas_del_trabajo_estan_en_la_base_de_datos(coordinacion, campos, restriccion):
    datos = {"tipo": TipoTrabajo.ANEXO, "iniciado_por": coordinacion, "descripcion": "Anexo", **campos}
    with pytest.raises(IntegrityError, match=restriccion), transaction.atomic():
        Trabajo.objects.create(**datos)


def test_la_limpieza_semanal_de_archivos_sin_registro_corre_en_la_cola(db, settings):
    """What the weekly systemd timer did: evidence files no record references, older than
    a day, are removed by the scheduled job; a recent one (an upload still finishing) stays."""
    viejo = Path(settings.MEDIA_ROOT, "evidencias", "2020", "huerfano-viejo.pdf")
    reciente = viejo.with_name("huerfano-reciente.pdf")
    viejo.parent.mkdir(parents=True, exist_ok=True)
    for archivo in (viejo, reciente):
        archivo.write_bytes(b"%PDF-1.4 sin registro")
    hace_dos_dias = (timezone.now() - datetime.timedelta(days=2)).timestamp()
    os.utime(viejo, (hace_dos_dias, hace_dos_dias))
    trabajo = services.trabajo_programar(tipo=TipoTrabajo.ARCHIVOS_HUERFANOS, descripcion="Limpieza semanal",
                                         programado_para=_local(2026, 11, 29, 3, 30))
    ejecutar_pendientes()
    trabajo.refresh_from_db()
    assert trabajo.estado == EstadoTrabajo.TERMINADO
    # Other tests of the run may have left old files of their own in the shared storage: at
    # least this one was removed, and the summary counts in Spanish with its plural.
    eliminados = int(trabajo.resumen.split()[0])
    assert eliminados >= 1
    assert trabajo.resumen == ("1 archivo sin registro eliminado." if eliminados == 1
                               else f"{eliminados} archivos sin registro eliminados.")
    assert not viejo.exists() and reciente.exists()
    reciente.unlink()
