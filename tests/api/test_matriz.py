
"""The access-control matrix of the workflow, through the API: role × endpoint × method × own/other."""

import pytest
from django.urls import reverse

from compromisos import services as motor
from tests import archivos
from tests.conftest import subir
from tests.rutas import nombres_de_rutas

pytestmark = pytest.mark.django_db

ROLES = ["anonimo", "sin_rol", "coordinacion", "consulta", "enlace_propio", "enlace_ajeno"]


def _interno(ok=200):
    return {"anonimo": 401, "sin_rol": 403, "coordinacion": ok, "consulta": ok, "enlace_propio": ok, "enlace_ajeno": ok}


def _coordinacion(ok, ajeno=403):
    return {"anonimo": 401, "sin_rol": 403, "coordinacion": ok, "consulta": 403, "enlace_propio": 403,
            "enlace_ajeno": ajeno}


def _actuar(ok, propio=None, ajeno=403):
    return {"anonimo": 401, "sin_rol": 403, "coordinacion": ok, "consulta": 403,
            "enlace_propio": ok if propio is None else propio, "enlace_ajeno": ajeno}


def _visible(ok=200):
    """Readable by all internal roles but the other institution's officer, who gets 404."""
    return {**_interno(ok), "enlace_ajeno": 404}


def _publico():
    return dict.fromkeys(ROLES, 200)


# key: (route, method, variant) -> (args, data, format, {role: status})
MATRIZ = {
    ("api:institucion-list", "get", ""): (lambda m: [], None, None, _interno()),
    ("api:institucion-detail", "get", ""): (lambda m: [m.propio.institucion_id], None, None, _interno()),
    ("api:sesion-list", "get", ""): (lambda m: [], None, None, _interno()),
    ("api:sesion-list", "post", ""): (
        lambda m: [], lambda m: {"numero": 95, "tipo": "ordinaria", "fecha": "2021-03-01", "estado": "celebrada",
                                 "modalidad": "virtual"}, "json", _coordinacion(201)),
    ("api:sesion-detail", "get", ""): (lambda m: [m.acuerdo.sesion_id], None, None, _interno()),
    ("api:acuerdo-list", "get", ""): (lambda m: [], None, None, _interno()),
    ("api:acuerdo-list", "post", ""): (
        lambda m: [], lambda m: {"numero": 950, "sesion": m.acuerdo.sesion_id, "texto": "Acuerdo nuevo."}, "json",
        _coordinacion(201)),
    ("api:acuerdo-detail", "get", ""): (lambda m: [m.acuerdo.numero], None, None, _interno()),
    ("api:acuerdo-estatus", "post", ""): (
        lambda m: [m.acuerdo.numero],
        lambda m: {"estatus": "en_proceso", "fecha": m.acuerdo.sesion.fecha.isoformat(), "motivo": "Avance",
                   "version": m.acuerdo.version}, "json", _coordinacion(200)),
    ("api:seguimiento-list", "get", ""): (lambda m: [], None, None, _interno()),
    ("api:seguimiento-detail", "get", ""): (lambda m: [m.propio.pk], None, None, _interno()),
    ("api:seguimiento-estatus", "post", ""): (
        lambda m: [m.propio.pk], lambda m: {"estatus": "cumplido", "version": m.propio.version, "motivo": "Cumplió"},
        "json",
        _coordinacion(200)),
    ("api:reporte-list", "get", ""): (lambda m: [], None, None, _interno()),
    ("api:reporte-list", "post", "propio"): (
        lambda m: [], lambda m: {"seguimiento": m.propio.pk, "texto": "Avance", "fecha": "2020-06-01"}, "json",
        _actuar(201)),
    ("api:reporte-list", "post", "ajeno"): (
        lambda m: [], lambda m: {"seguimiento": m.ajeno.pk, "texto": "Avance", "fecha": "2020-06-01"}, "json",
        _actuar(201, propio=403, ajeno=201)),
    ("api:reporte-detail", "get", ""): (lambda m: [m.reporte.pk], None, None, _visible()),
    ("api:reporte-revision", "post", ""): (
        lambda m: [m.reporte.pk], lambda m: {"decision": "aceptado"}, "json", _coordinacion(200, ajeno=404)),
    # Comments are for supervising institutions; an agreement has none (see the page matrix).
    ("api:reporte-comentarios", "post", ""): (
        lambda m: [m.reporte.pk], lambda m: {"texto": "Buen avance."}, "json",
        {**_coordinacion(403, ajeno=404), "enlace_propio": 403}),
    ("api:evidencia-list", "get", ""): (lambda m: [], None, None, _interno()),
    ("api:evidencia-list", "post", "propio"): (
        lambda m: [], lambda m: {"seguimiento": m.propio.pk, "archivo": subir("oficio.pdf", archivos.PDF)},
        "multipart", _actuar(201)),
    ("api:evidencia-list", "post", "ajeno"): (
        lambda m: [], lambda m: {"seguimiento": m.ajeno.pk, "archivo": subir("oficio.pdf", archivos.PDF)},
        "multipart", _actuar(201, propio=403, ajeno=201)),
    ("api:evidencia-detail", "get", ""): (lambda m: [m.evidencia.pk], None, None, _visible()),
    ("api:evidencia-archivo", "get", ""): (lambda m: [m.evidencia.pk], None, None, _visible()),
    ("api:evidencia-retiro", "post", ""): (
        lambda m: [m.evidencia.pk], lambda m: {"motivo": "Archivo equivocado"}, "json",
        {**_actuar(200), "enlace_ajeno": 404}),
    ("api:evidencia-revision", "post", ""): (
        lambda m: [m.evidencia.pk], lambda m: {"decision": "aceptado"}, "json", _coordinacion(200, ajeno=404)),
    ("api:observacion-list", "get", ""): (lambda m: [], None, None, _interno()),
    ("api:observacion-list", "post", ""): (
        lambda m: [], lambda m: {"seguimiento": m.propio.pk, "texto": "Adjunte el oficio."}, "json",
        _coordinacion(201)),
    ("api:observacion-detail", "get", ""): (lambda m: [m.observacion.pk], None, None, _visible()),
    ("api:programa-list", "get", ""): (lambda m: [], None, None, _interno()),
    ("api:programa-detail", "get", ""): (lambda m: ["PROG-A"], None, None, _interno()),
    ("api:linea-accion-list", "get", ""): (lambda m: [], None, None, _interno()),
    ("api:linea-accion-detail", "get", ""): (lambda m: [_linea_de_la_matriz(m)], None, None, _interno()),
    ("api:recomendaciones-semestrales-list", "get", ""): (lambda m: [], None, None, _interno()),
    ("api:recomendaciones-semestrales-detail", "get", ""): (
        lambda m: [_recomendaciones_de_la_matriz(m)], None, None, {**_interno(), "enlace_ajeno": 404}),
    ("api:transparencia-acuerdo-list", "get", ""): (lambda m: [], None, None, _publico()),
    ("api:transparencia-acuerdo-detail", "get", ""): (lambda m: [m.acuerdo.numero], None, None, _publico()),
    # Coordination's workspace through the API: the same permission functions as the pages.
    ("api:sesion-detail", "patch", ""): (
        lambda m: [m.acuerdo.sesion_id], lambda m: {"resumen": "Sesión virtual."}, "json", _coordinacion(200)),
    ("api:sesion-estado", "post", ""): (
        lambda m: [m.acuerdo.sesion_id], lambda m: {"estado": "cancelada"}, "json", _coordinacion(400)),
    ("api:acuerdo-detail", "patch", ""): (
        lambda m: [m.acuerdo.numero], lambda m: {"meta": "Pronunciamientos emitidos.", "version": m.acuerdo.version},
        "json", _coordinacion(200)),
    ("api:acuerdo-responsables", "post", ""): (
        lambda m: [m.acuerdo.numero], lambda m: {"institucion": _otra_institucion().pk}, "json", _coordinacion(200)),
    ("api:institucion-list", "post", ""): (
        lambda m: [], lambda m: {"nombre": "Comisión Nueva", "siglas": "CN", "naturaleza": "entidad_paraestatal"},
        "json", _coordinacion(201)),
    ("api:institucion-detail", "patch", ""): (
        lambda m: [m.propio.institucion_id], lambda m: {"sector": "Educación", "uig": {"titular": "Ana López"}},
        "json", _coordinacion(200)),
    ("api:participacion-list", "get", ""): (lambda m: [], None, None, _interno()),
    ("api:participacion-list", "post", ""): (
        lambda m: [], lambda m: {"institucion": m.propio.institucion_id, "rol": "integrante", "desde": "2019-01-01",
                                 "fundamento": "Reglas del SNIMH"}, "json", _coordinacion(201)),
    ("api:participacion-detail", "get", ""): (lambda m: [_participacion(m)], None, None, _interno()),
    ("api:participacion-detail", "patch", ""): (
        lambda m: [_participacion(m)], lambda m: {"hasta": "2021-12-31"}, "json", _coordinacion(200)),
    ("api:representante-list", "get", ""): (lambda m: [], None, None, _interno()),
    ("api:representante-list", "post", ""): (
        lambda m: [], lambda m: {"institucion": m.propio.institucion_id, "tipo": "titular", "nombre": "Ana López",
                                 "cargo": "Titular de la UIG", "vigente_desde": "2020-01-01",
                                 "oficio": subir("oficio.pdf", archivos.PDF)}, "multipart", _coordinacion(201)),
    ("api:representante-detail", "get", ""): (lambda m: [_representante(m)], None, None, _interno()),
    ("api:representante-detail", "patch", ""): (
        lambda m: [_representante(m)], lambda m: {"cargo": "Directora"}, "json", _coordinacion(200)),
    # The letter: coordination, consulta and the designating institution's officers.
    ("api:representante-oficio", "get", ""): (
        lambda m: [_representante(m)], None, None, {**_interno(), "enlace_ajeno": 403}),
    # Questionnaires: structure and editions for internal accounts; results of an unpublished
    # edition for coordination and consulta; a response for coordination, its own officers and
    # (once submitted) consulta — another institution's answers 404; published results are public.
    ("api:mesa-tematica-list", "get", ""): (lambda m: [], None, None, _interno()),
    ("api:mesa-tematica-detail", "get", ""): (lambda m: [_rec(m).mesa.pk], None, None, _interno()),
    ("api:recomendacion-list", "get", ""): (lambda m: [], None, None, _interno()),
    ("api:recomendacion-detail", "get", ""): (lambda m: [_rec(m).recomendacion.pk], None, None, _interno()),
    ("api:cuestionario-list", "get", ""): (lambda m: [], None, None, _interno()),
    ("api:cuestionario-detail", "get", ""): (lambda m: [_cq(m).enviado.clave], None, None, _interno()),
    ("api:edicion-list", "get", ""): (lambda m: [], None, None, _interno()),
    ("api:edicion-detail", "get", ""): (lambda m: [_cq(m).edicion.pk], None, None, _interno()),
    ("api:edicion-resultados", "get", ""): (
        lambda m: [_cq(m).edicion.pk], None, None, {**_interno(), "enlace_propio": 403, "enlace_ajeno": 403}),
    ("api:respuesta-list", "get", ""): (lambda m: [], None, None, _interno()),
    ("api:respuesta-detail", "get", ""): (lambda m: [_cq(m).enviada.pk], None, None, _visible()),
    ("api:respuesta-detail", "patch", ""): (
        lambda m: [_cq(m).pendiente.pk],
        lambda m: {"version": _cq(m).pendiente.version, "valores": {str(_cq(m).si_no.pk): True}}, "json",
        {**_actuar(200), "consulta": 404, "enlace_ajeno": 404}),
    ("api:respuesta-envio", "post", ""): (
        lambda m: [_cq(m).pendiente.pk], lambda m: {"version": _cq(m).pendiente.version}, "json",
        {**_actuar(200), "consulta": 404, "enlace_ajeno": 404}),
    ("api:respuesta-archivo", "post", ""): (
        lambda m: [_cq(m).pendiente.pk],
        lambda m: {"version": _cq(m).pendiente.version, "pregunta": _cq(m).archivo.pk,
                   "archivo": subir("pronunciamiento.pdf", archivos.PDF)}, "multipart",
        {**_actuar(200), "consulta": 404, "enlace_ajeno": 404}),
    ("api:respuesta-reapertura", "post", ""): (
        lambda m: [_cq(m).enviada.pk], lambda m: {"motivo": "Falta la fecha."}, "json", _coordinacion(200, ajeno=404)),
    ("api:transparencia-edicion-list", "get", ""): (lambda m: [], None, None, _publico()),
    ("api:transparencia-edicion-detail", "get", ""): (lambda m: [_cq(m).historica.pk], None, None, _publico()),
    ("api:schema", "get", ""): (lambda m: [], None, None, _publico()),
    ("api:swagger", "get", ""): (lambda m: [], None, None, _publico()),
    ("api:redoc", "get", ""): (lambda m: [], None, None, dict.fromkeys(ROLES, 301)),
}

def _linea_de_la_matriz(m):
    from programas.models import LineaAccion
    from tests.programas.matriz import programa_de_la_matriz

    return LineaAccion.objects.del_programa(programa_de_la_matriz(m)).get(numero="1.1.1").pk


def _recomendaciones_de_la_matriz(m):
    import datetime

    from programas import services
    from programas.models import ConjuntoRecomendaciones, LineaAccion
    from tests.programas.matriz import programa_de_la_matriz

    existente = ConjuntoRecomendaciones.objects.first()
    return (existente or services.recomendaciones_componer(
        institucion=m.propio.institucion, anio=2021, semestre=1, fecha=datetime.date.today(),
        usuario=m.usuarios["coordinacion"],
        recomendaciones=[{"linea": LineaAccion.objects.del_programa(programa_de_la_matriz(m)).get(),
                          "texto": "Recomendación de prueba."}])).pk


def _cq(m):
    from tests.cuestionarios.matriz import cuestionarios

    return cuestionarios(m)


def _rec(m):
    from tests.recomendaciones.matriz import recomendaciones

    return recomendaciones(m)


def _otra_institucion():
    from tests.factories import InstitucionFactory

    return InstitucionFactory(siglas="OTRA")


def _participacion(m):
    from tests.factories import ParticipacionFactory

    return ParticipacionFactory(institucion=m.propio.institucion, fundamento="Reglas del SNIMH").pk


def _representante(m):
    from instituciones import services as padron

    return padron.representante_guardar(
        usuario=m.usuarios["coordinacion"], institucion=m.propio.institucion, tipo="titular", nombre="Ana López",
        cargo="Titular de la UIG", vigente_desde="2020-01-01", oficio=subir("oficio.pdf", archivos.PDF),
    ).pk


CASOS = [(*clave, rol) for clave in MATRIZ for rol in ROLES]


@pytest.mark.parametrize(("ruta", "metodo", "variante", "rol"), CASOS,
                         ids=[f"{r}-{m}{'-' + v if v else ''}-{rol}" for r, m, v, rol in CASOS])
def test_matriz_api(clientes_api, mundo, ruta, metodo, variante, rol):
    from tests.factories import ProgramaFactory

    ProgramaFactory(clave="PROG-A")
    argumentos, datos, formato, esperado = MATRIZ[(ruta, metodo, variante)]
    url = reverse(ruta, args=argumentos(mundo))
    cliente = clientes_api[rol]
    if metodo == "get":
        respuesta = cliente.get(url)
    else:
        respuesta = getattr(cliente, metodo)(url, datos(mundo), format=formato)
    assert respuesta.status_code == esperado[rol], (ruta, metodo, rol, respuesta.status_code, getattr(respuesta, "data", ""))
    if respuesta.status_code >= 400:
        cuerpo = respuesta.json()
        assert set(cuerpo) >= {"codigo", "mensaje"}, cuerpo


def test_listas_filtradas_por_permiso(clientes_api, mundo):
    """Lists never show what the detail would refuse."""
    for ruta in ("api:evidencia-list", "api:observacion-list", "api:reporte-list"):
        ajeno = clientes_api["enlace_ajeno"].get(reverse(ruta)).json()
        propio = clientes_api["enlace_propio"].get(reverse(ruta)).json()
        assert ajeno["count"] == 0, ruta
        assert propio["count"] == 1, ruta


def test_transparencia_sin_datos_personales_ni_evidencias(clientes_api, mundo):
    datos = clientes_api["anonimo"].get(reverse("api:transparencia-acuerdo-detail", args=[mundo.acuerdo.numero])).json()
    assert set(datos) == {"numero", "cita", "sesion", "texto", "estatus", "plazo_fecha", "plazo_texto",
                          "responsables_texto", "responsables", "grupos_responsables", "vencido", "dias_vencido"}
    assert {r["siglas"] for r in datos["responsables"]} == {"PROPIA", "AJENA"}
    texto = str(datos)
    for privado in ("pronunciamiento", "Falta la firma", "enlace_propio", "version"):
        assert privado not in texto


def test_toda_ruta_de_la_api_esta_en_la_matriz():
    cubiertas = {ruta for ruta, _metodo, _variante in MATRIZ}
    faltantes = sorted({n for n in nombres_de_rutas() if n.startswith("api:")} - cubiertas)
    assert not faltantes, f"API routes missing from the access matrix: {faltantes}"


# A withdrawn evidence: coordination only, for audits (docs/permissions.md).

MATRIZ_EVIDENCIA_RETIRADA = {
    ("api:evidencia-detail", "get"): {**_visible(404), "coordinacion": 200},
    ("api:evidencia-archivo", "get"): {**_visible(404), "coordinacion": 200},
    ("api:evidencia-retiro", "post"): {**_visible(404), "coordinacion": 403},
    ("api:evidencia-revision", "post"): {**_visible(404), "coordinacion": 409},
}
CASOS_RETIRADA = [(ruta, metodo, rol) for (ruta, metodo) in MATRIZ_EVIDENCIA_RETIRADA for rol in ROLES]


@pytest.fixture
def mundo_con_retirada(mundo):

    motor.evidencia_retirar(evidencia=mundo.evidencia, usuario=mundo.usuarios["enlace_propio"],
                               motivo="Versión sin firma")
    return mundo


@pytest.mark.parametrize(("ruta", "metodo", "rol"), CASOS_RETIRADA,
                         ids=[f"retirada-{r}-{m}-{rol}" for r, m, rol in CASOS_RETIRADA])
def test_matriz_api_evidencia_retirada(clientes_api, mundo_con_retirada, ruta, metodo, rol):
    url = reverse(ruta, args=[mundo_con_retirada.evidencia.pk])
    cliente = clientes_api[rol]
    if metodo == "get":
        respuesta = cliente.get(url)
    else:
        respuesta = cliente.post(url, {"motivo": "otra vez", "decision": "aceptado"}, format="json")
    assert respuesta.status_code == MATRIZ_EVIDENCIA_RETIRADA[(ruta, metodo)][rol], (ruta, metodo, rol)


def test_lista_de_evidencias_sin_las_retiradas(clientes_api, mundo_con_retirada):
    for rol, esperadas in (("coordinacion", 1), ("consulta", 0), ("enlace_propio", 0), ("enlace_ajeno", 0)):
        assert clientes_api[rol].get(reverse("api:evidencia-list")).json()["count"] == esperadas, rol
