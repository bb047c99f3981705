import django_filters
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from snimh.api import BooleanoEstricto

from .models import Institucion, Naturaleza, Participacion, Representante, UnidadIgualdadGenero


class ParticipacionSerializer(serializers.ModelSerializer):
    acuerdo = serializers.SerializerMethodField(help_text=_("Cita del acuerdo que otorgó el rol, p. ej. «46:30/09/2020»."))

    class Meta:
        model = Participacion
        fields = ["rol", "desde", "hasta", "acuerdo", "fundamento"]

    def get_acuerdo(self, obj) -> str | None:
        return obj.acuerdo.cita if obj.acuerdo else None


class UnidadIgualdadGeneroSerializer(serializers.ModelSerializer):
    class Meta:
        model = UnidadIgualdadGenero
        fields = ["nombre", "titular", "cargo_titular", "correo", "telefono", "formalmente_constituida",
                  "instrumento_creacion"]


class RepresentanteSerializer(serializers.ModelSerializer):
    tiene_oficio = serializers.BooleanField(read_only=True, help_text=_("Si el oficio de designación está registrado."))

    class Meta:
        model = Representante
        fields = ["tipo", "tratamiento", "nombre", "cargo", "correo", "numero_oficio", "fecha_oficio",
                  "vigente_desde", "vigente_hasta", "tiene_oficio"]


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


@extend_schema_view(
    list=extend_schema(summary="Lista de instituciones", description="Instituciones con su historial de roles en el SNIMH, su UIG y sus representantes."),
    retrieve=extend_schema(summary="Detalle de una institución"),
)
class InstitucionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = InstitucionSerializer
    filterset_class = InstitucionFilter
    ordering_fields = ["nombre", "siglas"]
    ordering = ["nombre"]

    def get_queryset(self):
        return Institucion.objects.select_related("uig").prefetch_related(
            Prefetch("participaciones", queryset=Participacion.objects.select_related("acuerdo__sesion")),
            "representantes",
        )
