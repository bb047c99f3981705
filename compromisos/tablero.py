"""Sections other kinds add to the dashboard (*Tablero*), without the dashboard's app
importing them: each kind's app registers here from its ``AppConfig.ready`` (like the
inbox's sections, ``compromisos.buzon``, and the institution's panels).

A section is a template and a function ``(usuario, hoy) -> context or None`` (None: nothing
to show). Its template receives the context as ``seccion``.
"""

from .buzon import Seccion

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
