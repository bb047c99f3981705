"""Reads of questionnaires: the officer's pending questionnaires, an edition's results
(counts and percentages over the responses that answered, numeric summaries,
cross-tabulations), its export, and the comparison of two editions.

Results count only submitted responses. The base of each figure is the number of
submitted responses that answered the question among those to which it applies (a
conditional question applies only when its condition holds), and it is always shown
next to the figure."""

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from instituciones.models import Naturaleza
from snimh import graficas
from snimh.fechas import semaforo_de_plazo
from snimh.texto import recortar

from .models import (
    Edicion,
    EstadoRespuesta,
    OpcionElegida,
    Pregunta,
    Respuesta,
    RespuestaPregunta,
    ResultadoPublicado,
    TipoCifra,
    TipoPregunta,
)

NBSP = "\u00a0"


# Figures as people read them -----------------------------------------------------------

def redondear(valor: Decimal, decimales: int) -> Decimal:
    """Half up, as published figures are rounded (``70.588`` → ``71`` with 0 decimals)."""
    return valor.quantize(Decimal(1).scaleb(-decimales), rounding=ROUND_HALF_UP)


def formato_numero(valor, decimales=None) -> str:
    """``1234`` → ``"1,234"``; ``Decimal("12.50")`` → ``"12.5"`` (es-MX: point for decimals)."""
    if valor is None:
        return "—"
    valor = Decimal(valor)
    if decimales is not None:
        valor = redondear(valor, decimales)
    if valor == valor.to_integral_value():
        return f"{int(valor):,}"
    return f"{valor.normalize():,f}"


def formato_porcentaje(valor, decimales=1) -> str:
    """``Decimal("61.7647")`` → ``"61.8 %"``, ``Decimal("71.0")`` → ``"71 %"``: one decimal
    (or the precision asked for), without a trailing zero, a non-breaking space before «%»."""
    if valor is None:
        return "—"
    return f"{formato_numero(redondear(Decimal(valor), decimales))}{NBSP}%"


def porcentaje(parte, total) -> Decimal | None:
    if not total:
        return None
    return Decimal(parte) * 100 / Decimal(total)


# The officer's inbox and the dashboard -------------------------------------------------

@dataclass(frozen=True)
class PendienteCuestionario:
    """A questionnaire an institution still has to answer."""

    respuesta: Respuesta
    dias: int  # days to the deadline; negative when it has passed
    semaforo: str  # "vencido", "proximo" or "a_tiempo", as for agreements

    @property
    def edicion(self):
        return self.respuesta.edicion

    @property
    def cuestionario(self):
        return self.respuesta.edicion.cuestionario


def pendientes_de_institucion(*, institucion_id: int, hoy: datetime.date) -> list[PendienteCuestionario]:
    """Responses of ``institucion_id`` still to submit in open editions, nearest deadline first."""
    respuestas = (
        Respuesta.objects.filter(institucion_id=institucion_id).de_ediciones_abiertas().por_enviar()
        .select_related("edicion__cuestionario").order_by("edicion__fecha_limite", "edicion__cuestionario__nombre",
                                                          "pk")
    )
    return [
        PendienteCuestionario(respuesta=r, dias=(r.edicion.fecha_limite - hoy).days,
                              semaforo=semaforo_de_plazo(r.edicion.fecha_limite, hoy))
        for r in respuestas
    ]


@dataclass(frozen=True)
class ResumenCuestionarios:
    ediciones_abiertas: int
    esperadas: int
    enviadas: int
    por_enviar: int
    vencidas: int  # not submitted, deadline passed


def resumen_para_tablero(*, hoy: datetime.date) -> ResumenCuestionarios:
    """The dashboard's figures: open editions and how many of their responses are in."""
    cifras = Respuesta.objects.de_ediciones_abiertas().aggregate(
        esperadas=Count("pk"),
        enviadas=Count("pk", filter=Q(estado=EstadoRespuesta.ENVIADA)),
        vencidas=Count("pk", filter=~Q(estado=EstadoRespuesta.ENVIADA) & Q(edicion__fecha_limite__lt=hoy)),
        ediciones=Count("edicion", distinct=True),
    )
    return ResumenCuestionarios(
        ediciones_abiertas=Edicion.objects.abiertas().count(), esperadas=cifras["esperadas"],
        enviadas=cifras["enviadas"], por_enviar=cifras["esperadas"] - cifras["enviadas"], vencidas=cifras["vencidas"],
    )


# Lists and pages ------------------------------------------------------------------------

def ediciones_con_avance(*, ediciones):
    """Editions with how many responses were sent and expected."""
    return ediciones.select_related("cuestionario").annotate(
        total_respuestas=Count("respuestas", distinct=True),
        total_enviadas=Count("respuestas", filter=Q(respuestas__estado=EstadoRespuesta.ENVIADA), distinct=True),
    )


def respuestas_de_edicion(*, edicion: Edicion, estado: str = ""):
    """The edition's responses by institution, optionally of one state, with the counts by state."""
    respuestas = edicion.respuestas.select_related("institucion", "enviada_por", "guardada_por").order_by(
        "institucion__nombre")
    conteo = dict(edicion.respuestas.values_list("estado").annotate(n=Count("pk")).order_by())
    if estado in EstadoRespuesta.values:
        respuestas = respuestas.filter(estado=estado)
    return respuestas, {valor: conteo.get(valor, 0) for valor in EstadoRespuesta.values}


def estructura(*, cuestionario):
    """``[(seccion, [pregunta…])]`` with options, conditions and proportions, in order."""
    preguntas = (
        Pregunta.objects.filter(seccion__cuestionario=cuestionario)
        .select_related("seccion", "condicion_pregunta__seccion", "proporcion_de__seccion")
        .prefetch_related("opciones").order_by("seccion__orden", "orden")
    )
    por_seccion = defaultdict(list)
    for pregunta in preguntas:
        por_seccion[pregunta.seccion_id].append(pregunta)
    return [(seccion, por_seccion.get(seccion.pk, [])) for seccion in cuestionario.secciones.order_by("orden")]


@dataclass
class ValorMostrado:
    """An answer as a page shows it."""

    pregunta: Pregunta
    texto: str = ""
    fila: RespuestaPregunta | None = None
    oculto: bool = False  # personal data the reader may not see


def valor_en_texto(pregunta, fila, opciones_elegidas=()):
    """An answer in words: «Sí», «1,500», «12 %», options joined by «; », the file's name."""
    if fila is None:
        return ""
    if pregunta.tipo == TipoPregunta.SI_NO:
        return _("Sí") if fila.valor_si_no else _("No")
    if pregunta.tipo == TipoPregunta.NUMERO:
        return formato_numero(fila.valor_numero)
    if pregunta.tipo == TipoPregunta.PORCENTAJE:
        return f"{formato_numero(fila.valor_numero)}{NBSP}%"
    if pregunta.tipo == TipoPregunta.FECHA:
        from snimh.fechas import fecha_larga

        return fecha_larga(fila.valor_fecha)
    if pregunta.tipo == TipoPregunta.ARCHIVO:
        return fila.archivo_nombre
    if pregunta.tiene_opciones:
        return "; ".join(str(o) for o in opciones_elegidas)
    return fila.valor_texto


def respuesta_para_mostrar(*, respuesta: Respuesta, ver_datos_personales: bool):
    """``[(seccion, [ValorMostrado…])]``: every question with its answer (or blank), personal
    data hidden from whoever may not see it."""
    filas = {
        v.pregunta_id: v for v in respuesta.valores.prefetch_related("elegidas__opcion")
    }
    resultado = []
    for seccion, preguntas in estructura(cuestionario=respuesta.edicion.cuestionario):
        valores = []
        for pregunta in preguntas:
            fila = filas.get(pregunta.pk)
            if pregunta.datos_personales and not ver_datos_personales:
                valores.append(ValorMostrado(pregunta=pregunta, oculto=True))
                continue
            elegidas = sorted((e.opcion for e in fila.elegidas.all()), key=lambda o: o.orden) if fila else []
            valores.append(ValorMostrado(pregunta=pregunta, fila=fila, texto=valor_en_texto(pregunta, fila, elegidas)))
        resultado.append((seccion, valores))
    return resultado


# Results ---------------------------------------------------------------------------------

@dataclass
class FilaCategoria:
    clave: str  # "si", "no", or the option's id
    etiqueta: str
    conteo: int
    porcentaje: Decimal | None


@dataclass
class Numericos:
    n: int
    suma: Decimal
    media: Decimal
    mediana: Decimal | None = None
    minimo: Decimal | None = None
    maximo: Decimal | None = None
    # For a question that is part of another: its sum over the sum of the whole, in the
    # responses that answered both.
    proporcion: Decimal | None = None
    suma_del_total: Decimal | None = None


@dataclass
class Cruce:
    """A cross-tabulation: per group of institutions (nature or sector), the base and the
    count (and percentage) of each category, or the numeric summary."""

    titulo: str
    columnas: list  # [(clave, etiqueta)]
    filas: list  # [(grupo, base, {clave: conteo}, {clave: porcentaje})] or [(grupo, n, suma, media)]
    numerico: bool = False


@dataclass
class ResultadoPregunta:
    pregunta: Pregunta
    aplicables: int = 0
    base: int = 0
    filas: list = field(default_factory=list)
    numericos: Numericos | None = None
    fechas: tuple | None = None
    textos: list = field(default_factory=list)  # [(institucion, texto)] when the reader may see them
    archivos: int = 0
    cruce: Cruce | None = None
    grafica: str = ""
    publicados: list = field(default_factory=list)  # ResultadoPublicado of a historical edition
    resumen: str = ""

    @property
    def sin_respuesta(self):
        return self.aplicables - self.base

    def fila(self, clave):
        return next((f for f in self.filas if f.clave == clave), None)


@dataclass
class Resultados:
    edicion: Edicion
    instituciones: int
    enviadas: int
    secciones: list  # [(seccion, [ResultadoPregunta])]
    cruce: str = ""

    def por_pregunta(self):
        return {r.pregunta.pk: r for _s, resultados in self.secciones for r in resultados}

    @property
    def secciones_visibles(self):
        """What a page lists: every question, or for a historical edition only those with
        published figures (it has nothing else to show)."""
        if not self.edicion.historica:
            return self.secciones
        secciones = [(seccion, [r for r in lista if r.publicados]) for seccion, lista in self.secciones]
        return [(seccion, lista) for seccion, lista in secciones if lista]


CRUCES = {
    "naturaleza": gettext_lazy("naturaleza jurídica"),
    "sector": gettext_lazy("sector"),
}


def _grupo(institucion, cruce):
    if cruce == "naturaleza":
        return Naturaleza(institucion.naturaleza).label if institucion.naturaleza in Naturaleza.values else \
            institucion.naturaleza
    return institucion.sector or _("Sin sector")


def _categorias(pregunta):
    if pregunta.tipo == TipoPregunta.SI_NO:
        return [("si", _("Sí")), ("no", _("No"))]
    return [(str(o.pk), o.texto) for o in pregunta.opciones.all()]


def _conteo_categorico(pregunta, respondidas, elegidas, si_no):
    """``{clave: n}`` over ``respondidas`` (response ids that answered)."""
    conteo = defaultdict(int)
    for respuesta_id in respondidas:
        if pregunta.tipo == TipoPregunta.SI_NO:
            conteo["si" if si_no[(respuesta_id, pregunta.pk)] else "no"] += 1
        else:
            for opcion_id in elegidas.get((respuesta_id, pregunta.pk), ()):
                conteo[str(opcion_id)] += 1
    return conteo


def _numericos(valores, *, con_individuales, parte_y_total=None):
    n = len(valores)
    suma = sum(valores, Decimal(0))
    resultado = Numericos(n=n, suma=suma, media=suma / n)
    if con_individuales:
        resultado.mediana = Decimal(statistics.median(valores))
        resultado.minimo, resultado.maximo = min(valores), max(valores)
    if parte_y_total:
        suma_parte = sum((p for p, _t in parte_y_total), Decimal(0))
        suma_total = sum((t for _p, t in parte_y_total), Decimal(0))
        resultado.suma_del_total = suma_total
        resultado.proporcion = porcentaje(suma_parte, suma_total)
    return resultado


def _grafica(resultado):
    pregunta = resultado.pregunta
    filas = [(f.etiqueta, {"respuestas": f.conteo}) for f in resultado.filas]
    descripcion = "; ".join(f"{f.etiqueta}: {f.conteo} ({formato_porcentaje(f.porcentaje)})" for f in resultado.filas)
    descripcion += ". " + ngettext("Base: %(n)s respuesta.", "Base: %(n)s respuestas.", resultado.base) % {
        "n": resultado.base}
    return graficas.barras_apiladas(
        titulo=_("Pregunta %(numero)s") % {"numero": pregunta.numero}, descripcion=descripcion, filas=filas,
        series=[graficas.Serie("respuestas", _("Respuestas"))], ident=f"grafica-p{pregunta.pk}",
        # Narrower than the dashboard's: it sits beside its table, and stays legible on a phone.
        ancho=460,
    )


def resultados(*, edicion: Edicion, cruce: str = "", ver_textos: bool = False, ver_datos_personales: bool = False,
               con_graficas: bool = True) -> Resultados:
    """The results of ``edicion`` per question, from its submitted responses (for a
    historical edition: its published figures).

    ``ver_textos``: list free-text answers by institution (internal readers);
    ``ver_datos_personales``: also for personal-data questions, and their individual
    values (median, minimum, maximum) and cross-tabulations — otherwise a personal-data
    question shows only its counts, totals and mean. ``cruce``: «naturaleza» or «sector».
    A fixed number of queries whatever the number of responses.
    """
    cruce = cruce if cruce in CRUCES else ""
    secciones = estructura(cuestionario=edicion.cuestionario)
    publicados = defaultdict(list)
    for publicado in edicion.resultados_publicados.select_related(
            "opcion", "pregunta__seccion", "pregunta__proporcion_de__seccion").order_by("orden", "pk"):
        publicados[publicado.pregunta_id].append(publicado)
    enviadas = {r.pk: r for r in edicion.respuestas.enviadas().select_related("institucion")}
    filas = list(RespuestaPregunta.objects.filter(respuesta_id__in=enviadas).values(
        "respuesta_id", "pregunta_id", "valor_si_no", "valor_numero", "valor_texto", "valor_fecha", "archivo"))
    elegidas = defaultdict(list)
    for respuesta_id, pregunta_id, opcion_id in OpcionElegida.objects.filter(
            valor__respuesta_id__in=enviadas).values_list("valor__respuesta_id", "valor__pregunta_id", "opcion_id"):
        elegidas[(respuesta_id, pregunta_id)].append(opcion_id)
    por_pregunta = defaultdict(dict)
    for fila in filas:
        por_pregunta[fila["pregunta_id"]][fila["respuesta_id"]] = fila
    si_no = {(f["respuesta_id"], f["pregunta_id"]): f["valor_si_no"] for f in filas if f["valor_si_no"] is not None}
    si_no_por_respuesta = defaultdict(dict)
    for (respuesta_id, pregunta_id), valor in si_no.items():
        si_no_por_respuesta[respuesta_id][pregunta_id] = valor

    salida = []
    for seccion, preguntas in secciones:
        resultados_seccion = []
        for pregunta in preguntas:
            resultado = ResultadoPregunta(pregunta=pregunta, publicados=publicados.get(pregunta.pk, []))
            aplicables = [rid for rid in enviadas if pregunta.aplica(si_no_por_respuesta[rid])]
            contestadas = por_pregunta.get(pregunta.pk, {})
            respondidas = [rid for rid in aplicables if rid in contestadas]
            resultado.aplicables, resultado.base = len(aplicables), len(respondidas)
            personal_oculto = pregunta.datos_personales and not ver_datos_personales
            if pregunta.es_categorica:
                conteo = _conteo_categorico(pregunta, respondidas, elegidas, si_no)
                resultado.filas = [FilaCategoria(clave, etiqueta, conteo.get(clave, 0),
                                                 porcentaje(conteo.get(clave, 0), resultado.base))
                                   for clave, etiqueta in _categorias(pregunta)]
                if con_graficas and resultado.base:
                    resultado.grafica = _grafica(resultado)
            elif pregunta.es_numerica and respondidas:
                valores = [contestadas[rid]["valor_numero"] for rid in respondidas]
                parte_y_total = None
                if pregunta.proporcion_de_id:
                    totales = por_pregunta.get(pregunta.proporcion_de_id, {})
                    parte_y_total = [(contestadas[rid]["valor_numero"], totales[rid]["valor_numero"])
                                     for rid in respondidas if rid in totales]
                resultado.numericos = _numericos(valores, con_individuales=not personal_oculto,
                                                 parte_y_total=parte_y_total)
            elif pregunta.tipo == TipoPregunta.FECHA and respondidas and not personal_oculto:
                fechas = [contestadas[rid]["valor_fecha"] for rid in respondidas]
                resultado.fechas = (min(fechas), max(fechas))
            elif pregunta.tipo == TipoPregunta.TEXTO and ver_textos and not personal_oculto:
                resultado.textos = sorted(
                    ((enviadas[rid].institucion, contestadas[rid]["valor_texto"]) for rid in respondidas),
                    key=lambda par: par[0].nombre)
            elif pregunta.tipo == TipoPregunta.ARCHIVO:
                resultado.archivos = len(respondidas)
            if cruce and not personal_oculto and (pregunta.es_categorica or pregunta.es_numerica):
                resultado.cruce = _cruce(pregunta, cruce, aplicables, contestadas, enviadas, elegidas, si_no)
            resultados_seccion.append(resultado)
        salida.append((seccion, resultados_seccion))
    return Resultados(edicion=edicion, instituciones=edicion.respuestas.count(), enviadas=len(enviadas),
                      secciones=salida, cruce=cruce)


def _cruce(pregunta, cruce, aplicables, contestadas, enviadas, elegidas, si_no):
    grupos = defaultdict(list)
    for rid in aplicables:
        if rid in contestadas:
            grupos[_grupo(enviadas[rid].institucion, cruce)].append(rid)
    titulo = _("Por %(cruce)s") % {"cruce": CRUCES[cruce]}
    if pregunta.es_numerica:
        filas = []
        for grupo, ids in sorted(grupos.items()):
            valores = [contestadas[rid]["valor_numero"] for rid in ids]
            filas.append((grupo, len(ids), sum(valores, Decimal(0)), sum(valores, Decimal(0)) / len(ids)))
        return Cruce(titulo=titulo, columnas=[], filas=filas, numerico=True)
    columnas = _categorias(pregunta)
    filas = []
    for grupo, ids in sorted(grupos.items()):
        conteo = _conteo_categorico(pregunta, ids, elegidas, si_no)
        filas.append((grupo, len(ids), {c: conteo.get(c, 0) for c, _e in columnas},
                      {c: porcentaje(conteo.get(c, 0), len(ids)) for c, _e in columnas}))
    return Cruce(titulo=titulo, columnas=columnas, filas=filas)


# Published figures and what an edition's responses give for them ----------------------------

@dataclass
class Cifra:
    """A figure about a question as shown in a comparison: published or computed."""

    tipo: str  # TipoCifra
    valor: Decimal | None = None
    minimo: Decimal | None = None
    maximo: Decimal | None = None
    opcion: str = ""
    base: int | None = None
    decimales: int = 1

    def __str__(self):
        if self.tipo == TipoCifra.PORCENTAJE:
            return formato_porcentaje(self.valor, self.decimales)
        if self.tipo == TipoCifra.RANGO:
            return _("de %(minimo)s a %(maximo)s") % {"minimo": formato_numero(self.minimo),
                                                      "maximo": formato_numero(self.maximo)}
        if self.tipo == TipoCifra.MAS_FRECUENTE:
            return self.opcion or "—"
        if self.tipo == TipoCifra.CONTEO and self.base is not None:
            return _("%(n)s de %(base)s") % {"n": formato_numero(self.valor), "base": formato_numero(self.base)}
        return formato_numero(self.valor, 0 if self.tipo == TipoCifra.CONTEO else None)


def cifra_publicada(publicado: ResultadoPublicado) -> Cifra:
    return Cifra(tipo=publicado.tipo, valor=publicado.valor, minimo=publicado.minimo, maximo=publicado.maximo,
                 opcion=publicado.opcion.texto if publicado.opcion_id else "", base=publicado.base,
                 decimales=publicado.decimales)


def etiqueta_de_cifra(publicado: ResultadoPublicado) -> str:
    """What the figure counts: «Sí», «No», an option, the total, the range."""
    if publicado.si_no is not None:
        return _("Respuestas «%(valor)s»") % {"valor": _("Sí") if publicado.si_no else _("No")}
    if publicado.opcion_id and publicado.tipo != TipoCifra.MAS_FRECUENTE:
        return _("Opción «%(opcion)s»") % {"opcion": publicado.opcion.texto}
    if publicado.tipo == TipoCifra.PORCENTAJE and publicado.pregunta.proporcion_de_id:
        return _("Proporción del total de la pregunta %(numero)s") % {"numero": publicado.pregunta.proporcion_de.numero}
    return publicado.get_tipo_display()


def cifra_calculada(publicado: ResultadoPublicado, resultado: ResultadoPregunta) -> Cifra | None:
    """The figure ``publicado`` describes, computed from another edition's responses
    (``resultado``), at the published figure's precision; None when it cannot be computed."""
    tipo, decimales = publicado.tipo, publicado.decimales
    if publicado.si_no is not None or publicado.opcion_id:
        clave = ("si" if publicado.si_no else "no") if publicado.si_no is not None else str(publicado.opcion_id)
        fila = resultado.fila(clave)
        if tipo == TipoCifra.MAS_FRECUENTE:
            return _mas_frecuente(resultado)
        if fila is None or not resultado.base:
            return None
        if tipo == TipoCifra.PORCENTAJE:
            return Cifra(tipo=tipo, valor=fila.porcentaje, base=resultado.base, decimales=decimales)
        if tipo == TipoCifra.CONTEO:
            return Cifra(tipo=tipo, valor=Decimal(fila.conteo), base=resultado.base, decimales=0)
        return None
    numericos = resultado.numericos
    if numericos is None:
        return None
    if tipo == TipoCifra.PORCENTAJE and numericos.proporcion is not None:
        return Cifra(tipo=tipo, valor=numericos.proporcion, decimales=decimales)
    if tipo == TipoCifra.CANTIDAD:
        return Cifra(tipo=tipo, valor=numericos.suma, decimales=decimales)
    if tipo == TipoCifra.RANGO and numericos.minimo is not None:
        return Cifra(tipo=tipo, minimo=numericos.minimo, maximo=numericos.maximo)
    return None


def _mas_frecuente(resultado):
    if not resultado.base or not resultado.filas:
        return None
    mayor = max(f.conteo for f in resultado.filas)
    empatadas = [f.etiqueta for f in resultado.filas if f.conteo == mayor]
    return Cifra(tipo=TipoCifra.MAS_FRECUENTE, opcion=" / ".join(empatadas))


def coinciden(publicada: Cifra, calculada: Cifra | None) -> bool | None:
    """Whether the computed figure, rounded as the published one was, equals it."""
    if calculada is None:
        return None
    if publicada.tipo == TipoCifra.RANGO:
        return (publicada.minimo, publicada.maximo) == (calculada.minimo, calculada.maximo)
    if publicada.tipo == TipoCifra.MAS_FRECUENTE:
        return publicada.opcion == calculada.opcion
    if calculada.valor is None:
        return None
    return redondear(calculada.valor, publicada.decimales) == redondear(publicada.valor, publicada.decimales)


def diferencia(antes: Cifra, despues: Cifra | None) -> str:
    """«+3.2 puntos», «−4», «sin cambio» (at the precision of the earlier figure)."""
    if despues is None or antes.tipo in (TipoCifra.RANGO, TipoCifra.MAS_FRECUENTE):
        if despues is not None and antes.tipo in (TipoCifra.RANGO, TipoCifra.MAS_FRECUENTE):
            return _("sin cambio") if coinciden(antes, despues) else _("cambió")
        return "—"
    if antes.valor is None or despues.valor is None:
        return "—"
    decimales = antes.decimales if antes.tipo == TipoCifra.PORCENTAJE else 0
    delta = redondear(despues.valor, decimales) - redondear(antes.valor, decimales)
    if delta == 0:
        return _("sin cambio")
    signo = "+" if delta > 0 else "−"
    cifra = formato_numero(abs(delta))
    if antes.tipo == TipoCifra.PORCENTAJE:
        # «1 punto», «1.5 puntos»: only exactly one takes the singular.
        return ngettext("%(signo)s%(n)s punto", "%(signo)s%(n)s puntos", 1 if abs(delta) == 1 else 2) % {
            "signo": signo, "n": cifra}
    return f"{signo}{cifra}"


@dataclass
class FilaComparacion:
    pregunta: Pregunta
    etiqueta: str
    a: Cifra | None
    b: Cifra | None
    diferencia: str
    texto_fuente: str = ""  # the published sentence, when the earlier figure is published


def _cifras_calculadas(resultado):
    """Every figure a computed result gives, with its label: a percentage per category,
    the sum, mean and proportion of numbers."""
    cifras = []
    if resultado.filas and resultado.base:
        for fila in resultado.filas:
            cifras.append((fila.clave, _("«%(categoria)s»") % {"categoria": fila.etiqueta},
                           Cifra(tipo=TipoCifra.PORCENTAJE, valor=fila.porcentaje, base=resultado.base)))
    elif resultado.numericos:
        numericos = resultado.numericos
        cifras.append(("suma", _("Total"), Cifra(tipo=TipoCifra.CANTIDAD, valor=numericos.suma)))
        cifras.append(("media", _("Promedio"), Cifra(tipo=TipoCifra.CANTIDAD, valor=redondear(numericos.media, 1))))
        if numericos.proporcion is not None:
            cifras.append(("proporcion", _("Proporción del total"),
                           Cifra(tipo=TipoCifra.PORCENTAJE, valor=numericos.proporcion)))
    return cifras


def comparacion(*, a: Edicion, b: Edicion, ver_datos_personales: bool = False) -> list[FilaComparacion]:
    """Question by question, ``a`` beside ``b`` (two editions of one questionnaire): the
    published figures of a historical edition beside what the other edition's responses
    give for each; or, between two editions with responses, each category's percentage
    and each number's total, mean and proportion."""
    resultados_a = resultados(edicion=a, ver_datos_personales=ver_datos_personales, con_graficas=False)
    resultados_b = resultados(edicion=b, ver_datos_personales=ver_datos_personales, con_graficas=False)
    por_pregunta_b = resultados_b.por_pregunta()
    filas = []
    for _seccion, lista in resultados_a.secciones:
        for resultado_a in lista:
            pregunta = resultado_a.pregunta
            resultado_b = por_pregunta_b[pregunta.pk]
            if a.historica or b.historica:
                publicados, otro, publicado_es_a = (
                    (resultado_a.publicados, resultado_b, True) if a.historica else (resultado_b.publicados, resultado_a, False))
                for publicado in publicados:
                    publicada = cifra_publicada(publicado)
                    otra = None if (a.historica and b.historica) else cifra_calculada(publicado, otro)
                    if a.historica and b.historica:
                        otra = next((cifra_publicada(p) for p in resultado_b.publicados
                                     if (p.tipo, p.si_no, p.opcion_id) == (publicado.tipo, publicado.si_no,
                                                                           publicado.opcion_id)), None)
                    cifra_a, cifra_b = (publicada, otra) if publicado_es_a else (otra, publicada)
                    filas.append(FilaComparacion(
                        pregunta=pregunta, etiqueta=etiqueta_de_cifra(publicado), a=cifra_a, b=cifra_b,
                        diferencia=diferencia(cifra_a, cifra_b) if cifra_a else "—", texto_fuente=publicado.texto))
                continue
            cifras_b = {clave: cifra for clave, _e, cifra in _cifras_calculadas(resultado_b)}
            for clave, etiqueta, cifra_a in _cifras_calculadas(resultado_a):
                cifra_b = cifras_b.get(clave)
                filas.append(FilaComparacion(pregunta=pregunta, etiqueta=etiqueta, a=cifra_a, b=cifra_b,
                                             diferencia=diferencia(cifra_a, cifra_b)))
    return filas


# Export ------------------------------------------------------------------------------------

def encabezados_de_exportacion(preguntas):
    return [_("Institución"), _("Siglas"), _("Naturaleza jurídica"), _("Sector"), _("Estado de la respuesta"),
            _("Enviada el"), _("Fuera de plazo"),
            *(f"{p.numero} {recortar(p.texto, 120)}" for p in preguntas)]


def exportacion_de_edicion(*, edicion: Edicion, ver_datos_personales: bool):
    """``(encabezados, filas)`` of the edition's responses: one row per institution with its
    state, and the answers of the submitted ones; the columns of personal-data questions
    only for who may see them. Free text is neutralised for spreadsheets."""
    preguntas = [p for p in edicion.cuestionario.preguntas().prefetch_related("opciones")
                 if ver_datos_personales or not p.datos_personales]
    respuestas = list(edicion.respuestas.select_related("institucion").order_by("institucion__nombre"))
    enviadas = [r.pk for r in respuestas if r.enviada]
    valores = defaultdict(dict)
    for fila in RespuestaPregunta.objects.filter(respuesta_id__in=enviadas, pregunta__in=preguntas).prefetch_related(
            "elegidas__opcion"):
        valores[fila.respuesta_id][fila.pregunta_id] = fila
    filas = []
    for respuesta in respuestas:
        institucion = respuesta.institucion
        fila = [institucion.nombre, institucion.siglas, institucion.get_naturaleza_display(), institucion.sector,
                respuesta.get_estado_display(),
                timezone.localtime(respuesta.enviada_en).strftime("%Y-%m-%d %H:%M") if respuesta.enviada_en else "",
                _("Sí") if respuesta.fuera_de_plazo else ""]
        for pregunta in preguntas:
            valor = valores[respuesta.pk].get(pregunta.pk)
            fila.append(_celda(pregunta, valor))
        filas.append(fila)
    return encabezados_de_exportacion(preguntas), filas


def _celda(pregunta, valor):
    if valor is None:
        return ""
    if pregunta.es_numerica:
        numero = valor.valor_numero
        return int(numero) if numero == numero.to_integral_value() else numero
    if pregunta.tipo == TipoPregunta.FECHA:
        return valor.valor_fecha
    elegidas = sorted((e.opcion for e in valor.elegidas.all()), key=lambda o: o.orden)
    # The spreadsheet writer (snimh.exportacion) neutralises text that would run as a formula.
    return valor_en_texto(pregunta, valor, elegidas)
