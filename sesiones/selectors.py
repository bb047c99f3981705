"""Reads for the sessions pages."""

from django.db.models import Count, Prefetch

from acuerdos.models import Acuerdo, RevisionEnSesion

from .models import Asistencia, Sesion


def sesiones_para_lista(anio=None, tipo=None):
    consulta = Sesion.objects.annotate(n_acuerdos=Count("acuerdos")).order_by("-fecha", "-numero")
    if anio:
        consulta = consulta.filter(fecha__year=anio)
    if tipo:
        consulta = consulta.filter(tipo=tipo)
    return consulta


def sesion_para_detalle(pk):
    """The session with everything its page shows, in a fixed number of queries."""
    return (
        Sesion.objects.prefetch_related(
            "presidium", "orden_del_dia", "asistencia_reportada",
            Prefetch("asistencias", queryset=Asistencia.objects.select_related("institucion")
                     .order_by("rol", "institucion__nombre")),
            Prefetch("acuerdos", queryset=Acuerdo.objects.select_related("sesion").order_by("numero")),
            Prefetch("revisiones", queryset=RevisionEnSesion.objects.select_related("acuerdo__sesion")
                     .order_by("acuerdo__numero")),
        )
        .get(pk=pk)
    )


def anios_con_sesiones():
    return list(Sesion.objects.dates("fecha", "year", order="DESC"))
