"""Filters for the statuses of the follow-up engine (built in to every template)."""

from django import template

from compromisos.models import Estatus

register = template.Library()


@register.filter
def etiqueta_estatus(valor):
    """``"en_proceso" -> "En proceso"``."""
    try:
        return Estatus(valor).label
    except ValueError:
        return valor


@register.filter
def estatus_tras_cifra(valor, n):
    """``{{ clave|estatus_tras_cifra:n }}``: «cumplido» for one, «cumplidos» for several."""
    return Estatus.tras_cifra(valor, n)
