"""Reads for the institutions pages."""

from django.db import connections
from django.db.models import Q
from django.db.models.functions import Lower

from .models import Institucion, Participacion, Representante


def instituciones_para_lista(texto=""):
    consulta = Institucion.objects.order_by(Lower("nombre"))
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
