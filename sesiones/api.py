from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from instituciones.api import InstitucionResumenSerializer
from instituciones.models import Institucion, Representante
from snimh import permisos
from snimh.api import SOLO_JSON, TiposEstrictos, exigir

from . import services
from .models import Asistencia, AsistenciaReportada, PersonaPresidium, PuntoOrdenDia, Sesion


class PersonaPresidiumSerializer(TiposEstrictos, serializers.ModelSerializer):
    class Meta:
        model = PersonaPresidium
        fields = ["tratamiento", "nombre", "cargo"]


class PuntoOrdenDiaSerializer(TiposEstrictos, serializers.ModelSerializer):
    class Meta:
        model = PuntoOrdenDia
        fields = ["id", "numero", "titulo", "resumen"]
        read_only_fields = ["id"]


class PuntoOrdenDiaEdicionSerializer(TiposEstrictos, serializers.ModelSerializer):
    id = serializers.IntegerField(required=False, min_value=1,
                                  help_text=_("Id de un punto existente, para conservarlo (y su historial)."))

    class Meta:
        model = PuntoOrdenDia
        fields = ["id", "titulo", "resumen"]


class AsistenciaSerializer(serializers.ModelSerializer):
    institucion = InstitucionResumenSerializer(read_only=True)

    class Meta:
        model = Asistencia
        fields = ["institucion", "rol", "persona_designada", "representante"]


class AsistenciaEntradaSerializer(TiposEstrictos, serializers.ModelSerializer):
    institucion = serializers.PrimaryKeyRelatedField(queryset=Institucion.objects.all(), help_text=_("Id de la institución."))
    persona_designada = serializers.PrimaryKeyRelatedField(
        queryset=Representante.objects.all(), required=False, allow_null=True,
        help_text=_("Id de la persona titular o suplente designada que asistió, si fue ella."))

    class Meta:
        model = Asistencia
        fields = ["institucion", "rol", "persona_designada", "representante"]
        # One row per institution is checked by the service, with the institution named.
        validators = []


class AsistenciaReportadaSerializer(TiposEstrictos, serializers.ModelSerializer):
    class Meta:
        model = AsistenciaReportada
        fields = ["rol", "total"]


class QuorumSerializer(serializers.Serializer):
    integrantes = serializers.IntegerField(allow_null=True, help_text=_("Instituciones integrantes a la fecha."))
    presentes = serializers.IntegerField(help_text=_("Integrantes presentes."))
    acreditadas = serializers.IntegerField(
        allow_null=True, help_text=_("Presentes con oficio de designación; nulo si solo hay totales reportados."))
    requeridas = serializers.IntegerField(allow_null=True, help_text=_("Integrantes necesarias para el quórum."))
    hay_quorum = serializers.BooleanField(allow_null=True, help_text=_("Nulo si no puede determinarse."))


class SesionResumenSerializer(serializers.ModelSerializer):
    titulo = serializers.CharField(read_only=True, help_text=_("«Vigésima Primera Sesión Ordinaria»."))

    class Meta:
        model = Sesion
        fields = ["id", "numero", "tipo", "titulo", "fecha"]


class SesionListaSerializer(serializers.ModelSerializer):
    titulo = serializers.CharField(read_only=True)
    numero_acuerdos = serializers.IntegerField(read_only=True, help_text=_("Acuerdos adoptados."))

    class Meta:
        model = Sesion
        fields = ["id", "numero", "tipo", "titulo", "fecha", "modalidad", "estado", "numero_acuerdos"]


class SesionSerializer(serializers.ModelSerializer):
    titulo = serializers.CharField(read_only=True)
    presidium = PersonaPresidiumSerializer(many=True, read_only=True)
    orden_del_dia = PuntoOrdenDiaSerializer(many=True, read_only=True)
    asistencias = AsistenciaSerializer(many=True, read_only=True)
    asistencia_reportada = AsistenciaReportadaSerializer(many=True, read_only=True)
    asistencia_por_rol = serializers.SerializerMethodField(
        help_text=_("Asistencia por rol como la cuenta el informe (totales reportados o asistencia nominal)."))
    quorum = serializers.SerializerMethodField()
    acuerdos = serializers.SerializerMethodField(help_text=_("Citas de los acuerdos adoptados."))

    class Meta:
        model = Sesion
        fields = ["id", "numero", "tipo", "titulo", "fecha", "modalidad", "estado", "resumen", "total_integrantes",
                  "acta_nombre", "acta_aprobada_en", "presidium", "orden_del_dia", "asistencias",
                  "asistencia_reportada", "asistencia_por_rol", "quorum", "acuerdos"]

    def get_asistencia_por_rol(self, obj) -> dict[str, int]:
        return obj.asistencia_por_rol()

    @extend_schema_field(QuorumSerializer)
    def get_quorum(self, obj):
        quorum = obj.quorum()
        return {**quorum.__dict__, "hay_quorum": quorum.hay_quorum}

    def get_acuerdos(self, obj) -> list[str]:
        return [a.cita for a in obj.acuerdos.all()]


class SesionEntradaSerializer(TiposEstrictos, serializers.ModelSerializer):
    presidium = PersonaPresidiumSerializer(many=True, required=False)
    orden_del_dia = PuntoOrdenDiaSerializer(many=True, required=False)
    asistencias = AsistenciaEntradaSerializer(many=True, required=False)
    asistencia_reportada = AsistenciaReportadaSerializer(many=True, required=False)

    class Meta:
        model = Sesion
        fields = ["numero", "tipo", "fecha", "modalidad", "estado", "resumen", "total_integrantes",
                  "presidium", "orden_del_dia", "asistencias", "asistencia_reportada"]
        # Uniqueness and the other rules are checked by the model, with its messages.
        validators = []


class SesionEdicionSerializer(TiposEstrictos, serializers.ModelSerializer):
    """PATCH: the fields given change; ``presidium``, ``orden_del_dia`` (in order) and
    ``asistencias`` (the institutions present), when given, are the complete new lists."""

    presidium = PersonaPresidiumSerializer(many=True, required=False)
    orden_del_dia = PuntoOrdenDiaEdicionSerializer(many=True, required=False)
    asistencias = AsistenciaEntradaSerializer(many=True, required=False)

    class Meta:
        model = Sesion
        fields = ["numero", "tipo", "fecha", "modalidad", "resumen", "total_integrantes", "presidium",
                  "orden_del_dia", "asistencias"]
        validators = []


class EstadoEntradaSerializer(TiposEstrictos, serializers.Serializer):
    estado = serializers.ChoiceField(
        choices=Sesion.Estado.choices,
        help_text=_("«celebrada» (el día de la sesión o después) o «cancelada»; solo desde «programada». "
                    "Un cambio que el estado actual no admite responde 400 con el motivo."))


@extend_schema_view(
    list=extend_schema(summary="Lista de sesiones"),
    retrieve=extend_schema(summary="Detalle de una sesión",
                           description="Orden del día con resúmenes, asistencia por rol, quórum y acuerdos adoptados."),
)
class SesionViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    parser_classes = SOLO_JSON
    http_method_names = ["get", "post", "patch", "head", "options"]
    filterset_fields = ["tipo", "estado", "modalidad"]
    ordering_fields = ["fecha", "numero"]
    ordering = ["fecha", "numero"]

    def get_queryset(self):
        if self.action == "list":
            return Sesion.objects.annotate(numero_acuerdos=Count("acuerdos"))
        return Sesion.objects.prefetch_related(
            "presidium", "orden_del_dia", "asistencias__institucion", "asistencia_reportada", "acuerdos__sesion",
        )

    def get_serializer_class(self):
        if self.action == "list":
            return SesionListaSerializer
        if self.action == "create":
            return SesionEntradaSerializer
        if self.action == "partial_update":
            return SesionEdicionSerializer
        return SesionSerializer

    @extend_schema(summary="Registrar una sesión", request=SesionEntradaSerializer, responses={201: SesionSerializer},
                   description="Solo la coordinación. Crea la sesión con su presidium, orden del día y asistencia.")
    def create(self, request, *args, **kwargs):
        exigir(permisos.puede_editar_sesiones(request.user))
        entrada = SesionEntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        sesion = services.sesion_crear(usuario=request.user, **entrada.validated_data)
        return Response(SesionSerializer(self.get_queryset().get(pk=sesion.pk)).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Editar una sesión", request=SesionEdicionSerializer, responses={200: SesionSerializer},
                   description="Solo la coordinación. Datos de la sesión; presídium, orden del día y asistencia "
                               "(listas completas). La asistencia se valida contra el rol de cada institución en "
                               "la fecha de la sesión.")
    def partial_update(self, request, pk=None):
        exigir(permisos.puede_editar_sesiones(request.user))
        sesion = self.get_object()
        entrada = SesionEdicionSerializer(data=request.data, partial=True)
        entrada.is_valid(raise_exception=True)
        datos = dict(entrada.validated_data)
        asistencias = datos.pop("asistencias", None)
        if datos:
            services.sesion_actualizar(sesion=sesion, usuario=request.user, **datos)
        if asistencias is not None:
            services.asistencia_registrar(sesion=sesion, asistencias=asistencias, usuario=request.user)
        return Response(SesionSerializer(self.get_queryset().get(pk=sesion.pk)).data)

    @extend_schema(summary="Celebrar o cancelar una sesión", request=EstadoEntradaSerializer,
                   responses={200: SesionSerializer}, description="Solo la coordinación.")
    @action(detail=True, methods=["post"])
    def estado(self, request, pk=None):
        exigir(permisos.puede_editar_sesiones(request.user))
        sesion = self.get_object()
        entrada = EstadoEntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        services.sesion_cambiar_estado(sesion=sesion, usuario=request.user, **entrada.validated_data)
        return Response(SesionSerializer(self.get_queryset().get(pk=sesion.pk)).data)

