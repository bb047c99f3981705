"""Import and export a programme's action lines in one format (XLSX or CSV), so that the
file exported can be corrected and imported again.

One row per action line, a header row first (column order free), columns:

| column | content |
| --- | --- |
| objetivo | objective number, e.g. 1 |
| objetivo_texto | the objective's text (repeated on each of its lines; they must agree) |
| estrategia | strategy number as published, e.g. 1.1 |
| estrategia_texto | the strategy's text (repeated; must agree) |
| accion | action line number as published, e.g. 1.1.1 |
| accion_texto | the action line's text |
| tipo | general, especifica or coordinacion (case and accents ignored) |
| coordinadora | the coordinating institution, by acronym or name |
| instrumentadoras | implementing institutions, by acronym or name, separated by ";" |

The export adds ``estatus`` and ``avance`` (progress, %); the import ignores them: the
follow-up is recorded in the system, not in the file. All or nothing: any error stores
nothing and every bad line is reported with its number; importing the same file again
changes nothing; a changed text, type or set of institutions updates the line.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from compromisos.models import Estatus
from instituciones.models import Institucion
from snimh import exportacion, uploads
from snimh.hojas import FilasDeMas, clave_de_texto, leer_filas

from . import services
from .models import PATRON_ESTRATEGIA, PATRON_LINEA, LineaAccion, Programa, TipoAccion

COLUMNAS = ["objetivo", "objetivo_texto", "estrategia", "estrategia_texto", "accion", "accion_texto", "tipo",
            "coordinadora", "instrumentadoras"]
COLUMNAS_DE_EXPORTACION = [*COLUMNAS, "estatus", "avance"]
TIPOS = {
    "general": TipoAccion.GENERAL, "especifica": TipoAccion.ESPECIFICA, "coordinacion": TipoAccion.COORDINACION,
    "de coordinacion": TipoAccion.COORDINACION,
}


@dataclass
class ResultadoImportacion:
    errores: list = field(default_factory=list)  # (line, Spanish reason)
    nuevas: list = field(default_factory=list)  # action line numbers
    actualizadas: list = field(default_factory=list)
    sin_cambios: int = 0
    objetivos_nuevos: int = 0
    estrategias_nuevas: int = 0

    @property
    def valido(self):
        return not self.errores

    def resumen(self):
        """«3 líneas de acción nuevas, 1 actualizada; 2 sin cambios», every count in its number."""
        n, a, s = len(self.nuevas), len(self.actualizadas), self.sin_cambios
        return "; ".join([
            ngettext("%(n)s línea de acción nueva", "%(n)s líneas de acción nuevas", n) % {"n": n},
            ngettext("%(n)s actualizada", "%(n)s actualizadas", a) % {"n": a},
            ngettext("%(n)s sin cambios", "%(n)s sin cambios", s) % {"n": s},
        ])


class _Abortar(Exception):
    pass


def _texto(valor):
    """A cell as text; a formula-looking text the export protected with «'» comes back as it was."""
    texto = "" if valor is None else str(valor).strip()
    if texto.startswith("'") and exportacion.es_formula(texto[1:]):
        texto = texto[1:]
    return texto


def _numero_publicado(valor):
    """``1.0`` (a spreadsheet's number) → ``"1"``; ``"1.1"`` stays: strategies are text."""
    if isinstance(valor, float) and valor.is_integer():
        return str(int(valor))
    return _texto(valor)


def _mensajes(error):
    if isinstance(error, ValidationError):
        return error.messages
    return [str(error)]


def importar(programa: Programa, nombre: str, contenido: bytes, *, usuario=None, simular=False) -> ResultadoImportacion:
    """Import ``contenido`` into ``programa``; with ``simular`` (the preview, ``--dry-run``)
    report what would change and roll back."""
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
        resultado.errores.append((1, _("No se pudo leer el archivo: use el formato de exportación en XLSX o CSV "
                                       "(UTF-8).")))
        return resultado
    if not filas:
        resultado.errores.append((1, _("El archivo no tiene filas de datos.")))
        return resultado
    faltantes = [c for c in COLUMNAS if c not in filas[0][1]]
    if faltantes:
        resultado.errores.append((1, _("Faltan columnas: %(c)s.") % {"c": ", ".join(faltantes)}))
        return resultado
    instituciones = {}
    for inst in Institucion.objects.all():
        for clave in (inst.siglas, inst.nombre):
            if clave:
                instituciones[clave_de_texto(clave)] = inst
    leidas = _leer(filas, instituciones, resultado)
    try:
        with transaction.atomic():
            if not resultado.errores:
                _guardar(programa, leidas, resultado, usuario, nombre)
            if resultado.errores or simular:
                raise _Abortar
            if resultado.nuevas:
                _actualizar_estadisticas()
    except _Abortar:
        pass
    return resultado


# The tables an import fills: their planner statistics are refreshed at once (milliseconds)
# instead of waiting for autovacuum. A precaution: a 2,670-line programme bulk-loaded in a test
# database without statistics made the dashboard's roll-ups run for minutes (with statistics,
# under a second); a 267-line import was not seen to need it.
TABLAS_DEL_PROGRAMA = ["compromisos_compromiso", "compromisos_seguimiento", "programas_lineaaccion",
                       "programas_estrategia", "programas_objetivo"]


def _actualizar_estadisticas():
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in TABLAS_DEL_PROGRAMA))


@dataclass
class _Linea:
    linea: int
    objetivo: int
    objetivo_texto: str
    estrategia: str
    estrategia_texto: str
    accion: str
    accion_texto: str
    tipo: str
    coordinadora: Institucion
    instrumentadoras: list


def _leer(filas, instituciones, resultado):
    """Check every row (and the rows against each other) before anything is stored."""
    leidas, vistas, textos_objetivo, textos_estrategia = [], {}, {}, {}
    for linea, fila in filas:
        errores = []
        objetivo_txt = _numero_publicado(fila.get("objetivo"))
        objetivo = int(objetivo_txt) if objetivo_txt.isdigit() and int(objetivo_txt) > 0 else None
        if objetivo is None:
            errores.append(_("El objetivo debe ser un número entero mayor que cero; dice «%(v)s».") % {"v": objetivo_txt})
        estrategia = _numero_publicado(fila.get("estrategia"))
        if not re.fullmatch(PATRON_ESTRATEGIA, estrategia):
            errores.append(_("Número de estrategia no reconocido: «%(v)s» (escríbalo como se publicó, p. ej. «1.2»).")
                           % {"v": estrategia})
        elif objetivo is not None and not estrategia.startswith(f"{objetivo}."):
            errores.append(_("La estrategia %(e)s no pertenece al objetivo %(o)s.") % {"e": estrategia, "o": objetivo})
        accion = _numero_publicado(fila.get("accion"))
        if not re.fullmatch(PATRON_LINEA, accion):
            errores.append(_("Número de acción no reconocido: «%(v)s» (escríbalo como se publicó, p. ej. «1.2.3»).")
                           % {"v": accion})
        elif re.fullmatch(PATRON_ESTRATEGIA, estrategia) and not accion.startswith(f"{estrategia}."):
            errores.append(_("La acción %(a)s no pertenece a la estrategia %(e)s.") % {"a": accion, "e": estrategia})
        textos = {c: _texto(fila.get(c)) for c in ("objetivo_texto", "estrategia_texto", "accion_texto")}
        for columna, etiqueta in (("objetivo_texto", _("del objetivo")), ("estrategia_texto", _("de la estrategia")),
                                  ("accion_texto", _("de la acción"))):
            if not textos[columna]:
                errores.append(_("Falta el texto %(de)s («%(c)s»).") % {"de": etiqueta, "c": columna})
        tipo = TIPOS.get(clave_de_texto(fila.get("tipo")))
        if tipo is None:
            errores.append(_("Tipo desconocido: «%(v)s» (use general, especifica o coordinacion).")
                           % {"v": _texto(fila.get("tipo"))})
        coordinadora = None
        nombre_coordinadora = _texto(fila.get("coordinadora"))
        if not nombre_coordinadora:
            errores.append(_("Falta la institución coordinadora."))
        else:
            coordinadora = instituciones.get(clave_de_texto(nombre_coordinadora))
            if coordinadora is None:
                errores.append(_("Institución coordinadora desconocida: «%(v)s».") % {"v": nombre_coordinadora})
        instrumentadoras = []
        for nombre_inst in _texto(fila.get("instrumentadoras")).split(";"):
            if nombre_inst.strip():
                inst = instituciones.get(clave_de_texto(nombre_inst))
                if inst is None:
                    errores.append(_("Institución instrumentadora desconocida: «%(v)s».") % {"v": nombre_inst.strip()})
                elif inst not in instrumentadoras:
                    instrumentadoras.append(inst)
        if not _texto(fila.get("instrumentadoras")).strip(" ;"):
            errores.append(_("Falta al menos una institución instrumentadora."))
        if accion in vistas:
            errores.append(_("Acción repetida (también en la línea %(l)s).") % {"l": vistas[accion]})
        vistas.setdefault(accion, linea)
        # A line repeats its objective's and strategy's texts: they must agree with the first.
        for clave, texto, registro, mensaje in (
            (objetivo, textos["objetivo_texto"], textos_objetivo,
             _("El texto del objetivo %(n)s no coincide con el de la línea %(l)s.")),
            (estrategia, textos["estrategia_texto"], textos_estrategia,
             _("El texto de la estrategia %(n)s no coincide con el de la línea %(l)s.")),
        ):
            if clave is None or not texto:
                continue
            anterior = registro.setdefault(clave, (linea, " ".join(texto.split())))
            if anterior[1] != " ".join(texto.split()):
                errores.append(mensaje % {"n": clave, "l": anterior[0]})
        if errores:
            resultado.errores.extend((linea, e) for e in errores)
            continue
        leidas.append(_Linea(linea, objetivo, textos["objetivo_texto"], estrategia, textos["estrategia_texto"], accion,
                             textos["accion_texto"], tipo, coordinadora, instrumentadoras))
    return leidas


def _guardar(programa, leidas, resultado, usuario, nombre):
    objetivos, estrategias = {}, {}
    motivo = _("Importada de %(archivo)s.") % {"archivo": nombre}
    for fila in leidas:
        try:
            # A savepoint per row: one row's database error does not hide the next rows' errors.
            with transaction.atomic():
                if fila.objetivo not in objetivos:
                    objetivos[fila.objetivo], nuevo = services.objetivo_asegurar(
                        programa=programa, numero=fila.objetivo, texto=fila.objetivo_texto)
                    resultado.objetivos_nuevos += nuevo
                if fila.estrategia not in estrategias:
                    estrategias[fila.estrategia], nueva = services.estrategia_asegurar(
                        objetivo=objetivos[fila.objetivo], numero=fila.estrategia, texto=fila.estrategia_texto)
                    resultado.estrategias_nuevas += nueva
                _linea, que = services.linea_guardar(
                    estrategia=estrategias[fila.estrategia], numero=fila.accion, texto=fila.accion_texto,
                    tipo_accion=fila.tipo, coordinadora=fila.coordinadora, instrumentadoras=fila.instrumentadoras,
                    usuario=usuario, motivo=motivo)
        except ValidationError as error:
            resultado.errores.extend((fila.linea, m) for m in _mensajes(error))
            continue
        if que == "nueva":
            resultado.nuevas.append(fila.accion)
        elif que == "actualizada":
            resultado.actualizadas.append(fila.accion)
        else:
            resultado.sin_cambios += 1


# Export ----------------------------------------------------------------------

def _nombre_de(institucion):
    return institucion.siglas or institucion.nombre


def filas_de_exportacion(lineas):
    """The rows of the export, in published order; ``lineas`` comes from
    ``selectors.lineas_para_exportar`` (a constant number of queries)."""
    for linea in lineas:
        estrategia = linea.estrategia
        objetivo = estrategia.objetivo
        seguimientos = list(linea.seguimientos.all())
        avance = linea.avance_de_seguimientos()["promedio"]
        yield [
            objetivo.numero, objetivo.texto, estrategia.numero, estrategia.texto, linea.numero, linea.texto,
            linea.tipo_accion, _nombre_de(linea.coordinadora),
            "; ".join(_nombre_de(s.institucion) for s in sorted(seguimientos, key=lambda s: _nombre_de(s.institucion))),
            str(Estatus(linea.estatus).label), "" if avance is None else avance,
        ]


def exportar(lineas, formato):
    """The programme's lines as CSV or XLSX through the one formula-safe writer."""
    filas = filas_de_exportacion(lineas)
    if formato == "xlsx":
        return exportacion.como_xlsx(_("Líneas de acción"), COLUMNAS_DE_EXPORTACION, filas,
                                     anchos=(9, 40, 11, 40, 9, 60, 13, 16, 30, 13, 9))
    return exportacion.como_csv(COLUMNAS_DE_EXPORTACION, filas)


def ya_registradas(programa):
    """How many action lines the programme has (the import page says it before replacing)."""
    return LineaAccion.objects.del_programa(programa).count()
