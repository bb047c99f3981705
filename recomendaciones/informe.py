"""The *informe de medio término* of the recommendations: PDF (WeasyPrint, through the
annual report's restricted resource fetcher) and XLSX (the one spreadsheet writer), both
grouped by thematic table with each recommendation's actions and status."""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from compromisos.models import Estatus
from informes.pdf import BASE_URL, _buscador_de_recursos
from snimh import exportacion

from .selectors import datos_de_medio_termino


class GeneradorMedioTermino:
    """Template + context + render, like the annual report's generator."""

    plantilla = "recomendaciones/pdf/medio_termino.html"

    def contexto(self):
        mesas = datos_de_medio_termino()
        return {"mesas": mesas, "fecha": timezone.localdate(), "estatus": Estatus,
                "total": sum(len(m.filas) for m in mesas)}

    def html(self, contexto=None):
        return render_to_string(self.plantilla, contexto or self.contexto())

    def generar(self) -> bytes:
        from weasyprint import HTML

        documento = HTML(string=self.html(), base_url=BASE_URL, url_fetcher=_buscador_de_recursos()).render()
        return documento.write_pdf(pdf_variant="pdf/ua-1")


COLUMNAS_XLSX = [
    _("Mesa temática"), _("Preside"), _("Documento"), _("Párrafo"), _("Recomendación"), _("Estatus"),
    _("Instituciones responsables (estatus)"), _("Acciones reportadas y aceptadas"),
]


def _filas_xlsx():
    for bloque in datos_de_medio_termino():
        presidencia = bloque.mesa.presidencia.nombre if bloque.mesa.presidencia else _("Sin designar")
        for fila in bloque.filas:
            r = fila.recomendacion
            responsables = "; ".join(f"{s.institucion.siglas or s.institucion.nombre} ({s.get_estatus_display()})"
                                     for s in fila.seguimientos)
            acciones = "\n".join(f"{reporte.fecha:%d/%m/%Y} · {institucion.siglas or institucion.nombre}: "
                                 f"{reporte.texto}" for institucion, reporte in fila.acciones)
            yield [bloque.mesa.nombre, presidencia, r.documento, r.parrafo, r.texto, r.get_estatus_display(),
                   responsables, acciones]


def como_xlsx():
    return exportacion.como_xlsx(_("Medio término"), [str(c) for c in COLUMNAS_XLSX], _filas_xlsx(),
                                 anchos=(30, 30, 18, 9, 60, 14, 40, 70))
