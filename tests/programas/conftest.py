from types import SimpleNamespace

import pytest

from programas import services
from tests.factories import InstitucionFactory, ProgramaFactory


def construir_programa(*, objetivos=2, estrategias=2, lineas=3, instituciones=None, clave="PRUEBA"):
    """A programme built with the services, as the import builds it: ``objetivos`` ×
    ``estrategias`` × ``lineas`` action lines, each coordinated by one institution and implemented
    by two (every text says it is a test)."""
    programa = ProgramaFactory(clave=clave, nombre="Programa de prueba")
    instituciones = instituciones or [InstitucionFactory() for _ in range(4)]
    tipos = ["general", "especifica", "coordinacion"]
    lineas_creadas = []
    k = 0
    for o in range(1, objetivos + 1):
        objetivo, _ = services.objetivo_asegurar(programa=programa, numero=o, texto=f"Objetivo de prueba {o}")
        for e in range(1, estrategias + 1):
            estrategia, _ = services.estrategia_asegurar(objetivo=objetivo, numero=f"{o}.{e}",
                                                         texto=f"Estrategia de prueba {o}.{e}")
            for n in range(1, lineas + 1):
                linea, _ = services.linea_guardar(
                    estrategia=estrategia, numero=f"{o}.{e}.{n}", texto=f"Acción de prueba {o}.{e}.{n}",
                    tipo_accion=tipos[k % 3], coordinadora=instituciones[k % len(instituciones)],
                    instrumentadoras=[instituciones[(k + 1) % len(instituciones)],
                                      instituciones[(k + 2) % len(instituciones)]])
                lineas_creadas.append(linea)
                k += 1
    return SimpleNamespace(programa=programa, instituciones=instituciones, lineas=lineas_creadas)


@pytest.fixture
def programa(db):
    return construir_programa()
