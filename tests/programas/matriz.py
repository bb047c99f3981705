"""The programme of the access matrices (web and API): line 1.1.1 of «PROIG-M», implemented
by the matrix's own institution and coordinated by the other one."""

from programas import services
from programas.models import Programa
from tests.factories import ProgramaFactory


def programa_de_la_matriz(m):
    existente = Programa.objects.filter(clave="PROIG-M").first()
    if existente is not None:
        return existente
    programa = ProgramaFactory(clave="PROIG-M", nombre="Programa de prueba de la matriz")
    objetivo, _ = services.objetivo_asegurar(programa=programa, numero=1, texto="Objetivo de prueba")
    estrategia, _ = services.estrategia_asegurar(objetivo=objetivo, numero="1.1", texto="Estrategia de prueba")
    services.linea_guardar(estrategia=estrategia, numero="1.1.1", texto="Acción de prueba", tipo_accion="general",
                           coordinadora=m.ajeno.institucion, instrumentadoras=[m.propio.institucion])
    return programa
