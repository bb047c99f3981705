"""A round trip as an outside system does it: tokens, JSON and multipart, then read it all back."""

import hashlib

import pytest
from django.urls import reverse

from cuentas.models import TokenAPI
from tests import archivos
from tests.api.conftest import cliente_api
from tests.conftest import subir
from tests.factories import InstitucionFactory

pytestmark = pytest.mark.django_db


def test_sesion_acuerdo_reporte_y_evidencia(coordinacion, enlace_propio, institucion_propia):
    otra = InstitucionFactory(siglas="OTRA")
    coord = cliente_api(coordinacion)
    # Only an institution holding the role that day can attend as «integrante».
    rol = coord.post(reverse("api:participacion-list"), {
        "institucion": institucion_propia.pk, "rol": "integrante", "desde": "2021-01-01",
        "fundamento": "Reglas para la Organización y Funcionamiento del SNIMH",
    }, format="json")
    assert rol.status_code == 201, rol.json()
    sesion = coord.post(reverse("api:sesion-list"), {
        "numero": 23, "tipo": "ordinaria", "fecha": "2021-04-29", "modalidad": "virtual", "estado": "celebrada",
        "presidium": [{"tratamiento": "Dra.", "nombre": "Nadine Flora Gasman Zylbermann", "cargo": "Presidenta del INMUJERES"}],
        "orden_del_dia": [{"numero": 1, "titulo": "Seguimiento de acuerdos", "resumen": "Se revisaron los acuerdos abiertos."}],
        "asistencias": [
            {"institucion": institucion_propia.pk, "rol": "integrante", "representante": "Mtra. Ana López"},
            {"institucion": otra.pk, "rol": "invitada"},
        ],
    }, format="json")
    assert sesion.status_code == 201, sesion.json()
    sesion = sesion.json()
    assert sesion["titulo"] == "Vigésima Tercera Sesión Ordinaria"
    assert sesion["asistencia_por_rol"] == {"integrante": 1, "invitada": 1}

    acuerdo = coord.post(reverse("api:acuerdo-list"), {
        "numero": 56, "sesion": sesion["id"], "plazo_fecha": "2021-06-30", "plazo_texto": "durante el segundo trimestre de 2021",
        "texto": "Las instituciones integrantes difundirán el PROIGUALDAD 2020-2024.",
        "instituciones": [institucion_propia.pk, otra.pk], "grupos": ["integrante"],
    }, format="json")
    assert acuerdo.status_code == 201, acuerdo.json()
    acuerdo = acuerdo.json()
    assert acuerdo["cita"] == "56:29/04/2021"
    propio = next(s for s in acuerdo["seguimientos"] if s["institucion"]["siglas"] == "PROPIA")

    enlace = cliente_api(enlace_propio)
    reporte = enlace.post(reverse("api:reporte-list"), {
        "seguimiento": propio["id"], "texto": "Se publicó el programa en la intranet.", "fecha": "2021-05-10",
    }, format="json")
    assert reporte.status_code == 201, reporte.json()
    evidencia = enlace.post(reverse("api:evidencia-list"), {
        "seguimiento": propio["id"], "descripcion": "Captura de la intranet", "archivo": subir("intranet.png", archivos.PNG),
    }, format="multipart")
    assert evidencia.status_code == 201, evidencia.json()
    evidencia = evidencia.json()
    assert (evidencia["formato"], evidencia["sha256"]) == ("png", hashlib.sha256(archivos.PNG).hexdigest())

    descarga = enlace.get(evidencia["descarga"])
    assert descarga.status_code == 200 and b"".join(descarga.streaming_content) == archivos.PNG

    revision = coord.post(reverse("api:evidencia-revision", args=[evidencia["id"]]),
                          {"decision": "devuelto", "observacion": "La captura no muestra la fecha."}, format="json")
    assert revision.json()["estado_revision"] == "devuelto"
    (observacion,) = enlace.get(reverse("api:observacion-list"), {"seguimiento": propio["id"]}).json()["results"]
    assert observacion["texto"] == "La captura no muestra la fecha." and observacion["atendida"] is False

    detalle = coord.get(reverse("api:acuerdo-detail", args=[56])).json()
    assert detalle["resumen_seguimientos"]["total"] == 2
    assert detalle["historial_estatus"][0]["nuevo"] == "sin_iniciar"
    assert enlace.get(reverse("api:reporte-list"), {"seguimiento__acuerdo__numero": 56}).json()["count"] == 1
    assert coord.get(reverse("api:sesion-detail", args=[sesion["id"]])).json()["acuerdos"] == ["56:29/04/2021"]


def test_tokens_revocados_o_vencidos_no_sirven(coordinacion):
    from django.utils import timezone

    token, clave = TokenAPI.emitir(usuario=coordinacion, nombre="Sistema externo")
    cliente = cliente_api(None)
    cliente.credentials(HTTP_AUTHORIZATION=f"Token {clave}")
    assert cliente.get(reverse("api:acuerdo-list")).status_code == 200
    assert TokenAPI.objects.get(pk=token.pk).ultimo_uso is not None
    assert clave not in str(TokenAPI.objects.filter(pk=token.pk).values().get())  # only the hash is stored
    token.revocado_en = timezone.now()
    token.save()
    assert cliente.get(reverse("api:acuerdo-list")).status_code == 401
    vencido, clave_vencida = TokenAPI.emitir(usuario=coordinacion, nombre="Temporal",
                                             expira_en=timezone.now() - timezone.timedelta(minutes=1))
    cliente.credentials(HTTP_AUTHORIZATION=f"Token {clave_vencida}")
    assert cliente.get(reverse("api:acuerdo-list")).status_code == 401
    coordinacion.is_active = False
    coordinacion.save()
    _otro, clave_inactiva = TokenAPI.emitir(usuario=coordinacion, nombre="Inactiva")
    cliente.credentials(HTTP_AUTHORIZATION=f"Token {clave_inactiva}")
    assert cliente.get(reverse("api:acuerdo-list")).status_code == 401


def test_coordinacion_emite_y_revoca_tokens_en_el_admin(client, coordinacion, consulta):
    client.force_login(coordinacion)
    respuesta = client.post(reverse("admin:cuentas_tokenapi_add"),
                            {"usuario": consulta.pk, "nombre": "Tablero del OIC"}, follow=True)
    mensajes = [str(m) for m in respuesta.context["messages"]]
    (aviso,) = [m for m in mensajes if "Token emitido" in m]
    clave = aviso.rsplit(": ", 1)[1]
    api = cliente_api(None)
    api.credentials(HTTP_AUTHORIZATION=f"Token {clave}")
    assert api.get(reverse("api:acuerdo-list")).status_code == 200
    token = TokenAPI.objects.get(nombre="Tablero del OIC")
    client.post(reverse("admin:cuentas_tokenapi_changelist"),
                {"action": "revocar", "_selected_action": [token.pk]})
    assert api.get(reverse("api:acuerdo-list")).status_code == 401
