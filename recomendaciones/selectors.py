"""Reads of the recommendations' pages, exports and the mid-term report: each a fixed
number of queries whatever the number of recommendations (asserted in the tests)."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q

from compromisos.models import EstadoRevision, Estatus, Reporte, Seguimiento

from .models import MesaTematica, Recomendacion


def mesas_con_conteos():
    """The tables with their chair, members and the number of their recommendations by status."""
    return (
        MesaTematica.objects.select_related("presidencia").prefetch_related("integrantes")
        .annotate(
            total=Count("recomendaciones", distinct=True),
            cumplidas=Count("recomendaciones", filter=Q(recomendaciones__estatus=Estatus.CUMPLIDO), distinct=True),
        )
        .order_by("nombre")
    )


def _seguimientos():
    return Prefetch("seguimientos", queryset=Seguimiento.objects.select_related("institucion")
                    .order_by("institucion__nombre"))


def recomendaciones_para_lista(*, mesa_id=None, estatus=None):
    """Recommendations with their table and responsible institutions, in citation order."""
    consulta = Recomendacion.objects.select_related("mesa", "mesa__presidencia").prefetch_related(_seguimientos())
    if mesa_id is not None:
        consulta = consulta.de_mesa(mesa_id)
    if estatus:
        consulta = consulta.filter(estatus=estatus)
    return consulta.order_by("documento", "parrafo_numero", "inciso")


def recomendacion_para_detalle(*, pk):
    """One recommendation with what its page shows besides the engine's records."""
    return (Recomendacion.objects.select_related("mesa", "mesa__presidencia")
            .prefetch_related(_seguimientos(), "acuerdos__sesion").get(pk=pk))


@dataclass
class FilaInforme:
    recomendacion: Recomendacion
    seguimientos: list
    acciones: list  # accepted reports, oldest first


@dataclass
class MesaInforme:
    mesa: MesaTematica
    filas: list = field(default_factory=list)

    def conteo(self):
        """``{status value: count}`` of the table's recommendations."""
        conteo = dict.fromkeys(Estatus.values, 0)
        for fila in self.filas:
            conteo[fila.recomendacion.estatus] += 1
        return conteo


def datos_de_medio_termino():
    """The mid-term report: every table, in name order, with its recommendations, each with
    its institutions' status and its actions — the reports coordination accepted (pending
    or returned reports are the institution's work in progress, not the State's answer).
    Four queries whatever the number of recommendations."""
    aceptados = Prefetch(
        "seguimientos__reportes", queryset=Reporte.objects.filter(estado_revision=EstadoRevision.ACEPTADO)
        .order_by("fecha", "creado", "pk"),
    )
    recomendaciones = (Recomendacion.objects.select_related("mesa", "mesa__presidencia")
                       .prefetch_related(_seguimientos(), aceptados)
                       .order_by("mesa__nombre", "documento", "parrafo_numero", "inciso"))
    mesas = {}
    for recomendacion in recomendaciones:
        bloque = mesas.setdefault(recomendacion.mesa_id, MesaInforme(mesa=recomendacion.mesa))
        seguimientos = list(recomendacion.seguimientos.all())
        acciones = sorted(
            ((s.institucion, r) for s in seguimientos for r in s.reportes.all()),
            key=lambda par: (par[1].fecha, par[1].creado),
        )
        bloque.filas.append(FilaInforme(recomendacion=recomendacion, seguimientos=seguimientos, acciones=acciones))
    return list(mesas.values())


def resumen_para_tablero(*, hoy):
    """The dashboard's figures: recommendations under follow-up, complied with, overdue, and
    reports of recommendations waiting for review (the engine's named rules)."""
    from django.db.models import Count

    cifras = Recomendacion.objects.aggregate(
        total=Count("pk"),
        abiertas=Count("pk", filter=Q(estatus__in=Estatus.abiertos())),
        cumplidas=Count("pk", filter=Q(estatus=Estatus.CUMPLIDO)),
        vencidas=Count("pk", filter=Q(estatus__in=Estatus.abiertos(), plazo_fecha__lt=hoy)),
    )
    cifras["por_revisar"] = Reporte.objects.por_revisar().filter(
        seguimiento__compromiso__tipo=Recomendacion.Tipo.RECOMENDACION_INTERNACIONAL).count()
    cifras["mesas_sin_presidencia"] = MesaTematica.objects.filter(presidencia__isnull=True).count()
    return cifras
