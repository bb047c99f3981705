"""REST API v1 of the follow-up engine, for commitments of every kind: follow-up records,
progress reports and their comments, evidence, observations and review. Thin: permissions
from snimh/permisos.py, writes through services."""

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from instituciones.api import InstitucionResumenSerializer
from snimh import permisos, uploads
from snimh.api import ID_EN_FILTRO, SOLO_JSON, ArchivoDemasiadoGrande, FiltrosEstrictos, TiposEstrictos, exigir
from snimh.db import largo_maximo

from . import services, tipos
from .archivos import respuesta_de_descarga
from .models import (
    CambioEstatus,
    Comentario,
    EstadoRevision,
    Estatus,
    Evidencia,
    Observacion,
    Reporte,
    Seguimiento,
    TipoCompromiso,
)

# Serializers -------------------------------------------------------------------


class SeguimientoSerializer(serializers.ModelSerializer):
    institucion = InstitucionResumenSerializer(read_only=True)
    tipo = serializers.ChoiceField(source="compromiso.tipo", choices=TipoCompromiso.choices, read_only=True,
                                   help_text=_("Tipo de compromiso: acuerdo, línea de acción, recomendación…"))
    etiqueta = serializers.CharField(source="compromiso.etiqueta", read_only=True,
                                     help_text=_("Cómo se nombra el compromiso, p. ej. «Acuerdo 46:30/09/2020»."))
    acuerdo = serializers.SerializerMethodField(help_text=_("Número del acuerdo; nulo si el compromiso es de otro tipo."))
    grupo = serializers.SlugRelatedField(slug_field="grupo", read_only=True, allow_null=True)

    class Meta:
        model = Seguimiento
        fields = ["id", "compromiso", "tipo", "etiqueta", "acuerdo", "institucion", "origen", "grupo", "estatus",
                  "avance", "version", "actualizado"]

    def get_acuerdo(self, obj) -> int | None:
        # The field agreements' clients have read since version 1 of the API.
        especifico = obj.compromiso.especifico
        return getattr(especifico, "numero", None) if obj.compromiso.tipo == TipoCompromiso.ACUERDO else None


class SeguimientoEstatusEntradaSerializer(TiposEstrictos, serializers.Serializer):
    estatus = serializers.ChoiceField(choices=Estatus.choices)
    version = serializers.IntegerField(min_value=1)
    motivo = serializers.CharField(max_length=largo_maximo(CambioEstatus, "motivo"),
                                   help_text=_("Por qué cambia; queda en el historial de estatus."))
    fecha = serializers.DateField(required=False, help_text=_("Fecha del cambio; hoy si se omite."))


class ComentarioSerializer(serializers.ModelSerializer):
    autor = serializers.SlugRelatedField(slug_field="username", read_only=True)
    institucion = InstitucionResumenSerializer(read_only=True)

    class Meta:
        model = Comentario
        fields = ["id", "texto", "autor", "institucion", "creado"]


class ComentarioEntradaSerializer(TiposEstrictos, serializers.ModelSerializer):
    class Meta:
        model = Comentario
        fields = ["texto"]


class ReporteSerializer(serializers.ModelSerializer):
    autor = serializers.SlugRelatedField(slug_field="username", read_only=True)
    revisado_por = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    comentarios = ComentarioSerializer(many=True, read_only=True,
                                       help_text=_("Comentarios de la institución supervisora del compromiso."))

    class Meta:
        model = Reporte
        fields = ["id", "seguimiento", "fecha", "texto", "autor", "creado", "responde_a", "estatus_propuesto",
                  "avance_propuesto", "decision_propuesta", "estado_revision", "revisado_por", "revisado_en",
                  "comentarios"]


class _RespuestaVisibleMixin:
    """``responde_a`` offers only the observations the account may see, so that an
    id of another institution's observation answers like one that does not exist."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        usuario = self.context.get("request").user if self.context.get("request") else None
        self.fields["responde_a"].queryset = permisos.observaciones_visibles(usuario, Observacion.objects.all())


class ReporteEntradaSerializer(_RespuestaVisibleMixin, TiposEstrictos, serializers.ModelSerializer):
    fecha = serializers.DateField(required=False, help_text=_("Fecha del avance; hoy si se omite."))

    class Meta:
        model = Reporte
        fields = ["seguimiento", "fecha", "texto", "responde_a", "estatus_propuesto", "avance_propuesto"]


class EvidenciaSerializer(serializers.ModelSerializer):
    subida_por = serializers.SlugRelatedField(slug_field="username", read_only=True)
    revisada_por = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    retirada_por = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    descarga = serializers.SerializerMethodField(help_text=_("Dirección de descarga (con permiso)."))

    class Meta:
        model = Evidencia
        fields = ["id", "seguimiento", "nombre_original", "formato", "tamano", "sha256", "descripcion", "subida_por",
                  "subida_en", "responde_a", "estado_revision", "revisada_por", "revisada_en", "retirada",
                  "retirada_por", "retirada_en", "motivo_retiro", "descarga"]

    def get_descarga(self, obj) -> str:
        from django.urls import reverse

        return reverse("api:evidencia-archivo", args=[obj.pk])


class EvidenciaEntradaSerializer(_RespuestaVisibleMixin, TiposEstrictos, serializers.ModelSerializer):
    # Name, emptiness, size and content are all decided by snimh.uploads.inspeccionar.
    archivo = serializers.FileField(
        allow_empty_file=True, use_url=False,
        help_text=_("%(formatos)s (ZIP de los demás); se revisa el contenido.")
        % {"formatos": uploads.formatos_admitidos()},
        error_messages={"required": _("Adjunte el archivo.")},
    )

    class Meta:
        model = Evidencia
        fields = ["seguimiento", "archivo", "descripcion", "responde_a"]

    def validate_archivo(self, archivo):
        uploads.inspeccionar(archivo)
        return archivo


class RevisionEntradaSerializer(TiposEstrictos, serializers.Serializer):
    decision = serializers.ChoiceField(choices=[EstadoRevision.ACEPTADO, EstadoRevision.DEVUELTO],
                                       help_text=_("«aceptado» o «devuelto»."))
    observacion = serializers.CharField(required=False, allow_blank=True, max_length=largo_maximo(Observacion, "texto"),
                                        help_text=_("Obligatoria para devolver."))


class RevisionReporteEntradaSerializer(RevisionEntradaSerializer):
    confirmar_propuesta = serializers.BooleanField(
        required=False, default=False,
        help_text=_("Al aceptar: confirma el estatus y el avance que propone el reporte (si no, se rechazan)."))


class RetiroEntradaSerializer(TiposEstrictos, serializers.Serializer):
    motivo = serializers.CharField(max_length=largo_maximo(Evidencia, "motivo_retiro"))


class ObservacionSerializer(serializers.ModelSerializer):
    autor = serializers.SlugRelatedField(slug_field="username", read_only=True)
    atendida = serializers.SerializerMethodField(help_text=_("Si la institución ya respondió con un reporte o un archivo."))

    class Meta:
        model = Observacion
        fields = ["id", "seguimiento", "texto", "autor", "creada", "evidencia", "reporte", "atendida"]

    def get_atendida(self, obj) -> bool:
        return bool(obj.reportes_respuesta.all() or obj.evidencias_respuesta.all())


class ObservacionEntradaSerializer(TiposEstrictos, serializers.ModelSerializer):
    class Meta:
        model = Observacion
        fields = ["seguimiento", "texto"]


# Filters -------------------------------------------------------------------------
# ``acuerdo__numero`` and ``seguimiento__acuerdo__numero`` keep the names clients used when
# the follow-up belonged to agreements; ``compromiso`` and ``tipo`` reach every kind.

_NUMERO_DE_ACUERDO = {"min_value": 1, "max_value": 2**31 - 1, "decimal_places": 0}


class SeguimientoFilter(FiltrosEstrictos):
    compromiso = django_filters.NumberFilter(field_name="compromiso", help_text=_("Id del compromiso."), **ID_EN_FILTRO)
    tipo = django_filters.ChoiceFilter(field_name="compromiso__tipo", choices=TipoCompromiso.choices,
                                       help_text=_("Tipo de compromiso."))
    acuerdo__numero = django_filters.NumberFilter(field_name="compromiso__acuerdo__numero",
                                                  help_text=_("Número del acuerdo."), **_NUMERO_DE_ACUERDO)

    class Meta:
        model = Seguimiento
        fields = {"institucion": ["exact"], "estatus": ["exact"]}


class _DeSeguimientoFilter(FiltrosEstrictos):
    compromiso = django_filters.NumberFilter(field_name="seguimiento__compromiso", help_text=_("Id del compromiso."),
                                             **ID_EN_FILTRO)
    seguimiento__acuerdo__numero = django_filters.NumberFilter(
        field_name="seguimiento__compromiso__acuerdo__numero", help_text=_("Número del acuerdo."),
        **_NUMERO_DE_ACUERDO)


class ReporteFilter(_DeSeguimientoFilter):
    class Meta:
        model = Reporte
        fields = {"seguimiento": ["exact"], "estado_revision": ["exact"]}


class EvidenciaFilter(_DeSeguimientoFilter):
    class Meta:
        model = Evidencia
        fields = {"seguimiento": ["exact"], "estado_revision": ["exact"], "retirada": ["exact"]}


class ObservacionFilter(_DeSeguimientoFilter):
    class Meta:
        model = Observacion
        fields = {"seguimiento": ["exact"]}


# Views ---------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Registros de seguimiento",
                       description="Una fila por compromiso (acuerdo, línea de acción…) e institución responsable."),
    retrieve=extend_schema(summary="Detalle de un registro de seguimiento"),
)
class SeguimientoViewSet(viewsets.ReadOnlyModelViewSet):
    parser_classes = SOLO_JSON
    serializer_class = SeguimientoSerializer
    filterset_class = SeguimientoFilter
    ordering_fields = ["compromiso", "institucion__nombre", "estatus"]
    ordering = ["compromiso", "institucion__nombre"]

    def get_queryset(self):
        return Seguimiento.objects.select_related("compromiso", *tipos.relacionados("compromiso__"), "institucion",
                                                  "grupo")

    @extend_schema(summary="Clasificar el estatus de una institución", request=SeguimientoEstatusEntradaSerializer,
                   responses={200: SeguimientoSerializer},
                   description="Solo la coordinación. Queda en el historial de estatus con fecha, motivo y usuario.")
    @action(detail=True, methods=["post"])
    def estatus(self, request, pk=None):
        seguimiento = self.get_object()
        exigir(permisos.puede_cambiar_estatus_seguimiento(request.user, seguimiento))
        entrada = SeguimientoEstatusEntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        services.seguimiento_cambiar_estatus(seguimiento=seguimiento, usuario=request.user, **entrada.validated_data)
        return Response(SeguimientoSerializer(self.get_queryset().get(pk=seguimiento.pk)).data)


class _RevisableMixin:
    """``POST …/{id}/revision/``: coordination accepts or returns; what it cannot see answers 404."""

    servicio_revision = None
    nombre_objeto = None
    entrada_revision = RevisionEntradaSerializer

    def _revisar(self, request):
        objeto = self.get_object()
        exigir(permisos.puede_revisar(request.user))
        entrada = self.entrada_revision(data=request.data)
        entrada.is_valid(raise_exception=True)
        type(self).servicio_revision(**{self.nombre_objeto: objeto}, usuario=request.user, **entrada.validated_data)
        objeto.refresh_from_db()
        return Response(self.get_serializer(objeto).data)


@extend_schema_view(
    list=extend_schema(summary="Reportes de avance", description="Los que la cuenta puede ver: los de su institución "
                       "y los ya aceptados, o todos para coordinación y consulta."),
    retrieve=extend_schema(summary="Detalle de un reporte de avance"),
)
class ReporteViewSet(_RevisableMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    parser_classes = SOLO_JSON
    serializer_class = ReporteSerializer
    filterset_class = ReporteFilter
    ordering = ["fecha", "creado"]
    servicio_revision = staticmethod(services.reporte_revisar)
    nombre_objeto = "reporte"
    entrada_revision = RevisionReporteEntradaSerializer

    def get_queryset(self):
        return permisos.reportes_visibles(
            self.request.user, Reporte.objects.select_related("autor", "revisado_por", "seguimiento")
        ).prefetch_related(Prefetch("comentarios", queryset=Comentario.objects.select_related("autor", "institucion")))

    @extend_schema(summary="Reportar un avance", request=ReporteEntradaSerializer, responses={201: ReporteSerializer},
                   description="La institución responsable (su enlace) o la coordinación.")
    def create(self, request, *args, **kwargs):
        entrada = ReporteEntradaSerializer(data=request.data, context={"request": request})
        entrada.is_valid(raise_exception=True)
        exigir(permisos.puede_actuar_en_seguimiento(request.user, entrada.validated_data["seguimiento"]))
        reporte = services.reporte_crear(autor=request.user, **entrada.validated_data)
        return Response(ReporteSerializer(reporte).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Revisar un reporte", request=RevisionReporteEntradaSerializer, responses={200: ReporteSerializer},
                   description="Solo la coordinación: aceptar (lo publica a las demás instituciones) o devolver con observación.")
    @action(detail=True, methods=["post"])
    def revision(self, request, pk=None):
        return self._revisar(request)

    @extend_schema(summary="Comentar un reporte", request=ComentarioEntradaSerializer,
                   responses={201: ComentarioSerializer},
                   description="Los enlaces de la institución que supervisa el compromiso (la coordinadora de una "
                               "línea de acción, la que preside una mesa temática). No acepta ni devuelve el reporte.")
    @action(detail=True, methods=["post"])
    def comentarios(self, request, pk=None):
        reporte = self.get_object()
        exigir(permisos.puede_comentar_reporte(request.user, reporte))
        entrada = ComentarioEntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        comentario = services.comentario_crear(reporte=reporte, autor=request.user, **entrada.validated_data)
        return Response(ComentarioSerializer(comentario).data, status=status.HTTP_201_CREATED)


_TIPOS_DE_ARCHIVO = {(200, tipo): OpenApiTypes.BINARY for tipo in sorted(set(uploads.TIPO_MIME.values()))}


@extend_schema_view(
    list=extend_schema(summary="Evidencias", description="Las que la cuenta puede ver: nunca las de otra institución."),
    retrieve=extend_schema(summary="Detalle de una evidencia"),
)
class EvidenciaViewSet(_RevisableMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = EvidenciaSerializer
    filterset_class = EvidenciaFilter
    ordering = ["subida_en"]
    servicio_revision = staticmethod(services.evidencia_revisar)
    nombre_objeto = "evidencia"

    def get_queryset(self):
        return permisos.evidencias_visibles(
            self.request.user,
            Evidencia.objects.select_related("subida_por", "revisada_por", "retirada_por", "seguimiento"),
        )

    @extend_schema(
        summary="Subir una evidencia", request={"multipart/form-data": EvidenciaEntradaSerializer},
        responses={201: EvidenciaSerializer},
        description="multipart/form-data. El formato se decide por el contenido del archivo; límite de tamaño "
                    "configurado (25 MB por omisión), que responde 413.",
    )
    def create(self, request, *args, **kwargs):
        entrada = EvidenciaEntradaSerializer(data=request.data, context={"request": request})
        if not entrada.is_valid():
            errores_archivo = entrada.errors.get("archivo", [])
            if any(getattr(error, "code", None) == "tamano" for error in errores_archivo):
                raise ArchivoDemasiadoGrande(errores_archivo[0])
            raise serializers.ValidationError(entrada.errors)
        exigir(permisos.puede_actuar_en_seguimiento(request.user, entrada.validated_data["seguimiento"]))
        try:
            evidencia = services.evidencia_subir(autor=request.user, **entrada.validated_data)
        except DjangoValidationError as error:
            if hasattr(error, "error_dict"):
                raise
            # A refused file: the reason belongs to the file field.
            raise serializers.ValidationError({"archivo": error.messages}) from error
        return Response(EvidenciaSerializer(evidencia).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Descargar el archivo", responses={**_TIPOS_DE_ARCHIVO},
                   description="Como adjunto, con `X-Content-Type-Options: nosniff` y `Content-Security-Policy: sandbox`.")
    @action(detail=True, methods=["get"])
    def archivo(self, request, pk=None):
        return respuesta_de_descarga(self.get_object())

    @extend_schema(summary="Retirar una evidencia", request=RetiroEntradaSerializer, responses={200: EvidenciaSerializer},
                   description="La institución que la subió o la coordinación. El archivo y su registro se conservan.")
    @action(detail=True, methods=["post"], parser_classes=SOLO_JSON)
    def retiro(self, request, pk=None):
        evidencia = self.get_object()
        exigir(permisos.puede_retirar_evidencia(request.user, evidencia))
        entrada = RetiroEntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        services.evidencia_retirar(evidencia=evidencia, usuario=request.user, motivo=entrada.validated_data["motivo"])
        evidencia.refresh_from_db()
        return Response(EvidenciaSerializer(evidencia).data)

    @extend_schema(summary="Revisar una evidencia", request=RevisionEntradaSerializer, responses={200: EvidenciaSerializer},
                   description="Solo la coordinación: aceptar o devolver con observación.")
    @action(detail=True, methods=["post"], parser_classes=SOLO_JSON)
    def revision(self, request, pk=None):
        return self._revisar(request)


@extend_schema_view(
    list=extend_schema(summary="Observaciones", description="Las dirigidas a la institución de la cuenta, o todas."),
    retrieve=extend_schema(summary="Detalle de una observación"),
)
class ObservacionViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    parser_classes = SOLO_JSON
    serializer_class = ObservacionSerializer
    filterset_class = ObservacionFilter
    ordering = ["creada"]

    def get_queryset(self):
        return permisos.observaciones_visibles(
            self.request.user,
            Observacion.objects.select_related("autor").prefetch_related("reportes_respuesta", "evidencias_respuesta"),
        )

    @extend_schema(summary="Escribir una observación", request=ObservacionEntradaSerializer,
                   responses={201: ObservacionSerializer}, description="Solo la coordinación.")
    def create(self, request, *args, **kwargs):
        exigir(permisos.puede_revisar(request.user))
        entrada = ObservacionEntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        observacion = services.observacion_crear(autor=request.user, **entrada.validated_data)
        return Response(ObservacionSerializer(self.get_queryset().get(pk=observacion.pk)).data,
                        status=status.HTTP_201_CREATED)


