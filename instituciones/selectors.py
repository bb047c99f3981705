"""Reads for the institutions pages."""

from django.db import connections
from django.db.models import Count, Q
from django.db.models.functions import Lower

from acuerdos.models import Estatus, Seguimiento, q_estatus_efectivo
from sesiones.models import Asistencia

from .models import Institucion, Participacion, Representante


def _conteos_de_seguimiento(prefijo=""):
    """Follow-up records with matter, and those complied with, by their effective status
    (acuerdos.models.q_estatus_efectivo). An agreement "sin materia" asks nothing of
    anybody, so it counts neither way."""
    return {
        "total": Count(f"{prefijo}pk", filter=~q_estatus_efectivo(Estatus.SIN_MATERIA, prefijo)),
        "cumplidos": Count(f"{prefijo}pk", filter=q_estatus_efectivo(Estatus.CUMPLIDO, prefijo)),
    }


def instituciones_para_lista(texto=""):
    consulta = Institucion.objects.annotate(**_conteos_de_seguimiento("seguimientos__")).order_by(Lower("nombre"))
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
    conteo = Seguimiento.objects.filter(institucion=institucion).aggregate(**_conteos_de_seguimiento())
    conteo["tasa"] = round(100 * conteo["cumplidos"] / conteo["total"]) if conteo["total"] else None
    return conteo


def seguimientos(institucion):
    return (
        Seguimiento.objects.filter(institucion=institucion)
        .select_related("acuerdo__sesion")
        .order_by("-acuerdo__numero")
    )


def asistencias(institucion):
    return Asistencia.objects.filter(institucion=institucion).select_related("sesion").order_by("-sesion__fecha")
