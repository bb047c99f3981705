"""Reads for the institutions pages."""

from django.db import connections
from django.db.models import Q
from django.db.models.functions import Lower

from acuerdos.models import Seguimiento, conteos_de_cumplimiento, tasa_de_cumplimiento
from sesiones.models import Asistencia

from .models import Institucion, Participacion, Representante


def instituciones_para_lista(texto=""):
    consulta = Institucion.objects.annotate(**conteos_de_cumplimiento("seguimientos__")).order_by(Lower("nombre"))
    texto = (texto or "").strip()
    if texto:
        # Accent-insensitive on PostgreSQL (unaccent); plain on the SQLite of `make run`.
        busqueda = "unaccent__icontains" if connections[consulta.db].vendor == "postgresql" else "icontains"
        consulta = consulta.filter(Q(**{f"nombre__{busqueda}": texto}) | Q(**{f"siglas__{busqueda}": texto}))
    return consulta


def institucion_para_detalle(pk):
    return Institucion.objects.select_related("uig").get(pk=pk)


def participaciones(institucion):
    return Participacion.objects.filter(institucion=institucion).select_related("acuerdo__sesion").order_by("desde")


def representantes(institucion):
    return Representante.objects.filter(institucion=institucion).order_by("-vigente_desde", "tipo")


def cumplimiento(institucion):
    """``{"total": n, "cumplidos": n, "tasa": percent or None}`` over its follow-up records."""
    conteo = Seguimiento.objects.filter(institucion=institucion).aggregate(**conteos_de_cumplimiento())
    conteo["tasa"] = tasa_de_cumplimiento(conteo["cumplidos"], conteo["total"])
    return conteo


def seguimientos(institucion):
    return (
        Seguimiento.objects.filter(institucion=institucion)
        .select_related("acuerdo__sesion")
        .order_by("-acuerdo__numero")
    )


def asistencias(institucion):
    return Asistencia.objects.filter(institucion=institucion).select_related("sesion").order_by("-sesion__fecha")

