from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from snimh.admin import ModelAdmin, StackedInline, TabularInline, enlace_de_descarga

from .models import Asistencia, AsistenciaReportada, PersonaPresidium, PuntoOrdenDia, Sesion


class PersonaPresidiumInline(TabularInline):
    model = PersonaPresidium
    extra = 0


class PuntoOrdenDiaInline(StackedInline):
    model = PuntoOrdenDia
    extra = 0


class AsistenciaReportadaInline(TabularInline):
    model = AsistenciaReportada
    extra = 0


class AsistenciaInline(TabularInline):
    model = Asistencia
    extra = 0
    autocomplete_fields = ["institucion"]


@admin.register(Sesion)
class SesionAdmin(ModelAdmin):
    list_display = ["titulo", "fecha", "modalidad", "estado", "numero_acuerdos"]
    list_filter = ["tipo", "modalidad", "estado"]
    search_fields = ["numero", "resumen", "orden_del_dia__titulo"]
    date_hierarchy = "fecha"
    readonly_fields = ["quorum_calculado", "acta_descarga"]
    fieldsets = [
        (None, {"fields": [("numero", "tipo"), ("fecha", "modalidad", "estado"), "resumen",
                           ("acta_descarga", "acta_aprobada_en")]}),
        (_("Quórum"), {"fields": ["total_integrantes", "quorum_calculado"]}),
    ]
    # Carrying open agreements into a session is done on the session's page in the app
    # (acuerdos depends on sesiones, not the reverse).
    inlines = [PersonaPresidiumInline, PuntoOrdenDiaInline, AsistenciaReportadaInline, AsistenciaInline]

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(_numero_acuerdos=Count("acuerdos"))

    @admin.display(description=_("acuerdos"), ordering="_numero_acuerdos")
    def numero_acuerdos(self, obj):
        return obj._numero_acuerdos

    acta_descarga = enlace_de_descarga("acta", "sesiones:acta", "acta_nombre")
    acta_descarga.short_description = _("acta (se sube en la página de la sesión)")

    @admin.display(description=_("quórum"))
    def quorum_calculado(self, obj):
        if obj.pk is None:
            return "—"
        quorum = obj.quorum()
        if quorum.hay_quorum is None:
            return _("No determinable: registre las instituciones integrantes a la fecha.")
        base = _("%(presentes)s de %(integrantes)s integrantes presentes; se requieren %(requeridas)s.") % {
            "presentes": quorum.presentes if quorum.acreditadas is None else quorum.acreditadas,
            "integrantes": quorum.integrantes,
            "requeridas": quorum.requeridas,
        }
        veredicto = _("Hay quórum.") if quorum.hay_quorum else _("No hay quórum.")
        if quorum.acreditadas is None:
            return f"{base} {veredicto} " + str(_("(según totales reportados; oficios no verificables)"))
        return f"{base} {veredicto}"


@admin.register(PuntoOrdenDia)
class PuntoOrdenDiaAdmin(ModelAdmin):
    list_display = ["titulo", "sesion", "numero"]
    list_filter = ["sesion"]
    search_fields = ["titulo", "resumen"]
    list_select_related = ["sesion"]


@admin.register(Asistencia)
class AsistenciaAdmin(ModelAdmin):
    list_display = ["institucion", "sesion", "rol", "representante"]
    list_filter = ["sesion", "rol"]
    search_fields = ["institucion__siglas", "institucion__nombre", "representante"]
    autocomplete_fields = ["sesion", "institucion"]
    list_select_related = ["sesion", "institucion"]


@admin.register(AsistenciaReportada)
class AsistenciaReportadaAdmin(ModelAdmin):
    list_display = ["sesion", "rol", "total"]
    list_filter = ["sesion", "rol"]
    list_select_related = ["sesion"]


@admin.register(PersonaPresidium)
class PersonaPresidiumAdmin(ModelAdmin):
    list_display = ["nombre", "cargo", "sesion", "orden"]
    search_fields = ["nombre", "cargo"]
    list_select_related = ["sesion"]
