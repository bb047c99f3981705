"""The API does what the coordination pages do, through the same services."""

import datetime

import pytest
from django.urls import reverse

from acuerdos.models import Acuerdo
from instituciones.models import Participacion, Representante
from sesiones.models import Sesion
from tests import archivos
from tests.api.conftest import cliente_api
from tests.conftest import subir
from tests.factories import InstitucionFactory, ParticipacionFactory, SesionFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def test_patch_de_sesion_con_orden_del_dia_y_asistencia(coordinacion):
    api = cliente_api(coordinacion)
    integrante = InstitucionFactory(siglas="INTG")
    ParticipacionFactory(institucion=integrante, desde=D(2019, 1, 1))
    sesion = SesionFactory(numero=23, fecha=D(2021, 4, 29))
    respuesta = api.patch(reverse("api:sesion-detail", args=[sesion.pk]), {
        "modalidad": "hibrida",
        "orden_del_dia": [{"titulo": "Bienvenida"}, {"titulo": "Seguimiento de acuerdos", "resumen": "Se revisaron."}],
        "asistencias": [{"institucion": integrante.pk, "rol": "integrante", "representante": "Mtra. Ana López"}],
    }, format="json")
    assert respuesta.status_code == 200, respuesta.json()
    datos = respuesta.json()
    assert datos["modalidad"] == "hibrida"
    assert [p["titulo"] for p in datos["orden_del_dia"]] == ["Bienvenida", "Seguimiento de acuerdos"]
    assert datos["asistencia_por_rol"] == {"integrante": 1}
    mal = api.patch(reverse("api:sesion-detail", args=[sesion.pk]), {
        "asistencias": [{"institucion": InstitucionFactory(siglas="SINROL").pk, "rol": "integrante"}]}, format="json")
    assert mal.status_code == 400
    assert "SINROL no tenía el rol «Integrante»" in str(mal.json()["errores"])
    assert Sesion.objects.get(pk=sesion.pk).asistencias.count() == 1


def test_estado_de_la_sesion(coordinacion):
    api = cliente_api(coordinacion)
    sesion = SesionFactory(fecha=D(2021, 4, 29), estado="programada")
    assert api.post(reverse("api:sesion-estado", args=[sesion.pk]), {"estado": "celebrada"},
                    format="json").json()["estado"] == "celebrada"
    otra = api.post(reverse("api:sesion-estado", args=[sesion.pk]), {"estado": "cancelada"}, format="json")
    assert otra.status_code == 400 and "no puede pasar a «Cancelada»" in str(otra.json())


def test_patch_de_acuerdo_con_version_y_grupos(coordinacion, registro_2020):
    api = cliente_api(coordinacion)
    acuerdo = Acuerdo.objects.get(numero=55)
    url = reverse("api:acuerdo-detail", args=[55])
    sin_version = api.patch(url, {"meta": "Algo"}, format="json")
    assert sin_version.status_code == 400 and "version" in sin_version.json()["errores"]
    respuesta = api.patch(url, {"meta": "Informe entregado.", "grupos": ["invitada_permanente"],
                                "version": acuerdo.version}, format="json")
    assert respuesta.status_code == 200, respuesta.json()
    datos = respuesta.json()
    assert datos["meta"] == "Informe entregado." and datos["grupos_responsables"] == ["invitada_permanente"]
    assert {s["institucion"]["siglas"] for s in datos["seguimientos"] if s["origen"] == "grupo"} == {
        "CFE", "CONADE", "CONAVIM", "INDESOL", "INAFED", "PEMEX"}
    viejo = api.patch(url, {"meta": "Otra", "version": acuerdo.version}, format="json")
    assert viejo.status_code == 409 and viejo.json()["codigo"] == "edicion_concurrente"


def test_nombrar_responsable_por_api(coordinacion, registro_2020):
    api = cliente_api(coordinacion)
    # CFE is bound to agreement 45 as a permanent guest; naming it keeps its record.
    cfe = Acuerdo.objects.get(numero=45).seguimientos.get(institucion__siglas="CFE")
    respuesta = api.post(reverse("api:acuerdo-responsables", args=[45]), {"institucion": cfe.institucion_id},
                         format="json")
    assert respuesta.status_code == 200
    cfe.refresh_from_db()
    assert (cfe.origen, cfe.grupo) == ("nominal", None)
    repetida = api.post(reverse("api:acuerdo-responsables", args=[45]), {"institucion": cfe.institucion_id},
                        format="json")
    assert repetida.status_code == 400


def test_padron_por_api(coordinacion, enlace_propio):
    api = cliente_api(coordinacion)
    alta = api.post(reverse("api:institucion-list"), {
        "nombre": "Instituto de Prueba", "siglas": "IDP", "naturaleza": "entidad_paraestatal",
        "uig": {"nombre": "Unidad de Igualdad de Género", "titular": "Rosa Díaz"}}, format="json")
    assert alta.status_code == 201, alta.json()
    pk = alta.json()["id"]
    assert alta.json()["uig"]["titular"] == "Rosa Díaz"
    rol = api.post(reverse("api:participacion-list"), {"institucion": pk, "rol": "integrante", "desde": "2021-01-01",
                                                        "fundamento": "Reglas del SNIMH"}, format="json")
    assert rol.status_code == 201
    traslape = api.post(reverse("api:participacion-list"), {"institucion": pk, "rol": "invitada",
                                                             "desde": "2021-06-01", "fundamento": "Otra"}, format="json")
    assert traslape.status_code == 400
    fin = api.patch(reverse("api:participacion-detail", args=[rol.json()["id"]]), {"hasta": "2021-12-31"},
                    format="json")
    assert fin.json()["hasta"] == "2021-12-31"
    assert Participacion.objects.get(pk=rol.json()["id"]).hasta == D(2021, 12, 31)
    designa = api.post(reverse("api:representante-list"), {
        "institucion": pk, "tipo": "titular", "nombre": "Ana López", "cargo": "Directora",
        "vigente_desde": "2021-01-10", "oficio": subir("oficio.pdf", archivos.PDF)}, format="multipart")
    assert designa.status_code == 201, designa.json()
    representante = Representante.objects.get(pk=designa.json()["id"])
    assert representante.oficio_nombre == "oficio.pdf"
    descarga = api.get(designa.json()["oficio_archivo"])
    assert descarga.status_code == 200 and b"".join(descarga.streaming_content) == archivos.PDF
    otro = cliente_api(enlace_propio)
    assert otro.get(designa.json()["oficio_archivo"]).status_code == 403
    assert otro.patch(reverse("api:institucion-detail", args=[pk]), {"sector": "X"}, format="json").status_code == 403
