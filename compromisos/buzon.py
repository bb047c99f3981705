"""The officer's inbox (*Mis pendientes*) gathers what an institution must still do. The
commitments of every kind are the engine's own; other apps that ask something of an
institution (questionnaires to answer…) add a section here from their ``AppConfig.ready``,
so that the engine imports none of them.

A section is a template and a function ``(usuario, hoy) -> context or None`` (None: nothing
to show). Its template receives the context as ``seccion``.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Seccion:
    clave: str
    plantilla: str
    contexto: Callable
    orden: int = 100


_SECCIONES: dict[str, Seccion] = {}


def registrar(seccion: Seccion):
    _SECCIONES[seccion.clave] = seccion


def secciones_para(usuario, hoy):
    """``[(section, context)]`` of the sections with something for ``usuario``, in order."""
    resultado = []
    for seccion in sorted(_SECCIONES.values(), key=lambda s: (s.orden, s.clave)):
        contexto = seccion.contexto(usuario, hoy)
        if contexto is not None:
            resultado.append((seccion, contexto))
    return resultado
