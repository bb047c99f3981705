"""The URL resolver as a list of route names, for the access-matrix meta-tests."""

from django.urls import URLPattern, URLResolver, get_resolver


def nombres_de_rutas(resolver=None, prefijo=""):
    """Every named route, namespaced (``"acuerdos:detalle"``)."""
    for patron in (resolver or get_resolver()).url_patterns:
        if isinstance(patron, URLResolver):
            espacio = f"{prefijo}{patron.namespace}:" if patron.namespace else prefijo
            yield from nombres_de_rutas(patron, espacio)
        elif isinstance(patron, URLPattern) and patron.name:
            yield f"{prefijo}{patron.name}"
