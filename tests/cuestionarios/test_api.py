"""The questionnaires through the API: an officer reads and fills its own response (draft,
submission) and never reads another institution's; results as permitted."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cuestionarios import services
from cuestionarios.models import EstadoRespuesta, ReglaInstituciones
from tests import archivos
from tests.api.conftest import cliente_api
from tests.conftest import subir
from tests.cuestionarios import datos

pytestmark = pytest.mark.django_db


@pytest.fixture
def edicion(coordinacion, institucion_propia, institucion_ajena):
    _uig, cuestionario = datos.cuestionarios_de_referencia()
    return services.edicion_abrir(usuario=coordinacion, cuestionario=cuestionario, nombre="2021",
                                  fecha_limite=timezone.localdate() + datetime.timedelta(days=20),
                                  regla=ReglaInstituciones.EXPLICITA,
                                  instituciones=[institucion_propia, institucion_ajena])


def _p(edicion, numero):
    return next(p for p in edicion.cuestionario.preguntas() if p.numero == numero)


def test_el_enlace_llena_y_envia_su_respuesta(enlace_propio, edicion):
    api = cliente_api(enlace_propio)
    lista = api.get(reverse("api:respuesta-list")).json()
    assert lista["count"] == 1
    (propia,) = lista["results"]
    url = reverse("api:respuesta-detail", args=[propia["id"]])
    detalle = api.get(url).json()
    assert detalle["estado"] == "pendiente" and detalle["editable"] is True
    assert len(detalle["valores"]) == 16

    p = {n: _p(edicion, n) for n in ("1.1", "1.2", "1.3", "1.4", "2.1", "2.3", "2.4", "2.5", "3.1", "4.1", "5.1",
                                     "5.2")}
    malos = api.patch(url, {"version": detalle["version"], "valores": {str(p["1.1"].pk): "tal vez",
                                                                       str(p["2.3"].pk): "7.5"}}, format="json")
    assert malos.status_code == 400
    assert malos.json()["errores"]["valores"] == {str(p["1.1"].pk): ["Responda «sí» o «no»."],
                                                  str(p["2.3"].pk): ["Escriba un número entero."]}
    correo = p["1.4"].opciones.get(texto="Correo electrónico institucional").pk
    guardado = api.patch(url, {"version": detalle["version"], "valores": {
        str(p["1.1"].pk): True, str(p["1.2"].pk): "2021-01-20", str(p["1.3"].pk): True, str(p["1.4"].pk): [correo],
        str(p["2.1"].pk): False, str(p["2.3"].pk): 7, str(p["2.4"].pk): "2", str(p["2.5"].pk): 0,
        str(p["3.1"].pk): [p["3.1"].opciones.first().pk], str(p["4.1"].pk): [p["4.1"].opciones.first().pk],
        str(p["5.1"].pk): "Ana López", str(p["5.2"].pk): "ana@ejemplo.gob.mx"}}, format="json")
    assert guardado.status_code == 200, guardado.json()
    cuerpo = guardado.json()
    assert cuerpo["estado"] == "borrador"
    valores = {v["pregunta"]: v["valor"] for v in cuerpo["valores"]}
    assert valores[p["1.4"].pk] == [correo] and valores[p["2.3"].pk] == "7" and valores[p["5.1"].pk] == "Ana López"
    # A stale version answers 409.
    viejo = api.patch(url, {"version": detalle["version"], "valores": {}}, format="json")
    assert viejo.status_code == 409 and viejo.json()["codigo"] == "edicion_concurrente"

    archivo = api.post(reverse("api:respuesta-archivo", args=[propia["id"]]),
                       {"version": cuerpo["version"], "pregunta": _p(edicion, "1.5").pk,
                        "archivo": subir("pronunciamiento.pdf", archivos.PDF)}, format="multipart")
    assert archivo.status_code == 200, archivo.json()
    cuerpo = archivo.json()
    rechazado = api.post(reverse("api:respuesta-archivo", args=[propia["id"]]),
                         {"version": cuerpo["version"], "pregunta": _p(edicion, "1.5").pk,
                          "archivo": subir("pronunciamiento.pdf", archivos.EXE)}, format="multipart")
    assert rechazado.status_code == 400 and "formato admitido" in rechazado.json()["errores"]["archivo"][0]

    enviada = api.post(reverse("api:respuesta-envio", args=[propia["id"]]), {"version": cuerpo["version"]},
                       format="json")
    assert enviada.status_code == 200, enviada.json()
    assert enviada.json()["estado"] == "enviada" and enviada.json()["editable"] is False
    otra_vez = api.patch(url, {"version": enviada.json()["version"], "valores": {str(p["2.3"].pk): 8}}, format="json")
    assert otra_vez.status_code == 400 and "ya fue enviada" in otra_vez.json()["mensaje"] + str(otra_vez.json())
    assert api.post(reverse("api:respuesta-reapertura", args=[propia["id"]]), {"motivo": "x"},
                    format="json").status_code == 403


def test_un_enlace_nunca_lee_otra_institucion(enlace_propio, enlace_ajeno, edicion):
    propia = edicion.respuestas.get(institucion=enlace_propio.institucion)
    api = cliente_api(enlace_ajeno)
    assert [r["institucion"]["siglas"] for r in api.get(reverse("api:respuesta-list")).json()["results"]] == ["AJENA"]
    url = reverse("api:respuesta-detail", args=[propia.pk])
    assert api.get(url).status_code == 404
    assert api.patch(url, {"version": 1, "valores": {}}, format="json").status_code == 404
    assert api.post(reverse("api:respuesta-envio", args=[propia.pk]), {"version": 1}, format="json").status_code == 404
    assert api.get(reverse("api:respuesta-list"), {"institucion": propia.institucion_id}).json()["count"] == 0


def test_consulta_sin_datos_personales_y_coordinacion_reabre(consulta, coordinacion, enlace_propio, edicion):
    propia = edicion.respuestas.get(institucion=enlace_propio.institucion)
    nombre = _p(edicion, "5.1")
    services.respuesta_guardar(respuesta=propia, usuario=enlace_propio, valores={nombre.pk: "Ana López",
                                                                                  _p(edicion, "1.1").pk: False})
    lectora = cliente_api(consulta)
    assert lectora.get(reverse("api:respuesta-detail", args=[propia.pk])).status_code == 404  # a draft
    propia.refresh_from_db()
    type(propia).objects.filter(pk=propia.pk).update(estado=EstadoRespuesta.ENVIADA, enviada_por=enlace_propio,
                                                     enviada_en=timezone.now())
    valores = {v["pregunta"]: v for v in lectora.get(reverse("api:respuesta-detail", args=[propia.pk])).json()["valores"]}
    assert valores[nombre.pk] == {"pregunta": nombre.pk, "numero": "5.1", "tipo": "texto", "valor": None, "oculto": True}
    assert valores[_p(edicion, "1.1").pk]["valor"] is False
    coordinadora = cliente_api(coordinacion)
    assert {v["pregunta"]: v["valor"] for v in coordinadora.get(reverse("api:respuesta-detail", args=[propia.pk])).json()[
        "valores"]}[nombre.pk] == "Ana López"
    sin_motivo = coordinadora.post(reverse("api:respuesta-reapertura", args=[propia.pk]), {"motivo": " "}, format="json")
    assert sin_motivo.status_code == 400
    reabierta = coordinadora.post(reverse("api:respuesta-reapertura", args=[propia.pk]),
                                  {"motivo": "Falta la fecha."}, format="json")
    assert reabierta.status_code == 200 and reabierta.json()["estado"] == "borrador"


def test_resultados_por_la_api(consulta, enlace_propio, coordinacion, edicion):
    _uig, cuestionario = datos.cuestionarios_de_referencia()
    publicada = cuestionario.ediciones.get(nombre="2020")
    # The 2020 figures, for every internal account and publicly.
    for cliente in (cliente_api(consulta), cliente_api(enlace_propio)):
        cuerpo = cliente.get(reverse("api:edicion-resultados", args=[publicada.pk])).json()
        cifras = [c for p in cuerpo["preguntas"] for c in p["publicados"]]
        assert {(c["tipo"], c["valor"], c["base"]) for c in cifras if c["tipo"] == "conteo"} == {
            ("conteo", 61.0, 62), ("conteo", 58.0, 61)}
    publico = cliente_api(None).get(reverse("api:transparencia-edicion-detail", args=[publicada.pk])).json()
    assert publico["edicion"]["respuestas_publicadas"] == 62
    # An open edition: consulta reads its results, the officer does not, the public never finds it.
    assert cliente_api(consulta).get(reverse("api:edicion-resultados", args=[edicion.pk])).status_code == 200
    assert cliente_api(enlace_propio).get(reverse("api:edicion-resultados", args=[edicion.pk])).status_code == 403
    assert cliente_api(None).get(reverse("api:transparencia-edicion-detail", args=[edicion.pk])).status_code == 404
    ids = {e["id"] for e in cliente_api(enlace_propio).get(reverse("api:edicion-list")).json()["results"]}
    assert edicion.pk in ids and publicada.pk in ids
