from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def parrafos(texto):
    """Plain text with blank-line paragraphs and "- " bullets, as escaped HTML."""
    bloques = [b.strip() for b in (texto or "").split("\n\n") if b.strip()]
    salida = []
    for bloque in bloques:
        lineas = bloque.splitlines()
        if all(linea.startswith("- ") for linea in lineas):
            salida.append("<ul>" + "".join(f"<li>{escape(linea[2:])}</li>" for linea in lineas) + "</ul>")
        else:
            salida.append(f"<p>{escape(' '.join(lineas))}</p>")
    return mark_safe("".join(salida))  # noqa: S308 - every piece is escaped above


@register.filter
def get_item(diccionario, clave):
    """``{{ valores|get_item:clave }}``: a dict entry by a variable key."""
    return (diccionario or {}).get(clave)


@register.filter
def suma(diccionario):
    """Sum of a dict's values."""
    return sum((diccionario or {}).values())


@register.filter
def etiqueta_semaforo(valor):
    """The traffic light in words: colour alone tells nothing to many readers."""
    from django.utils.translation import gettext

    return {
        "vencido": gettext("vencido"), "proximo": gettext("por vencer"), "a_tiempo": gettext("en tiempo"),
    }.get(valor, "")
