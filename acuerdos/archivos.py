"""Decide what an uploaded evidence file is, from its bytes, and refuse what is not allowed.

Office documents (DOCX, XLSX, ODT, ODS) are ZIP containers whose type shows only in
their entries, and ZIP archives must be checked for bombs before anything inside
is read; both need the same bounded inspection, written here once. The browser's
content type and the file's name are never trusted; the name's extension must
only agree with what the content is.
"""

import csv
import io
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

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


def formatos_admitidos():
    return ", ".join(sorted({ext.lstrip(".").upper() for exts in EXTENSIONES.values() for ext in exts} - {"JPEG"}))


class ArchivoRechazado(ValidationError):
    pass


@dataclass(frozen=True)
class ArchivoInspeccionado:
    nombre: str
    formato: str
    tamano: int

    @property
    def tipo_mime(self):
        return TIPO_MIME[self.formato]


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


def _leer_limitado(zf, info, limite):
    with zf.open(info) as entrada:
        datos = entrada.read(limite + 1)
    if len(datos) > limite:
        raise ArchivoRechazado(_("El archivo comprimido declara tamaños falsos."), code="zip_engañoso")
    return datos


def _inspeccionar_zip(archivo, *, permitir_zip_simple):
    try:
        zf = zipfile.ZipFile(archivo)
        entradas = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ArchivoRechazado(_("El archivo comprimido está dañado."), code="zip_dañado") from error
    if len(entradas) > settings.EVIDENCIA_ZIP_MAX_ENTRADAS:
        raise ArchivoRechazado(
            _("El archivo comprimido tiene demasiados elementos (máximo %(n)s).") % {"n": settings.EVIDENCIA_ZIP_MAX_ENTRADAS},
            code="zip_entradas",
        )
    total = 0
    for info in entradas:
        if info.flag_bits & 0x1:
            raise ArchivoRechazado(_("No se admiten archivos comprimidos con contraseña."), code="zip_cifrado")
        total += info.file_size
        proporcion = info.file_size / max(info.compress_size, 1)
        if total > settings.EVIDENCIA_ZIP_MAX_DESCOMPRIMIDO or proporcion > settings.EVIDENCIA_ZIP_MAX_PROPORCION:
            raise ArchivoRechazado(
                _("El archivo comprimido se expande a un tamaño desproporcionado y no se abrirá."), code="zip_bomba",
            )
    nombres = {info.filename for info in entradas}
    if "[Content_Types].xml" in nombres:
        if "word/document.xml" in nombres:
            return FormatoEvidencia.DOCX
        if "xl/workbook.xml" in nombres:
            return FormatoEvidencia.XLSX
        raise _rechazo_formato()
    if "mimetype" in nombres:
        tipo = _leer_limitado(zf, zf.getinfo("mimetype"), 200).strip()
        if tipo in _ODF:
            return _ODF[tipo]
        raise _rechazo_formato()
    if not permitir_zip_simple:
        raise ArchivoRechazado(_("No se admiten archivos comprimidos dentro de otro comprimido."), code="zip_anidado")
    archivos = [info for info in entradas if not info.is_dir()]
    if not archivos:
        raise ArchivoRechazado(_("El archivo comprimido está vacío."), code="zip_vacio")
    for info in archivos:
        contenido = io.BytesIO(_leer_limitado(zf, info, info.file_size))
        formato = _detectar(contenido, permitir_zip_simple=False)
        extension = PurePosixPath(info.filename).suffix.lower()
        if extension not in EXTENSIONES[formato]:
            raise ArchivoRechazado(
                _("«%(nombre)s», dentro del comprimido, no es lo que su nombre indica.") % {"nombre": info.filename[:80]},
                code="zip_contenido",
            )
    return FormatoEvidencia.ZIP


def _parece_csv(muestra):
    if b"\x00" in muestra:
        return False
    texto = None
    for codificacion in ("utf-8-sig", "cp1252"):
        try:
            texto = muestra.decode(codificacion)
            break
        except UnicodeDecodeError:
            continue
    if not texto or not texto.strip():
        return False
    inicio = texto.lstrip()[:20].lower()
    # Scripts and markup saved with a harmless name are text too; refuse them.
    if inicio.startswith(("#!", "<", "mz", "@echo", "function", "import ", "var ", "$")):
        return False
    lineas = [linea for linea in texto.splitlines() if linea.strip()][:50]
    if len(lineas) < 1:
        return False
    try:
        dialecto = csv.Sniffer().sniff("\n".join(lineas), delimiters=",;\t|")
    except csv.Error:
        return False
    filas = list(csv.reader(lineas, dialecto))
    columnas = {len(fila) for fila in filas}
    return len(columnas) == 1 and columnas.pop() >= 2


def _detectar(archivo, *, permitir_zip_simple=True):
    archivo.seek(0)
    cabecera = archivo.read(8)
    archivo.seek(0)
    if cabecera.startswith(b"%PDF-"):
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
    if _parece_csv(muestra):
        return FormatoEvidencia.CSV
    raise _rechazo_formato()


def inspeccionar(archivo):
    """Validate an uploaded file and tell what it is, or raise ``ArchivoRechazado``."""
    nombre = validar_nombre(archivo.name)
    tamano = archivo.size
    if not tamano:
        raise ArchivoRechazado(_("El archivo está vacío."), code="vacio")
    if tamano > settings.EVIDENCIA_TAMANO_MAXIMO:
        raise ArchivoRechazado(
            _("El archivo excede el límite de %(mb)s MB.") % {"mb": settings.EVIDENCIA_TAMANO_MAXIMO // (1024 * 1024)},
            code="tamano",
        )
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

