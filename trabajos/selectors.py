"""Reads of the background jobs, for the pages and the JSON status."""

from django.urls import reverse
from django.utils.translation import gettext as _

from snimh import permisos

from .models import Trabajo


def trabajos_de(*, usuario):
    """The jobs ``usuario`` may see, newest first."""
    return permisos.trabajos_visibles(usuario, Trabajo.objects.select_related("iniciado_por").order_by("-creado"))


def siguiente_paso(trabajo):
    """Where to go once the job is done: (text, URL), or None."""
    destinos = {
        "importacion": (_("Ver los acuerdos"), "acuerdos:lista"),
        "informe_pdf": (_("Volver al informe anual"), "informes:lista"),
        "anexo": (_("Volver al informe anual"), "informes:lista"),
        "exportacion_acuerdos": (_("Volver a la lista de acuerdos"), "acuerdos:lista"),
    }
    if trabajo.tipo not in destinos or not trabajo.concluido:
        return None
    texto, ruta = destinos[trabajo.tipo]
    return texto, reverse(ruta)


def estado_en_json(trabajo):
    """What the progress page's script shows, in the page's own words."""
    return {
        "estado": trabajo.estado,
        "estado_texto": trabajo.get_estado_display(),
        "concluido": trabajo.concluido,
        "pasos_hechos": trabajo.pasos_hechos,
        "pasos_totales": trabajo.pasos_totales,
        "porcentaje": trabajo.porcentaje,
        "avance": trabajo.avance_en_texto,
        "paso": trabajo.paso_actual,
        "error": trabajo.error,
        "resumen": trabajo.resumen,
        "descarga": reverse("trabajos:descargar", args=[trabajo.pk]) if trabajo.descargable else None,
    }
