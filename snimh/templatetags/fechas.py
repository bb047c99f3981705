from django import template

from snimh import fechas

register = template.Library()
register.filter("fecha_larga", fechas.fecha_larga)
register.filter("fecha_hora", fechas.fecha_hora)
