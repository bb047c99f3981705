"""Background jobs: what was asked, by whom, how far it got and what it produced.

The queue itself is django-tasks' database backend (``django_tasks_db``); this record is
the part people see: the kind of job and its parameters, its state, the steps done out of
the total, the kept result file, a Spanish error message and the times. It is not tracked
by django-pghistory on purpose: progress is written many times a second and must not move
the history fingerprint that keys the stored annual report.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from snimh.db import choices_constraint, nombre_generado


class TipoTrabajo(models.TextChoices):
    INFORME_PDF = "informe_pdf", _("Informe anual (PDF)")
    ANEXO = "anexo", _("Anexo I del informe anual")
    EXPORTACION_ACUERDOS = "exportacion_acuerdos", _("Exportación de acuerdos")
    IMPORTACION = "importacion", _("Importación del registro histórico")
    RECORDATORIOS = "recordatorios", _("Recordatorios por correo")
    ARCHIVOS_HUERFANOS = "archivos_huerfanos", _("Limpieza de archivos de evidencias sin registro")
    RESPALDO = "respaldo", _("Respaldo de la base de datos y los archivos")
    MANTENIMIENTO = "mantenimiento", _("Limpieza de trabajos antiguos")


class EstadoTrabajo(models.TextChoices):
    EN_COLA = "en_cola", _("En espera")
    EN_CURSO = "en_curso", _("En curso")
    TERMINADO = "terminado", _("Terminado")
    FALLIDO = "fallido", _("Con error")

    @classmethod
    def activos(cls):
        return [cls.EN_COLA, cls.EN_CURSO]


class UnidadAvance(models.TextChoices):
    PASOS = "pasos", _("pasos")
    FILAS = "filas", _("filas")


class TrabajoQuerySet(models.QuerySet):
    def activos(self):
        """Waiting in the queue or running."""
        return self.filter(estado__in=EstadoTrabajo.activos())

    def con_resultado(self):
        """Finished, with their result file still kept."""
        return self.filter(estado=EstadoTrabajo.TERMINADO).exclude(resultado="")

    def de_la_clave(self, clave):
        return self.filter(clave=clave) if clave else self.none()

    def atascados(self, *, antes_de):
        """Running, but their worker has not given a sign of life since ``antes_de``:
        it was stopped (a restart, a crash) before finishing."""
        return self.filter(estado=EstadoTrabajo.EN_CURSO, latido__lt=antes_de)


def ruta_resultado(instancia, nombre_archivo):
    hoy = timezone.localdate()
    return nombre_generado(f"trabajos/{hoy:%Y/%m}", nombre_archivo)


def ruta_entrada(instancia, nombre_archivo):
    hoy = timezone.localdate()
    return nombre_generado(f"trabajos/entradas/{hoy:%Y/%m}", nombre_archivo)


LARGO_ERROR = 2000
LARGO_CLAVE = 200


class Trabajo(models.Model):
    """A long task run by a background worker, with its progress and its kept result."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    tipo = models.CharField(_("tipo"), max_length=30, choices=TipoTrabajo.choices)
    descripcion = models.CharField(
        _("descripción"), max_length=200, help_text=_("Lo que se pidió, como se muestra en el historial."),
    )
    parametros = models.JSONField(_("parámetros"), default=dict, blank=True,
                                  help_text=_("Año, formato, filtros… lo que el trabajo necesita para ejecutarse."))
    clave = models.CharField(
        _("clave del resultado"), max_length=LARGO_CLAVE, blank=True,
        help_text=_("Dos trabajos con la misma clave producen el mismo archivo (p. ej. el informe de un año con "
                    "la misma huella del historial): el resultado guardado se reutiliza."),
    )
    iniciado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("iniciado por"), help_text=_("Vacío en los trabajos programados."),
    )
    programado_para = models.DateTimeField(
        _("programado para"), null=True, blank=True,
        help_text=_("Hora de la programación periódica que lo originó (recordatorios, respaldos, limpiezas)."),
    )
    estado = models.CharField(_("estado"), max_length=10, choices=EstadoTrabajo.choices,
                              default=EstadoTrabajo.EN_COLA)
    pasos_hechos = models.PositiveIntegerField(_("pasos hechos"), default=0)
    pasos_totales = models.PositiveIntegerField(_("pasos totales"), default=0,
                                                help_text=_("0 mientras no se sabe cuántos serán."))
    unidad = models.CharField(_("unidad del avance"), max_length=5, choices=UnidadAvance.choices,
                              default=UnidadAvance.PASOS)
    paso_actual = models.CharField(_("paso actual"), max_length=200, blank=True)
    entrada = models.FileField(_("archivo de entrada"), upload_to=ruta_entrada, max_length=255, blank=True,
                               help_text=_("Lo que el trabajo lee (el archivo de una importación)."))
    resultado = models.FileField(_("resultado"), upload_to=ruta_resultado, max_length=255, blank=True,
                                 help_text=_("Guardado con un nombre generado; se descarga con su nombre de descarga."))
    resultado_nombre = models.CharField(_("nombre de descarga"), max_length=150, blank=True)
    resultado_tipo = models.CharField(_("tipo de contenido"), max_length=100, blank=True)
    resultado_tamano = models.PositiveBigIntegerField(_("tamaño (bytes)"), null=True, blank=True)
    resumen = models.CharField(_("resumen"), max_length=500, blank=True,
                               help_text=_("Lo que produjo, en una frase (páginas, filas, correos…)."))
    error = models.TextField(_("mensaje de error"), blank=True, max_length=LARGO_ERROR,
                             help_text=_("En español, para quien lo inició."))
    detalle_tecnico = models.TextField(_("detalle técnico"), blank=True,
                                       help_text=_("La traza del error, para la administración."))
    trabajador = models.CharField(_("ejecutado por"), max_length=100, blank=True,
                                  help_text=_("Equipo y proceso del trabajador que lo ejecutó."))
    ejecuciones = models.PositiveSmallIntegerField(
        _("ejecuciones"), default=0, help_text=_("Veces que un trabajador lo empezó: 1 en un trabajo normal."),
    )
    tarea_id = models.CharField(_("tarea en la cola"), max_length=64, blank=True)
    creado = models.DateTimeField(_("creado"), default=timezone.now, db_index=True)
    iniciado = models.DateTimeField(_("iniciado"), null=True, blank=True)
    terminado = models.DateTimeField(_("terminado"), null=True, blank=True)
    latido = models.DateTimeField(_("última señal"), null=True, blank=True,
                                  help_text=_("El trabajador la renueva mientras ejecuta el trabajo."))
    resultado_eliminado = models.DateTimeField(
        _("resultado eliminado"), null=True, blank=True,
        help_text=_("Los resultados se conservan por un tiempo (TRABAJOS_DIAS_RESULTADOS) y después se eliminan."),
    )

    objects = TrabajoQuerySet.as_manager()

    class Meta:
        verbose_name = _("trabajo en segundo plano")
        verbose_name_plural = _("trabajos en segundo plano")
        ordering = ["-creado"]
        indexes = [models.Index(fields=["iniciado_por", "-creado"], name="trabajo_por_persona")]
        constraints = [
            choices_constraint("tipo", TipoTrabajo.choices, name="trabajo_tipo_valido"),
            choices_constraint("estado", EstadoTrabajo.choices, name="trabajo_estado_valido"),
            choices_constraint("unidad", UnidadAvance.choices, name="trabajo_unidad_valida"),
            models.CheckConstraint(condition=Q(pasos_hechos__lte=F("pasos_totales")),
                                   name="trabajo_pasos_hechos_hasta_el_total",
                                   violation_error_message=_("Los pasos hechos no pueden pasar del total.")),
            # A job is either asked by a person or started by the periodic schedule.
            models.CheckConstraint(
                condition=Q(iniciado_por__isnull=True, programado_para__isnull=False)
                | Q(iniciado_por__isnull=False, programado_para__isnull=True),
                name="trabajo_iniciado_por_persona_o_programa",
                violation_error_message=_("Un trabajo lo inicia una persona o la programación periódica, "
                                          "no ambas ni ninguna."),
            ),
            # Only a finished job has a result, and a failed one says why.
            models.CheckConstraint(condition=Q(resultado="") | Q(estado=EstadoTrabajo.TERMINADO),
                                   name="trabajo_resultado_solo_si_termino"),
            models.CheckConstraint(condition=~Q(estado=EstadoTrabajo.FALLIDO) | ~Q(error=""),
                                   name="trabajo_fallido_con_mensaje",
                                   violation_error_message=_("Un trabajo con error debe decir cuál.")),
            models.CheckConstraint(
                condition=Q(estado__in=EstadoTrabajo.activos()) | Q(terminado__isnull=False),
                name="trabajo_concluido_con_fecha"),
            # One run per scheduled time, however many workers on however many machines
            # look at the schedule: the second insert fails and enqueues nothing.
            models.UniqueConstraint(fields=["tipo", "programado_para"], condition=Q(programado_para__isnull=False),
                                    name="trabajo_programado_una_vez"),
            # One job at a time producing the same result: a second request joins it.
            models.UniqueConstraint(fields=["clave"], condition=~Q(clave="") & Q(estado__in=EstadoTrabajo.activos()),
                                    name="trabajo_activo_unico_por_clave"),
        ]

    def __str__(self):
        return self.descripcion or self.get_tipo_display()

    def get_absolute_url(self):
        return reverse("trabajos:detalle", args=[self.pk])

    @property
    def concluido(self):
        return self.estado in (EstadoTrabajo.TERMINADO, EstadoTrabajo.FALLIDO)

    @property
    def descargable(self):
        return self.estado == EstadoTrabajo.TERMINADO and bool(self.resultado)

    @property
    def porcentaje(self):
        if self.estado == EstadoTrabajo.TERMINADO:
            return 100
        if not self.pasos_totales:
            return 0
        return int(100 * self.pasos_hechos / self.pasos_totales)

    @property
    def avance_en_texto(self):
        """«3 de 5 pasos», «1 de 1 paso», «2,500 de 30,000 filas» — what the page and the JSON say."""
        if not self.pasos_totales:
            return ""
        datos = {"hechos": f"{self.pasos_hechos:,}", "total": f"{self.pasos_totales:,}"}
        if self.unidad == UnidadAvance.FILAS:
            return ngettext("%(hechos)s de %(total)s fila", "%(hechos)s de %(total)s filas",
                            self.pasos_totales) % datos
        return ngettext("%(hechos)s de %(total)s paso", "%(hechos)s de %(total)s pasos", self.pasos_totales) % datos

    @property
    def duracion_segundos(self):
        """Whole seconds from start to end (rounded up, so a quick job shows 1, not 0)."""
        if self.iniciado and self.terminado:
            return max(1, round((self.terminado - self.iniciado).total_seconds()))
        return None
