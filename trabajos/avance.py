"""What a running job tells the people waiting for it: steps done out of the total, the
step it is on, and at the end its result."""

import time

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from .models import Trabajo, UnidadAvance, ruta_resultado


class ErrorDelTrabajo(Exception):
    """A job that cannot be done for a reason the person can act on (a file with errors,
    filters that no longer exist): its Spanish message is shown as it is; ``detalle``, if
    any, is kept for the administrators."""

    def __init__(self, mensaje, *, detalle=""):
        super().__init__(mensaje)
        self.detalle = detalle


class Avance:
    """Progress of one job, written to its record as it happens.

    Writes are throttled (``intervalo`` seconds) so that a loop over 30,000 rows does not
    become 30,000 UPDATEs; a new step's text and the last step are always written. Each
    write is its own autocommitted UPDATE, so the page and the JSON see it at once.
    """

    intervalo = 0.5

    def __init__(self, trabajo: Trabajo):
        self.trabajo = trabajo
        self._escrito = 0.0
        self._resultado = None

    def __call__(self, hechos=None, total=None, *, paso=None, unidad=None):
        cambios = {}
        if total is not None:
            cambios["pasos_totales"] = total
        if hechos is not None:
            cambios["pasos_hechos"] = min(hechos, total if total is not None else self.trabajo.pasos_totales)
        if paso is not None:
            cambios["paso_actual"] = str(paso)[:200]
        if unidad is not None:
            cambios["unidad"] = UnidadAvance(unidad)
        for campo, valor in cambios.items():
            setattr(self.trabajo, campo, valor)
        ahora = time.monotonic()
        importante = paso is not None or total is not None or self.trabajo.pasos_hechos == self.trabajo.pasos_totales
        if importante or ahora - self._escrito >= self.intervalo:
            Trabajo.objects.filter(pk=self.trabajo.pk).update(
                pasos_hechos=self.trabajo.pasos_hechos, pasos_totales=self.trabajo.pasos_totales,
                paso_actual=self.trabajo.paso_actual, unidad=self.trabajo.unidad, latido=timezone.now(),
            )
            self._escrito = ahora

    def filas(self, iterable, *, cada=250):
        """Yield the rows of ``iterable``, counting them as steps done."""
        hechos = self.trabajo.pasos_hechos
        for fila in iterable:
            yield fila
            hechos += 1
            if hechos % cada == 0:
                self(hechos=hechos)
        self(hechos=hechos)

    def resultado(self, contenido: bytes, *, nombre: str, tipo: str, resumen: str = ""):
        """Keep ``contenido`` as the job's result, stored under a generated name through
        the configured storage; it is attached to the record when the job ends."""
        guardado = default_storage.save(ruta_resultado(self.trabajo, nombre), ContentFile(contenido))
        self._resultado = {"resultado": guardado, "resultado_nombre": nombre[:150], "resultado_tipo": tipo,
                           "resultado_tamano": len(contenido)}
        if resumen:
            self.resumen(resumen)

    def resumen(self, texto: str):
        self.trabajo.resumen = str(texto)[:500]

    @property
    def campos_del_resultado(self):
        return self._resultado or {}

    def descartar_resultado(self):
        """A job that failed after storing its result leaves no file behind."""
        if self._resultado and default_storage.exists(self._resultado["resultado"]):
            default_storage.delete(self._resultado["resultado"])
        self._resultado = None
