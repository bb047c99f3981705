"""Back office of the recommendations: shown only. Tables and recommendations are written
in the app (or imported), whose services validate them and keep their history."""

from django.contrib import admin

from snimh.admin import ModelAdmin

from .models import MesaTematica, Recomendacion


@admin.register(MesaTematica)
class MesaTematicaAdmin(ModelAdmin):
    list_display = ["nombre", "presidencia"]
    list_select_related = ["presidencia"]
    search_fields = ["nombre"]
    solo_lectura = True


@admin.register(Recomendacion)
class RecomendacionAdmin(ModelAdmin):
    list_display = ["__str__", "mesa", "estatus"]
    list_filter = ["mesa", "estatus", "documento"]
    list_select_related = ["mesa"]
    search_fields = ["texto", "documento"]
    solo_lectura = True
