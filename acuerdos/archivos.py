"""Decide what an uploaded evidence file is, from its bytes, and refuse what is not allowed.

Office documents (DOCX, XLSX, ODT, ODS) are ZIP containers whose type shows only in
their entries, and ZIP archives must be checked for bombs before anything inside
is read; both need the same bounded inspection, written here once. The browser's
content type and the file's name are never trusted; the name's extension must
only agree with what the content is.
"""

import codecs
import csv
import re
import stat
import struct
import tempfile
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import FormatoEvidencia

TIPO_MIME = {
    FormatoEvidencia.PDF: "application/pdf",
    FormatoEvidencia.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FormatoEvidencia.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    FormatoEvidencia.ODT: "application/vnd.oasis.opendocument.text",
    FormatoEvidencia.ODS: "application/vnd.oasis.opendocument.spreadsheet",
    FormatoEvidencia.JPG: "image/jpeg",
    FormatoEvidencia.PNG: "image/png",
    FormatoEvidencia.CSV: "text/csv",
    FormatoEvidencia.ZIP: "application/zip",
}
EXTENSIONES = {
    FormatoEvidencia.PDF: {".pdf"},
    FormatoEvidencia.DOCX: {".docx"},
    FormatoEvidencia.XLSX: {".xlsx"},
    FormatoEvidencia.ODT: {".odt"},
    FormatoEvidencia.ODS: {".ods"},
    FormatoEvidencia.JPG: {".jpg", ".jpeg"},
    FormatoEvidencia.PNG: {".png"},
    FormatoEvidencia.CSV: {".csv"},
    FormatoEvidencia.ZIP: {".zip"},
}
_ODF = {
    b"application/vnd.oasis.opendocument.text": FormatoEvidencia.ODT,
    b"application/vnd.oasis.opendocument.spreadsheet": FormatoEvidencia.ODS,
}
NOMBRE_MAXIMO = 150
_PUNTUACION_PERMITIDA = set(" .-_(),'+&#")
_MUESTRA_TEXTO = 64 * 1024


def respuesta_de_descarga(evidencia):
    """The one way an evidence file leaves the server: as an attachment that browsers
    neither sniff nor render (RFC 6266 file name, nosniff, CSP sandbox, no caching).

    Callers check the permission first. With ``SNIMH_X_ACCEL_REDIRECT_PREFIX`` set and
    files on the local file system, the body is left to nginx (``X-Accel-Redirect`` to
    an ``internal`` location), so a large download does not hold an application worker;
    the headers are the same either way.
    """
    from django.core.files.storage import FileSystemStorage
    from django.http import FileResponse, HttpResponse
    from django.utils.http import content_disposition_header

    tipo = TIPO_MIME[evidencia.formato]
    prefijo = settings.SNIMH_X_ACCEL_REDIRECT_PREFIX.rstrip("/")
    if prefijo and isinstance(evidencia.archivo.storage, FileSystemStorage):
        respuesta = HttpResponse(content_type=tipo)
        # nginx decodes the URI before mapping it to a file, so anything outside
        # the unreserved set is percent-encoded; "/" keeps the storage folders.
        respuesta["X-Accel-Redirect"] = f"{prefijo}/{quote(evidencia.archivo.name, safe='/')}"
        respuesta["Content-Disposition"] = content_disposition_header(True, evidencia.nombre_original)
    else:
        # Object stores (S3) are streamed through the worker: nginx cannot read them.
        respuesta = FileResponse(
            evidencia.archivo.open("rb"), as_attachment=True, filename=evidencia.nombre_original, content_type=tipo,
        )
    respuesta["X-Content-Type-Options"] = "nosniff"
    respuesta["Content-Security-Policy"] = "sandbox"
    respuesta["Cache-Control"] = "private, no-store"
    return respuesta


def formatos_admitidos():
    return ", ".join(sorted({ext.lstrip(".").upper() for exts in EXTENSIONES.values() for ext in exts} - {"JPEG"}))


class ArchivoRechazado(ValidationError):
    pass


@dataclass(frozen=True)
class ArchivoInspeccionado:
    nombre: str
    formato: str
    tamano: int



def validar_nombre(nombre):
    """Return the display name, NFC-normalised, or refuse it with a Spanish reason."""
    nombre = unicodedata.normalize("NFC", nombre or "").strip()
    if not nombre:
        raise ArchivoRechazado(_("El archivo no tiene nombre."), code="sin_nombre")
    if any(unicodedata.category(c) in {"Cc", "Cf", "Cs", "Co", "Cn"} for c in nombre):
        raise ArchivoRechazado(
            _("El nombre del archivo contiene caracteres de control no permitidos."), code="nombre_control",
        )
    if "/" in nombre or "\\" in nombre or nombre.startswith(".") or ".." in nombre:
        raise ArchivoRechazado(
            _("El nombre del archivo no puede contener rutas («/», «\\», «..») ni empezar con punto."),
            code="nombre_ruta",
        )
    if len(nombre) > NOMBRE_MAXIMO:
        raise ArchivoRechazado(
            _("El nombre del archivo es demasiado largo: máximo %(maximo)s caracteres.") % {"maximo": NOMBRE_MAXIMO},
            code="nombre_largo",
        )
    for caracter in nombre:
        latino = caracter.isalpha() and "LATIN" in unicodedata.name(caracter, "")
        if not (latino or caracter.isdigit() and caracter.isascii() or caracter in _PUNTUACION_PERMITIDA):
            raise ArchivoRechazado(
                _("El nombre del archivo solo puede llevar letras del alfabeto latino (con acentos y ñ), "
                  "números, espacios y los signos . - _ ( ) , ' + & #. Cámbielo y vuelva a subirlo."),
                code="nombre_caracteres",
            )
    return nombre


def _rechazo_formato():
    return ArchivoRechazado(
        _("El contenido del archivo no es de un formato admitido (%(formatos)s).") % {"formatos": formatos_admitidos()},
        code="formato",
    )


def _danado():
    return ArchivoRechazado(_("El archivo comprimido está dañado."), code="zip_dañado")


# Everything zipfile may raise on a damaged or hostile archive.
_ERRORES_ZIP = (zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError, OSError, RuntimeError, ValueError,
                KeyError, struct.error)

# Parts an office document may carry: its XML, relationships (including the package's
# own "_rels/.rels", which every DOCX/XLSX has), thumbnails and images.
# Macros (vbaProject.bin), embedded objects and anything else are refused.
_PARTES_OFFICE = re.compile(
    r"^(\[Content_Types\]\.xml|(?:[\w\-]+/)*(?:[\w\-.]+\.(?:xml|rels)|\.rels)|"
    r"(?:[\w\-]+/)*media/[\w\-.]+\.(?:png|jpe?g|gif|emf|wmf|bmp|tiff?|svg)|"
    r"docProps/thumbnail\.(?:jpe?g|png|wmf|emf))$",
    re.IGNORECASE,
)
_PARTES_ODF = re.compile(
    r"^(mimetype|META-INF/manifest\.xml|(?:content|styles|meta|settings|manifest)\.rdf|"
    r"(?:content|styles|meta|settings)\.xml|Thumbnails/thumbnail\.png|"
    r"Pictures/[\w\-.]+\.(?:png|jpe?g|gif|svg|svm|wmf|emf)|Configurations2/.*)$",
    re.IGNORECASE,
)


def _leer_limitado(zf, info, limite):
    """At most ``limite`` bytes of an entry; refuse when it holds more than it declares."""
    with zf.open(info) as entrada:
        datos = entrada.read(limite + 1)
    if len(datos) > limite and limite >= info.file_size:
        raise ArchivoRechazado(_("El archivo comprimido declara tamaños falsos."), code="zip_engañoso")
    return datos[:limite]


def _numero_de_entradas(archivo):
    """Entries declared by the end-of-central-directory record, read before parsing the directory.

    A small file can declare hundreds of thousands of entries; zipfile would parse
    them all before the limit could apply.
    """
    archivo.seek(0, 2)
    tamano = archivo.tell()
    cola = min(tamano, 65536 + 22)
    archivo.seek(tamano - cola)
    datos = archivo.read(cola)
    archivo.seek(0)
    posicion = datos.rfind(b"PK\x05\x06")
    if posicion < 0 or posicion + 22 > len(datos):
        raise _danado()
    total = struct.unpack("<H", datos[posicion + 10:posicion + 12])[0]
    if total == 0xFFFF:  # ZIP64: the real count lives elsewhere; beyond any sane evidence
        raise ArchivoRechazado(_("El archivo comprimido tiene demasiados elementos."), code="zip_entradas")
    return total


def _nombre_de_entrada_seguro(nombre):
    partes = nombre.replace("\\", "/").split("/")
    return not (nombre.startswith("/") or "\\" in nombre or ":" in nombre or ".." in partes or "\x00" in nombre)


def _inspeccionar_zip(archivo, *, permitir_zip_simple):
    if _numero_de_entradas(archivo) > settings.EVIDENCIA_ZIP_MAX_ENTRADAS:
        raise ArchivoRechazado(
            _("El archivo comprimido tiene demasiados elementos (máximo %(n)s).") % {"n": settings.EVIDENCIA_ZIP_MAX_ENTRADAS},
            code="zip_entradas",
        )
    try:
        zf = zipfile.ZipFile(archivo)
        entradas = zf.infolist()
        return _revisar_entradas(zf, entradas, permitir_zip_simple=permitir_zip_simple)
    except ArchivoRechazado:
        raise
    except _ERRORES_ZIP as error:
        raise _danado() from error


def _revisar_entradas(zf, entradas, *, permitir_zip_simple):
    if len(entradas) > settings.EVIDENCIA_ZIP_MAX_ENTRADAS:
        raise ArchivoRechazado(
            _("El archivo comprimido tiene demasiados elementos (máximo %(n)s).") % {"n": settings.EVIDENCIA_ZIP_MAX_ENTRADAS},
            code="zip_entradas",
        )
    total = 0
    nombres = set()
    for info in entradas:
        if info.flag_bits & 0x1:
            raise ArchivoRechazado(_("No se admiten archivos comprimidos con contraseña."), code="zip_cifrado")
        if not _nombre_de_entrada_seguro(info.filename) or info.filename in nombres:
            raise ArchivoRechazado(
                _("El archivo comprimido contiene rutas no permitidas o nombres repetidos."), code="zip_rutas",
            )
        if stat.S_ISLNK(info.external_attr >> 16):
            raise ArchivoRechazado(_("El archivo comprimido contiene enlaces simbólicos."), code="zip_enlace")
        nombres.add(info.filename)
        total += info.file_size
        proporcion = info.file_size / max(info.compress_size, 1)
        if total > settings.EVIDENCIA_ZIP_MAX_DESCOMPRIMIDO or proporcion > settings.EVIDENCIA_ZIP_MAX_PROPORCION:
            raise ArchivoRechazado(
                _("El archivo comprimido se expande a un tamaño desproporcionado y no se abrirá."), code="zip_bomba",
            )
    _sin_contenido_oculto(zf, entradas)
    if "[Content_Types].xml" in nombres:
        if "word/document.xml" in nombres:
            formato = FormatoEvidencia.DOCX
        elif "xl/workbook.xml" in nombres:
            formato = FormatoEvidencia.XLSX
        else:
            raise _rechazo_formato()
        _solo_partes(entradas, _PARTES_OFFICE)
        return formato
    if "mimetype" in nombres:
        tipo = _leer_limitado(zf, zf.getinfo("mimetype"), 200).strip()
        if tipo not in _ODF:
            raise _rechazo_formato()
        _solo_partes(entradas, _PARTES_ODF)
        return _ODF[tipo]
    if not permitir_zip_simple:
        raise ArchivoRechazado(_("No se admiten archivos comprimidos dentro de otro comprimido."), code="zip_anidado")
    archivos = [info for info in entradas if not info.is_dir()]
    if not archivos:
        raise ArchivoRechazado(_("El archivo comprimido está vacío."), code="zip_vacio")
    for info in archivos:
        extension = PurePosixPath(info.filename).suffix.lower()
        with tempfile.SpooledTemporaryFile(max_size=_MUESTRA_TEXTO) as contenido:
            # Office files inside are ZIPs themselves and are read whole (already
            # bounded above); for the rest the first bytes and a text sample decide.
            limite = info.file_size if extension in _EXTENSIONES_CONTENEDOR else max(_MUESTRA_TEXTO, 16)
            contenido.write(_leer_limitado(zf, info, limite))
            contenido.seek(0)
            formato = _detectar(contenido, permitir_zip_simple=False, completo=info.file_size <= limite)
        if extension not in EXTENSIONES[formato]:
            raise ArchivoRechazado(
                _("«%(nombre)s», dentro del comprimido, no es lo que su nombre indica.") % {"nombre": info.filename[:80]},
                code="zip_contenido",
            )
    return FormatoEvidencia.ZIP


_EXTENSIONES_CONTENEDOR = {".docx", ".xlsx", ".odt", ".ods"}


def _solo_partes(entradas, permitidas):
    for info in entradas:
        if not info.is_dir() and not permitidas.match(info.filename):
            raise ArchivoRechazado(
                _("El documento contiene elementos no admitidos (macros, objetos incrustados u otros archivos): "
                  "«%(nombre)s».") % {"nombre": info.filename[:80]},
                code="office_contenido",
            )


def _sin_contenido_oculto(zf, entradas):
    """The listed entries must fill the archive up to its directory: no bytes hidden
    between or before them, where a tool reading front to back would find a file."""
    fin = zf.start_dir
    posiciones = sorted((info.header_offset, info) for info in entradas)
    esperado = 0
    for offset, info in posiciones:
        if offset != esperado:
            raise ArchivoRechazado(_("El archivo comprimido contiene datos ocultos."), code="zip_oculto")
        zf.fp.seek(offset + 26)
        largo_nombre, largo_extra = struct.unpack("<HH", zf.fp.read(4))
        esperado = offset + 30 + largo_nombre + largo_extra + info.compress_size
        if info.flag_bits & 0x08:  # data descriptor after the data: 12 or 16 bytes
            zf.fp.seek(esperado)
            firma = zf.fp.read(4)
            esperado += 16 if firma == b"PK\x07\x08" else 12
    if esperado != fin:
        raise ArchivoRechazado(_("El archivo comprimido contiene datos ocultos."), code="zip_oculto")


def _decodificar(muestra, *, completo):
    for codificacion in ("utf-8-sig", "cp1252"):
        try:
            # A sample may end inside a multi-byte character: decode incrementally.
            return codecs.getincrementaldecoder(codificacion)().decode(muestra, final=completo)
        except UnicodeDecodeError:
            continue
    return None


def _parece_csv(muestra, *, completo):
    if b"\x00" in muestra:
        return False
    texto = _decodificar(muestra, completo=completo)
    if not texto or not texto.strip():
        return False
    inicio = texto.lstrip()[:20].lower()
    # Scripts and markup saved with a harmless name are text too; refuse them.
    if inicio.startswith(("#!", "<", "mz", "@echo", "function", "import ", "var ", "$")):
        return False
    lineas = [linea for linea in texto.splitlines() if linea.strip()][:50]
    if not completo and len(lineas) > 1:
        lineas = lineas[:-1]  # the last line of a sample may be cut
    try:
        dialecto = csv.Sniffer().sniff("\n".join(lineas), delimiters=",;\t|")
    except csv.Error:
        return False
    filas = list(csv.reader(lineas, dialecto))
    columnas = {len(fila) for fila in filas}
    return len(columnas) == 1 and columnas.pop() >= 2


def _revisar_csv_completo(archivo):
    """The whole CSV, not just its start: text throughout, and no spreadsheet formulas.

    A cell starting with = + - @ is run as a formula when the file is opened in a
    spreadsheet (CSV injection); evidence files have no business carrying one.
    """
    archivo.seek(0)
    decodificador = None
    for codificacion in ("utf-8-sig", "cp1252"):
        decodificador = codecs.getincrementaldecoder(codificacion)()
        try:
            texto = []
            for bloque in iter(lambda: archivo.read(_MUESTRA_TEXTO), b""):
                if b"\x00" in bloque:
                    raise _rechazo_formato()
                texto.append(decodificador.decode(bloque))
            texto.append(decodificador.decode(b"", final=True))
            break
        except UnicodeDecodeError:
            archivo.seek(0)
            texto = None
    archivo.seek(0)
    if texto is None:
        raise _rechazo_formato()
    contenido = "".join(texto)
    if re.search(r"(^|[,;\t|]\s*\"?)[=+@]|(^|[,;\t|])\"?-[^\d\s]", contenido, re.MULTILINE):
        raise ArchivoRechazado(
            _("El CSV contiene celdas que empiezan con =, +, - o @ (fórmulas de hoja de cálculo); "
              "quítelas o expórtelo como XLSX."),
            code="csv_formula",
        )


def _detectar(archivo, *, permitir_zip_simple=True, completo=True):
    archivo.seek(0)
    cabecera = archivo.read(8)
    archivo.seek(0)
    if cabecera.startswith(b"%PDF-"):
        if completo:
            # A PDF ends with its trailer; bytes appended after it are another file.
            archivo.seek(0, 2)
            archivo.seek(max(0, archivo.tell() - 1024))
            cola = archivo.read()
            archivo.seek(0)
            if not cola.rstrip().endswith(b"%%EOF"):
                raise ArchivoRechazado(_("El PDF está incompleto o trae datos añadidos después de su final."),
                                       code="pdf_cola")
        return FormatoEvidencia.PDF
    if cabecera.startswith(b"\x89PNG\r\n\x1a\n"):
        return FormatoEvidencia.PNG
    if cabecera.startswith(b"\xff\xd8\xff"):
        return FormatoEvidencia.JPG
    if cabecera.startswith(b"PK\x03\x04"):
        formato = _inspeccionar_zip(archivo, permitir_zip_simple=permitir_zip_simple)
        archivo.seek(0)
        return formato
    muestra = archivo.read(_MUESTRA_TEXTO)
    archivo.seek(0)
    if _parece_csv(muestra, completo=completo and len(muestra) < _MUESTRA_TEXTO):
        if completo:
            _revisar_csv_completo(archivo)
        return FormatoEvidencia.CSV
    raise _rechazo_formato()


def inspeccionar(archivo):
    """Validate an uploaded file and tell what it is, or raise ``ArchivoRechazado``."""
    nombre = validar_nombre(archivo.name)
    tamano = archivo.size
    if not tamano:
        raise ArchivoRechazado(_("El archivo está vacío."), code="vacio")
    if tamano > settings.EVIDENCIA_TAMANO_MAXIMO:
        from snimh.uploads import mensaje_excede_limite

        raise ArchivoRechazado(mensaje_excede_limite(), code="tamano")
    formato = _detectar(archivo)
    extension = PurePosixPath(nombre).suffix.lower()
    if extension not in EXTENSIONES[formato]:
        raise ArchivoRechazado(
            _("El contenido del archivo (%(formato)s) no corresponde a su extensión «%(extension)s»: "
              "no se aceptan archivos renombrados.") % {"formato": FormatoEvidencia(formato).label,
                                                         "extension": extension or "—"},
            code="extension",
        )
    return ArchivoInspeccionado(nombre=nombre, formato=formato, tamano=tamano)

