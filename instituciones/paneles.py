"""What other apps show on an institution's pages, without this app importing them: the
follow-up of its commitments (``compromisos``), its attendance to sessions (``sesiones``),
its compliance with agreements in the list (``acuerdos``). Each registers here from its
``AppConfig.ready``; the institutions app is below them all and imports none.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    """A section of the institution's page: ``contexto(request, institucion)`` gives the
    template's ``panel`` variable, or None to leave the section out."""

    clave: str
    plantilla: str
    contexto: Callable
    orden: int = 100


@dataclass(frozen=True)
class Columna:
    """A column of the institutions list: ``valores(instituciones)`` gives
    ``{institution id: text}`` for the page's rows in one query."""

    clave: str
    titulo: str
    valores: Callable
    orden: int = 100


_PANELES: dict[str, Panel] = {}
_COLUMNAS: dict[str, Columna] = {}


def registrar_panel(panel: Panel):
    _PANELES[panel.clave] = panel


def registrar_columna(columna: Columna):
    _COLUMNAS[columna.clave] = columna


def paneles_de(request, institucion):
    """``[(panel, context)]`` in order, without the panels that have nothing to show."""
    resultado = []
    for panel in sorted(_PANELES.values(), key=lambda p: (p.orden, p.clave)):
        contexto = panel.contexto(request, institucion)
        if contexto is not None:
            resultado.append((panel, contexto))
    return resultado


def columnas():
    return sorted(_COLUMNAS.values(), key=lambda c: (c.orden, c.clave))


def filas_con_columnas(instituciones):
    """``[(institucion, [(column, text)])]`` for a page of the list."""
    instituciones = list(instituciones)
    por_columna = [(c, c.valores(instituciones)) for c in columnas()]
    return [(i, [(c, valores.get(i.pk, "—")) for c, valores in por_columna]) for i in instituciones]
