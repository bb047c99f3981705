"""Filters of the people list (templates/includes/filtros.html draws them)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from instituciones.models import Institucion

from .models import EstadoInvitacion, RolUsuario, Usuario


class _InstitucionField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.nombre} ({obj.siglas})" if obj.siglas else obj.nombre


class _InstitucionFilter(django_filters.ModelChoiceFilter):
    field_class = _InstitucionField


class PersonaFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filtrar_texto", label=_("Buscar"), help_text=_("Nombre, apellidos, correo o nombre de usuario."),
        widget=forms.TextInput(attrs={"type": "search", "maxlength": 100}),
    )
    rol = django_filters.ChoiceFilter(label=_("Rol"), choices=RolUsuario.choices, empty_label=_("Todos"))
    # Only the institutions that have people: the list of ~70 shrinks to the useful ones.
    institucion = _InstitucionFilter(
        label=_("Institución"), empty_label=_("Todas"),
        queryset=Institucion.objects.filter(usuarios__isnull=False).distinct().order_by("nombre"),
    )
    activa = django_filters.ChoiceFilter(
        field_name="is_active", label=_("Cuenta"), empty_label=_("Activas e inactivas"),
        choices=[("true", _("Activas")), ("false", _("Desactivadas"))], method="filtrar_activa",
    )
    invitacion = django_filters.ChoiceFilter(
        field_name="estado_invitacion", label=_("Invitación"), choices=EstadoInvitacion.choices, empty_label=_("Todas"),
    )

    class Meta:
        model = Usuario
        fields = []

    def filtrar_texto(self, queryset, name, value):
        return queryset.buscar(value[:100])

    def filtrar_activa(self, queryset, name, value):
        return queryset.filter(is_active=value == "true")
