"""REST API v1 of the recommendations: read-only tables and recommendations, with each
responsible institution's follow-up record. Reports, evidence and observations are the
engine's endpoints (/api/v1/reportes/, /evidencias/, /observaciones/, filtered by
snimh/permisos.py); writes are coordination's pages and the import command."""

from django.db.models import Count, Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from compromisos.models import Seguimiento
from instituciones.api import InstitucionResumenSerializer

from .models import MesaTematica, Recomendacion


class MesaTematicaSerializer(serializers.ModelSerializer):
    presidencia = InstitucionResumenSerializer(read_only=True, allow_null=True,
                                               help_text=_("Nula mientras la coordinación no la designe."))
    integrantes = InstitucionResumenSerializer(many=True, read_only=True)
    total_recomendaciones = serializers.IntegerField(read_only=True)

    class Meta:
        model = MesaTematica
        fields = ["id", "nombre", "presidencia", "integrantes", "total_recomendaciones"]


class ResponsableSerializer(serializers.ModelSerializer):
    institucion = InstitucionResumenSerializer(read_only=True)

    class Meta:
        model = Seguimiento
        fields = ["id", "institucion", "estatus", "avance"]


class RecomendacionSerializer(serializers.ModelSerializer):
    parrafo = serializers.CharField(read_only=True, help_text=_("El párrafo como se cita: «12» o «12 (a)»."))
    cita = serializers.CharField(read_only=True)
    # Read only (the API does not write recommendations): empty when it is not a sub-paragraph.
    inciso = serializers.CharField(read_only=True, help_text=_("Letra del inciso; vacío si no lo es."))
    mesa = serializers.PrimaryKeyRelatedField(read_only=True)
    responsables = ResponsableSerializer(many=True, read_only=True, source="seguimientos",
                                         help_text=_("Cada institución responsable con su registro de seguimiento "
                                                     "(/api/v1/seguimientos/{id}/)."))
    acuerdos = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Recomendacion
        fields = ["id", "documento", "parrafo", "parrafo_numero", "inciso", "cita", "texto", "tema", "mesa",
                  "fecha_emision", "plazo_fecha", "meta", "estatus", "responsables", "acuerdos", "version"]


@extend_schema_view(
    list=extend_schema(summary="Mesas temáticas", description="Todas las cuentas internas."),
    retrieve=extend_schema(summary="Una mesa temática"),
)
class MesaTematicaViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = MesaTematicaSerializer
    ordering = ["nombre"]

    def get_queryset(self):
        return (MesaTematica.objects.select_related("presidencia").prefetch_related("integrantes")
                .annotate(total_recomendaciones=Count("recomendaciones")))


@extend_schema_view(
    list=extend_schema(summary="Recomendaciones internacionales",
                       description="Todas las cuentas internas; filtrables por mesa, documento y estatus."),
    retrieve=extend_schema(summary="Una recomendación con sus instituciones responsables"),
)
class RecomendacionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = RecomendacionSerializer
    filterset_fields = ["mesa", "documento", "estatus"]
    ordering = ["documento", "parrafo_numero", "inciso"]

    def get_queryset(self):
        return Recomendacion.objects.prefetch_related(
            Prefetch("seguimientos", queryset=Seguimiento.objects.select_related("institucion")
                     .order_by("institucion__nombre")),
            "acuerdos",
        )
