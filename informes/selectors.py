"""Everything the annual report shows, gathered with a fixed number of queries."""

import datetime
import functools
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from acuerdos.models import Acuerdo
from compromisos.models import CambioEstatus, Estatus
from compromisos.selectors import responsables_de
from instituciones.models import Coordinacion
from sesiones.models import Sesion
from snimh import graficas
from snimh.db import huella_del_historial
from trabajos.models import Trabajo

from .models import InformePublicado, TextoInforme


def _estatus_en(fecha, *, incluido=True):
    """The status an agreement had on ``fecha`` (its last change up to then), as SQL."""
    filtro = {"fecha__lte": fecha} if incluido else {"fecha__lt": fecha}
    return Subquery(
        CambioEstatus.objects.del_compromiso().filter(compromiso=OuterRef("pk"), **filtro)
        .order_by("-fecha", "-registrado", "-pk").values("nuevo")[:1]
    )


def acuerdos_del_anexo(anio):
    """Anexo I of the year ``anio``: the agreements adopted in its sessions, plus the
    earlier ones still under follow-up when the year began (open on 1 January: no
    status change up to 31 December of the previous year had closed them).

    Each carries ``estatus_al_cierre``: its status on 31 December of ``anio``, as the
    report states it. Agreements without a recorded history count with their
    current status.
    """
    inicio = datetime.date(anio, 1, 1)
    fin = datetime.date(anio, 12, 31)
    return (
        Acuerdo.objects.select_related("sesion")
        .annotate(
            estatus_al_inicio=Coalesce(_estatus_en(inicio, incluido=False), "estatus"),
            estatus_al_cierre=Coalesce(_estatus_en(fin), "estatus"),
        )
        .filter(
            Q(sesion__fecha__year=anio)
            | Q(sesion__fecha__lt=inicio, estatus_al_inicio__in=Estatus.abiertos())
        )
        .order_by("sesion__fecha", "numero")
    )


@dataclass
class DatosInforme:
    anio: int
    textos: TextoInforme | None
    sesiones: list
    anexo: list
    graficas: dict = field(default_factory=dict)
    resumen_anexo: dict = field(default_factory=dict)
    coordinacion: object = None
    """The coordinating institution of the year (its last day): a past year keeps its own."""


def datos_del_informe(anio):
    sesiones = list(
        # Only sessions actually held are reported; programmed or cancelled ones are not.
        Sesion.objects.celebradas().del_anio(anio)
        .prefetch_related(
            "presidium", "orden_del_dia", "asistencia_reportada",
            Prefetch("asistencias"), Prefetch("acuerdos", queryset=Acuerdo.objects.order_by("numero")),
        )
        .order_by("fecha", "numero")
    )
    anexo = list(acuerdos_del_anexo(anio))
    # Who each agreement binds, groups with their institutions, as every export words it.
    responsables = responsables_de([a.pk for a in anexo])
    for acuerdo in anexo:
        acuerdo.responsables_en_texto = responsables[acuerdo.pk].texto() or acuerdo.responsables_texto
    series = [graficas.Serie(valor, str(etiqueta)) for valor, etiqueta in Estatus.choices]
    # By session identity, in the annex's order: an ordinary and an extraordinary session
    # with the same number are two bars, never one.
    por_sesion = {}
    for acuerdo in anexo:
        _sesion, conteo = por_sesion.setdefault(acuerdo.sesion_id, (acuerdo.sesion, {}))
        conteo[acuerdo.estatus_al_cierre] = conteo.get(acuerdo.estatus_al_cierre, 0) + 1
    filas = [(sesion.titulo, conteo) for sesion, conteo in por_sesion.values()]
    resumen = {valor: sum(conteo.get(valor, 0) for _t, conteo in filas) for valor in Estatus.values}
    textos = TextoInforme.objects.filter(anio=anio).first()
    datos = DatosInforme(anio=anio, textos=textos, sesiones=sesiones, anexo=anexo, resumen_anexo=resumen,
                         coordinacion=Coordinacion.objects.en(datetime.date(anio, 12, 31)))
    etiquetas = dict(Estatus.choices)
    if anexo:
        datos.graficas["por_sesion"] = graficas.barras_apiladas(
            titulo=_("Estatus de los acuerdos por sesión al cierre de %(anio)s") % {"anio": anio},
            descripcion=graficas.describir(filas, etiquetas),
            filas=filas, series=series, ident="grafica-sesiones",
        )
        datos.graficas["anual"] = graficas.barras_apiladas(
            titulo=_("Cumplimiento de los acuerdos en seguimiento en %(anio)s") % {"anio": anio},
            descripcion=graficas.describir([(str(anio), resumen)], etiquetas),
            filas=[(str(anio), resumen)], series=series, ident="grafica-anual",
        )
    return datos


# Published reports --------------------------------------------------------------------

@dataclass
class AnioDelInforme:
    anio: int
    publicaciones: list
    """Published versions, newest first (empty: never published)."""

    @property
    def vigente(self):
        return self.publicaciones[0] if self.publicaciones else None

    @property
    def anteriores(self):
        return self.publicaciones[1:]


def _publicaciones_por_anio(consulta):
    por_anio = {}
    for publicacion in consulta.con_archivos().order_by("-anio", "-version"):
        por_anio.setdefault(publicacion.anio, []).append(publicacion)
    return por_anio


def anios_del_informe():
    """Coordination's list: every year with sessions or publications, newest first, each
    with its published versions and who published them."""
    publicadas = _publicaciones_por_anio(InformePublicado.objects.select_related("publicado_por"))
    anios = {fecha.year for fecha in Sesion.objects.dates("fecha", "year")} | set(publicadas)
    return [AnioDelInforme(anio, publicadas.get(anio, [])) for anio in sorted(anios, reverse=True)]


def publicaciones_por_anio():
    """The public list: only the years that have been published, newest first."""
    return [AnioDelInforme(anio, versiones) for anio, versiones in _publicaciones_por_anio(InformePublicado.objects).items()]


def publicaciones(*, anio):
    """The published versions of ``anio``, newest first."""
    return list(InformePublicado.objects.del_anio(anio).con_archivos().select_related("publicado_por")
                .order_by("-version"))


def contenido_del_informe(*, anio):
    """What a publication of ``anio`` would hold now: sessions described and annex rows."""
    return {"sesiones": Sesion.objects.celebradas().del_anio(anio).count(),
            "acuerdos": acuerdos_del_anexo(anio).count()}


# The report's files kept by background jobs ---------------------------------------------

# What shapes the report besides the data: a release that changes any of these files
# changes the key, so a PDF made by the previous release is not served as current.
_ARCHIVOS_DEL_GENERADOR = ("templates/pdf", "static/css/informe.css", "informes/pdf.py", "informes/selectors.py",
                           "informes/anexo.py", "snimh/graficas.py", "snimh/exportacion.py", "locale")


@functools.cache
def version_del_generador():
    """A digest of the report's templates, style, selection and writers (once per process)."""
    raiz = Path(settings.BASE_DIR)
    resumen = hashlib.sha256()
    for nombre in _ARCHIVOS_DEL_GENERADOR:
        ruta = raiz / nombre
        for archivo in sorted(ruta.rglob("*") if ruta.is_dir() else [ruta]):
            if archivo.is_file() and archivo.suffix not in (".pyc", ".po"):
                resumen.update(archivo.relative_to(raiz).as_posix().encode())
                resumen.update(archivo.read_bytes())
    return resumen.hexdigest()[:16]


def clave_del_informe(*, anio, formato="pdf"):
    """What identifies a file of the report built from the record as it is now: the year,
    the format, the history fingerprint and the generator's version. Every write to the
    tracked tables moves the fingerprint (database triggers, bulk updates and raw SQL
    included), so a file under the current key holds exactly today's data. Empty where
    there is no fingerprint (the SQLite of ``make run``): nothing is then reused."""
    huella = huella_del_historial()
    if huella is None:
        return ""
    resumen = hashlib.sha256(f"{huella}|{version_del_generador()}".encode()).hexdigest()[:32]
    return f"informe:{anio}:{formato}:{resumen}"


def archivo_vigente(*, anio, formato="pdf"):
    """The finished job whose kept file is the report's ``formato`` with today's data, or None."""
    clave = clave_del_informe(anio=anio, formato=formato)
    return Trabajo.objects.con_resultado().de_la_clave(clave).order_by("-terminado").first()


def trabajo_en_marcha(*, anio, formato="pdf"):
    """The job building that file right now, if any."""
    return Trabajo.objects.activos().de_la_clave(clave_del_informe(anio=anio, formato=formato)).first()
