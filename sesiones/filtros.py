"""Filters of the sessions list, with the same controls and error display as the
agreements list (templates/includes/filtros.html)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Sesion, TipoSesion
from .selectors import anios_con_sesiones


class SesionFilter(django_filters.FilterSet):
    anio = django_filters.ChoiceFilter(field_name="fecha__year", label=_("Año"), choices=anios_con_sesiones,
                                       empty_label=_("Todos"))
    tipo = django_filters.ChoiceFilter(label=_("Tipo"), choices=TipoSesion.choices, empty_label=_("Todos"))

    class Meta:
        model = Sesion
        fields = []
