"""REST API v1 of the programmes: their action lines, read-only (the follow-up of each
implementing institution is the engine's: /api/v1/seguimientos/?tipo=linea_accion)."""

import django_filters
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from compromisos.models import Estatus, Seguimiento
from instituciones.api import InstitucionResumenSerializer
from snimh import permisos
from snimh.api import SOLO_JSON, FiltrosEstrictos

from . import selectors
from .models import ConjuntoRecomendaciones, LineaAccion, RecomendacionSemestral, TipoAccion


class InstrumentadoraSerializer(serializers.ModelSerializer):
    institucion = InstitucionResumenSerializer(read_only=True)

    class Meta:
        model = Seguimiento
        fields = ["id", "institucion", "estatus", "avance"]


class LineaAccionSerializer(serializers.ModelSerializer):
    programa = serializers.CharField(source="estrategia.objetivo.programa.clave", read_only=True)
    objetivo = serializers.IntegerField(source="estrategia.objetivo.numero", read_only=True)
    estrategia = serializers.CharField(source="estrategia.numero", read_only=True)
    coordinadora = InstitucionResumenSerializer(read_only=True)
    instrumentadoras = InstrumentadoraSerializer(source="seguimientos", many=True, read_only=True)
    avance = serializers.SerializerMethodField(help_text=_("Promedio del avance de las instrumentadoras (%)."))

    class Meta:
        model = LineaAccion
        fields = ["id", "programa", "objetivo", "estrategia", "numero", "texto", "tipo_accion", "coordinadora",
                  "instrumentadoras", "estatus", "plazo_fecha", "avance"]

    def get_avance(self, obj) -> int | None:
        return obj.avance_de_seguimientos()["promedio"]


class LineaAccionFilter(FiltrosEstrictos):
    programa = django_filters.CharFilter(field_name="estrategia__objetivo__programa__clave",
                                         help_text=_("Clave del programa."))
    objetivo = django_filters.NumberFilter(field_name="estrategia__objetivo__numero",
                                           help_text=_("Número del objetivo."), min_value=1, max_value=32767)
    tipo_accion = django_filters.ChoiceFilter(choices=TipoAccion.choices, help_text=_("Tipo de acción."))
    estatus = django_filters.ChoiceFilter(choices=Estatus.choices, help_text=_("Estatus de la línea."))

    class Meta:
        model = LineaAccion
        fields = {"coordinadora": ["exact"]}


@extend_schema_view(
    list=extend_schema(summary="Líneas de acción",
                       description="Las líneas de acción de los programas (PROIGUALDAD), en el orden publicado, con su "
                                   "coordinadora y sus instrumentadoras."),
    retrieve=extend_schema(summary="Detalle de una línea de acción"),
)
class LineaAccionViewSet(viewsets.ReadOnlyModelViewSet):
    parser_classes = SOLO_JSON
    serializer_class = LineaAccionSerializer
    filterset_class = LineaAccionFilter
    ordering_fields = ["numero", "estatus"]

    def get_queryset(self):
        return (LineaAccion.objects.ordenadas()
                .select_related("estrategia__objetivo__programa", "coordinadora")
                .prefetch_related(selectors.seguimientos_con_institucion()))


class RecomendacionSemestralSerializer(serializers.ModelSerializer):
    linea = serializers.CharField(source="linea.numero", read_only=True)
    seguimiento = serializers.SerializerMethodField()

    class Meta:
        model = RecomendacionSemestral
        fields = ["id", "numero", "linea", "texto", "plazo_fecha", "estatus", "seguimiento"]

    def get_seguimiento(self, obj) -> int | None:
        registros = list(obj.seguimientos.all())
        return registros[0].pk if registros else None


class ConjuntoRecomendacionesSerializer(serializers.ModelSerializer):
    institucion = InstitucionResumenSerializer(read_only=True)
    recomendaciones = RecomendacionSemestralSerializer(many=True, read_only=True)

    class Meta:
        model = ConjuntoRecomendaciones
        fields = ["id", "institucion", "anio", "semestre", "fecha", "enviado_en", "acuse_en", "recomendaciones"]


class ConjuntoRecomendacionesFilter(FiltrosEstrictos):
    class Meta:
        model = ConjuntoRecomendaciones
        fields = {"institucion": ["exact"], "anio": ["exact"], "semestre": ["exact"]}


@extend_schema_view(
    list=extend_schema(summary="Recomendaciones semestrales",
                       description="Las recomendaciones de cada semestre a cada institución, con el seguimiento de "
                                   "cada una. Un enlace ve las de su institución."),
    retrieve=extend_schema(summary="Recomendaciones de un semestre a una institución"),
)
class ConjuntoRecomendacionesViewSet(viewsets.ReadOnlyModelViewSet):
    parser_classes = SOLO_JSON
    serializer_class = ConjuntoRecomendacionesSerializer
    filterset_class = ConjuntoRecomendacionesFilter
    ordering_fields = ["anio", "semestre"]

    def get_queryset(self):
        return permisos.recomendaciones_visibles(
            self.request.user,
            ConjuntoRecomendaciones.objects.select_related("institucion").prefetch_related(
                Prefetch("recomendaciones", queryset=RecomendacionSemestral.objects.select_related("linea")
                         .prefetch_related("seguimientos").order_by("numero")))
            .order_by("-anio", "-semestre", "institucion__nombre"))
