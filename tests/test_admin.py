"""The admin is usable by coordination from day one: every model, in Spanish."""

import datetime

import pytest
from django.contrib import admin
from django.urls import reverse

from acuerdos.models import Acuerdo
from compromisos.models import CambioEstatus, Estatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def cliente(client, coordinacion, registro_2020):
    client.force_login(coordinacion)
    return client


def _registrados():
    return [m for m in admin.site._registry if m._meta.app_label in {"instituciones", "sesiones", "acuerdos", "cuentas"}]


def test_todos_los_modelos_del_dominio_estan_en_el_admin():
    from django.apps import apps
    from pghistory.models import Event

    propios = {
        m for app in ("instituciones", "sesiones", "acuerdos", "cuentas")
        for m in apps.get_app_config(app).get_models()
        # History events are shown by the agreement timeline, never edited.
        if not issubclass(m, Event)
    }
    assert propios <= set(admin.site._registry)


@pytest.mark.parametrize("modelo", _registrados(), ids=lambda m: m._meta.label)
def test_listado_y_detalle_en_espanol(cliente, modelo):
    info = (modelo._meta.app_label, modelo._meta.model_name)
    respuesta = cliente.get(reverse(f"admin:{info[0]}_{info[1]}_changelist"), {"q": "a"})
    assert respuesta.status_code == 200
    assert 'lang="es-mx"' in respuesta.content.decode()
    objeto = modelo._default_manager.first()
    if objeto is not None:
        respuesta = cliente.get(reverse(f"admin:{info[0]}_{info[1]}_change", args=[objeto.pk]))
        assert respuesta.status_code == 200


def test_cambiar_estatus_desde_el_admin_escribe_el_historial(cliente, coordinacion):
    acuerdo = Acuerdo.objects.get(numero=45)
    url = reverse("admin:acuerdos_acuerdo_change", args=[acuerdo.pk])
    formulario = cliente.get(url).context["adminform"].form
    datos = {k: v for k, v in formulario.initial.items() if v is not None}
    datos.update({
        "sesion": acuerdo.sesion_id, "estatus": Estatus.CUMPLIDO, "fecha_cambio": "15/01/2021",
        "motivo_cambio": "Bases de organización aprobadas", "version_vista": acuerdo.version,
    })
    for prefijo in ("grupos_responsables", "alineacionacuerdo_set", "seguimientos", "historial_estatus"):
        total = {"grupos_responsables": acuerdo.grupos_responsables.count(),
                 "alineacionacuerdo_set": acuerdo.alineacionacuerdo_set.count(),
                 "seguimientos": acuerdo.seguimientos.count(),
                 "historial_estatus": acuerdo.historial_estatus.count()}[prefijo]
        datos.update({f"{prefijo}-TOTAL_FORMS": total, f"{prefijo}-INITIAL_FORMS": total})
    for i, grupo in enumerate(acuerdo.grupos_responsables.all()):
        datos.update({f"grupos_responsables-{i}-id": grupo.pk, f"grupos_responsables-{i}-grupo": grupo.grupo,
                      f"grupos_responsables-{i}-acuerdo": acuerdo.pk})
    for i, seguimiento in enumerate(acuerdo.seguimientos.all()):
        datos.update({f"seguimientos-{i}-id": seguimiento.pk, f"seguimientos-{i}-institucion": seguimiento.institucion_id,
                      f"seguimientos-{i}-version_vista": seguimiento.version,
                      f"seguimientos-{i}-acuerdo": acuerdo.pk})
    for i, cambio in enumerate(acuerdo.historial_estatus.all()):
        datos.update({f"historial_estatus-{i}-id": cambio.pk, f"historial_estatus-{i}-acuerdo": acuerdo.pk})

    sin_motivo = {**datos, "motivo_cambio": ""}
    respuesta = cliente.post(url, sin_motivo)
    assert respuesta.status_code == 200
    assert "Indique el motivo del cambio de estatus." in respuesta.content.decode()
    assert Acuerdo.objects.get(pk=acuerdo.pk).estatus == Estatus.EN_PROCESO

    respuesta = cliente.post(url, datos)
    assert respuesta.status_code == 302, respuesta.context["adminform"].form.errors
    ultimo = CambioEstatus.objects.filter(acuerdo=acuerdo).last()
    assert (ultimo.anterior, ultimo.nuevo, ultimo.fecha, ultimo.usuario) == (
        Estatus.EN_PROCESO, Estatus.CUMPLIDO, datetime.date(2021, 1, 15), coordinacion
    )
    assert Acuerdo.objects.get(pk=acuerdo.pk).estatus == Estatus.CUMPLIDO


def test_el_historial_no_se_edita_desde_el_admin(cliente):
    cambio = CambioEstatus.objects.first()
    assert cliente.get(reverse("admin:acuerdos_cambioestatus_add")).status_code == 403
    assert cliente.post(reverse("admin:acuerdos_cambioestatus_delete", args=[cambio.pk]), {"post": "yes"}).status_code == 403
    assert CambioEstatus.objects.filter(pk=cambio.pk).exists()


def test_edicion_concurrente_en_el_admin_no_sobrescribe(cliente, coordinacion):
    from acuerdos import services

    acuerdo = Acuerdo.objects.get(numero=45)
    url = reverse("admin:acuerdos_acuerdo_change", args=[acuerdo.pk])
    version_vista = acuerdo.version
    # Somebody else changes the agreement meanwhile.
    services.acuerdo_cambiar_estatus(acuerdo=acuerdo, estatus=Estatus.CUMPLIDO, fecha=datetime.date(2021, 1, 5),
                                     motivo="Otra persona", usuario=coordinacion)
    datos = {"numero": 45, "sesion": acuerdo.sesion_id, "texto": acuerdo.texto, "meta": "Meta nueva",
             "estatus": Estatus.CUMPLIDO, "version_vista": version_vista}
    for prefijo in ("grupos_responsables", "alineacionacuerdo_set", "seguimientos", "historial_estatus"):
        datos.update({f"{prefijo}-TOTAL_FORMS": 0, f"{prefijo}-INITIAL_FORMS": 0})
    respuesta = cliente.post(url, datos)
    assert respuesta.status_code == 200
    assert "Otra persona modificó este registro" in respuesta.content.decode()
    assert Acuerdo.objects.get(pk=acuerdo.pk).meta != "Meta nueva"


def test_el_admin_no_cambia_la_institucion_de_un_seguimiento(cliente, coordinacion):
    from acuerdos.models import Seguimiento
    from instituciones.models import Institucion

    seguimiento = Seguimiento.objects.select_related("institucion").first()
    antes = seguimiento.estatus
    otra = Institucion.objects.exclude(pk=seguimiento.institucion_id).first()
    url = reverse("admin:acuerdos_seguimiento_change", args=[seguimiento.pk])
    respuesta = cliente.post(url, {"acuerdo": seguimiento.acuerdo_id, "institucion": otra.pk, "origen": "nominal",
                                   "estatus": "sin_materia", "version_vista": seguimiento.version})
    assert respuesta.status_code == 302
    seguimiento.refresh_from_db()
    assert seguimiento.institucion_id != otra.pk
    # The status is read-only here: it changes in the app, which records date, reason and user.
    assert seguimiento.estatus == antes
    assert not seguimiento.historial_estatus.exists()
