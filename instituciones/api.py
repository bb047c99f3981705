import django_filters
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from snimh import permisos, uploads
from snimh.api import SOLO_JSON, ArchivoDemasiadoGrande, BooleanoEstricto, TiposEstrictos, exigir
from snimh.descargas import respuesta_de_archivo

from . import services
from .models import Institucion, Naturaleza, Participacion, Representante, UnidadIgualdadGenero


class ParticipacionSerializer(serializers.ModelSerializer):
    acuerdo = serializers.SerializerMethodField(help_text=_("Cita del acuerdo que otorgó el rol, p. ej. «46:30/09/2020»."))

    class Meta:
        model = Participacion
        fields = ["id", "institucion", "rol", "desde", "hasta", "acuerdo", "fundamento"]

    def get_acuerdo(self, obj) -> str | None:
        return obj.acuerdo.cita if obj.acuerdo else None


class UnidadIgualdadGeneroSerializer(TiposEstrictos, serializers.ModelSerializer):
    class Meta:
        model = UnidadIgualdadGenero
        fields = ["nombre", "titular", "cargo_titular", "correo", "telefono", "formalmente_constituida",
                  "instrumento_creacion"]


class RepresentanteSerializer(serializers.ModelSerializer):
    tiene_oficio = serializers.BooleanField(read_only=True, help_text=_("Si el oficio de designación está registrado."))
    oficio_archivo = serializers.SerializerMethodField(
        help_text=_("Dirección de descarga del oficio (con permiso), o nulo si no se cargó el archivo."))

    class Meta:
        model = Representante
        fields = ["id", "institucion", "tipo", "tratamiento", "nombre", "cargo", "correo", "numero_oficio",
                  "fecha_oficio", "vigente_desde", "vigente_hasta", "tiene_oficio", "oficio_nombre", "oficio_archivo"]

    def get_oficio_archivo(self, obj) -> str | None:
        from django.urls import reverse

        return reverse("api:representante-oficio", args=[obj.pk]) if obj.oficio_designacion else None


class InstitucionResumenSerializer(serializers.ModelSerializer):
    class Meta:
        model = Institucion
        fields = ["id", "siglas", "nombre"]


class InstitucionSerializer(serializers.ModelSerializer):
    participaciones = ParticipacionSerializer(many=True, read_only=True, help_text=_("Roles en el SNIMH a lo largo del tiempo."))
    uig = UnidadIgualdadGeneroSerializer(read_only=True, allow_null=True, source="uig_o_nada")
    representantes = RepresentanteSerializer(many=True, read_only=True)

    class Meta:
        model = Institucion
        fields = ["id", "siglas", "nombre", "naturaleza", "sector", "activa", "participaciones", "uig", "representantes"]


class InstitucionFilter(django_filters.FilterSet):
    naturaleza = django_filters.ChoiceFilter(choices=Naturaleza.choices, help_text=_("Naturaleza jurídica."))
    activa = BooleanoEstricto(help_text=_("Solo activas (true) o solo extintas (false)."))
    q = django_filters.CharFilter(method="filtrar_texto", help_text=_("Busca en el nombre y las siglas."))

    class Meta:
        model = Institucion
        fields = ["naturaleza", "activa"]

    def filtrar_texto(self, queryset, name, value):
        from django.db.models import Q

        return queryset.filter(Q(nombre__icontains=value) | Q(siglas__icontains=value))


class InstitucionEntradaSerializer(TiposEstrictos, serializers.ModelSerializer):
    uig = UnidadIgualdadGeneroSerializer(required=False, help_text=_("Su unidad de igualdad de género y contacto."))

    class Meta:
        model = Institucion
        fields = ["nombre", "siglas", "articulo", "naturaleza", "sector", "activa", "uig"]
        validators = []
        extra_kwargs = {"nombre": {"validators": []}}


class ParticipacionEntradaSerializer(TiposEstrictos, serializers.ModelSerializer):
    institucion = serializers.PrimaryKeyRelatedField(queryset=Institucion.objects.all(),
                                                     help_text=_("Id de la institución."))
    acuerdo = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=2**31 - 1,
        help_text=_("Número del acuerdo que otorga el rol; si falta, indique «fundamento»."))

    class Meta:
        model = Participacion
        fields = ["institucion", "rol", "desde", "hasta", "acuerdo", "fundamento"]
        validators = []

    def validate_acuerdo(self, numero):
        if numero is None:
            return None
        modelo = Participacion._meta.get_field("acuerdo").related_model
        acuerdo = modelo._default_manager.select_related("sesion").filter(numero=numero).first()
        if acuerdo is None:
            raise serializers.ValidationError(_("No existe el acuerdo %(n)s.") % {"n": numero})
        return acuerdo


class TerminoEntradaSerializer(TiposEstrictos, serializers.Serializer):
    hasta = serializers.DateField(help_text=_("Último día del periodo."))


class RepresentanteEntradaSerializer(TiposEstrictos, serializers.ModelSerializer):
    institucion = serializers.PrimaryKeyRelatedField(queryset=Institucion.objects.all(),
                                                     help_text=_("Id de la institución que designa."))
    oficio = serializers.FileField(required=False, allow_empty_file=True,
                                   help_text=_("PDF, JPG o PNG del oficio firmado; se revisa el contenido."))

    class Meta:
        model = Representante
        fields = ["institucion", "tipo", "tratamiento", "nombre", "cargo", "correo", "numero_oficio", "fecha_oficio",
                  "vigente_desde", "vigente_hasta", "oficio"]
        validators = []

    def validate_oficio(self, oficio):
        if oficio:
            uploads.inspeccionar(oficio, formatos=Representante.FORMATOS_OFICIO)
        return oficio


class InstitucionEscrituraMixin(mixins.CreateModelMixin):
    def create(self, request, *args, **kwargs):
        exigir(permisos.puede_editar_padron(request.user))
        entrada = InstitucionEntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        datos = dict(entrada.validated_data)
        uig = datos.pop("uig", None)
        institucion = services.institucion_guardar(usuario=request.user, **datos)
        if uig:
            services.uig_guardar(usuario=request.user, institucion=institucion, **uig)
        return Response(InstitucionSerializer(self.get_queryset().get(pk=institucion.pk)).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(summary="Editar una institución", request=InstitucionEntradaSerializer,
                   responses={200: InstitucionSerializer},
                   description="Solo la coordinación. Los campos enviados cambian; «uig» registra o corrige su unidad "
                               "de igualdad de género.")
    def partial_update(self, request, pk=None):
        exigir(permisos.puede_editar_padron(request.user))
        institucion = self.get_object()
        entrada = InstitucionEntradaSerializer(data=request.data, partial=True)
        entrada.is_valid(raise_exception=True)
        datos = dict(entrada.validated_data)
        uig = datos.pop("uig", None)
        if datos:
            services.institucion_guardar(usuario=request.user, institucion=institucion, **datos)
        if uig:
            services.uig_guardar(usuario=request.user, institucion=institucion, **uig)
        return Response(InstitucionSerializer(self.get_queryset().get(pk=institucion.pk)).data)


@extend_schema_view(
    list=extend_schema(summary="Roles de las instituciones en el SNIMH"),
    retrieve=extend_schema(summary="Un rol de una institución"),
    create=extend_schema(summary="Otorgar un rol", request=ParticipacionEntradaSerializer,
                         responses={201: ParticipacionSerializer},
                         description="Solo la coordinación, citando el acuerdo (su número) u otro fundamento. "
                                     "Un rol que se traslapa con otro de la misma institución se rechaza."),
    partial_update=extend_schema(summary="Terminar un rol", request=TerminoEntradaSerializer,
                                 responses={200: ParticipacionSerializer}, description="Solo la coordinación."),
)
class ParticipacionViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    parser_classes = SOLO_JSON
    serializer_class = ParticipacionSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    filterset_fields = {"institucion": ["exact"], "rol": ["exact"]}
    ordering = ["institucion__nombre", "desde"]

    def get_queryset(self):
        return Participacion.objects.select_related("acuerdo__sesion", "institucion")

    def create(self, request, *args, **kwargs):
        exigir(permisos.puede_editar_padron(request.user))
        entrada = ParticipacionEntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        participacion = services.participacion_otorgar(usuario=request.user, **entrada.validated_data)
        return Response(ParticipacionSerializer(self.get_queryset().get(pk=participacion.pk)).data,
                        status=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        exigir(permisos.puede_editar_padron(request.user))
        participacion = self.get_object()
        entrada = TerminoEntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        services.participacion_terminar(usuario=request.user, participacion=participacion, **entrada.validated_data)
        return Response(ParticipacionSerializer(self.get_queryset().get(pk=participacion.pk)).data)


@extend_schema_view(
    list=extend_schema(summary="Personas representantes (titulares y suplentes)"),
    retrieve=extend_schema(summary="Una persona representante"),
    create=extend_schema(summary="Designar una persona representante",
                         request={"multipart/form-data": RepresentanteEntradaSerializer,
                                  "application/json": RepresentanteEntradaSerializer},
                         responses={201: RepresentanteSerializer},
                         description="Solo la coordinación; el oficio (archivo) es opcional y se revisa su contenido."),
    partial_update=extend_schema(summary="Corregir una designación",
                                 request={"multipart/form-data": RepresentanteEntradaSerializer,
                                          "application/json": RepresentanteEntradaSerializer},
                                 responses={200: RepresentanteSerializer},
                                 description="Solo la coordinación. Los campos enviados cambian; para terminarla, "
                                             "envíe «vigente_hasta»."),
)
class RepresentanteViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = RepresentanteSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    filterset_fields = {"institucion": ["exact"], "tipo": ["exact"]}
    ordering = ["institucion__nombre", "tipo", "-vigente_desde"]

    def get_queryset(self):
        return Representante.objects.all()

    def _entrada(self, request, parcial):
        entrada = RepresentanteEntradaSerializer(data=request.data, partial=parcial)
        if not entrada.is_valid():
            errores = entrada.errors.get("oficio", [])
            if any(getattr(error, "code", None) == "tamano" for error in errores):
                raise ArchivoDemasiadoGrande(errores[0])
            raise serializers.ValidationError(entrada.errors)
        return dict(entrada.validated_data)

    def create(self, request, *args, **kwargs):
        exigir(permisos.puede_editar_padron(request.user))
        datos = self._entrada(request, parcial=False)
        representante = services.representante_guardar(usuario=request.user, **datos)
        return Response(RepresentanteSerializer(representante).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        exigir(permisos.puede_editar_padron(request.user))
        representante = self.get_object()
        datos = self._entrada(request, parcial=True)
        datos.pop("institucion", None)  # a designation stays with the institution that made it
        representante = services.representante_guardar(usuario=request.user, representante=representante, **datos)
        return Response(RepresentanteSerializer(representante).data)

    @extend_schema(summary="Descargar el oficio de designación", responses={(200, "application/pdf"): OpenApiTypes.BINARY,
                   (200, "image/jpeg"): OpenApiTypes.BINARY, (200, "image/png"): OpenApiTypes.BINARY},
                   description="Coordinación, consulta y los enlaces de la institución que designa.")
    @action(detail=True, methods=["get"])
    def oficio(self, request, pk=None):
        representante = self.get_object()
        exigir(permisos.puede_descargar_oficio(request.user, representante))
        return respuesta_de_archivo(representante.oficio_designacion, representante.oficio_nombre)


@extend_schema_view(
    create=extend_schema(summary="Registrar una institución", request=InstitucionEntradaSerializer,
                         responses={201: InstitucionSerializer}, description="Solo la coordinación."),
    list=extend_schema(summary="Lista de instituciones", description="Instituciones con su historial de roles en el SNIMH, su UIG y sus representantes."),
    retrieve=extend_schema(summary="Detalle de una institución"),
)
class InstitucionViewSet(InstitucionEscrituraMixin, viewsets.ReadOnlyModelViewSet):
    parser_classes = SOLO_JSON
    http_method_names = ["get", "post", "patch", "head", "options"]
    serializer_class = InstitucionSerializer
    filterset_class = InstitucionFilter
    ordering_fields = ["nombre", "siglas"]
    ordering = ["nombre"]

    def get_queryset(self):
        return Institucion.objects.select_related("uig").prefetch_related(
            Prefetch("participaciones", queryset=Participacion.objects.select_related("acuerdo__sesion")),
            "representantes",
        )
