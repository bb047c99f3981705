"""Coordination records a session in the app: the session and its agenda, its state, the
minutes, the attendance with quorum, and the follow-up of earlier agreements."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from instituciones.models import Institucion, Representante, Rol
from sesiones import services
from sesiones.models import Asistencia, Sesion
from tests import archivos
from tests.conftest import subir
from tests.factories import (
    InstitucionFactory,
    ParticipacionFactory,
    RepresentanteFactory,
    SesionFactory,
    UsuarioFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date
HOY = timezone.localdate()


def _formulario_de_sesion(**datos):
    base = {"tipo": "ordinaria", "numero": "23", "fecha": "2021-04-29", "modalidad": "virtual", "resumen": "",
            "total_integrantes": "", "presidium-TOTAL_FORMS": "1", "presidium-INITIAL_FORMS": "0",
            "presidium-0-tratamiento": "Dra.", "presidium-0-nombre": "Nadine Gasman", "presidium-0-cargo": "Presidenta",
            "orden-TOTAL_FORMS": "4", "orden-INITIAL_FORMS": "0"}
    for i, titulo in enumerate(["Lista de asistencia", "Sistema Nacional de Cuidados", "Lectura y aprobación de acuerdos"]):
        base.update({f"orden-{i}-titulo": titulo, f"orden-{i}-resumen": f"Resumen {i + 1}.", f"orden-{i}-ORDER": i + 1})
    return {**base, **datos}


def test_nueva_sesion_sugiere_el_ordinal_y_guarda_su_orden_del_dia(client, coordinacion, registro_2020):
    client.force_login(coordinacion)
    pagina = client.get(reverse("sesiones:nueva"))
    assert pagina.context["form"].initial["numero"] == 23
    assert "Vigésima Tercera Sesión Ordinaria" in pagina.content.decode()
    assert "Primera Sesión Extraordinaria" in pagina.content.decode()
    respuesta = client.post(reverse("sesiones:nueva"), _formulario_de_sesion())
    sesion = Sesion.objects.get(numero=23)
    assert respuesta["Location"] == sesion.get_absolute_url()
    assert (sesion.estado, sesion.titulo) == ("programada", "Vigésima Tercera Sesión Ordinaria")
    assert list(sesion.orden_del_dia.values_list("numero", "titulo")) == [
        (1, "Lista de asistencia"), (2, "Sistema Nacional de Cuidados"), (3, "Lectura y aprobación de acuerdos")]
    assert str(sesion.presidium.get()) == "Dra. Nadine Gasman, Presidenta"


def test_reordenar_y_quitar_puntos_conserva_su_identidad(client, coordinacion):
    client.force_login(coordinacion)
    client.post(reverse("sesiones:nueva"), _formulario_de_sesion())
    sesion = Sesion.objects.get(numero=23)
    puntos = list(sesion.orden_del_dia.order_by("numero"))
    datos = _formulario_de_sesion(**{
        "orden-TOTAL_FORMS": "3", "orden-INITIAL_FORMS": "3",
        "orden-0-id": puntos[0].pk, "orden-0-ORDER": "2", "orden-0-DELETE": "",
        "orden-1-id": puntos[1].pk, "orden-1-ORDER": "1",
        "orden-2-id": puntos[2].pk, "orden-2-ORDER": "3", "orden-2-DELETE": "on",
    })
    respuesta = client.post(reverse("sesiones:editar", args=[sesion.pk]), datos)
    assert respuesta.status_code == 302, respuesta.context["orden"].errors
    assert list(sesion.orden_del_dia.values_list("pk", "numero")) == [(puntos[1].pk, 1), (puntos[0].pk, 2)]


def test_agregar_filas_sin_perder_lo_escrito(client, coordinacion):
    client.force_login(coordinacion)
    respuesta = client.post(reverse("sesiones:nueva"), {**_formulario_de_sesion(), "agregar_filas": "1"})
    assert respuesta.status_code == 200
    assert len(respuesta.context["orden"].forms) == 7
    assert "Sistema Nacional de Cuidados" in respuesta.content.decode()
    assert not Sesion.objects.filter(numero=23).exists()


def test_numero_repetido_se_explica(client, coordinacion, registro_2020):
    client.force_login(coordinacion)
    respuesta = client.post(reverse("sesiones:nueva"), _formulario_de_sesion(numero="22"))
    assert respuesta.status_code == 400
    assert "Ya existe una sesión de ese tipo con ese número." in respuesta.content.decode()


def test_estados_y_acciones_segun_el_estado(client, coordinacion):
    client.force_login(coordinacion)
    futura = SesionFactory(fecha=HOY + datetime.timedelta(days=7), estado="programada")
    pagina = client.get(futura.get_absolute_url()).content.decode()
    assert "Marcar como celebrada" not in pagina and "Cancelar la sesión" in pagina
    assert "Aún no se han registrado acuerdos para esta sesión." in pagina
    with pytest.raises(ValidationError) as error:
        services.sesion_cambiar_estado(sesion=futura, estado="celebrada", usuario=coordinacion)
    assert "se marca como celebrada ese día o después" in error.value.messages[0]
    hoy = SesionFactory(fecha=HOY, estado="programada")
    assert "Marcar como celebrada" in client.get(hoy.get_absolute_url()).content.decode()
    client.post(reverse("sesiones:estado", args=[hoy.pk]), {"estado": "celebrada"})
    hoy.refresh_from_db()
    assert hoy.estado == "celebrada"
    pagina = client.get(hoy.get_absolute_url()).content.decode()
    assert "Marcar como celebrada" not in pagina and "Cancelar la sesión" not in pagina
    assert "En esta sesión no se adoptaron acuerdos." in pagina
    with pytest.raises(ValidationError):
        services.sesion_cambiar_estado(sesion=hoy, estado="cancelada", usuario=coordinacion)


def test_acta_se_sube_y_se_descarga_con_su_nombre(client, coordinacion, consulta):
    sesion = SesionFactory(fecha=D(2021, 4, 29))
    client.force_login(coordinacion)
    respuesta = client.post(reverse("sesiones:acta_subir", args=[sesion.pk]),
                            {"archivo": subir("Acta 23a sesión.pdf", archivos.PDF)})
    assert respuesta.status_code == 302
    sesion.refresh_from_db()
    assert sesion.acta_nombre == "Acta 23a sesión.pdf" and "Acta" not in sesion.acta.name
    client.force_login(consulta)
    descarga = client.get(reverse("sesiones:acta", args=[sesion.pk]))
    assert descarga.status_code == 200
    assert b"".join(descarga.streaming_content) == archivos.PDF
    assert "Acta%2023a%20sesi%C3%B3n.pdf" in descarga["Content-Disposition"]
    assert descarga["X-Content-Type-Options"] == "nosniff"
    # Approved minutes are final.
    services.sesion_aprobar_acta(sesion=sesion, fecha=D(2021, 7, 1), usuario=coordinacion)
    with pytest.raises(ValidationError):
        services.sesion_subir_acta(sesion=sesion, archivo=subir("otra.pdf", archivos.PDF), usuario=coordinacion)


def test_acta_rechazada_por_estado_o_formato(client, coordinacion):
    programada = SesionFactory(fecha=HOY + datetime.timedelta(days=3), estado="programada")
    with pytest.raises(ValidationError) as error:
        services.sesion_subir_acta(sesion=programada, archivo=subir("acta.pdf", archivos.PDF), usuario=coordinacion)
    assert error.value.message_dict["acta"] == ["El acta se sube cuando la sesión se ha celebrado."]
    celebrada = SesionFactory(fecha=D(2021, 4, 29))
    client.force_login(coordinacion)
    respuesta = client.post(reverse("sesiones:acta_subir", args=[celebrada.pk]),
                            {"archivo": subir("acta.png", archivos.PNG)})
    assert "El contenido del archivo no es de un formato admitido (DOCX, ODT, PDF)." in respuesta.content.decode()
    celebrada.refresh_from_db()
    assert not celebrada.acta


def test_el_admin_enlaza_el_acta_a_la_descarga_con_permiso(client, coordinacion):
    sesion = SesionFactory(fecha=D(2021, 4, 29))
    services.sesion_subir_acta(sesion=sesion, archivo=subir("acta.pdf", archivos.PDF), usuario=coordinacion)
    client.force_login(coordinacion)
    pagina = client.get(reverse("admin:sesiones_sesion_change", args=[sesion.pk])).content.decode()
    enlaces = re.findall(r'href="([^"]*acta[^"]*)"', pagina)
    assert reverse("sesiones:acta", args=[sesion.pk]) in enlaces
    for enlace in enlaces:
        assert client.get(enlace).status_code == 200, enlace


@pytest.fixture
def cuarenta(registro_2020):
    """40 integrantes on 29/04/2021, 30 of them with a titular designated by letter."""
    instituciones = []
    for i in range(40):
        institucion = InstitucionFactory(siglas=f"INT{i:02d}", nombre=f"Secretaría de prueba {i:02d}")
        ParticipacionFactory(institucion=institucion, rol=Rol.INTEGRANTE, desde=D(2021, 1, 1))
        if i < 30:
            RepresentanteFactory(institucion=institucion, vigente_desde=D(2021, 1, 1))
        instituciones.append(institucion)
    return instituciones


def _como_lo_envia_el_navegador(form):
    datos = {}
    for nombre in form.fields:
        valor = form[nombre].value()
        if valor not in (None, False, ""):
            datos[nombre] = "on" if valor is True else valor
    return datos


def test_asistencia_de_cuarenta_en_una_pantalla(client, coordinacion, cuarenta):
    sesion = SesionFactory(numero=23, fecha=D(2021, 4, 29))
    client.force_login(coordinacion)
    pagina = client.get(reverse("sesiones:asistencia", args=[sesion.pk]))
    filas = pagina.context["form"].filas
    # Every role holder of the day, plus the permanent guests granted by agreements 46 and 54.
    assert len([f for f in filas if f.rol == Rol.INTEGRANTE]) == 40
    assert len([f for f in filas if f.rol == Rol.INVITADA_PERMANENTE]) == 6
    html = pagina.content.decode()
    assert "más de la mitad de las 40 instituciones integrantes en la fecha (21)" in html
    # The titular is proposed as the person who attended.
    titular = Representante.objects.get(institucion=cuarenta[0])
    assert f'value="{titular.pk}" selected' in html
    # What a browser sends: every field as the page filled it in, plus the ticks.
    datos = _como_lo_envia_el_navegador(pagina.context["form"])
    datos.update({f"presente-{i.pk}": "on" for i in cuarenta[:25]})
    respuesta = client.post(reverse("sesiones:asistencia", args=[sesion.pk]), datos)
    assert respuesta.status_code == 302
    assert sesion.asistencias.count() == 25
    asistencia = Asistencia.objects.get(sesion=sesion, institucion=cuarenta[0])
    assert asistencia.persona_designada == titular and asistencia.representante == titular.nombre_y_cargo
    quorum = Sesion.objects.get(pk=sesion.pk).quorum()
    assert (quorum.integrantes, quorum.presentes, quorum.acreditadas, quorum.requeridas, quorum.hay_quorum) == (
        40, 25, 25, 21, True)
    detalle = client.get(sesion.get_absolute_url()).content.decode()
    assert "25 de 40 integrantes presentes; se requieren 21." in detalle


def test_asistencia_agrega_invitadas_por_busqueda_sin_perder_lo_marcado(client, coordinacion, cuarenta):
    sesion = SesionFactory(numero=23, fecha=D(2021, 4, 29))
    invitada = InstitucionFactory(siglas="COPRED", nombre="Consejo para Prevenir y Eliminar la Discriminación")
    client.force_login(coordinacion)
    url = reverse("sesiones:asistencia", args=[sesion.pk])
    busqueda = client.post(url, {f"presente-{cuarenta[0].pk}": "on", "q": "prevenir", "buscar": "1"})
    form = busqueda.context["form"]
    assert any(f.institucion == invitada and f.invitada for f in form.filas)
    assert form[f"presente-{cuarenta[0].pk}"].value() is True
    client.post(url, {f"presente-{cuarenta[0].pk}": "on", f"presente-{invitada.pk}": "on",
                      f"rol-{invitada.pk}": "invitada", f"persona-{invitada.pk}": "otra",
                      f"representante-{invitada.pk}": "Lic. Ana Ruiz, Directora"})
    assert set(sesion.asistencias.values_list("institucion__siglas", "rol")) == {
        ("INT00", "integrante"), ("COPRED", "invitada")}


def test_asistencia_con_rol_que_no_corresponde_se_rechaza_entera(coordinacion, cuarenta):
    sesion = SesionFactory(numero=23, fecha=D(2021, 4, 29))
    sep = Institucion.objects.get(siglas="SEP")  # named by the 2020 record, with no role on record
    with pytest.raises(ValidationError) as error:
        services.asistencia_registrar(sesion=sesion, usuario=coordinacion, asistencias=[
            {"institucion": cuarenta[0], "rol": Rol.INTEGRANTE},
            {"institucion": sep, "rol": Rol.INTEGRANTE},
        ])
    assert "SEP no tenía el rol «Integrante» en el SNIMH el 29/04/2021" in error.value.messages[0]
    assert not sesion.asistencias.exists()


def test_asistencia_de_una_sesion_futura_se_rechaza(coordinacion, cuarenta):
    sesion = SesionFactory(fecha=HOY + datetime.timedelta(days=2), estado="programada")
    with pytest.raises(ValidationError):
        services.asistencia_registrar(sesion=sesion, usuario=coordinacion,
                                      asistencias=[{"institucion": cuarenta[0], "rol": Rol.INTEGRANTE}])


def test_seguimiento_de_acuerdos_desde_la_pagina_de_la_sesion(client, coordinacion, registro_2020):
    programada = SesionFactory(numero=23, fecha=HOY + datetime.timedelta(days=5), estado="programada")
    client.force_login(coordinacion)
    client.post(reverse("acuerdos:sesion_preparar", args=[programada.pk]))
    pagina = client.get(programada.get_absolute_url()).content.decode()
    assert "Acuerdos listados para revisión; marque los que se revisen" in pagina
    assert programada.revisiones.count() == 7
    client.post(reverse("acuerdos:sesion_revisados", args=[programada.pk]), {"revisados": ["37", "53"]})
    assert set(programada.revisiones.filter(revisado=True).values_list("acuerdo__numero", flat=True)) == {37, 53}
    client.force_login(UsuarioFactory(rol="consulta"))
    consulta = client.get(programada.get_absolute_url()).content.decode()
    assert "se revisará" in consulta
    celebrada = SesionFactory(numero=24, fecha=D(2021, 9, 30))
    client.force_login(coordinacion)
    client.post(reverse("acuerdos:sesion_preparar", args=[celebrada.pk]))
    pagina = client.get(celebrada.get_absolute_url()).content.decode()
    assert "marque los que se revisaron según el acta" in pagina
