"""REST API v1 for agreements (the follow-up of each institution is the engine's:
``compromisos.api``). Thin: permissions from snimh/permisos.py, reads from QuerySets and
selectors, writes through services."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from compromisos import services as motor
from compromisos.models import (
    CambioEstatus,
    Estatus,
    Grupo,
    OrigenResponsabilidad,
    Seguimiento,
    estatus_efectivo,
)
from instituciones.api import InstitucionResumenSerializer
from instituciones.models import Institucion
from sesiones.api import SesionResumenSerializer
from sesiones.models import Sesion
from snimh import permisos
from snimh.api import SOLO_JSON, Publico, SiempreRequeridos, TiposEstrictos, exigir
from snimh.db import largo_maximo

from . import selectors, services
from .filtros import AcuerdoFilter
from .models import Acuerdo, Objetivo, Programa

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


class ResponsableEntradaSerializer(TiposEstrictos, serializers.Serializer):
    institucion = serializers.PrimaryKeyRelatedField(queryset=Institucion.objects.all(),
                                                     help_text=_("Id de la institución que se nombra responsable."))


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
        motor.responsable_agregar(compromiso=acuerdo, usuario=request.user, **entrada.validated_data)
        return Response(AcuerdoSerializer(selectors.acuerdos_para_detalle().get(pk=acuerdo.pk)).data)

    @extend_schema(summary="Cambiar el estatus de un acuerdo", request=CambioEstatusEntradaSerializer,
                   responses={200: AcuerdoSerializer},
                   description="Solo la coordinación. Queda en el historial con fecha, motivo y usuario.")
    @action(detail=True, methods=["post"])
    def estatus(self, request, numero=None):
        acuerdo = get_object_or_404(Acuerdo, numero=numero)
        exigir(permisos.puede_cambiar_estatus_compromiso(request.user, acuerdo))
        entrada = CambioEstatusEntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        motor.compromiso_cambiar_estatus(compromiso=acuerdo, usuario=request.user, **entrada.validated_data)
        return Response(AcuerdoSerializer(selectors.acuerdos_para_detalle().get(pk=acuerdo.pk)).data)


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

