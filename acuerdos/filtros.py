"""Filters of the agreements list: one for the API (ids and numbers, documented in the
schema) and one for the web page (selects with names), sharing the rules."""

import django_filters
from django import forms
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from compromisos.models import Estatus
from instituciones.models import Institucion
from sesiones.models import Sesion
from sesiones.selectors import anios_con_sesiones
from snimh.api import BooleanoEstricto

from .models import Acuerdo, Objetivo

# Numeric filters are bounded: a year past 9999 or an id past the column's range
# must be a 400 with a message, not an error deep in the database layer.
_ID = {"min_value": 1, "max_value": 2**63 - 1, "decimal_places": 0}


class AcuerdoFilter(django_filters.FilterSet):
    sesion = django_filters.NumberFilter(field_name="sesion__numero", help_text=_("Número de la sesión (p. ej. 21)."),
                                         min_value=1, max_value=999, decimal_places=0)
    anio = django_filters.NumberFilter(field_name="sesion__fecha__year", help_text=_("Año de la sesión."),
                                       min_value=1, max_value=9999, decimal_places=0)
    estatus = django_filters.MultipleChoiceFilter(choices=Estatus.choices, help_text=_("Uno o varios estatus."))
    institucion = django_filters.NumberFilter(method="filtrar_institucion",
                                              help_text=_("Id de una institución responsable."), **_ID)
    objetivo = django_filters.NumberFilter(field_name="objetivos", help_text=_("Id de un objetivo alineado."), **_ID)
    plazo_desde = django_filters.DateFilter(field_name="plazo_fecha", lookup_expr="gte",
                                            help_text=_("Fecha límite desde (AAAA-MM-DD)."))
    plazo_hasta = django_filters.DateFilter(field_name="plazo_fecha", lookup_expr="lte",
                                            help_text=_("Fecha límite hasta (AAAA-MM-DD)."))
    vencido = BooleanoEstricto(method="filtrar_vencido",
                                           help_text=_("true: abiertos con plazo vencido; false: los demás."))
    q = django_filters.CharFilter(method="filtrar_texto",
                                  help_text=_("Texto a buscar en el acuerdo, sin distinguir mayúsculas ni acentos."))

    class Meta:
        model = Acuerdo
        fields = []

    def filtrar_institucion(self, queryset, name, value):
        return queryset.de_institucion(value)

    def filtrar_vencido(self, queryset, name, value):
        vencidos = Acuerdo.objects.vencidos(timezone.localdate()).values("pk")
        return queryset.filter(pk__in=vencidos) if value else queryset.exclude(pk__in=vencidos)

    def filtrar_texto(self, queryset, name, value):
        return queryset.buscar(value)


class SelectLigero(forms.Select):
    """A <select> written in Python. Django renders each option through a template, which
    for the hundreds of institutions and sessions of a long record costs tens of
    milliseconds per page; the markup here is the same."""

    def render(self, name, value, attrs=None, renderer=None):
        atributos = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        elegidos = {str(v) for v in self.format_value(value)}
        opciones = format_html_join(
            "", "<option value=\"{}\"{}{}>{}</option>",
            ((str(valor), mark_safe(" selected") if str(valor) in elegidos else "",  # noqa: S308
              format_html(' title="{}"', titulo) if (titulo := self.titulo_de_opcion(valor)) else "", etiqueta)
             for valor, etiqueta in self.choices),
        )
        return format_html("<select{}>{}</select>", flatatt(atributos), opciones)

    def titulo_de_opcion(self, valor):
        """The full text of an option whose label is shortened, as its ``title``; None otherwise."""
        return None


class SelectObjetivo(SelectLigero):
    """Objectives are long: the option shows the label cut at a word, its title the whole text."""

    def titulo_de_opcion(self, valor):
        objetivo = getattr(valor, "instance", None)
        return objetivo.etiqueta_completa if objetivo is not None and objetivo.recortado else None


class _InstitucionField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.nombre} ({obj.siglas})" if obj.siglas else obj.nombre


class InstitucionFilter(django_filters.ModelChoiceFilter):
    """Institutions by full name, in the order of the list: acronyms alone are ambiguous."""

    field_class = _InstitucionField


class AcuerdoWebFilter(AcuerdoFilter):
    """The list page: every filter is a labelled control, and the filtered set is what
    the CSV/XLSX export downloads."""

    q = django_filters.CharFilter(method="filtrar_texto", label=_("Buscar en el texto"),
                                  help_text=_("Sin distinguir mayúsculas ni acentos."))
    sesion = django_filters.ModelChoiceFilter(
        label=_("Sesión"), empty_label=_("Todas"),
        queryset=Sesion.objects.order_by("-fecha", "-numero"), widget=SelectLigero,
    )
    anio = django_filters.ChoiceFilter(field_name="sesion__fecha__year", label=_("Año"), choices=anios_con_sesiones,
                                       empty_label=_("Todos"))
    estatus = django_filters.ChoiceFilter(label=_("Estatus"), choices=Estatus.choices, empty_label=_("Todos"))
    institucion = InstitucionFilter(
        method="filtrar_institucion", label=_("Institución responsable"), empty_label=_("Todas"),
        queryset=Institucion.objects.order_by("nombre"), widget=SelectLigero,
    )
    objetivo = django_filters.ModelChoiceFilter(
        field_name="objetivos", label=_("Objetivo"), empty_label=_("Todos"),
        queryset=Objetivo.objects.select_related("programa").order_by("programa__clave", "numero"),
        widget=SelectObjetivo,
    )
    vencidos = django_filters.BooleanFilter(method="filtrar_vencido", label=_("Solo vencidos"),
                                            widget=forms.CheckboxInput)
    orden = django_filters.OrderingFilter(
        label=_("Ordenar por"), empty_label=_("Número (ascendente)"),
        fields=(("numero", "numero"), ("sesion__fecha", "fecha"), ("plazo_fecha", "plazo"), ("estatus", "estatus")),
        field_labels={
            "numero": _("Número"), "-numero": _("Número (descendente)"),
            "sesion__fecha": _("Fecha de la sesión"), "-sesion__fecha": _("Fecha de la sesión (recientes primero)"),
            "plazo_fecha": _("Fecha límite"), "-plazo_fecha": _("Fecha límite (lejanas primero)"),
            "estatus": _("Estatus"), "-estatus": _("Estatus (inverso)"),
        },
    )
    # The API's names for these; the page has its own controls above.
    plazo_desde = None
    plazo_hasta = None
    vencido = None

    class Meta(AcuerdoFilter.Meta):
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The search box first: it is what most visitors come for.
        self.filters = {"q": self.filters.pop("q"), **self.filters}

    def filtrar_institucion(self, queryset, name, value):
        return queryset.de_institucion(value.pk)

    def filtrar_vencido(self, queryset, name, value):
        # Unchecked means "all", not "only the ones on time".
        return super().filtrar_vencido(queryset, name, value) if value else queryset


class AcuerdoPublicoFilter(AcuerdoWebFilter):
    """The transparency site: every filter of the internal list, over the public agreements;
    the institutions offered are those responsible for one of them."""

    institucion = InstitucionFilter(
        method="filtrar_institucion", label=_("Institución responsable"), empty_label=_("Todas"),
        queryset=Institucion.objects.filter(seguimientos__compromiso__acuerdo__sesion__estado="celebrada").distinct()
        .order_by("nombre"), widget=SelectLigero,
    )
    sesion = django_filters.ModelChoiceFilter(
        label=_("Sesión"), empty_label=_("Todas"),
        queryset=Sesion.objects.celebradas().order_by("-fecha", "-numero"), widget=SelectLigero,
    )
