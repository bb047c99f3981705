"""The follow-up engine in the admin: the records are kept through the app's pages and
services (which validate files and sign each step); here coordination reads them, and the
inlines are lent to each kind's admin (``acuerdos.admin``)."""

from django.contrib import admin

from snimh.admin import ModelAdmin, TabularInline, VersionAdminForm

from .models import (
    CambioEstatus,
    Comentario,
    Compromiso,
    Evidencia,
    GrupoResponsable,
    Observacion,
    Reporte,
    Seguimiento,
)


@admin.register(Compromiso)
class CompromisoAdmin(ModelAdmin):
    """Every commitment of every kind; each kind's own admin edits it."""

    list_display = ["__str__", "tipo", "estatus", "plazo_fecha"]
    list_filter = ["tipo", "estatus"]
    search_fields = ["texto"]
    solo_lectura = True


class GrupoResponsableInline(TabularInline):
    model = GrupoResponsable
    extra = 0


class SeguimientoAdminForm(VersionAdminForm):
    """Once created, a follow-up record stays bound to its commitment and institution:
    moving it would hand its evidence and observations to another institution."""

    class Meta:
        model = Seguimiento
        fields = ["compromiso", "institucion"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for campo in ("compromiso", "institucion"):
                if campo in self.fields:
                    self.fields[campo].disabled = True


class SeguimientoInline(TabularInline):
    """The status of each institution changes in the app, which records date, reason and
    user in the status history; here it is shown, and institutions can be named."""

    model = Seguimiento
    form = SeguimientoAdminForm
    extra = 0
    autocomplete_fields = ["institucion"]
    fields = ["institucion", "origen", "grupo", "estatus", "avance", "version_vista"]
    readonly_fields = ["origen", "grupo", "estatus", "avance"]


class CambioEstatusInline(TabularInline):
    """The status history: written only by the service, never edited by hand."""

    model = CambioEstatus
    extra = 0
    can_delete = False
    fields = ["fecha", "anterior", "nuevo", "motivo", "usuario", "registrado"]
    readonly_fields = fields

    solo_lectura = True


@admin.register(Seguimiento)
class SeguimientoAdmin(ModelAdmin):
    form = SeguimientoAdminForm
    fields = ["compromiso", "institucion", "origen", "grupo", "estatus", "avance", "version_vista"]
    readonly_fields = ["origen", "grupo", "estatus", "avance"]
    list_display = ["compromiso", "institucion", "origen", "estatus"]
    list_filter = ["compromiso__tipo", "estatus", "origen"]
    search_fields = ["compromiso__texto", "institucion__siglas", "institucion__nombre"]
    autocomplete_fields = ["compromiso", "institucion"]
    list_select_related = ["compromiso", "institucion"]


@admin.register(CambioEstatus)
class CambioEstatusAdmin(ModelAdmin):
    list_display = ["compromiso", "fecha", "anterior", "nuevo", "usuario", "registrado"]
    list_filter = ["compromiso__tipo", "nuevo"]
    search_fields = ["compromiso__texto", "motivo"]
    list_select_related = ["compromiso", "usuario"]

    solo_lectura = True


@admin.register(GrupoResponsable)
class GrupoResponsableAdmin(ModelAdmin):
    list_display = ["compromiso", "grupo"]
    list_filter = ["grupo"]
    search_fields = ["compromiso__texto"]
    autocomplete_fields = ["compromiso"]
    list_select_related = ["compromiso"]


class RegistroDeFlujoAdmin(ModelAdmin):
    """Reports, evidence and observations change only through the follow-up workflow,
    which validates files and signs each step; the admin shows them."""

    solo_lectura = True
    list_select_related = ["seguimiento__compromiso", "seguimiento__institucion"]
    search_fields = ["seguimiento__compromiso__texto", "seguimiento__institucion__siglas"]


@admin.register(Reporte)
class ReporteAdmin(RegistroDeFlujoAdmin):
    list_display = ["seguimiento", "fecha", "autor", "estado_revision"]
    list_filter = ["estado_revision"]


@admin.register(Evidencia)
class EvidenciaAdmin(RegistroDeFlujoAdmin):
    list_display = ["nombre_original", "seguimiento", "formato", "tamano", "estado_revision", "retirada"]
    list_filter = ["estado_revision", "retirada", "formato"]
    exclude = ["archivo"]


@admin.register(Observacion)
class ObservacionAdmin(RegistroDeFlujoAdmin):
    list_display = ["seguimiento", "creada", "autor"]


@admin.register(Comentario)
class ComentarioAdmin(RegistroDeFlujoAdmin):
    list_display = ["reporte", "institucion", "autor", "creado"]
    list_select_related = ["reporte__seguimiento__compromiso", "institucion", "autor"]
    search_fields = ["texto", "institucion__siglas"]
