"""Import and export of recommendations in one format (XLSX or CSV): all or nothing.

One row per recommendation, a header row first (the order of the columns does not matter):

| column | required | content |
| --- | --- | --- |
| documento | yes | the document's symbol, e.g. CEDAW/C/MEX/CO/9 |
| parrafo | yes | the paragraph, e.g. 12, or a sub-paragraph: 12 (a) |
| texto | yes | the recommendation's text |
| mesa | yes | the thematic table's name; a table that does not exist yet is created, its chair designated later by coordination |
| instituciones | no | responsible institutions, by acronym or name, separated by ";" |

Each responsible institution gets its follow-up record through the engine. A row whose
document and paragraph are already registered with the same text and table only adds the
institutions it names that are not yet responsible (none is ever taken out by an import);
with another text or table it is an error. Any error aborts the whole import and every bad
row is reported with its line number; importing the same file again, or a file exported
from here, changes nothing.
"""

import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from acuerdos.importacion import FilasDeMas, leer_filas
from compromisos import services as motor
from instituciones.models import Institucion
from snimh import exportacion, uploads

from . import services
from .models import MesaTematica, Recomendacion, escribir_parrafo, leer_parrafo, validar_simbolo

COLUMNAS = ["documento", "parrafo", "texto", "mesa", "instituciones"]
OBLIGATORIAS = ["documento", "parrafo", "texto", "mesa"]
ANCHOS = (20, 10, 80, 40, 40)


def _clave(texto):
    texto = unicodedata.normalize("NFD", str(texto or "")).encode("ascii", "ignore").decode()
    return " ".join(texto.lower().split())


def _texto(valor):
    """A cell as text, without the apostrophe the exports put before a text a spreadsheet
    would run as a formula (snimh.exportacion.celda_csv), so that a round trip is exact."""
    texto = "" if valor is None else str(valor)
    if texto.startswith("'") and exportacion.es_formula(texto[1:]):
        texto = texto[1:]
    return texto.strip()


@dataclass
class ResultadoImportacion:
    errores: list = field(default_factory=list)  # (line, Spanish reason)
    mesas_nuevas: list = field(default_factory=list)
    nuevas: list = field(default_factory=list)  # citations of new recommendations
    actualizadas: list = field(default_factory=list)  # citations with institutions added
    sin_cambios: int = 0

    @property
    def valido(self):
        return not self.errores


class _Abortar(Exception):
    pass


def resumen_en_texto(resultado):
    """«2 recomendaciones nuevas, 1 mesa temática nueva, 1 recomendación con instituciones
    agregadas; 3 filas sin cambios», every count in its number."""
    n, m, a, s = (len(resultado.nuevas), len(resultado.mesas_nuevas), len(resultado.actualizadas),
                  resultado.sin_cambios)
    return "; ".join([
        ngettext("%(n)s recomendación nueva", "%(n)s recomendaciones nuevas", n) % {"n": n},
        ngettext("%(n)s mesa temática nueva", "%(n)s mesas temáticas nuevas", m) % {"n": m},
        ngettext("%(n)s recomendación con instituciones agregadas", "%(n)s recomendaciones con instituciones agregadas",
                 a) % {"n": a},
        ngettext("%(n)s fila ya registrada, sin cambios", "%(n)s filas ya registradas, sin cambios", s) % {"n": s},
    ])


def _indice_de_instituciones():
    """``{normalised acronym or name: [institutions]}``: more than one is an ambiguity."""
    indice = {}
    for institucion in Institucion.objects.only("pk", "nombre", "siglas"):
        for clave in {_clave(institucion.siglas), _clave(institucion.nombre)} - {""}:
            indice.setdefault(clave, []).append(institucion)
    return indice


def importar(nombre, contenido, *, usuario=None, simular=False) -> ResultadoImportacion:
    """Import the file; with ``simular`` (dry run) report what would change and roll back."""
    resultado = ResultadoImportacion()
    try:
        uploads.inspeccionar(SimpleUploadedFile(nombre, contenido), formatos=uploads.FORMATOS_DE_IMPORTACION,
                             tamano_maximo=settings.IMPORTACION_TAMANO_MAXIMO)
        filas = leer_filas(nombre, contenido)
    except uploads.ArchivoRechazado as error:
        resultado.errores.append((1, error.messages[0]))
        return resultado
    except FilasDeMas as error:
        maximo = error.args[0]
        resultado.errores.append((1, ngettext(
            "El archivo tiene más de %(n)s fila de datos, el límite de una importación; divídalo en varios archivos.",
            "El archivo tiene más de %(n)s filas de datos, el límite de una importación; divídalo en varios archivos.",
            maximo) % {"n": f"{maximo:,}"}))
        return resultado
    except Exception:  # noqa: BLE001 - any unreadable file gets the same Spanish answer
        resultado.errores.append((1, _("No se pudo leer el archivo: use XLSX o CSV (UTF-8) con las columnas "
                                       "documento, parrafo, texto, mesa e instituciones.")))
        return resultado
    if not filas:
        resultado.errores.append((1, _("El archivo no tiene filas de datos.")))
        return resultado
    faltantes = [c for c in OBLIGATORIAS if c not in filas[0][1]]
    if faltantes:
        resultado.errores.append((1, _("Faltan columnas: %(c)s.") % {"c": ", ".join(faltantes)}))
        return resultado
    try:
        with transaction.atomic():
            _importar_filas(filas, resultado, usuario, nombre)
            if resultado.errores or simular:
                raise _Abortar
    except _Abortar:
        pass
    return resultado


def _leer_fila(fila, instituciones):
    """``(data, errors)`` of one row, checked without touching the database's rows."""
    errores = []
    documento = _texto(fila.get("documento"))
    try:
        validar_simbolo(documento)
    except ValidationError as error:
        errores.append(_("Documento «%(v)s»: %(e)s") % {"v": documento, "e": error.messages[0]})
    try:
        numero, inciso = leer_parrafo(_texto(fila.get("parrafo")))
    except ValueError:
        numero = inciso = None
        errores.append(_("Párrafo no reconocido: «%(v)s» (escriba p. ej. 12 o 12 (a)).")
                       % {"v": _texto(fila.get("parrafo"))})
    texto = _texto(fila.get("texto"))
    if not texto:
        errores.append(_("Falta el texto de la recomendación."))
    mesa = " ".join(_texto(fila.get("mesa")).split())
    if not mesa:
        errores.append(_("Falta la mesa temática."))
    responsables = []
    for nombre_inst in _texto(fila.get("instituciones")).split(";"):
        if not nombre_inst.strip():
            continue
        encontradas = instituciones.get(_clave(nombre_inst), [])
        if not encontradas:
            errores.append(_("Institución desconocida: «%(v)s».") % {"v": nombre_inst.strip()})
        elif len(encontradas) > 1:
            errores.append(_("«%(v)s» nombra a más de una institución: escriba su nombre completo.")
                           % {"v": nombre_inst.strip()})
        elif encontradas[0] not in responsables:
            responsables.append(encontradas[0])
    datos = {"documento": documento, "parrafo_numero": numero, "inciso": inciso, "texto": texto, "mesa": mesa,
             "instituciones": responsables}
    return datos, errores


def _importar_filas(filas, resultado, usuario, nombre):
    instituciones = _indice_de_instituciones()
    mesas = {_clave(m.nombre): m for m in MesaTematica.objects.all()}
    vistas = {}
    for linea, fila in filas:
        datos, errores = _leer_fila(fila, instituciones)
        llave = (datos["documento"], datos["parrafo_numero"], datos["inciso"])
        if datos["parrafo_numero"] is not None:
            if llave in vistas:
                errores.append(_("Párrafo repetido (también en la línea %(l)s).") % {"l": vistas[llave]})
            vistas.setdefault(llave, linea)
        if errores:
            resultado.errores.extend((linea, e) for e in errores)
            continue
        try:
            _importar_fila(datos, mesas, resultado, usuario, nombre, linea)
        except ValidationError as error:  # model validation: report, do not crash
            resultado.errores.append((linea, "; ".join(error.messages)))


def _importar_fila(datos, mesas, resultado, usuario, nombre, linea):
    mesa = mesas.get(_clave(datos["mesa"]))
    if mesa is None:
        mesa = services.mesa_crear(nombre=datos["mesa"], usuario=usuario)
        mesas[_clave(mesa.nombre)] = mesa
        resultado.mesas_nuevas.append(mesa.nombre)
    existente = (Recomendacion.objects.filter(documento=datos["documento"], parrafo_numero=datos["parrafo_numero"],
                                              inciso=datos["inciso"]).select_related("mesa").first())
    if existente is None:
        recomendacion = services.recomendacion_crear(
            documento=datos["documento"], parrafo_numero=datos["parrafo_numero"], inciso=datos["inciso"],
            texto=datos["texto"], mesa=mesa, instituciones=datos["instituciones"], usuario=usuario,
            motivo_estatus=_("Importada de %(archivo)s.") % {"archivo": nombre},
        )
        resultado.nuevas.append(recomendacion.cita)
        return
    if _clave(existente.texto) != _clave(datos["texto"]) or existente.mesa_id != mesa.pk:
        resultado.errores.append((linea, _("La recomendación %(cita)s ya está registrada con otro texto u otra mesa; "
                                           "corríjala en su página.") % {"cita": existente.cita}))
        return
    ya = set(existente.seguimientos.values_list("institucion_id", flat=True))
    faltantes = [i for i in datos["instituciones"] if i.pk not in ya]
    for institucion in faltantes:
        motor.responsable_agregar(compromiso=existente, institucion=institucion, usuario=usuario)
    if faltantes:
        resultado.actualizadas.append(existente.cita)
    else:
        resultado.sin_cambios += 1


# Export ---------------------------------------------------------------------------

def _nombre_corto(institucion):
    return institucion.siglas or institucion.nombre


def filas(recomendaciones):
    """The rows of the export, in the import's columns: what is exported imports back
    unchanged. Two queries whatever the number of recommendations."""
    consulta = (recomendaciones.select_related("mesa")
                .prefetch_related("seguimientos__institucion")
                .order_by("documento", "parrafo_numero", "inciso"))
    for recomendacion in consulta:
        instituciones = sorted((s.institucion for s in recomendacion.seguimientos.all()), key=lambda i: i.nombre)
        yield [recomendacion.documento, escribir_parrafo(recomendacion.parrafo_numero, recomendacion.inciso),
               recomendacion.texto, recomendacion.mesa.nombre, "; ".join(_nombre_corto(i) for i in instituciones)]


def exportar(formato, recomendaciones):
    """The file's bytes, written by the one spreadsheet writer (formula-safe)."""
    if formato == "csv":
        return exportacion.como_csv(COLUMNAS, filas(recomendaciones))
    return exportacion.como_xlsx(_("Recomendaciones"), COLUMNAS, filas(recomendaciones), anchos=ANCHOS)
