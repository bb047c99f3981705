"""Open data: the two public tables, their columns defined once.

Each column carries its stable name (the CSV/XLSX header and the JSON key), its type and its
meaning; the same definitions write the files and the published data dictionary, so that
they cannot disagree. Values are the same in every format (CSV and XLSX write «sí»/«no» where
JSON writes true/false, as the dictionary says).
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from compromisos.models import Estatus, dias_de_atraso
from compromisos.selectors import con_responsables


@dataclass(frozen=True)
class Columna:
    nombre: str
    tipo: str
    significado: str


ENTERO = _("entero")
TEXTO = _("texto")
FECHA = _("fecha (AAAA-MM-DD)")
BOOLEANO = _("sí/no (JSON: true/false)")
CLAVE = _("clave")

ACUERDOS = [
    Columna("numero", ENTERO, _("Número consecutivo del acuerdo en la vida del Sistema.")),
    Columna("cita", TEXTO, _("Cita oficial NÚMERO:D/MM/AAAA, con la fecha de la sesión que lo adoptó.")),
    Columna("sesion", TEXTO, _("Nombre completo de la sesión que lo adoptó (p. ej. «Vigésima Primera Sesión Ordinaria»).")),
    Columna("sesion_tipo", CLAVE, _("«ordinaria» o «extraordinaria».")),
    Columna("sesion_numero", ENTERO, _("Número ordinal de la sesión dentro de su tipo.")),
    Columna("fecha_sesion", FECHA, _("Fecha de la sesión.")),
    Columna("texto", TEXTO, _("Texto del acuerdo.")),
    Columna("plazo", TEXTO, _("El plazo como lo redacta el acuerdo; vacío si no fija uno.")),
    Columna("fecha_limite", FECHA, _("Fecha en que vence el plazo; vacía si no es calculable.")),
    Columna("vencido", BOOLEANO, _("Si el acuerdo sigue abierto y su fecha límite ya pasó.")),
    Columna("dias_vencido", ENTERO, _("Días transcurridos desde la fecha límite de un acuerdo vencido; 0 si no lo está.")),
    Columna("meta", TEXTO, _("Resultado esperado que acredita el cumplimiento.")),
    Columna("estatus", CLAVE, _("sin_iniciar, en_proceso, cumplido o sin_materia.")),
    Columna("estatus_texto", TEXTO, _("El estatus en palabras.")),
    Columna("responsables", TEXTO, _("Instituciones nombradas y grupos con las instituciones que obligan, "
                                     "p. ej. «INMUJERES; Invitadas permanentes: CFE, CONADE».")),
    Columna("instituciones_responsables", ENTERO, _("Instituciones obligadas por nombre o por grupo.")),
    Columna("instituciones_cumplidas", ENTERO, _("De ellas, las que cumplieron (estatus efectivo «cumplido»).")),
    Columna("avance_promedio", ENTERO, _("Porcentaje promedio de avance de las instituciones con avance conocido; "
                                         "vacío si ninguna lo tiene.")),
    Columna("url", TEXTO, _("Dirección de la página pública del acuerdo.")),
]

RESPONSABLES = [
    Columna("numero_acuerdo", ENTERO, _("Número del acuerdo (columna «numero» de la tabla de acuerdos).")),
    Columna("cita", TEXTO, _("Cita oficial del acuerdo.")),
    Columna("institucion", TEXTO, _("Nombre oficial de la institución responsable.")),
    Columna("siglas", TEXTO, _("Siglas de la institución; vacío si no tiene.")),
    Columna("naturaleza", CLAVE, _("Naturaleza jurídica de la institución (secretaria_estado, entidad_paraestatal…).")),
    Columna("origen", CLAVE, _("«nominal» si el acuerdo la nombra; «grupo» si la obliga por pertenecer a un grupo.")),
    Columna("grupo", TEXTO, _("El grupo que la obliga (p. ej. «Invitadas permanentes»); vacío si fue nombrada.")),
    Columna("estatus", CLAVE, _("Estatus efectivo de su cumplimiento: el suyo mientras el acuerdo sigue abierto; "
                                "el del acuerdo cuando la coordinación lo cierra.")),
    Columna("estatus_texto", TEXTO, _("El estatus en palabras.")),
    Columna("avance", ENTERO, _("Porcentaje de avance confirmado por la coordinación (100 si cumplió); vacío si no se "
                                "conoce.")),
    Columna("fecha_limite", FECHA, _("Fecha límite del acuerdo.")),
    Columna("vencido", BOOLEANO, _("Si la institución aún no cumple, el acuerdo sigue abierto y la fecha límite pasó.")),
    Columna("dias_vencido", ENTERO, _("Días de atraso de la institución; 0 si no está vencida.")),
]

TABLAS = {
    "acuerdos": (_("Acuerdos"), ACUERDOS),
    "responsables": (_("Acuerdos por institución responsable"), RESPONSABLES),
}


def licencia():
    return {"nombre": settings.DATOS_LICENCIA_NOMBRE, "url": settings.DATOS_LICENCIA_URL}


def registros(acuerdos, *, hoy=None, url_base=""):
    """``(acuerdo row, [institution rows])`` per agreement, as dicts keyed by the columns."""
    hoy = hoy or timezone.localdate()
    etiquetas = {valor: str(etiqueta) for valor, etiqueta in Estatus.choices}
    for acuerdo, responsables in con_responsables(acuerdos):
        dias = acuerdo.dias_vencido(hoy)
        filas_institucion = []
        por_grupo = [(None, r) for r in responsables.nombradas] + [
            (grupo, r) for grupo, miembros in responsables.grupos for r in miembros
        ]
        for grupo, r in sorted(por_grupo, key=lambda par: par[1].nombre):
            estatus = r.estatus_efectivo
            atraso = dias_de_atraso(estatus, acuerdo.plazo_fecha, hoy)
            filas_institucion.append({
                "numero_acuerdo": acuerdo.numero, "cita": acuerdo.cita, "institucion": r.nombre, "siglas": r.siglas,
                "naturaleza": r.naturaleza, "origen": "grupo" if grupo else "nominal", "grupo": grupo or "",
                "estatus": estatus, "estatus_texto": etiquetas[estatus], "avance": r.avance_efectivo,
                "fecha_limite": acuerdo.plazo_fecha,
                "vencido": atraso > 0, "dias_vencido": atraso,
            })
        avances = [f["avance"] for f in filas_institucion if f["estatus"] != Estatus.SIN_MATERIA and f["avance"] is not None]
        fila = {
            "numero": acuerdo.numero, "cita": acuerdo.cita, "sesion": acuerdo.sesion.titulo,
            "sesion_tipo": acuerdo.sesion.tipo, "sesion_numero": acuerdo.sesion.numero,
            "fecha_sesion": acuerdo.sesion.fecha, "texto": acuerdo.texto, "plazo": acuerdo.plazo_texto,
            "fecha_limite": acuerdo.plazo_fecha, "vencido": dias > 0, "dias_vencido": dias, "meta": acuerdo.meta,
            "estatus": acuerdo.estatus, "estatus_texto": etiquetas[acuerdo.estatus],
            "responsables": responsables.texto() or acuerdo.responsables_texto,
            "instituciones_responsables": len(filas_institucion),
            "instituciones_cumplidas": sum(f["estatus"] == Estatus.CUMPLIDO for f in filas_institucion),
            "avance_promedio": round(sum(avances) / len(avances)) if avances else None,
            "url": url_base + reverse("transparencia:acuerdo", args=[acuerdo.numero]),
        }
        yield fila, filas_institucion


def filas_de(tabla, acuerdos, *, hoy=None, url_base=""):
    """The rows of one table (``"acuerdos"`` or ``"responsables"``) as dicts."""
    for fila, filas_institucion in registros(acuerdos, hoy=hoy, url_base=url_base):
        if tabla == "acuerdos":
            yield fila
        else:
            yield from filas_institucion


def para_hoja(columnas, filas):
    """Rows as lists for the CSV/XLSX writer: booleans in words, no value as empty."""
    for fila in filas:
        yield [("sí" if fila[c.nombre] else "no") if c.tipo == BOOLEANO else ("" if fila[c.nombre] is None
               else fila[c.nombre]) for c in columnas]


def para_json(filas):
    for fila in filas:
        yield {clave: valor.isoformat() if hasattr(valor, "isoformat") else valor for clave, valor in fila.items()}
