"""Back office of the questionnaires. Questionnaires, editions and responses are built and
answered in the app, whose services validate and sign each step: here they are only
shown. The figures published about past editions are entered here."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from snimh.admin import ModelAdmin, TabularInline, enlace_de_descarga

from .models import (
    Cuestionario,
    Edicion,
    MovimientoRespuesta,
    Opcion,
    Pregunta,
    Respuesta,
    RespuestaPregunta,
    ResultadoPublicado,
    Seccion,
)


class SeccionInline(TabularInline):
    model = Seccion
    fields = ["orden", "titulo"]
    extra = 0
    solo_lectura = True


@admin.register(Cuestionario)
class CuestionarioAdmin(ModelAdmin):
    list_display = ["nombre", "clave", "creado"]
    search_fields = ["nombre", "clave"]
    inlines = [SeccionInline]
    solo_lectura = True


@admin.register(Seccion)
class SeccionAdmin(ModelAdmin):
    list_display = ["__str__", "cuestionario"]
    list_filter = ["cuestionario"]
    list_select_related = ["cuestionario"]
    solo_lectura = True


class OpcionInline(TabularInline):
    model = Opcion
    fields = ["orden", "texto"]
    extra = 0
    solo_lectura = True


@admin.register(Pregunta)
class PreguntaAdmin(ModelAdmin):
    list_display = ["numero", "texto", "tipo", "obligatoria", "datos_personales"]
    list_filter = ["seccion__cuestionario", "tipo", "datos_personales"]
    list_select_related = ["seccion"]
    search_fields = ["texto"]
    inlines = [OpcionInline]
    solo_lectura = True


@admin.register(Opcion)
class OpcionAdmin(ModelAdmin):
    list_display = ["texto", "pregunta"]
    list_filter = ["pregunta__seccion__cuestionario"]
    list_select_related = ["pregunta__seccion"]
    search_fields = ["texto"]
    solo_lectura = True


class ResultadoPublicadoInline(TabularInline):
    model = ResultadoPublicado
    fields = ["pregunta", "tipo", "si_no", "opcion", "valor", "base", "base_descripcion", "minimo", "maximo", "texto"]
    extra = 0
    solo_lectura = True


@admin.register(Edicion)
class EdicionAdmin(ModelAdmin):
    list_display = ["__str__", "historica", "estado", "apertura", "fecha_limite", "publicada"]
    list_filter = ["cuestionario", "historica", "estado", "publicada"]
    list_select_related = ["cuestionario"]
    inlines = [ResultadoPublicadoInline]
    solo_lectura = True


class MovimientoInline(TabularInline):
    model = MovimientoRespuesta
    fields = ["fecha", "accion", "usuario", "motivo"]
    extra = 0
    solo_lectura = True


@admin.register(Respuesta)
class RespuestaAdmin(ModelAdmin):
    list_display = ["institucion", "edicion", "estado", "enviada_en"]
    list_filter = ["edicion__cuestionario", "estado"]
    list_select_related = ["institucion", "edicion__cuestionario"]
    search_fields = ["institucion__nombre", "institucion__siglas"]
    inlines = [MovimientoInline]
    solo_lectura = True


@admin.register(RespuestaPregunta)
class RespuestaPreguntaAdmin(ModelAdmin):
    """Answers, personal data included: the admin is coordination's (snimh/permisos.py)."""

    list_display = ["__str__", "valor_si_no", "valor_numero", "valor_fecha"]
    list_filter = ["respuesta__edicion__cuestionario"]
    list_select_related = ["pregunta__seccion", "respuesta__institucion", "respuesta__edicion__cuestionario"]
    exclude = ["archivo"]
    readonly_fields = ["archivo_descarga"]
    archivo_descarga = enlace_de_descarga("archivo", "cuestionarios:archivo", "archivo_nombre")
    solo_lectura = True


@admin.register(MovimientoRespuesta)
class MovimientoRespuestaAdmin(ModelAdmin):
    list_display = ["respuesta", "accion", "usuario", "fecha"]
    list_filter = ["accion"]
    list_select_related = ["respuesta__institucion", "respuesta__edicion__cuestionario", "usuario"]
    solo_lectura = True


@admin.register(ResultadoPublicado)
class ResultadoPublicadoAdmin(ModelAdmin):
    """Figures published about an edition, as its source writes them: entered here (the
    2020 ones come with the reference data)."""

    list_display = ["__str__", "edicion", "tipo", "valor", "base"]
    list_filter = ["edicion__cuestionario", "tipo"]
    list_select_related = ["edicion__cuestionario", "pregunta__seccion"]
    search_fields = ["texto"]
    fieldsets = [
        (None, {"fields": ["edicion", "pregunta", "orden"]}),
        (_("La cifra"), {"fields": ["tipo", "si_no", "opcion", "valor", "base", "base_descripcion", "minimo",
                                    "maximo"]}),
        (_("Fuente"), {"fields": ["texto"]}),
    ]
