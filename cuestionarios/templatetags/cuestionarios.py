"""Figures of the questionnaire pages, written as selectors.py writes them."""

from django import template

from cuestionarios import selectors

register = template.Library()


@register.filter
def porcentaje(valor, decimales=1):
    """``{{ fila.porcentaje|porcentaje }}`` → «61.8 %»."""
    return selectors.formato_porcentaje(valor, decimales)


@register.filter
def cifra(valor):
    """``{{ numericos.suma|cifra }}`` → «1,234» or «12.5»."""
    return selectors.formato_numero(valor)


@register.filter
def cifra_1(valor):
    """Means and medians: at most one decimal («12.3»)."""
    return selectors.formato_numero(valor, 1)


@register.filter
def estado_tras_cifra(valor, n):
    """``{{ clave|estado_tras_cifra:n }}``: «1 enviada», «2 enviadas», «3 borradores»."""
    from cuestionarios.models import EstadoRespuesta

    return EstadoRespuesta.tras_cifra(valor, n)
