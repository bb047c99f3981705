from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sesiones.admin import SesionAdmin
from snimh.admin import ModelAdmin, TabularInline, VersionAdminForm
from snimh.validators import validar_sin_html

from . import services
from .models import (
    Acuerdo,
    AlineacionAcuerdo,
    CambioEstatus,
    DiaInhabil,
    Evidencia,
    GrupoResponsable,
    Objetivo,
    Observacion,
    Programa,
    Reporte,
    RevisionEnSesion,
    Seguimiento,
)


class ObjetivoInline(TabularInline):
    model = Objetivo
    extra = 0


@admin.register(Programa)
class ProgramaAdmin(ModelAdmin):
    list_display = ["clave", "nombre", "vigente"]
    search_fields = ["clave", "nombre"]
    inlines = [ObjetivoInline]


@admin.register(Objetivo)
class ObjetivoAdmin(ModelAdmin):
    list_display = ["programa", "numero", "texto"]
    list_filter = ["programa"]
    search_fields = ["texto"]


class AlineacionInline(TabularInline):
    model = AlineacionAcuerdo
    extra = 0
    autocomplete_fields = ["objetivo"]
    verbose_name_plural = _("objetivos a los que se alinea")


class GrupoResponsableInline(TabularInline):
    model = GrupoResponsable
    extra = 0


class SeguimientoAdminForm(VersionAdminForm):
    """Once created, a follow-up record stays bound to its agreement and institution:
    moving it would hand its evidence and observations to another institution."""

    class Meta:
        model = Seguimiento
        fields = ["acuerdo", "institucion"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for campo in ("acuerdo", "institucion"):
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


class AcuerdoAdminForm(VersionAdminForm):
    plazo_dias_habiles = forms.IntegerField(
        label=_("o plazo en días hábiles"), required=False, min_value=1, max_value=365,
        help_text=_("Calcula la fecha límite contando días hábiles desde la sesión (sin fines de semana ni "
                    "días inhábiles)."),
    )
    fecha_cambio = forms.DateField(
        label=_("fecha del cambio de estatus"), required=False,
        help_text=_("Si cambia el estatus: fecha en que ocurrió (hoy si se deja vacía)."),
    )
    motivo_cambio = forms.CharField(
        label=_("motivo del cambio de estatus"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Obligatorio si cambia el estatus; queda en el historial."), validators=[validar_sin_html],
    )

    class Meta:
        model = Acuerdo
        fields = [
            "numero", "sesion", "texto", "plazo_fecha", "plazo_texto", "meta",
            "responsables_texto", "estatus",
        ]

    def clean(self):
        datos = super().clean()
        if datos.get("plazo_dias_habiles") and datos.get("sesion"):
            from .dias_habiles import sumar_dias_habiles

            datos["plazo_fecha"] = sumar_dias_habiles(datos["sesion"].fecha, datos["plazo_dias_habiles"])
            self.instance.plazo_fecha = datos["plazo_fecha"]
        if self.instance.pk and "estatus" in self.changed_data:
            if not (datos.get("motivo_cambio") or "").strip():
                self.add_error("motivo_cambio", _("Indique el motivo del cambio de estatus."))
            # The same date rules as the service, here where the admin can show them.
            try:
                services.validar_fecha_de_cambio(self.instance, datos.get("fecha_cambio") or timezone.localdate())
            except ValidationError as error:
                self.add_error("fecha_cambio", error.message_dict["fecha"])
        return datos


@admin.register(Acuerdo)
class AcuerdoAdmin(ModelAdmin):
    form = AcuerdoAdminForm
    list_display = ["numero", "cita", "sesion", "estatus", "plazo_fecha", "vencido"]
    list_display_links = ["numero", "cita"]
    list_filter = ["estatus", "sesion", "sesion__fecha", "grupos_responsables__grupo"]
    search_fields = ["=numero", "texto", "seguimientos__institucion__siglas", "seguimientos__institucion__nombre"]
    autocomplete_fields = ["sesion"]
    list_select_related = ["sesion"]
    fieldsets = [
        (None, {"fields": [("numero", "sesion"), "texto"]}),
        (_("Criterios de seguimiento"), {
            "fields": [("plazo_fecha", "plazo_dias_habiles"), "plazo_texto", "meta", "responsables_texto"],
        }),
        (_("Estatus"), {"fields": ["estatus", ("fecha_cambio", "motivo_cambio"), "version_vista"]}),
    ]
    inlines = [GrupoResponsableInline, AlineacionInline, SeguimientoInline, CambioEstatusInline]

    @admin.display(description=_("cita"), ordering="numero")
    def cita(self, obj):
        return obj.cita

    @admin.display(description=_("vencido"), boolean=True)
    def vencido(self, obj):
        return obj.esta_vencido()

    def save_model(self, request, obj, form, change):
        fecha = form.cleaned_data.get("fecha_cambio") or timezone.localdate()
        motivo = form.cleaned_data.get("motivo_cambio") or ""
        if not change:
            super().save_model(request, obj, form, change)
            services.acuerdo_registrar_estatus_inicial(
                acuerdo=obj, fecha=form.cleaned_data.get("fecha_cambio"), motivo=motivo, usuario=request.user,
            )
            return
        nuevo = obj.estatus
        # The status is written by the service, which also records the history.
        obj.estatus = Acuerdo.objects.values_list("estatus", flat=True).get(pk=obj.pk)
        super().save_model(request, obj, form, change)
        if nuevo != obj.estatus:
            services.acuerdo_cambiar_estatus(
                acuerdo=obj, estatus=nuevo, fecha=fecha, motivo=motivo, usuario=request.user,
            )


@admin.register(Seguimiento)
class SeguimientoAdmin(ModelAdmin):
    form = SeguimientoAdminForm
    fields = ["acuerdo", "institucion", "origen", "grupo", "estatus", "avance", "version_vista"]
    readonly_fields = ["origen", "grupo", "estatus", "avance"]
    list_display = ["acuerdo", "institucion", "origen", "estatus"]
    list_filter = ["estatus", "origen"]
    search_fields = ["=acuerdo__numero", "institucion__siglas", "institucion__nombre"]
    autocomplete_fields = ["acuerdo", "institucion"]
    list_select_related = ["acuerdo__sesion", "institucion"]


@admin.register(CambioEstatus)
class CambioEstatusAdmin(ModelAdmin):
    list_display = ["acuerdo", "fecha", "anterior", "nuevo", "usuario", "registrado"]
    list_filter = ["nuevo"]
    search_fields = ["=acuerdo__numero", "motivo"]
    list_select_related = ["acuerdo__sesion", "usuario"]

    solo_lectura = True


@admin.register(GrupoResponsable)
class GrupoResponsableAdmin(ModelAdmin):
    list_display = ["acuerdo", "grupo"]
    list_filter = ["grupo"]
    search_fields = ["=acuerdo__numero"]
    autocomplete_fields = ["acuerdo"]
    list_select_related = ["acuerdo__sesion"]


class RegistroDeFlujoAdmin(ModelAdmin):
    """Reports, evidence and observations change only through the follow-up workflow,
    which validates files and signs each step; the admin shows them."""

    solo_lectura = True
    list_select_related = ["seguimiento__acuerdo__sesion", "seguimiento__institucion"]
    search_fields = ["=seguimiento__acuerdo__numero", "seguimiento__institucion__siglas"]


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


@admin.register(AlineacionAcuerdo)
class AlineacionAcuerdoAdmin(ModelAdmin):
    list_display = ["acuerdo", "objetivo"]
    list_filter = ["objetivo__programa"]
    search_fields = ["=acuerdo__numero", "objetivo__texto"]
    autocomplete_fields = ["acuerdo", "objetivo"]
    list_select_related = ["acuerdo__sesion", "objetivo__programa"]


@admin.register(DiaInhabil)
class DiaInhabilAdmin(ModelAdmin):
    """The working-days calendar: LFT art. 74 days are preloaded; coordination adds the rest."""

    list_display = ["fecha", "descripcion"]
    date_hierarchy = "fecha"
    search_fields = ["descripcion"]


class RevisionEnSesionInline(TabularInline):
    """The open agreements carried into a session; the minutes mark the ones reviewed."""

    model = RevisionEnSesion
    extra = 0
    fields = ["acuerdo", "estatus", "dias_vencido", "revisado"]
    readonly_fields = ["acuerdo", "estatus", "dias_vencido"]

    def has_add_permission(self, request, obj=None):
        return False


SesionAdmin.inlines = [*SesionAdmin.inlines, RevisionEnSesionInline]


@admin.register(RevisionEnSesion)
class RevisionEnSesionAdmin(ModelAdmin):
    list_display = ["acuerdo", "sesion", "estatus", "dias_vencido", "revisado"]
    list_filter = ["revisado", "sesion"]
    search_fields = ["=acuerdo__numero"]
    list_select_related = ["acuerdo__sesion", "sesion"]
    readonly_fields = ["sesion", "acuerdo", "estatus", "dias_vencido"]

    def has_add_permission(self, request, *args):
        return False
