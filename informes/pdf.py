"""The annual report as PDF: template + context + WeasyPrint, with timings for the benchmark."""

import contextlib
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

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


# The phases of ``GeneradorInformeAnual.generar``, as a background job reports them.
FASES = 4


@contextlib.contextmanager
def _paginas_maquetadas(al_maquetar):
    """Call ``al_maquetar(pagina)`` as WeasyPrint lays out each page: it says so on its
    progress logger, which the settings otherwise keep quiet."""
    if al_maquetar is None:
        yield
        return
    registro = logging.getLogger("weasyprint.progress")

    class _Paginas(logging.Handler):
        def emit(self, entrada):
            if entrada.msg.startswith("Step 5 - Creating layout - Page") and entrada.args:
                al_maquetar(entrada.args[0])

    manejador = _Paginas()
    nivel, propaga = registro.level, registro.propagate
    registro.addHandler(manejador)
    registro.setLevel(logging.INFO)
    registro.propagate = False
    try:
        yield
    finally:
        registro.removeHandler(manejador)
        registro.setLevel(nivel)
        registro.propagate = propaga


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

    def generar(self, *, al_avanzar=None) -> InformeGenerado:
        """Render the PDF; ``al_avanzar(fases_hechas, texto)``, if given, is told as each of
        the ``FASES`` phases starts (a background job shows it as its progress)."""
        from weasyprint import HTML

        def avanzar(hechas, texto):
            if al_avanzar is not None:
                al_avanzar(hechas, texto)

        tiempos = {}
        avanzar(0, _("Leyendo el registro"))
        inicio = time.perf_counter()
        contexto = self.contexto()
        tiempos["datos"] = time.perf_counter() - inicio
        avanzar(1, _("Componiendo el documento"))
        inicio = time.perf_counter()
        html = self.html(contexto)
        tiempos["plantilla"] = time.perf_counter() - inicio
        avanzar(2, _("Maquetando las páginas"))
        inicio = time.perf_counter()
        al_maquetar = None if al_avanzar is None else (
            lambda pagina: avanzar(2, _("Maquetando las páginas (página %(n)s)") % {"n": pagina}))
        with _paginas_maquetadas(al_maquetar):
            documento = HTML(string=html, base_url=BASE_URL, url_fetcher=_buscador_de_recursos()).render()
        tiempos["maquetacion"] = time.perf_counter() - inicio
        avanzar(3, _("Escribiendo el PDF"))
        inicio = time.perf_counter()
        pdf = documento.write_pdf(pdf_variant="pdf/ua-1")
        tiempos["escritura_pdf"] = time.perf_counter() - inicio
        return InformeGenerado(pdf=pdf, paginas=len(documento.pages), tiempos=tiempos)
