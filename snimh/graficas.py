"""Charts as SVG built on the server: they work without JavaScript, print, and are the
same in the web pages and in the PDF report. Each chart carries a title and a
description for screen readers; pages also show the numbers as a table."""

import math
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
    # Answers to a questionnaire's question.
    "respuestas": "#9d2449",
}


@dataclass(frozen=True)
class Serie:
    clave: str
    etiqueta: str


def describir(filas, etiquetas):
    """The text alternative of a stacked-bar chart: ``"Vigésima Primera Sesión Ordinaria:
    En proceso (4), Cumplido (4); …"`` from ``[(categoria, {clave: n})]`` and ``{clave: etiqueta}``.

    Label, then number: no noun follows the count, so the text reads right for one as
    for many without plural forms.
    """
    return "; ".join(
        f"{categoria}: " + ", ".join(f"{etiquetas[clave]} ({n})" for clave, n in valores.items() if n)
        for categoria, valores in filas
    )


# Average advance of a DejaVu Sans / Arial glyph, in em: enough to size the label
# column so that full session names («Vigésima Primera Sesión Extraordinaria») fit.
_ANCHO_MEDIO_EM = 0.6


def _ancho_texto(texto, tamano):
    return len(texto) * tamano * _ANCHO_MEDIO_EM


def _en_dos_lineas(texto):
    """Split a label at the space nearest its middle."""
    espacios = [i for i, c in enumerate(texto) if c == " "]
    if not espacios:
        return [texto]
    corte = min(espacios, key=lambda i: abs(i - len(texto) / 2))
    return [texto[:corte], texto[corte + 1:]]


def barras_apiladas(*, titulo, descripcion, series, filas=None, categorias=None, valores=None, ancho=640,
                    alto_barra=26, ident="grafica"):
    """Horizontal stacked bars: one bar per row, one segment per series.

    ``filas`` is ``[(etiqueta, {serie.clave: n})]``: one bar per entry, in order, even
    when two entries share a label, so callers group by identity (a session's pk),
    never by its label. (``categorias`` with ``valores[categoria]`` is the same thing
    keyed by label, for callers whose labels are unique by construction, e.g. years.)
    Labels are drawn whole: the label column widens to the longest one, up to half
    the chart, and a label longer than that goes on two lines. Returns SVG markup.
    ``ident`` must be unique in the page: the title and description are referenced by id.
    """
    if filas is None:
        filas = [(c, (valores or {}).get(c, {})) for c in categorias or []]
    filas = [(str(etiqueta), fila) for etiqueta, fila in filas]
    tamano_etiqueta = 12
    limite = ancho // 2
    margen_izq = min(limite, max([190] + [math.ceil(_ancho_texto(e, tamano_etiqueta)) + 14 for e, _f in filas]))
    margen_der, margen_sup = 40, 34
    alto_leyenda = 28
    leyenda, lineas_leyenda = _leyenda(series, margen_izq, ancho)
    alto = margen_sup + len(filas) * (alto_barra + 10) + lineas_leyenda * alto_leyenda + 10
    maximo = max([sum(fila.values()) for _e, fila in filas] + [1])
    util = ancho - margen_izq - margen_der
    partes = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {ancho} {alto}" width="{ancho}" height="{alto}" '
        f'role="img" aria-labelledby="{ident}-t {ident}-d" class="grafica">',
        f'<title id="{ident}-t">{escape(titulo)}</title><desc id="{ident}-d">{escape(descripcion)}</desc>',
        f'<text x="0" y="18" font-size="14" font-weight="bold" fill="#1f1f1f">{escape(titulo)}</text>',
    ]
    for i, (etiqueta, fila) in enumerate(filas):
        y = margen_sup + i * (alto_barra + 10)
        partes.append(_etiqueta(etiqueta, x=margen_izq - 8, y=y, alto_barra=alto_barra, tamano=tamano_etiqueta,
                                disponible=margen_izq - 14))
        x = margen_izq
        total = 0
        for serie in series:
            n = fila.get(serie.clave, 0)
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
    inicio_leyenda = alto - lineas_leyenda * alto_leyenda
    for serie, x, linea in leyenda:
        y = inicio_leyenda + linea * alto_leyenda
        partes.append(f'<rect x="{x}" y="{y}" width="12" height="12" fill="{COLORES.get(serie.clave, "#555")}"/>')
        partes.append(f'<text x="{x + 16}" y="{y + 10}" font-size="11" fill="#1f1f1f">{escape(serie.etiqueta)}</text>')
    partes.append("</svg>")
    return "".join(partes)


def _leyenda(series, inicio, ancho):
    """``([(serie, x, línea)], líneas)``: the legend under the bars, from ``inicio`` when it
    fits on one line there, otherwise from the left edge, wrapping so no entry is cut."""
    anchos = [24 + math.ceil(_ancho_texto(serie.etiqueta, 11)) for serie in series]
    if inicio + sum(anchos) > ancho:
        inicio = 0
    posiciones, x, linea = [], inicio, 0
    for serie, ancho_serie in zip(series, anchos, strict=True):
        if x + ancho_serie > ancho and x > inicio:
            x, linea = inicio, linea + 1
        posiciones.append((serie, x, linea))
        x += ancho_serie
    return posiciones, linea + 1


def _etiqueta(texto, *, x, y, alto_barra, tamano, disponible):
    """A bar's label, right-aligned before the bar; on two lines when too long for one."""
    if _ancho_texto(texto, tamano) <= disponible:
        return (f'<text x="{x}" y="{y + alto_barra * 0.68:.1f}" font-size="{tamano}" text-anchor="end" '
                f'fill="#1f1f1f">{escape(texto)}</text>')
    tamano -= 1
    primera, *resto = _en_dos_lineas(texto)
    lineas = f'<tspan x="{x}" y="{y + alto_barra * 0.42:.1f}">{escape(primera)}</tspan>' + "".join(
        f'<tspan x="{x}" y="{y + alto_barra * 0.42 + tamano + 1:.1f}">{escape(linea)}</tspan>' for linea in resto)
    return f'<text font-size="{tamano}" text-anchor="end" fill="#1f1f1f">{lineas}</text>'
