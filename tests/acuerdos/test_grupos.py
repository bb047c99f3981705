"""A group-bound agreement binds every institution of the group: one follow-up record each,
by the rule written once in acuerdos.models.instituciones_del_grupo."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from acuerdos import services
from acuerdos.models import Acuerdo
from compromisos.models import Estatus, Grupo, Seguimiento
from cuentas.models import RolUsuario
from instituciones.models import Rol
from sesiones import services as servicios_sesiones
from tests.factories import InstitucionFactory, ParticipacionFactory, SesionFactory, UsuarioFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def padron():
    """Two integrantes since 2019, a permanent guest from 30/09/2020, one ended in 2019."""
    integrante_a = InstitucionFactory(siglas="INTA")
    integrante_b = InstitucionFactory(siglas="INTB")
    invitada = InstitucionFactory(siglas="INVP")
    saliente = InstitucionFactory(siglas="SAL")
    ParticipacionFactory(institucion=integrante_a, rol=Rol.INTEGRANTE, desde=D(2019, 1, 1))
    ParticipacionFactory(institucion=integrante_b, rol=Rol.INTEGRANTE, desde=D(2019, 1, 1))
    ParticipacionFactory(institucion=invitada, rol=Rol.INVITADA_PERMANENTE, desde=D(2020, 9, 30))
    ParticipacionFactory(institucion=saliente, rol=Rol.INTEGRANTE, desde=D(2018, 1, 1), hasta=D(2019, 12, 31))
    return {"a": integrante_a, "b": integrante_b, "invitada": invitada, "saliente": saliente}


def _siglas(acuerdo):
    return {s.institucion.siglas: (s.origen, s.grupo.grupo if s.grupo else None)
            for s in acuerdo.seguimientos.select_related("institucion", "grupo")}


def test_el_grupo_obliga_a_quienes_tienen_el_rol_en_la_fecha_de_la_sesion(padron, coordinacion):
    sesion = SesionFactory(fecha=D(2020, 9, 30))
    acuerdo = services.acuerdo_crear(sesion=sesion, numero=300, texto="Acuerdo de prueba.", usuario=coordinacion,
                                     grupos=[Grupo.INTEGRANTES, Grupo.INVITADAS_PERMANENTES])
    assert _siglas(acuerdo) == {
        "INTA": ("grupo", "integrante"), "INTB": ("grupo", "integrante"), "INVP": ("grupo", "invitada_permanente"),
    }
    # A session before the guest's role began does not bind it, nor the member who left in 2019.
    anterior = SesionFactory(fecha=D(2020, 4, 24))
    temprano = services.acuerdo_crear(sesion=anterior, numero=301, texto="Otro.", grupos=[Grupo.INVITADAS_PERMANENTES])
    assert _siglas(temprano) == {}


def test_quien_gana_el_rol_despues_no_queda_obligada_y_se_agrega_a_mano(padron, coordinacion):
    sesion = SesionFactory(fecha=D(2021, 4, 29))
    acuerdo = services.acuerdo_crear(sesion=sesion, numero=302, texto="Acuerdo.", grupos=[Grupo.INTEGRANTES])
    nueva = InstitucionFactory(siglas="NUEVA")
    ParticipacionFactory(institucion=nueva, rol=Rol.INTEGRANTE, desde=D(2021, 6, 1))
    assert "NUEVA" not in _siglas(acuerdo)
    services.grupo_expandir(registro=acuerdo.grupos_responsables.get())
    assert "NUEVA" not in _siglas(acuerdo)
    services.acuerdo_agregar_responsable(acuerdo=acuerdo, institucion=nueva)
    assert _siglas(acuerdo)["NUEVA"] == ("nominal", None)


def test_nombrada_y_en_el_grupo_queda_por_nombre(padron):
    sesion = SesionFactory(fecha=D(2021, 4, 29))
    acuerdo = services.acuerdo_crear(sesion=sesion, numero=303, texto="Acuerdo.", instituciones=[padron["a"]],
                                     grupos=[Grupo.INTEGRANTES])
    assert _siglas(acuerdo) == {"INTA": ("nominal", None), "INTB": ("grupo", "integrante")}


def test_asistentes_se_obligan_al_registrar_la_asistencia(padron, coordinacion):
    sesion = SesionFactory(fecha=D(2021, 4, 29))
    acuerdo = services.acuerdo_crear(sesion=sesion, numero=304, texto="Acuerdo.", grupos=[Grupo.ASISTENTES])
    assert _siglas(acuerdo) == {}
    invitada = InstitucionFactory(siglas="INVI")
    servicios_sesiones.asistencia_registrar(sesion=sesion, usuario=coordinacion, asistencias=[
        {"institucion": padron["a"], "rol": Rol.INTEGRANTE}, {"institucion": invitada, "rol": Rol.INVITADA},
    ])
    assert _siglas(acuerdo) == {"INTA": ("grupo", "asistentes"), "INVI": ("grupo", "asistentes")}


def test_acuerdo_cerrado_hereda_su_estatus_final_y_lo_dice_el_historial(padron, coordinacion):
    sesion = SesionFactory(fecha=D(2020, 9, 30))
    acuerdo = services.acuerdo_crear(sesion=sesion, numero=305, texto="Acuerdo.")
    services.acuerdo_cambiar_estatus(acuerdo=acuerdo, estatus=Estatus.CUMPLIDO, fecha=D(2020, 12, 31),
                                     motivo="Cumplido.")
    services.acuerdo_agregar_grupo_responsable(acuerdo=acuerdo, grupo=Grupo.INVITADAS_PERMANENTES)
    seguimiento = Seguimiento.objects.get(acuerdo=acuerdo, institucion=padron["invitada"])
    assert seguimiento.estatus == Estatus.CUMPLIDO
    cambio = seguimiento.historial_estatus.get()
    assert (cambio.anterior, cambio.nuevo, cambio.fecha) == (Estatus.SIN_INICIAR, Estatus.CUMPLIDO, D(2020, 12, 31))
    assert "derivado del grupo «Invitadas permanentes»" in cambio.motivo


def test_quitar_un_grupo_borra_sus_registros_solo_sin_actividad(padron, coordinacion, enlace_propio):
    sesion = SesionFactory(fecha=D(2021, 4, 29))
    acuerdo = services.acuerdo_crear(sesion=sesion, numero=306, texto="Acuerdo.", grupos=[Grupo.INTEGRANTES])
    registro = acuerdo.grupos_responsables.get()
    con_reporte = acuerdo.seguimientos.get(institucion=padron["a"])
    services.reporte_crear(seguimiento=con_reporte, autor=coordinacion, texto="Avance.", fecha=D(2021, 5, 1))
    with pytest.raises(ValidationError) as error:
        services.acuerdo_quitar_grupo_responsable(registro=registro)
    assert "INTA" in error.value.messages[0]
    assert acuerdo.seguimientos.count() == 2
    otro = services.acuerdo_crear(sesion=sesion, numero=307, texto="Otro.", grupos=[Grupo.INTEGRANTES])
    services.acuerdo_quitar_grupo_responsable(registro=otro.grupos_responsables.get())
    assert not otro.seguimientos.exists() and not otro.grupos_responsables.exists()


def test_el_oficial_del_grupo_lo_ve_en_mis_pendientes(client, padron):
    sesion = SesionFactory(fecha=D(2021, 4, 29))
    services.acuerdo_crear(sesion=sesion, numero=308, texto="Las integrantes difundirán el protocolo.",
                           grupos=[Grupo.INTEGRANTES])
    enlace = UsuarioFactory(rol=RolUsuario.ENLACE, institucion=padron["b"])
    client.force_login(enlace)
    pagina = client.get(reverse("acuerdos:pendientes")).content.decode()
    assert "308:29/04/2021" in pagina
    client.force_login(UsuarioFactory(rol=RolUsuario.ENLACE, institucion=padron["invitada"]))
    assert "308:29/04/2021" not in client.get(reverse("acuerdos:pendientes")).content.decode()


def test_la_api_crea_el_acuerdo_con_sus_registros_por_grupo(padron, coordinacion):
    from tests.api.conftest import cliente_api

    sesion = SesionFactory(fecha=D(2021, 4, 29))
    respuesta = cliente_api(coordinacion).post(reverse("api:acuerdo-list"), {
        "numero": 309, "sesion": sesion.pk, "texto": "Acuerdo por API.", "grupos": ["integrante"],
    }, format="json")
    assert respuesta.status_code == 201, respuesta.json()
    seguimientos = respuesta.json()["seguimientos"]
    assert {(s["institucion"]["siglas"], s["origen"], s["grupo"]) for s in seguimientos} == {
        ("INTA", "grupo", "integrante"), ("INTB", "grupo", "integrante")}


def test_registro_2020_expandido_por_la_misma_regla(registro_2020):
    """Agreements 46 and 54 granted the permanent invitations: the groups bound on 30/09/2020
    get CFE, CONADE, CONAVIM and INDESOL; on 9/12/2020 also INAFED and PEMEX. Closed
    agreements give them their final status; the integrantes are not on record."""
    def siglas(numero):
        return {s.institucion.siglas: s.estatus for s in Acuerdo.objects.get(numero=numero).seguimientos.filter(
            origen="grupo").select_related("institucion")}

    cuatro = {"CFE", "CONADE", "CONAVIM", "INDESOL"}
    assert siglas(45) == dict.fromkeys(cuatro, Estatus.SIN_INICIAR)
    assert siglas(46) == dict.fromkeys(cuatro, Estatus.CUMPLIDO)
    assert siglas(52) == dict.fromkeys(cuatro | {"INAFED", "PEMEX"}, Estatus.CUMPLIDO)
    # A group with no members on record stays without institutions.
    acuerdo_34 = Acuerdo.objects.get(numero=34)
    assert acuerdo_34.grupos_responsables.filter(grupo="integrante").exists()
    assert not acuerdo_34.seguimientos.exists()
    historial = Acuerdo.objects.get(numero=46).historial_estatus.filter(seguimiento__isnull=False)
    assert historial.count() == 4
    assert all("derivado del grupo" in c.motivo for c in historial)
