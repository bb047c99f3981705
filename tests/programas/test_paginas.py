"""The PROIGUALDAD on the engine, from outside: the implementing institution's officer,
the coordinating institution's officer, another institution's officer and coordination,
on the web and the API; page structure and constant query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from compromisos.models import Comentario, EstadoRevision, Reporte, Seguimiento
from cuentas.models import RolUsuario
from programas import services
from tests import archivos
from tests.conftest import subir
from tests.factories import InstitucionFactory, ProgramaFactory, UsuarioFactory
from tests.programas.conftest import construir_programa

pytestmark = pytest.mark.django_db


@pytest.fixture
def linea(db):
    """Line 1.1.1: PROPIA implements it, COORD coordinates it, AJENA has nothing to do with it."""
    propia = InstitucionFactory(siglas="PROPIA", nombre="Institución Propia")
    coord = InstitucionFactory(siglas="COORD", nombre="Institución Coordinadora")
    ajena = InstitucionFactory(siglas="AJENA", nombre="Institución Ajena")
    programa = ProgramaFactory(clave="PROIG", nombre="Programa de prueba")
    objetivo, _ = services.objetivo_asegurar(programa=programa, numero=1, texto="Objetivo de prueba")
    estrategia, _ = services.estrategia_asegurar(objetivo=objetivo, numero="1.1", texto="Estrategia de prueba")
    linea, _ = services.linea_guardar(estrategia=estrategia, numero="1.1.1", texto="Acción de prueba",
                                      tipo_accion="especifica", coordinadora=coord, instrumentadoras=[propia])
    return {
        "linea": linea, "seguimiento": Seguimiento.objects.get(compromiso=linea),
        "coordinacion": UsuarioFactory(username="coordinacion", rol=RolUsuario.COORDINACION),
        "propio": UsuarioFactory(username="enlace_propio", rol=RolUsuario.ENLACE, institucion=propia),
        "coordinadora": UsuarioFactory(username="enlace_coord", rol=RolUsuario.ENLACE, institucion=coord),
        "ajeno": UsuarioFactory(username="enlace_ajeno", rol=RolUsuario.ENLACE, institucion=ajena),
    }


def _como(client, usuario):
    client.force_login(usuario)
    return client


def test_flujo_de_una_linea_de_accion(client, linea):
    seguimiento, propio = linea["seguimiento"], linea["propio"]
    # The implementing officer finds the line in its inbox, labelled as a line.
    pagina = _como(client, propio).get(reverse("compromisos:pendientes")).content.decode()
    assert "Línea de acción 1.1.1" in pagina
    # Reports progress with evidence.
    respuesta = client.post(reverse("compromisos:reporte_nuevo", args=[seguimiento.pk]),
                            {"fecha": seguimiento.compromiso.fecha_de_inicio.isoformat(), "texto": "Avance de prueba",
                             "avance_propuesto": "40"})
    assert respuesta.status_code == 302, respuesta.content.decode()[:2000]
    respuesta = client.post(reverse("compromisos:evidencia_nueva", args=[seguimiento.pk]),
                            {"archivo": subir("informe.pdf", archivos.PDF), "descripcion": "Informe de prueba"})
    assert respuesta.status_code == 302
    reporte = Reporte.objects.get(seguimiento=seguimiento)

    # The coordinating institution's officer reads it, comments, but cannot accept it.
    cliente_coord = _como(client.__class__(), linea["coordinadora"])
    pagina = cliente_coord.get(reverse("compromisos:seguimiento", args=[seguimiento.pk])).content.decode()
    assert "Avance de prueba" in pagina and "informe.pdf" in pagina
    respuesta = cliente_coord.post(reverse("compromisos:comentario_nuevo", args=[reporte.pk]),
                                   {f"comentario-{reporte.pk}-texto": "Sugerimos incluir cifras."})
    assert respuesta.status_code == 302 and Comentario.objects.filter(reporte=reporte).count() == 1
    respuesta = cliente_coord.post(reverse("compromisos:reporte_revisar", args=[reporte.pk]), {"decision": "aceptado"})
    assert respuesta.status_code == 403
    pagina = cliente_coord.get(reverse("programas:coordinadas")).content.decode()
    assert "1.1.1" in pagina
    linea_pagina = cliente_coord.get(linea["linea"].get_absolute_url()).content.decode()
    assert "Su institución coordina esta línea" in linea_pagina and "1 reporte está en revisión" in linea_pagina

    # Another institution's officer sees nothing of the follow-up (web and API).
    cliente_ajeno = _como(client.__class__(), linea["ajeno"])
    pagina = cliente_ajeno.get(reverse("compromisos:seguimiento", args=[seguimiento.pk])).content.decode()
    assert "Avance de prueba" not in pagina and "informe.pdf" not in pagina
    assert cliente_ajeno.post(reverse("compromisos:comentario_nuevo", args=[reporte.pk]),
                              {f"comentario-{reporte.pk}-texto": "x"}).status_code == 404
    api_ajeno = APIClient()
    api_ajeno.force_authenticate(linea["ajeno"])
    for ruta in ("api:reporte-list", "api:evidencia-list", "api:observacion-list"):
        assert api_ajeno.get(reverse(ruta), {"compromiso": linea["linea"].pk}).json()["count"] == 0, ruta
    assert "Línea de acción 1.1.1" not in cliente_ajeno.get(reverse("compromisos:pendientes")).content.decode()

    # Coordination returns it with an observation; the officer answers; coordination accepts.
    cliente_coordinacion = _como(client.__class__(), linea["coordinacion"])
    respuesta = cliente_coordinacion.post(reverse("compromisos:reporte_revisar", args=[reporte.pk]),
                                          {"decision": "devuelto", "observacion": "Adjunte el oficio firmado."})
    assert respuesta.status_code == 302
    reporte.refresh_from_db()
    assert reporte.estado_revision == EstadoRevision.DEVUELTO
    observacion = seguimiento.observaciones.get()
    assert "Adjunte el oficio firmado." in client.get(reverse("compromisos:pendientes")).content.decode()
    respuesta = client.post(reverse("compromisos:reporte_nuevo", args=[seguimiento.pk]) + f"?responde_a={observacion.pk}",
                            {"fecha": seguimiento.compromiso.fecha_de_inicio.isoformat(), "texto": "Se adjunta el oficio.",
                             "responde_a": observacion.pk, "avance_propuesto": "60"})
    assert respuesta.status_code == 302, respuesta.content.decode()[:2000]
    respuesta_reporte = Reporte.objects.get(responde_a=observacion)
    respuesta = cliente_coordinacion.post(reverse("compromisos:reporte_revisar", args=[respuesta_reporte.pk]),
                                          {"decision": "aceptado", "confirmar_propuesta": "on"})
    assert respuesta.status_code == 302
    respuesta_reporte.refresh_from_db()
    seguimiento.refresh_from_db()
    assert respuesta_reporte.estado_revision == EstadoRevision.ACEPTADO
    assert seguimiento.avance == 60
    # Accepted, the line's reports are still not the other institution's to read.
    pagina = cliente_ajeno.get(reverse("compromisos:seguimiento", args=[seguimiento.pk])).content.decode()
    assert "Se adjunta el oficio." not in pagina and "Avance de prueba" not in pagina
    assert api_ajeno.get(reverse("api:reporte-list"), {"compromiso": linea["linea"].pk}).json()["count"] == 0
    assert api_ajeno.get(reverse("api:reporte-detail", args=[respuesta_reporte.pk])).status_code == 404
    assert "Se adjunta el oficio." in cliente_coord.get(
        reverse("compromisos:seguimiento", args=[seguimiento.pk])).content.decode()
    # The line's page shows the roll-up.
    assert "60 % en promedio" in cliente_coordinacion.get(linea["linea"].get_absolute_url()).content.decode()


def test_la_coordinadora_no_ve_lineas_que_no_coordina(client, linea):
    otra = construir_programa(clave="OTRO", objetivos=1, estrategias=1, lineas=1)
    ajeno = otra.lineas[0].seguimientos.first()
    from compromisos import services as motor

    reporte = motor.reporte_crear(seguimiento=ajeno, autor=linea["coordinacion"], texto="Reporte de otra línea")
    cliente = _como(client, linea["coordinadora"])
    assert "Reporte de otra línea" not in cliente.get(reverse("compromisos:seguimiento", args=[ajeno.pk])).content.decode()
    assert cliente.post(reverse("compromisos:comentario_nuevo", args=[reporte.pk]),
                        {f"comentario-{reporte.pk}-texto": "x"}).status_code == 404


def test_paginas_del_programa(client, linea):
    cliente = _como(client, linea["propio"])
    linea_ = linea["linea"]
    programa = linea_.programa
    assert "Programa de prueba" in cliente.get(reverse("programas:lista")).content.decode()
    assert "1. Objetivo de prueba" in cliente.get(programa.get_absolute_url()).content.decode()
    assert "1.1. Estrategia de prueba" in cliente.get(
        reverse("programas:objetivo", args=[programa.clave, 1])).content.decode()
    pagina = cliente.get(reverse("programas:estrategia", args=[programa.clave, "1.1"])).content.decode()
    assert "Acción de prueba" in pagina and "COORD" in pagina and "PROPIA" in pagina
    pagina = cliente.get(linea_.get_absolute_url()).content.decode()
    assert "Institución Coordinadora" in pagina and "Específica" in pagina
    assert reverse("compromisos:seguimiento", args=[linea["seguimiento"].pk]) in pagina
    assert cliente.get(reverse("programas:linea", args=[programa.clave, "9.9.9"])).status_code == 404
    assert cliente.get(reverse("programas:exportar", args=[programa.clave, "pdf"])).status_code == 404
    # The API lists it with its institutions.
    api = APIClient()
    api.force_authenticate(linea["propio"])
    datos = api.get(reverse("api:linea-accion-list"), {"programa": "PROIG"}).json()
    assert datos["count"] == 1
    fila = datos["results"][0]
    assert (fila["numero"], fila["estrategia"], fila["objetivo"], fila["coordinadora"]["siglas"]) == (
        "1.1.1", "1.1", 1, "COORD")
    assert [i["institucion"]["siglas"] for i in fila["instrumentadoras"]] == ["PROPIA"]


def test_importar_desde_la_pagina_con_vista_previa_y_confirmacion(client, linea):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from programas.models import LineaAccion

    cliente = _como(client, linea["coordinacion"])
    url = reverse("programas:importar", args=["PROIG"])
    contenido = ("objetivo,objetivo_texto,estrategia,estrategia_texto,accion,accion_texto,tipo,coordinadora,"
                 "instrumentadoras\n1,Objetivo de prueba,1.1,Estrategia de prueba,1.1.2,Nueva acción de prueba,general,"
                 "COORD,PROPIA;AJENA\n").encode()
    pagina = cliente.post(url, {"archivo": SimpleUploadedFile("lineas.csv", contenido, "text/csv")}).content.decode()
    assert "Vista previa" in pagina and "1 línea de acción nueva" in pagina
    assert LineaAccion.objects.count() == 1
    respuesta = cliente.post(url, {"confirmar": "1"})
    assert respuesta.status_code == 302
    assert LineaAccion.objects.count() == 2
    roto = contenido.replace(b"general", b"otra")
    pagina = cliente.post(url, {"archivo": SimpleUploadedFile("lineas.csv", roto, "text/csv")}).content.decode()
    assert "No se importó nada" in pagina and "Tipo desconocido" in pagina
    assert _como(client.__class__(), linea["propio"]).get(url).status_code == 403


def _consultas(cliente, url):
    with CaptureQueriesContext(connection) as consultas:
        assert cliente.get(url).status_code == 200
    return len(consultas)


@pytest.mark.parametrize("ruta", ["estrategia", "exportar", "api", "coordinadas"])
def test_consultas_constantes_en_el_numero_de_lineas(client, ruta):
    instituciones = [InstitucionFactory() for _ in range(4)]
    chico = construir_programa(clave="CHICO", objetivos=1, estrategias=1, lineas=2, instituciones=instituciones)
    grande = construir_programa(clave="GRANDE", objetivos=1, estrategias=1, lineas=12, instituciones=instituciones)
    usuario = UsuarioFactory(rol=RolUsuario.ENLACE, institucion=instituciones[0])
    cliente = _como(client, usuario)

    def url(p):
        clave = p.programa.clave
        return {"estrategia": reverse("programas:estrategia", args=[clave, "1.1"]),
                "exportar": reverse("programas:exportar", args=[clave, "xlsx"]),
                "api": reverse("api:linea-accion-list") + f"?programa={clave}",
                "coordinadas": reverse("programas:coordinadas")}[ruta]

    if ruta == "coordinadas":
        # The second measure has six times as many coordinated lines.
        antes = _consultas(cliente, url(chico))
        construir_programa(clave="MAS", objetivos=2, estrategias=2, lineas=6, instituciones=instituciones)
        assert _consultas(cliente, url(chico)) == antes
        return
    assert _consultas(cliente, url(chico)) == _consultas(cliente, url(grande))


def _programa_en_lote(clave, n, instituciones):
    """``n`` action lines in one strategy, two implementing institutions each, inserted in bulk
    (snimh.db.crear_en_lote): the 267 lines of the PROIGUALDAD and ten times as many."""
    from compromisos.models import TipoCompromiso
    from snimh.db import crear_en_lote

    programa = ProgramaFactory(clave=clave, nombre="Programa de prueba")
    objetivo, _ = services.objetivo_asegurar(programa=programa, numero=1, texto="Objetivo de prueba")
    estrategia, _ = services.estrategia_asegurar(objetivo=objetivo, numero="1.1", texto="Estrategia de prueba")
    from programas.models import LineaAccion

    lineas = [LineaAccion(estrategia=estrategia, numero=f"1.1.{k}", orden_estrategia=1, orden_linea=k,
                          texto=f"Acción de prueba {k}", tipo_accion="general", tipo=TipoCompromiso.LINEA_DE_ACCION,
                          coordinadora=instituciones[k % len(instituciones)]) for k in range(1, n + 1)]
    crear_en_lote(LineaAccion, lineas, batch_size=1000)
    Seguimiento.objects.bulk_create(
        [Seguimiento(compromiso_id=linea.pk, institucion=instituciones[(k + j) % len(instituciones)])
         for k, linea in enumerate(lineas) for j in (1, 2)], batch_size=2000)
    # Statistics, as autovacuum keeps them in production: without them the planner takes the
    # bulk-loaded tables for empty ones.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return programa


@pytest.mark.parametrize("ruta", ["exportar", "api", "semaforo", "tablero"])
def test_consultas_constantes_con_267_y_2670_lineas(client, ruta):
    instituciones = [InstitucionFactory() for _ in range(73)]
    programas = [_programa_en_lote("P267", 267, instituciones), _programa_en_lote("P2670", 2670, instituciones)]
    cliente = _como(client, UsuarioFactory(rol=RolUsuario.CONSULTA))
    urls = [{"exportar": reverse("programas:exportar", args=[p.clave, "csv"]),
             "api": reverse("api:linea-accion-list") + f"?programa={p.clave}",
             "semaforo": reverse("programas:semaforo", args=[p.clave]),
             "tablero": reverse("programas:tablero", args=[p.clave])}[ruta] for p in programas]
    if ruta in ("semaforo", "tablero"):
        from programas import semaforo

        for p in programas:  # the matrices exist before measuring (the first read creates the default)
            semaforo.matriz_de(programa=p)
    consultas = [_consultas(cliente, url) for url in urls]
    assert consultas[0] == consultas[1], consultas
    if ruta == "exportar":
        filas = cliente.get(urls[1]).content.decode("utf-8-sig").strip().splitlines()
        assert len(filas) == 2671


def test_tras_importar_un_programa_completo_el_tablero_responde(client):
    """267 lines × 73 institutions imported from a file, then the dashboard: it answers within a
    statement timeout (a slow plan fails the test instead of hanging it)."""
    from programas import importacion

    instituciones = [InstitucionFactory(siglas=f"I{n}") for n in range(73)]
    filas = [f"{o},Objetivo de prueba {o},{o}.{e},Estrategia de prueba {o}.{e},{o}.{e}.{n},Acción de prueba,general,"
             f"I{k % 73},I{(k + 1) % 73};I{(k + 2) % 73}"
             for k, (o, e, n) in enumerate((o, e, n) for o in range(1, 7) for e in range(1, 6) for n in range(1, 10))][:267]
    contenido = ("objetivo,objetivo_texto,estrategia,estrategia_texto,accion,accion_texto,tipo,coordinadora,"
                 "instrumentadoras\n" + "\n".join(filas) + "\n").encode()
    programa = ProgramaFactory(clave="COMPLETO")
    resultado = importacion.importar(programa, "completo.csv", contenido)
    assert resultado.valido and len(resultado.nuevas) == 267
    assert len(instituciones) == 73
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = '20s'")
    client.force_login(UsuarioFactory(rol=RolUsuario.CONSULTA))
    pagina = client.get(reverse("programas:tablero", args=["COMPLETO"])).content.decode()
    assert "Objetivo 6" in pagina


def test_alinear_un_acuerdo_a_una_linea(client, linea):
    from programas.models import AlineacionConLinea
    from tests.factories import AcuerdoFactory, SesionFactory

    acuerdo = AcuerdoFactory(numero=53, sesion=SesionFactory(numero=22))
    url = reverse("programas:alinear", args=["PROIG", "1.1.1"])
    client.force_login(linea["coordinacion"])
    assert client.post(url, {"compromiso": acuerdo.pk}).status_code == 302
    assert AlineacionConLinea.objects.filter(compromiso_id=acuerdo.pk, linea=linea["linea"]).exists()
    pagina = client.get(linea["linea"].get_absolute_url()).content.decode()
    assert f"Acuerdo {acuerdo.cita}" in pagina and acuerdo.get_absolute_url() in pagina
    # A line is not aligned to another, nor the same agreement twice (it leaves the list).
    assert client.post(url, {"compromiso": linea["linea"].pk}).status_code == 302
    assert client.post(url, {"compromiso": acuerdo.pk}).status_code == 302
    assert AlineacionConLinea.objects.count() == 1
    # Officers cannot align.
    client.force_login(linea["coordinadora"])
    assert client.post(url, {"compromiso": acuerdo.pk}).status_code == 403
    client.force_login(linea["coordinacion"])
    alineacion = AlineacionConLinea.objects.get()
    assert client.post(url, {"quitar": str(alineacion.pk)}).status_code == 302
    assert not AlineacionConLinea.objects.exists()
