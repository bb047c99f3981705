"""Charts as SVG built on the server: they work without JavaScript, print, and are the
same in the web pages and in the PDF report. Each chart carries a title and a
description for screen readers; pages also show the numbers as a table."""

from dataclasses import dataclass
from html import escape

COLORES = {
    "cumplido": "#1e5b3a",
    "en_proceso": "#b38e5d",
    "sin_iniciar": "#9a9a9a",
    "sin_materia": "#611232",
    # Roles, for the attendance charts.
    "integrante": "#611232",
    "coadyuvante": "#235b4e",
    "invitada_permanente": "#b38e5d",
    "invitada": "#7a7a7a",
}


@dataclass(frozen=True)
class Serie:
    clave: str
    etiqueta: str


def describir(filas, etiquetas):
    """The text alternative of a stacked-bar chart: ``"21.ª Ordinaria: 4 en proceso, 4
    cumplido; …"`` from ``[(categoria, {clave: n})]`` and ``{clave: etiqueta}``."""
    return "; ".join(
        f"{categoria}: " + ", ".join(f"{n} {str(etiquetas[clave]).lower()}" for clave, n in valores.items() if n)
        for categoria, valores in filas
    )


def barras_apiladas(*, titulo, descripcion, categorias, series, valores, ancho=640, alto_barra=26, ident="grafica"):
    """Horizontal stacked bars: one bar per category, one segment per series.

    ``valores[categoria][serie.clave]`` is a count. Returns SVG markup. ``ident`` must be
    unique in the page: the title and description are referenced by id.
    """
    margen_izq, margen_der, margen_sup = 190, 40, 34
    alto_leyenda = 28
    alto = margen_sup + len(categorias) * (alto_barra + 10) + alto_leyenda + 10
    maximo = max([sum(valores.get(c, {}).values()) for c in categorias] + [1])
    util = ancho - margen_izq - margen_der
    partes = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {ancho} {alto}" width="{ancho}" height="{alto}" '
        f'role="img" aria-labelledby="{ident}-t {ident}-d" class="grafica">',
        f'<title id="{ident}-t">{escape(titulo)}</title><desc id="{ident}-d">{escape(descripcion)}</desc>',
        f'<text x="0" y="18" font-size="14" font-weight="bold" fill="#1f1f1f">{escape(titulo)}</text>',
    ]
    for i, categoria in enumerate(categorias):
        y = margen_sup + i * (alto_barra + 10)
        partes.append(
            f'<text x="{margen_izq - 8}" y="{y + alto_barra * 0.68:.1f}" font-size="12" text-anchor="end" '
            f'fill="#1f1f1f">{escape(categoria)}</text>'
        )
        x = margen_izq
        total = 0
        for serie in series:
            n = valores.get(categoria, {}).get(serie.clave, 0)
            if not n:
                continue
            w = util * n / maximo
            partes.append(
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{alto_barra}" '
                f'fill="{COLORES.get(serie.clave, "#555")}"><title>{escape(serie.etiqueta)}: {n}</title></rect>'
            )
            if w > 18:
                partes.append(
                    f'<text x="{x + w / 2:.1f}" y="{y + alto_barra * 0.68:.1f}" font-size="11" text-anchor="middle" '
                    f'fill="#fff">{n}</text>'
                )
            x += w
            total += n
        partes.append(f'<text x="{x + 6:.1f}" y="{y + alto_barra * 0.68:.1f}" font-size="11" fill="#545454">{total}</text>')
    y = alto - alto_leyenda
    x = margen_izq
    for serie in series:
        partes.append(f'<rect x="{x}" y="{y}" width="12" height="12" fill="{COLORES.get(serie.clave, "#555")}"/>')
        partes.append(f'<text x="{x + 16}" y="{y + 10}" font-size="11" fill="#1f1f1f">{escape(serie.etiqueta)}</text>')
        x += 24 + 7 * len(serie.etiqueta)
    partes.append("</svg>")
    return "".join(partes)
