"""Reading the annual report's PDF as a reader would: poppler's pdftotext, page by page."""

import re
import subprocess
from html.parser import HTMLParser

CITA = re.compile(r"\d+:\d{1,2}/\d{2}/\d{4}")
ESTATUS_AL_FINAL = re.compile(r"\s(CUMPLIDO|EN PROCESO|SIN INICIAR|SIN MATERIA)\s*$")
PIE_O_CABEZA = re.compile(r"Página \d+ de \d+|^\s*Informe anual de actividades del SNIMH \d{4}\s*$")


def texto(pdf, tmp_path, *opciones):
    ruta = tmp_path / "informe.pdf"
    ruta.write_bytes(pdf)
    return subprocess.run(["pdftotext", *opciones, str(ruta), "-"], capture_output=True, text=True, check=True).stdout


def corrido(cadena):
    return re.sub(r"\s+", " ", cadena).strip()


def filas_del_anexo(texto_layout):
    """The rows of Anexo I from ``pdftotext -layout``: ``(sesión, cita, estatus)``.

    A row starts on the line with its citation and its status; the session's name
    wraps inside its column on the lines that follow, until the blank line that
    separates rows.
    """
    anexo = texto_layout[texto_layout.rindex("Anexo I. Seguimiento a los acuerdos"):]
    filas, columna, abierta = [], 0, False
    for linea in anexo.splitlines():
        cita = CITA.search(linea)
        estatus = ESTATUS_AL_FINAL.search(linea)
        if cita and estatus:
            filas.append([linea[:cita.start()].strip(), cita.group(), estatus.group(1)])
            columna, abierta = cita.start(), True
        elif not linea.strip() or "\f" in linea:
            abierta = False
        elif abierta and linea[:columna].strip():
            filas[-1][0] = f"{filas[-1][0]} {linea[:columna].strip()}"
    return [tuple(fila) for fila in filas]


class _Encabezados(HTMLParser):
    def __init__(self):
        super().__init__()
        self.encabezados, self._actual = [], None

    def handle_starttag(self, tag, attrs):
        if tag in ("h2", "h3", "h4"):
            self._actual = []

    def handle_endtag(self, tag):
        if tag in ("h2", "h3", "h4") and self._actual is not None:
            self.encabezados.append(corrido("".join(self._actual)))
            self._actual = None

    def handle_data(self, data):
        if self._actual is not None:
            self._actual.append(data)


def encabezados(html):
    """Every heading (h2–h4) of the report's HTML, as the PDF prints it."""
    lector = _Encabezados()
    lector.feed(html)
    return [e for e in lector.encabezados if e]


def paginas(pdf, tmp_path):
    """The text of each page without the running header and the footer."""
    return [
        corrido("\n".join(linea for linea in pagina.splitlines() if not PIE_O_CABEZA.search(linea)))
        for pagina in texto(pdf, tmp_path, "-layout").split("\f")
    ]


def encabezados_varados(pdf, html, tmp_path):
    """``[(página, encabezado)]`` for every page whose last text is a heading: a heading
    left alone at the bottom of a page, with what it introduces on the next one."""
    titulos = encabezados(html)
    return [
        (numero, titulo)
        for numero, pagina in enumerate(paginas(pdf, tmp_path), start=1)
        for titulo in titulos
        if pagina and pagina.endswith(titulo)
    ]


def pagina_de(pdf, tmp_path, fragmento):
    """Number of the first page (from 1) whose text contains ``fragmento``."""
    for numero, pagina in enumerate(paginas(pdf, tmp_path), start=1):
        if fragmento in pagina:
            return numero
    raise AssertionError(f"{fragmento!r} is on no page")
