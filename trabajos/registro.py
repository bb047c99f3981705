"""Which function runs each kind of job.

The apps that own the work register it from their ``tareas`` module (discovered when the
app registry is ready, like ``admin`` modules), so this app depends on none of them.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ClaseDeTrabajo:
    tipo: str
    ejecutar: Callable
    """``ejecutar(trabajo, avance)``: does the work, reports progress through ``avance`` and
    hands it the result; raises ``ErrorDelTrabajo`` with a Spanish message when the work
    cannot be done for a reason the person can act on."""


_CLASES: dict[str, ClaseDeTrabajo] = {}


def registrar(tipo, ejecutar):
    """Declare the function that runs jobs of ``tipo`` (a ``TipoTrabajo`` value)."""
    if tipo in _CLASES and _CLASES[tipo].ejecutar is not ejecutar:
        raise ValueError(f"job kind {tipo!r} registered twice")
    _CLASES[tipo] = ClaseDeTrabajo(tipo=tipo, ejecutar=ejecutar)
    return ejecutar


def clase(tipo) -> ClaseDeTrabajo:
    try:
        return _CLASES[tipo]
    except KeyError:
        raise LookupError(f"no function registered for job kind {tipo!r}") from None


def tipos_registrados():
    return set(_CLASES)
