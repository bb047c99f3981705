"""REST API v1 for agreements and their follow-up. Thin: permissions from
snimh/permisos.py, reads from QuerySets and selectors, writes through services."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from instituciones.api import InstitucionResumenSerializer
from instituciones.models import Institucion
from sesiones.api import SesionResumenSerializer
from sesiones.models import Sesion
from snimh import permisos, uploads
from snimh.api import SOLO_JSON, ArchivoDemasiadoGrande, Publico, SiempreRequeridos, TiposEstrictos, exigir
from snimh.db import largo_maximo

from . import selectors, services
from .archivos import respuesta_de_descarga
from .filtros import AcuerdoFilter
from .models import (
    Acuerdo,
    CambioEstatus,
    EstadoRevision,
    Estatus,
    Evidencia,
    Grupo,
    Objetivo,
    Observacion,
    OrigenResponsabilidad,
    Programa,
    Reporte,
    Seguimiento,
    estatus_efectivo,
)

# Serializers -------------------------------------------------------------------


class ObjetivoSerializer(serializers.ModelSerializer):
    programa = serializers.SlugRelatedField(slug_field="clave", read_only=True)

    class Meta:
        model = Objetivo
        fields = ["id", "programa", "numero", "texto"]


class ProgramaSerializer(serializers.ModelSerializer):
    objetivos = ObjetivoSerializer(many=True, read_only=True)

    class Meta:
        model = Programa
        fields = ["clave", "nombre", "vigente", "objetivos"]


class _AcuerdoBase(serializers.ModelSerializer):
    cita = serializers.CharField(read_only=True, help_text=_("Cita oficial «NÚMERO:D/MM/AAAA»."))
    sesion = SesionResumenSerializer(read_only=True)
    vencido = serializers.SerializerMethodField(help_text=_("Abierto y con el plazo vencido (derivado, no capturado)."))
    dias_vencido = serializers.SerializerMethodField(help_text=_("Días transcurridos desde la fecha límite."))

    def get_vencido(self, obj) -> bool:
        return obj.esta_vencido()

    def get_dias_vencido(self, obj) -> int:
        return obj.dias_vencido()


class AcuerdoListaSerializer(_AcuerdoBase):
    class Meta:
        model = Acuerdo
        fields = ["numero", "cita", "sesion", "texto", "estatus", "plazo_fecha", "plazo_texto", "vencido", "dias_vencido"]


class SeguimientoEnAcuerdoSerializer(serializers.ModelSerializer):
    institucion = InstitucionResumenSerializer(read_only=True)
    grupo = serializers.SlugRelatedField(slug_field="grupo", read_only=True, allow_null=True,
                                         help_text=_("Grupo por el que quedó obligada; nulo si se le nombró."))

    class Meta:
        model = Seguimiento
        fields = ["id", "institucion", "origen", "grupo", "estatus", "avance", "version"]


class CambioEstatusSerializer(serializers.ModelSerializer):
    usuario = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    institucion = serializers.SerializerMethodField(
        help_text=_("Nulo: cambio del estatus del acuerdo; con institución: de su cumplimiento."))

    class Meta:
        model = CambioEstatus
        fields = ["institucion", "anterior", "nuevo", "fecha", "motivo", "usuario", "registrado"]

    @extend_schema_field(InstitucionResumenSerializer(allow_null=True))
    def get_institucion(self, obj):
        if obj.seguimiento_id is None:
            return None
        return InstitucionResumenSerializer(obj.seguimiento.institucion).data


class ResumenSeguimientoSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    sin_iniciar = serializers.IntegerField()
    en_proceso = serializers.IntegerField()
    cumplido = serializers.IntegerField()
    sin_materia = serializers.IntegerField()


class AcuerdoSerializer(_AcuerdoBase):
    grupos_responsables = serializers.SlugRelatedField(slug_field="grupo", many=True, read_only=True,
                                                       help_text=_("Grupos obligados en conjunto."))
    seguimientos = SeguimientoEnAcuerdoSerializer(many=True, read_only=True,
                                                  help_text=_("Instituciones responsables y su estatus propio."))
    resumen_seguimientos = serializers.SerializerMethodField()
    objetivos = ObjetivoSerializer(many=True, read_only=True)
    historial_estatus = CambioEstatusSerializer(many=True, read_only=True)

    class Meta:
        model = Acuerdo
        fields = ["numero", "cita", "sesion", "texto", "estatus", "plazo_fecha", "plazo_texto", "meta",
                  "responsables_texto", "grupos_responsables", "seguimientos", "resumen_seguimientos", "objetivos",
                  "vencido", "dias_vencido", "historial_estatus", "version"]

    @extend_schema_field(ResumenSeguimientoSerializer)
    def get_resumen_seguimientos(self, obj):
        return obj.resumen_seguimientos()


class AcuerdoEntradaSerializer(TiposEstrictos, serializers.ModelSerializer):
    sesion = serializers.PrimaryKeyRelatedField(queryset=Sesion.objects.all(), help_text=_("Id de la sesión."))
    instituciones = serializers.PrimaryKeyRelatedField(
        queryset=Institucion.objects.all(), many=True, required=False, help_text=_("Ids de las instituciones responsables."))
    grupos = serializers.ListField(
        child=serializers.ChoiceField(choices=Grupo.choices), required=False, max_length=len(Grupo.choices),
        help_text=_("Grupos responsables en conjunto: cada institución del grupo recibe su registro de "
                    "seguimiento (las que tienen el rol en la fecha de la sesión, o las que asistieron)."))
    objetivos = serializers.PrimaryKeyRelatedField(queryset=Objetivo.objects.all(), many=True, required=False)

    class Meta:
        model = Acuerdo
        fields = ["numero", "sesion", "texto", "estatus", "plazo_fecha", "plazo_texto", "meta", "responsables_texto",
                  "instituciones", "grupos", "objetivos"]
        validators = []
        extra_kwargs = {"numero": {"validators": []}}


class AcuerdoEdicionSerializer(SiempreRequeridos, TiposEstrictos, serializers.ModelSerializer):
    """PATCH: the fields given change; ``instituciones``, ``grupos`` and ``objetivos``, when
    given, are the complete new sets. ``version`` is required (optimistic locking)."""

    instituciones = serializers.PrimaryKeyRelatedField(
        queryset=Institucion.objects.all(), many=True, required=False,
        help_text=_("Ids de las instituciones nombradas (el conjunto completo)."))
    grupos = serializers.ListField(
        child=serializers.ChoiceField(choices=Grupo.choices), required=False, max_length=len(Grupo.choices),
        help_text=_("Grupos responsables (el conjunto completo)."))
    objetivos = serializers.PrimaryKeyRelatedField(queryset=Objetivo.objects.all(), many=True, required=False)
    version = serializers.IntegerField(
        min_value=1, help_text=_("Versión del acuerdo que se leyó (campo «version»)."),
        error_messages={"required": _("Indique la versión del acuerdo que leyó.")})
    siempre_requeridos = ("version",)

    class Meta:
        model = Acuerdo
        fields = ["numero", "texto", "plazo_fecha", "plazo_texto", "meta", "responsables_texto", "instituciones",
                  "grupos", "objetivos", "version"]
        validators = []
        extra_kwargs = {"numero": {"validators": []}}


class CambioEstatusEntradaSerializer(TiposEstrictos, serializers.Serializer):
    estatus = serializers.ChoiceField(choices=Estatus.choices)
    fecha = serializers.DateField(help_text=_("Fecha en que ocurrió el cambio."))
    motivo = serializers.CharField(max_length=largo_maximo(CambioEstatus, "motivo"))
    version = serializers.IntegerField(min_value=1, help_text=_("Versión del acuerdo que se leyó (campo «version»)."))


class SeguimientoSerializer(serializers.ModelSerializer):
    institucion = InstitucionResumenSerializer(read_only=True)
    acuerdo = serializers.SlugRelatedField(slug_field="numero", read_only=True)
    grupo = serializers.SlugRelatedField(slug_field="grupo", read_only=True, allow_null=True)

    class Meta:
        model = Seguimiento
        fields = ["id", "acuerdo", "institucion", "origen", "grupo", "estatus", "avance", "version", "actualizado"]


class SeguimientoEstatusEntradaSerializer(TiposEstrictos, serializers.Serializer):
    estatus = serializers.ChoiceField(choices=Estatus.choices)
    version = serializers.IntegerField(min_value=1)
    motivo = serializers.CharField(max_length=2000, help_text=_("Por qué cambia; queda en el historial de estatus."))
    fecha = serializers.DateField(required=False, help_text=_("Fecha del cambio; hoy si se omite."))


class ResponsableEntradaSerializer(TiposEstrictos, serializers.Serializer):
    institucion = serializers.PrimaryKeyRelatedField(queryset=Institucion.objects.all(),
                                                     help_text=_("Id de la institución que se nombra responsable."))


class ReporteSerializer(serializers.ModelSerializer):
    autor = serializers.SlugRelatedField(slug_field="username", read_only=True)
    revisado_por = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = Reporte
        fields = ["id", "seguimiento", "fecha", "texto", "autor", "creado", "responde_a", "estatus_propuesto",
                  "avance_propuesto", "decision_propuesta", "estado_revision", "revisado_por", "revisado_en"]


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


# Views ---------------------------------------------------------------------------


class _ConsultaDeAcuerdos:
    """Agreements are addressed by their number and filtered alike, internal or public."""

    lookup_field = "numero"
    lookup_value_regex = r"[0-9]+"
    filterset_class = AcuerdoFilter
    ordering_fields = ["numero", "plazo_fecha", "sesion__fecha", "estatus"]
    ordering = ["numero"]


@extend_schema_view(
    list=extend_schema(summary="Lista de acuerdos", description="Filtros por sesión, año, estatus, institución, "
                       "objetivo, plazo y vencimiento, y búsqueda en el texto."),
    retrieve=extend_schema(summary="Detalle de un acuerdo",
                           description="Responsables con su estatus, alineación, historial de estatus y versión."),
)
class AcuerdoViewSet(_ConsultaDeAcuerdos, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    parser_classes = SOLO_JSON
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        if self.action == "list":
            return Acuerdo.objects.select_related("sesion")
        return selectors.acuerdos_para_detalle()

    def get_serializer_class(self):
        return {"list": AcuerdoListaSerializer, "create": AcuerdoEntradaSerializer}.get(self.action, AcuerdoSerializer)

    @extend_schema(summary="Registrar un acuerdo", request=AcuerdoEntradaSerializer, responses={201: AcuerdoSerializer},
                   description="Solo la coordinación.")
    def create(self, request, *args, **kwargs):
        exigir(permisos.es_coordinacion(request.user))
        entrada = AcuerdoEntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        acuerdo = services.acuerdo_crear(usuario=request.user, **entrada.validated_data)
        return Response(AcuerdoSerializer(selectors.acuerdos_para_detalle().get(pk=acuerdo.pk)).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Editar un acuerdo", request=AcuerdoEdicionSerializer, responses={200: AcuerdoSerializer},
                   description="Solo la coordinación. Texto, criterios de seguimiento, instituciones y grupos "
                               "responsables (conjuntos completos); con la versión leída, o responde 409.")
    def partial_update(self, request, numero=None):
        exigir(permisos.puede_editar_acuerdos(request.user))
        acuerdo = get_object_or_404(Acuerdo, numero=numero)
        entrada = AcuerdoEdicionSerializer(data=request.data, partial=True)
        entrada.is_valid(raise_exception=True)
        datos = dict(entrada.validated_data)
        services.acuerdo_actualizar(acuerdo=acuerdo, usuario=request.user, **datos)
        return Response(AcuerdoSerializer(selectors.acuerdos_para_detalle().get(pk=acuerdo.pk)).data)

    @extend_schema(summary="Nombrar una institución responsable", request=ResponsableEntradaSerializer,
                   responses={200: AcuerdoSerializer}, description="Solo la coordinación. Si ya estaba obligada "
                   "por un grupo, desde ahora lo está por nombre (conserva su registro e historial).")
    @action(detail=True, methods=["post"])
    def responsables(self, request, numero=None):
        exigir(permisos.puede_editar_acuerdos(request.user))
        acuerdo = get_object_or_404(Acuerdo, numero=numero)
        entrada = ResponsableEntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        if acuerdo.seguimientos.filter(institucion=entrada.validated_data["institucion"], origen="nominal").exists():
            raise serializers.ValidationError({"institucion": [_("Esa institución ya está nombrada en el acuerdo.")]})
        services.acuerdo_agregar_responsable(acuerdo=acuerdo, usuario=request.user, **entrada.validated_data)
        return Response(AcuerdoSerializer(selectors.acuerdos_para_detalle().get(pk=acuerdo.pk)).data)

    @extend_schema(summary="Cambiar el estatus de un acuerdo", request=CambioEstatusEntradaSerializer,
                   responses={200: AcuerdoSerializer},
                   description="Solo la coordinación. Queda en el historial con fecha, motivo y usuario.")
    @action(detail=True, methods=["post"])
    def estatus(self, request, numero=None):
        acuerdo = get_object_or_404(Acuerdo, numero=numero)
        exigir(permisos.puede_cambiar_estatus_acuerdo(request.user, acuerdo))
        entrada = CambioEstatusEntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        services.acuerdo_cambiar_estatus(acuerdo=acuerdo, usuario=request.user, **entrada.validated_data)
        return Response(AcuerdoSerializer(selectors.acuerdos_para_detalle().get(pk=acuerdo.pk)).data)


@extend_schema_view(
    list=extend_schema(summary="Registros de seguimiento", description="Una fila por acuerdo e institución responsable."),
    retrieve=extend_schema(summary="Detalle de un registro de seguimiento"),
)
class SeguimientoViewSet(viewsets.ReadOnlyModelViewSet):
    parser_classes = SOLO_JSON
    serializer_class = SeguimientoSerializer
    filterset_fields = {"acuerdo__numero": ["exact"], "institucion": ["exact"], "estatus": ["exact"]}
    ordering_fields = ["acuerdo__numero", "institucion__nombre", "estatus"]
    ordering = ["acuerdo__numero", "institucion__nombre"]

    def get_queryset(self):
        return Seguimiento.objects.select_related("acuerdo", "institucion", "grupo")

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
    filterset_fields = {"seguimiento": ["exact"], "seguimiento__acuerdo__numero": ["exact"],
                        "estado_revision": ["exact"]}
    ordering = ["fecha", "creado"]
    servicio_revision = staticmethod(services.reporte_revisar)
    nombre_objeto = "reporte"
    entrada_revision = RevisionReporteEntradaSerializer

    def get_queryset(self):
        return permisos.reportes_visibles(
            self.request.user, Reporte.objects.select_related("autor", "revisado_por", "seguimiento")
        )

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


_TIPOS_DE_ARCHIVO = {(200, tipo): OpenApiTypes.BINARY for tipo in sorted(set(uploads.TIPO_MIME.values()))}


@extend_schema_view(
    list=extend_schema(summary="Evidencias", description="Las que la cuenta puede ver: nunca las de otra institución."),
    retrieve=extend_schema(summary="Detalle de una evidencia"),
)
class EvidenciaViewSet(_RevisableMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = EvidenciaSerializer
    filterset_fields = {"seguimiento": ["exact"], "seguimiento__acuerdo__numero": ["exact"],
                        "estado_revision": ["exact"], "retirada": ["exact"]}
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
    filterset_fields = {"seguimiento": ["exact"], "seguimiento__acuerdo__numero": ["exact"]}
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


@extend_schema_view(
    list=extend_schema(summary="Catálogos de objetivos", description="Programas (SNIMH, PROIGUALDAD) y sus objetivos."),
    retrieve=extend_schema(summary="Un catálogo de objetivos"),
)
class ProgramaViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ProgramaSerializer
    lookup_field = "clave"
    lookup_value_regex = r"[^/.]+"
    queryset = Programa.objects.prefetch_related("objetivos__programa")
    ordering = ["clave"]


# Transparency: the published subset, for anyone -------------------------------------


class ResponsablePublicoSerializer(serializers.Serializer):
    siglas = serializers.CharField()
    nombre = serializers.CharField()
    origen = serializers.ChoiceField(choices=OrigenResponsabilidad.choices, help_text=_("Nombrada en el acuerdo o por grupo."))
    grupo = serializers.CharField(allow_null=True, help_text=_("El grupo que la obliga; nulo si fue nombrada."))
    estatus = serializers.ChoiceField(choices=Estatus.choices, help_text=_("Estatus efectivo de su cumplimiento."))


class AcuerdoPublicoSerializer(_AcuerdoBase):
    responsables = serializers.SerializerMethodField(
        help_text=_("Instituciones responsables, nombradas o por grupo, con el estatus de cada una."))
    grupos_responsables = serializers.SlugRelatedField(slug_field="grupo", many=True, read_only=True)

    class Meta:
        model = Acuerdo
        fields = ["numero", "cita", "sesion", "texto", "estatus", "plazo_fecha", "plazo_texto", "responsables_texto",
                  "responsables", "grupos_responsables", "vencido", "dias_vencido"]

    @extend_schema_field(ResponsablePublicoSerializer(many=True))
    def get_responsables(self, obj):
        grupos = {g.pk: g.nombre for g in obj.grupos_responsables.all()}
        return [{"siglas": s.institucion.siglas, "nombre": s.institucion.nombre,
                 "origen": s.origen, "grupo": grupos.get(s.grupo_id),
                 "estatus": estatus_efectivo(obj.estatus, s.estatus)} for s in obj.seguimientos.all()]


@extend_schema_view(
    list=extend_schema(summary="Acuerdos publicados (transparencia)", auth=[],
                       description="Acceso público: texto, sesión, responsables y estatus. Sin evidencias, reportes "
                                   "ni datos personales."),
    retrieve=extend_schema(summary="Un acuerdo publicado (transparencia)", auth=[]),
)
class AcuerdoPublicoViewSet(_ConsultaDeAcuerdos, viewsets.ReadOnlyModelViewSet):
    serializer_class = AcuerdoPublicoSerializer
    permission_classes = [Publico]
    authentication_classes = []

    def get_queryset(self):
        return Acuerdo.objects.publicos().select_related("sesion").prefetch_related(
            "grupos_responsables", selectors.seguimientos_con_institucion(),
        )

