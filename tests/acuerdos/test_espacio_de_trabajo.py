"""Coordination records, edits and retires agreements from their session's page."""

import datetime

import pytest
from django.urls import reverse

from acuerdos.dias_habiles import sumar_dias_habiles
from acuerdos.models import Acuerdo
from compromisos.models import Estatus
from instituciones.models import Participacion, Rol
from tests.factories import InstitucionFactory, ParticipacionFactory, SesionFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def _datos(**extra):
    datos = {"numero": "56", "texto": "Las instituciones difundirán el Protocolo.", "plazo_fecha": "",
             "plazo_dias_habiles": "", "plazo_texto": "", "meta": "", "responsables_texto": "", "objetivos": []}
    return {**datos, **extra}


@pytest.fixture
def sesion_23(registro_2020):
    return SesionFactory(numero=23, fecha=D(2021, 4, 29))


def test_nuevo_acuerdo_sugiere_el_numero_y_muestra_a_quien_obliga_cada_grupo(client, coordinacion, sesion_23):
    client.force_login(coordinacion)
    pagina = client.get(reverse("acuerdos:nuevo", args=[sesion_23.pk]))
    assert pagina.context["form"].initial["numero"] == 56
    html = pagina.content.decode()
    assert "Obligaría a 6 instituciones" in html  # the permanent guests of 29/04/2021
    assert "CFE, CONADE, CONAVIM, INDESOL, INAFED, PEMEX" in html
    assert "Aún no hay asistencia nominal registrada para esta sesión" in html


def test_plazo_en_dias_habiles_desde_la_sesion(client, coordinacion, sesion_23):
    client.force_login(coordinacion)
    respuesta = client.post(reverse("acuerdos:nuevo", args=[sesion_23.pk]), _datos(plazo_dias_habiles="15"))
    assert respuesta.status_code == 302
    acuerdo = Acuerdo.objects.get(numero=56)
    # Thursday 29/04/2021 + 15 working days (1 May falls on a Saturday): Thursday 20/05/2021.
    assert acuerdo.plazo_fecha == sumar_dias_habiles(D(2021, 4, 29), 15) == D(2021, 5, 20)
    assert acuerdo.plazo_texto == "15 días hábiles a partir de la sesión"
    assert acuerdo.historial_estatus.get().motivo == "Adoptado en la sesión."


def test_acuerdo_por_nombre_y_por_grupo(client, coordinacion, sesion_23):
    from instituciones.models import Institucion

    client.force_login(coordinacion)
    inmujeres = Institucion.objects.get(siglas="INMUJERES")
    respuesta = client.post(reverse("acuerdos:nuevo", args=[sesion_23.pk]),
                            _datos(instituciones=[inmujeres.pk], grupos=["invitada_permanente"]))
    assert respuesta.status_code == 302
    acuerdo = Acuerdo.objects.get(numero=56)
    assert acuerdo.seguimientos.filter(origen="nominal").get().institucion == inmujeres
    assert acuerdo.seguimientos.filter(origen="grupo").count() == 6
    pagina = client.get(acuerdo.get_absolute_url()).content.decode()
    assert "<strong>Invitadas permanentes:</strong> CFE, CONADE, CONAVIM, INDESOL, INAFED, PEMEX" in pagina


def test_edicion_con_bloqueo_optimista(client, coordinacion, sesion_23):
    client.force_login(coordinacion)
    client.post(reverse("acuerdos:nuevo", args=[sesion_23.pk]), _datos())
    acuerdo = Acuerdo.objects.get(numero=56)
    vista = acuerdo.version
    url = reverse("acuerdos:editar", args=[56])
    assert client.post(url, _datos(meta="Primera edición", version=vista)).status_code == 302
    respuesta = client.post(url, _datos(meta="Segunda edición", version=vista))
    assert respuesta.status_code == 200
    assert "Otra persona modificó este registro mientras usted lo editaba." in respuesta.content.decode()
    assert Acuerdo.objects.get(numero=56).meta == "Primera edición"


def test_dejar_sin_materia_con_motivo(client, coordinacion, sesion_23):
    client.force_login(coordinacion)
    client.post(reverse("acuerdos:nuevo", args=[sesion_23.pk]), _datos())
    acuerdo = Acuerdo.objects.get(numero=56)
    url = reverse("acuerdos:retirar", args=[56])
    sin_motivo = client.post(url, {"fecha": "2021-06-01", "motivo": "", "version": acuerdo.version})
    assert "Este campo es requerido." in sin_motivo.content.decode()
    client.post(url, {"fecha": "2021-06-01", "motivo": "Se abrogó la norma.", "version": acuerdo.version})
    acuerdo.refresh_from_db()
    assert acuerdo.estatus == Estatus.SIN_MATERIA
    assert acuerdo.historial_estatus.del_acuerdo().last().motivo == "Se abrogó la norma."
    assert "Dejar sin materia" not in client.get(acuerdo.get_absolute_url()).content.decode()


def test_incorporar_las_cuatro_instituciones_en_un_paso(client, coordinacion, sesion_23):
    nuevas = [InstitucionFactory(siglas=s) for s in ("ISSSTEX", "IMSSX", "INPIX", "CNDHX")]
    client.force_login(coordinacion)
    client.post(reverse("acuerdos:nuevo", args=[sesion_23.pk]), _datos(texto="Se incorporan cuatro instituciones."))
    pagina = client.get(reverse("acuerdos:detalle", args=[56])).content.decode()
    assert reverse("acuerdos:otorgar_rol", args=[56]) in pagina
    respuesta = client.post(reverse("acuerdos:otorgar_rol", args=[56]), {
        "rol": "invitada_permanente", "desde": "2021-04-29", "instituciones": [i.pk for i in nuevas]})
    assert respuesta.status_code == 302
    otorgadas = Participacion.objects.filter(acuerdo__numero=56)
    assert {p.institucion.siglas for p in otorgadas} == {"ISSSTEX", "IMSSX", "INPIX", "CNDHX"}
    assert all(p.rol == Rol.INVITADA_PERMANENTE and p.desde == D(2021, 4, 29) for p in otorgadas)


def test_incorporar_es_todo_o_nada(client, coordinacion, sesion_23):
    libre = InstitucionFactory(siglas="LIBRE")
    ocupada = InstitucionFactory(siglas="OCUPADA")
    ParticipacionFactory(institucion=ocupada, rol=Rol.INTEGRANTE, desde=D(2019, 1, 1))
    client.force_login(coordinacion)
    client.post(reverse("acuerdos:nuevo", args=[sesion_23.pk]), _datos())
    respuesta = client.post(reverse("acuerdos:otorgar_rol", args=[56]), {
        "rol": "invitada_permanente", "desde": "2021-04-29", "instituciones": [libre.pk, ocupada.pk]})
    assert "OCUPADA: La institución ya tiene un rol en el SNIMH en parte de ese periodo" in respuesta.content.decode()
    assert not Participacion.objects.filter(acuerdo__numero=56).exists()


def test_sesion_cancelada_no_recibe_acuerdos(client, coordinacion):
    cancelada = SesionFactory(estado="cancelada", fecha=D(2021, 4, 29))
    client.force_login(coordinacion)
    respuesta = client.get(reverse("acuerdos:nuevo", args=[cancelada.pk]))
    assert respuesta.status_code == 302
