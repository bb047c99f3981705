"""A year built with factories for the report's tests: 2024, whose only session is the
First Extraordinary, with the First Ordinary of 2023 carried into its annex, every
count exactly one, and an agreement bound to a group of one institution."""

import datetime

from acuerdos import services
from compromisos.models import Estatus
from instituciones.models import Rol
from sesiones.models import Sesion
from sesiones.services import sesion_crear
from tests.factories import InstitucionFactory, ParticipacionFactory, UsuarioFactory

D = datetime.date
ANIO = 2024
ORDINARIA = "Primera Sesión Ordinaria"
EXTRAORDINARIA = "Primera Sesión Extraordinaria"
ANEXO = [(ORDINARIA, "1:10/11/2023", "EN PROCESO"), (EXTRAORDINARIA, "2:15/03/2024", "CUMPLIDO")]


def _asistencia_de_uno():
    return [{"rol": rol, "total": 1} for rol in Rol.values]


ORDINARIA_EN = D(2023, 11, 10)


def construir_anio(*, ordinaria_en=ORDINARIA_EN, relleno=0):
    """2024: one session held (the First Extraordinary), which approved one agreement,
    with one institution of each role; the First Ordinary (2023) left one agreement open
    that is carried into the 2024 annex. With ``ordinaria_en`` in 2024 both sessions are
    described, and ``relleno`` words in the ordinary one's agenda move the
    extraordinary one's heading down the page."""
    coordinacion = UsuarioFactory(rol="coordinacion")
    ordinaria = sesion_crear(
        numero=1, tipo=Sesion.Tipo.ORDINARIA, fecha=ordinaria_en, estado="celebrada", modalidad="virtual",
        asistencia_reportada=_asistencia_de_uno(),
        orden_del_dia=[{"numero": 1, "titulo": "Bienvenida", "resumen": ("Palabra " * relleno).strip()}],
    )
    extraordinaria = sesion_crear(
        numero=1, tipo=Sesion.Tipo.EXTRAORDINARIA, fecha=D(2024, 3, 15), estado="celebrada", modalidad="virtual",
        asistencia_reportada=_asistencia_de_uno(),
        orden_del_dia=[
            {"numero": 1, "titulo": "Bienvenida", "resumen": "Se dio la bienvenida."},
            {"numero": 2, "titulo": "Lectura y aprobación de acuerdos", "resumen": "Se aprobó el acuerdo."},
        ],
    )
    abierto = services.acuerdo_crear(sesion=ordinaria, numero=1, texto="Texto del acuerdo de la sesión ordinaria.")
    services.acuerdo_cambiar_estatus(acuerdo=abierto, estatus=Estatus.EN_PROCESO,
                                     fecha=ordinaria_en + datetime.timedelta(days=20), motivo="Avance",
                                     usuario=coordinacion)
    # One permanent guest on record: the extraordinary session's agreement binds it as a group.
    invitada = InstitucionFactory(siglas="INVITADA", nombre="Institución invitada permanente")
    ParticipacionFactory(institucion=invitada, rol=Rol.INVITADA_PERMANENTE, desde=D(2024, 1, 1))
    cumplido = services.acuerdo_crear(sesion=extraordinaria, numero=2, grupos=[Rol.INVITADA_PERMANENTE],
                                      texto="Texto del acuerdo de la sesión extraordinaria.")
    services.acuerdo_cambiar_estatus(acuerdo=cumplido, estatus=Estatus.CUMPLIDO, fecha=D(2024, 5, 2), motivo="Oficio",
                                     usuario=coordinacion)
    return ordinaria, extraordinaria
