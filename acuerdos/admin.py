from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from compromisos import services as motor
from compromisos.admin import CambioEstatusInline, GrupoResponsableInline, SeguimientoInline
from snimh.admin import ModelAdmin, TabularInline, VersionAdminForm
from snimh.validators import validar_sin_html

from .models import Acuerdo, AlineacionAcuerdo, DiaInhabil, RevisionEnSesion


class AlineacionInline(TabularInline):
    model = AlineacionAcuerdo
    extra = 0
    autocomplete_fields = ["objetivo"]
    verbose_name_plural = _("objetivos a los que se alinea")


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
                motor.validar_fecha_de_cambio(self.instance, datos.get("fecha_cambio") or timezone.localdate())
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
            motor.compromiso_registrar_estatus_inicial(
                compromiso=obj, fecha=form.cleaned_data.get("fecha_cambio"), motivo=motivo or _("Registro del acuerdo."),
                usuario=request.user,
            )
            return
        nuevo = obj.estatus
        # The status is written by the service, which also records the history.
        obj.estatus = Acuerdo.objects.values_list("estatus", flat=True).get(pk=obj.pk)
        super().save_model(request, obj, form, change)
        if nuevo != obj.estatus:
            motor.compromiso_cambiar_estatus(
                compromiso=obj, estatus=nuevo, fecha=fecha, motivo=motivo, usuario=request.user,
            )


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


@admin.register(RevisionEnSesion)
class RevisionEnSesionAdmin(ModelAdmin):
    list_display = ["acuerdo", "sesion", "estatus", "dias_vencido", "revisado"]
    list_filter = ["revisado", "sesion"]
    search_fields = ["=acuerdo__numero"]
    list_select_related = ["acuerdo__sesion", "sesion"]
    readonly_fields = ["sesion", "acuerdo", "estatus", "dias_vencido"]

    def has_add_permission(self, request, *args):
        return False
