"""The annual report as PDF: template + context + WeasyPrint, with timings for the benchmark."""

import time
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from .selectors import datos_del_informe

# The renderer resolves relative URLs against this base; only its /static/ part is served.
BASE_URL = "https://informe.snimh.invalid/"
PREFIJO_ESTATICOS = BASE_URL + "static/"


class URLNoPermitida(ValueError):
    pass


def _tipo(nombre):
    return {"css": "text/css", "svg": "image/svg+xml", "png": "image/png", "ttf": "font/ttf"}.get(
        nombre.rsplit(".", 1)[-1], "application/octet-stream"
    )


def _buscador_de_recursos():
    """WeasyPrint's URL fetcher, restricted to the project's own static files.

    Nothing an edited text contains can make the server fetch a URL or read a local
    file: any other URL (http, file, data…) is refused and simply not rendered.
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class BuscadorDeEstaticos(URLFetcher):
        def fetch(self, url, headers=None):
            if not url.startswith(PREFIJO_ESTATICOS):
                raise URLNoPermitida(f"refused resource URL: {url[:80]}")
            relativa = url[len(PREFIJO_ESTATICOS):].split("?", 1)[0]
            if ".." in Path(relativa).parts:
                raise URLNoPermitida(f"refused resource URL: {url[:80]}")
            ruta = finders.find(relativa)
            if not ruta:
                raise URLNoPermitida(f"no such static file: {relativa}")
            return URLFetcherResponse(url, body=Path(ruta).read_bytes(), headers={"Content-Type": _tipo(relativa)})

    return BuscadorDeEstaticos(allowed_protocols={"https"})


@dataclass
class InformeGenerado:
    pdf: bytes
    paginas: int = 0
    tiempos: dict = field(default_factory=dict)


class GeneradorInformeAnual:
    """Renders the *Informe anual de actividades del SNIMH* of a year."""

    plantilla = "pdf/informe_anual.html"

    def __init__(self, anio, *, datos=None):
        self.anio = anio
        # A publication passes the data it also writes the annex files from.
        self.datos = datos

    def contexto(self):
        return {"datos": self.datos or datos_del_informe(self.anio), "anio": self.anio}

    def html(self, contexto=None):
        return render_to_string(self.plantilla, contexto or self.contexto())

    def generar(self) -> InformeGenerado:
        from weasyprint import HTML

        tiempos = {}
        inicio = time.perf_counter()
        contexto = self.contexto()
        tiempos["datos"] = time.perf_counter() - inicio
        inicio = time.perf_counter()
        html = self.html(contexto)
        tiempos["plantilla"] = time.perf_counter() - inicio
        inicio = time.perf_counter()
        documento = HTML(string=html, base_url=BASE_URL, url_fetcher=_buscador_de_recursos()).render()
        tiempos["maquetacion"] = time.perf_counter() - inicio
        inicio = time.perf_counter()
        pdf = documento.write_pdf(pdf_variant="pdf/ua-1")
        tiempos["escritura_pdf"] = time.perf_counter() - inicio
        return InformeGenerado(pdf=pdf, paginas=len(documento.pages), tiempos=tiempos)
