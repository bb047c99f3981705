"""Every page's SQL query count is bounded and does not grow with the record.

The record is measured small, then grown (more agreements, more responsible
institutions, evidence, reports, observations, attendance, sessions) and measured
again: each page and role must issue exactly the same number of queries.
"""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from acuerdos import services
from compromisos.models import Estatus
from instituciones.models import Rol
from sesiones.models import Asistencia, PuntoOrdenDia
from tests import archivos
from tests.conftest import subir
from tests.factories import AcuerdoFactory, InstitucionFactory, ParticipacionFactory, SesionFactory

pytestmark = pytest.mark.django_db

# Most a page may issue: session and user, plus its own reads. The agreement page is
# the largest (32): its timeline reads one history table per tracked model.
TOPE = 35


class Registro:
    def __init__(self, mundo):
        self.mundo = mundo
        self.sesion = mundo.acuerdo.sesion
        self.institucion = mundo.propio.institucion
        self.n = 0

    def crecer(self, veces):
        """Add ``veces`` agreements, institutions, records, files and a session each."""
        m = self.mundo
        for _ in range(veces):
            self.n += 1
            otra = InstitucionFactory()
            ParticipacionFactory(institucion=otra, rol=Rol.INTEGRANTE, desde=datetime.date(2019, 1, 1))
            sesion = SesionFactory(numero=300 + self.n, fecha=datetime.date(2020, 1, 1) + datetime.timedelta(days=self.n))
            Asistencia.objects.create(sesion=self.sesion, institucion=otra, rol=Rol.INTEGRANTE)
            Asistencia.objects.create(sesion=sesion, institucion=otra, rol=Rol.INVITADA)
            PuntoOrdenDia.objects.create(sesion=self.sesion, numero=10 + self.n, titulo=f"Punto {self.n}")
            acuerdo = AcuerdoFactory(sesion=sesion, plazo_fecha=datetime.date(2021, 1, 1),
                                     estatus=Estatus.EN_PROCESO if self.n % 2 else Estatus.CUMPLIDO)
            services.acuerdo_registrar_estatus_inicial(acuerdo=acuerdo)
            propio = services.acuerdo_agregar_responsable(acuerdo=acuerdo, institucion=self.institucion)
            services.acuerdo_agregar_responsable(acuerdo=acuerdo, institucion=otra)
            # The agreement of the detail page gains a responsible institution too.
            extra = services.acuerdo_agregar_responsable(acuerdo=m.acuerdo, institucion=otra)
            for seguimiento in (propio, extra):
                services.reporte_crear(seguimiento=seguimiento, autor=m.usuarios["coordinacion"], texto="Avance")
                services.evidencia_subir(seguimiento=seguimiento, autor=m.usuarios["coordinacion"],
                                         archivo=subir(f"oficio-{self.n}.pdf", archivos.PDF))
                services.observacion_crear(seguimiento=seguimiento, autor=m.usuarios["coordinacion"], texto="Revise")


PAGINAS = {
    "tablero": lambda r: reverse("acuerdos:tablero"),
    "lista": lambda r: reverse("acuerdos:lista"),
    "lista_filtrada": lambda r: reverse("acuerdos:lista") + f"?q=prueba&estatus=en_proceso&institucion={r.institucion.pk}"
                                                          "&orden=-plazo&vencidos=on",
    "exportar_csv": lambda r: reverse("acuerdos:exportar_csv"),
    "exportar_xlsx": lambda r: reverse("acuerdos:exportar_xlsx") + "?anio=2020",
    "detalle": lambda r: reverse("acuerdos:detalle", args=[r.mundo.acuerdo.numero]),
    "seguimiento": lambda r: reverse("acuerdos:seguimiento", args=[r.mundo.propio.pk]),
    "sesiones": lambda r: reverse("sesiones:lista"),
    "sesion": lambda r: reverse("sesiones:detalle", args=[r.sesion.pk]),
    "instituciones": lambda r: reverse("instituciones:lista"),
    "institucion": lambda r: reverse("instituciones:detalle", args=[r.institucion.pk]),
    "pendientes": lambda r: reverse("acuerdos:pendientes"),
    "revision": lambda r: reverse("acuerdos:revision"),
    "transparencia": lambda r: reverse("transparencia:lista") + "?q=prueba",
    "transparencia_csv": lambda r: reverse("transparencia:acuerdos_csv"),
    "transparencia_json": lambda r: reverse("transparencia:acuerdos_json"),
    "transparencia_responsables": lambda r: reverse("transparencia:responsables_xlsx"),
    "transparencia_acuerdo": lambda r: reverse("transparencia:acuerdo", args=[r.mundo.acuerdo.numero]),
    "transparencia_sesion": lambda r: reverse("transparencia:sesion", args=[r.sesion.tipo,
                                                                            r.sesion.numero]),
    "transparencia_instituciones": lambda r: reverse("transparencia:instituciones"),
    "transparencia_institucion": lambda r: reverse("transparencia:institucion", args=[r.institucion.pk]),
}
ROLES = {
    "pendientes": ["enlace_propio"],
    "revision": ["coordinacion"],
    "transparencia": ["anonimo"], "transparencia_csv": ["anonimo"], "transparencia_json": ["anonimo"],
    "transparencia_responsables": ["anonimo"], "transparencia_acuerdo": ["anonimo"],
    "transparencia_sesion": ["anonimo"], "transparencia_instituciones": ["anonimo"],
    "transparencia_institucion": ["anonimo"],
}


def _contar(client, usuario, url):
    cache.clear()  # the dashboard is measured computing, not from the cache
    client.logout()
    if usuario is not None:
        client.force_login(usuario)
    with CaptureQueriesContext(connection) as consultas:
        respuesta = client.get(url)
    assert respuesta.status_code == 200, (url, respuesta.status_code)
    return len(consultas)


def test_consultas_constantes_en_el_tamano_del_registro(client, mundo):
    registro = Registro(mundo)
    registro.crecer(2)
    casos = [(pagina, rol) for pagina in PAGINAS for rol in ROLES.get(pagina, ["coordinacion", "enlace_ajeno"])]
    antes = {caso: _contar(client, mundo.usuarios[caso[1]], PAGINAS[caso[0]](registro)) for caso in casos}
    registro.crecer(12)
    despues = {caso: _contar(client, mundo.usuarios[caso[1]], PAGINAS[caso[0]](registro)) for caso in casos}
    assert despues == antes
    assert max(antes.values()) <= TOPE, antes
