from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from snimh.admin import ModelAdmin, StackedInline, TabularInline, enlace_de_descarga

from .models import Coordinacion, Institucion, Participacion, Representante, UnidadIgualdadGenero


class ParticipacionInline(TabularInline):
    model = Participacion
    extra = 0
    autocomplete_fields = ["acuerdo"]
    fields = ["rol", "desde", "hasta", "acuerdo", "fundamento"]


class UnidadIgualdadGeneroInline(StackedInline):
    model = UnidadIgualdadGenero
    extra = 0
    max_num = 1


class RepresentanteInline(StackedInline):
    model = Representante
    extra = 0
    fields = [
        ("tipo", "tratamiento", "nombre"), ("cargo", "correo"),
        ("oficio_descarga", "numero_oficio", "fecha_oficio"), ("vigente_desde", "vigente_hasta"),
    ]
    readonly_fields = ["oficio_descarga"]
    oficio_descarga = enlace_de_descarga("oficio_designacion", "instituciones:oficio", "oficio_nombre")


class RolVigenteFilter(admin.SimpleListFilter):
    title = _("rol vigente en el SNIMH")
    parameter_name = "rol_vigente"

    def lookups(self, request, model_admin):
        from .models import Rol

        return Rol.choices

    def queryset(self, request, queryset):
        from django.utils import timezone

        if self.value():
            return queryset.con_rol_en(self.value(), timezone.localdate())
        return queryset


@admin.register(Institucion)
class InstitucionAdmin(ModelAdmin):
    list_display = ["siglas", "nombre", "naturaleza", "sector", "activa"]
    list_display_links = ["siglas", "nombre"]
    list_filter = ["naturaleza", "activa", RolVigenteFilter]
    search_fields = ["siglas", "nombre", "sector"]
    inlines = [ParticipacionInline, UnidadIgualdadGeneroInline, RepresentanteInline]


@admin.register(Participacion)
class ParticipacionAdmin(ModelAdmin):
    list_display = ["institucion", "rol", "desde", "hasta", "acuerdo"]
    list_filter = ["rol"]
    search_fields = ["institucion__siglas", "institucion__nombre"]
    autocomplete_fields = ["institucion", "acuerdo"]
    date_hierarchy = "desde"
    list_select_related = ["institucion", "acuerdo__sesion"]


@admin.register(UnidadIgualdadGenero)
class UnidadIgualdadGeneroAdmin(ModelAdmin):
    list_display = ["institucion", "nombre", "titular", "formalmente_constituida"]
    list_filter = ["formalmente_constituida"]
    search_fields = ["institucion__siglas", "institucion__nombre", "titular"]
    autocomplete_fields = ["institucion"]
    list_select_related = ["institucion"]


@admin.register(Representante)
class RepresentanteAdmin(ModelAdmin):
    list_display = ["nombre", "tipo", "institucion", "cargo", "vigente_desde", "vigente_hasta"]
    exclude = ["oficio_designacion", "oficio_nombre"]
    readonly_fields = ["oficio_descarga"]
    oficio_descarga = enlace_de_descarga("oficio_designacion", "instituciones:oficio", "oficio_nombre")
    list_filter = ["tipo"]
    search_fields = ["nombre", "cargo", "institucion__siglas", "institucion__nombre"]
    autocomplete_fields = ["institucion"]
    list_select_related = ["institucion"]


@admin.register(Coordinacion)
class CoordinacionAdmin(ModelAdmin):
    list_display = ["institucion", "desde", "hasta", "fundamento"]
    autocomplete_fields = ["institucion"]
    list_select_related = ["institucion"]
