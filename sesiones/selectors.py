"""Reads for the sessions pages."""

from django.db.models import Count, Prefetch

from acuerdos.models import Acuerdo, RevisionEnSesion

from .models import Asistencia, Sesion


def sesiones_filtradas(parametros):
    """The sessions list's filter bound to the query string, newest first."""
    from .filtros import SesionFilter

    return SesionFilter(
        parametros or None,
        queryset=Sesion.objects.annotate(n_acuerdos=Count("acuerdos")).order_by("-fecha", "-numero"),
    )


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
    """``[(2020, "2020"), …]``, newest first: the years filter of sessions and agreements."""
    return [(fecha.year, str(fecha.year)) for fecha in Sesion.objects.dates("fecha", "year", order="DESC")]
