"""Uploaded files: the one module that receives them and decides whether they are accepted.

While Django reads the request body:

- ``LimiteTamanoUploadHandler`` (first in FILE_UPLOAD_HANDLERS) counts the bytes of each
  file and stops passing them on past EVIDENCIA_TAMANO_MAXIMO, so no file larger than the
  limit is ever held in memory or on disk; what is left is an ``ArchivoDescartado``.
- ``_Parser`` is Django's multipart parser that also keeps the file name exactly as the
  client sent it (Django silently strips paths and control characters; such a name only
  comes from a forged request, which is refused rather than accepted). The page middleware
  (``NombresDeArchivoMiddleware``) and the API's parser (``ParserMultipartAPI``) both use it.

Then ``inspeccionar(archivo)`` is the one public entry that the forms, the API serializers
and the services call: name, emptiness, size, and a format decided from the bytes (never
from the name or the browser's content type), with active content refused. The accepted
formats are listed once, in ``Formato``.
"""

import codecs
import csv
import html
import io
import re
import stat
import struct
import tempfile
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urlsplit
from xml.parsers import expat

import pikepdf
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.db import models
from django.http.multipartparser import MultiPartParser, MultiPartParserError
from django.utils.datastructures import ImmutableList
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from PIL import Image
from rest_framework import exceptions as drf_exceptions
from rest_framework import parsers as drf_parsers

from snimh.exportacion import es_formula

# The formats ------------------------------------------------------------------------


class Formato(models.TextChoices):
    """Accepted file formats, decided from the file's content."""

    PDF = "pdf", "PDF"
    DOCX = "docx", "Word (DOCX)"
    XLSX = "xlsx", "Excel (XLSX)"
    ODT = "odt", "OpenDocument texto (ODT)"
    ODS = "ods", "OpenDocument hoja de cálculo (ODS)"
    JPG = "jpg", "Imagen JPEG"
    PNG = "png", "Imagen PNG"
    CSV = "csv", "CSV"
    ZIP = "zip", "ZIP"


# Per format: the MIME type it is served with and the extensions its name may carry.
_DESCRIPCION = {
    Formato.PDF: ("application/pdf", (".pdf",)),
    Formato.DOCX: ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",)),
    Formato.XLSX: ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)),
    Formato.ODT: ("application/vnd.oasis.opendocument.text", (".odt",)),
    Formato.ODS: ("application/vnd.oasis.opendocument.spreadsheet", (".ods",)),
    Formato.JPG: ("image/jpeg", (".jpg", ".jpeg")),
    Formato.PNG: ("image/png", (".png",)),
    Formato.CSV: ("text/csv", (".csv",)),
    Formato.ZIP: ("application/zip", (".zip",)),
}
TIPO_MIME = {formato: tipo for formato, (tipo, _extensiones) in _DESCRIPCION.items()}
EXTENSIONES = {formato: set(extensiones) for formato, (_tipo, extensiones) in _DESCRIPCION.items()}
# The spreadsheets the historical record can be imported from.
FORMATOS_DE_IMPORTACION = frozenset({Formato.XLSX, Formato.CSV})


def formatos_admitidos(formatos=None):
    """``"CSV, DOCX, …"``: the formats as a person reads them."""
    extensiones = {ext.lstrip(".").upper() for f in (formatos or Formato) for ext in EXTENSIONES[f]}
    return ", ".join(sorted(extensiones - {"JPEG"}))


# Limits that are not settings: they bound the work of the inspection itself.
NOMBRE_MAXIMO = 150
IMAGEN_MAX_PIXELES = 50_000_000  # a 50-megapixel photograph; decoding it takes ~150 MB
_PUNTUACION_PERMITIDA = set(" .-_(),'+&#")
_MUESTRA_TEXTO = 64 * 1024
_ENTRADA_EN_MEMORIA = 1024 * 1024


class ArchivoRechazado(ValidationError):
    """A refused file, with the Spanish reason and a stable ``code``."""


@dataclass(frozen=True)
class ArchivoInspeccionado:
    nombre: str
    formato: str
    tamano: int


# While the body streams ------------------------------------------------------------


class ArchivoDescartado(UploadedFile):
    """What is left of a file dropped while it streamed: its name and the bytes counted.
    ``inspeccionar`` refuses it with the size limit."""

    def __init__(self, nombre, recibidos):
        super().__init__(file=io.BytesIO(), name=nombre, content_type="application/octet-stream", size=recibidos)


class LimiteTamanoUploadHandler(FileUploadHandler):
    """First in FILE_UPLOAD_HANDLERS: counts bytes and passes every chunk on untouched up to
    the limit, so the memory and temporary-file handlers behind it never receive more."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.limite = settings.EVIDENCIA_TAMANO_MAXIMO
        # A body far larger than the limit cannot hold a valid file: drop it at once.
        self.cuerpo_excesivo = content_length is not None and content_length > self.limite + 1024 * 1024
        return None

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.recibidos = 0
        self.descartado = getattr(self, "cuerpo_excesivo", False)

    def receive_data_chunk(self, raw_data, start):
        self.recibidos += len(raw_data)
        if self.recibidos > self.limite:
            self.descartado = True
        # None: the handlers behind this one receive nothing more of this file.
        return None if self.descartado else raw_data

    def file_complete(self, file_size):
        if not self.descartado:
            return None
        # The handlers behind may hold the first part of the file; free it now.
        for manejador in self.request.upload_handlers:
            if manejador is not self and hasattr(manejador, "file"):
                manejador.file.close()
        return ArchivoDescartado(self.file_name, self.recibidos)


class _Parser(MultiPartParser):
    """Django's multipart parser; each file also carries ``nombre_enviado``, its name as sent."""

    def sanitize_file_name(self, file_name):
        self._nombre_enviado = html.unescape(file_name)
        return super().sanitize_file_name(file_name)

    IE_sanitize = sanitize_file_name

    def handle_file_complete(self, old_field_name, counters):
        antes = len(self._files.getlist(old_field_name))
        super().handle_file_complete(old_field_name, counters)
        recibidos = self._files.getlist(old_field_name)
        if len(recibidos) > antes:
            recibidos[-1].nombre_enviado = getattr(self, "_nombre_enviado", recibidos[-1].name)


class NombresDeArchivoMiddleware:
    """Parse the multipart bodies of pages with ``_Parser``.

    Must come before CsrfViewMiddleware, which is the first to read request.POST.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        def parse_file_upload(meta, post_data):
            # Same as HttpRequest.parse_file_upload, with the parser above.
            request.upload_handlers = ImmutableList(
                request.upload_handlers,
                warning="You cannot alter upload handlers after the upload has been processed.",
            )
            return _Parser(meta, post_data, request.upload_handlers, request.encoding).parse()

        request.parse_file_upload = parse_file_upload
        return self.get_response(request)


class ParserMultipartAPI(drf_parsers.MultiPartParser):
    """DRF's multipart parser with the same ``_Parser`` and upload handlers as the pages."""

    def parse(self, stream, media_type=None, parser_context=None):
        contexto = parser_context or {}
        request = contexto["request"]
        meta = request.META.copy()
        meta["CONTENT_TYPE"] = media_type
        codificacion = contexto.get("encoding", settings.DEFAULT_CHARSET)
        try:
            datos, archivos = _Parser(meta, stream, request.upload_handlers, codificacion).parse()
        except MultiPartParserError as error:
            raise drf_exceptions.ParseError(_("El cuerpo multipart está mal formado.")) from error
        return drf_parsers.DataAndFiles(datos, archivos)


# The entry ---------------------------------------------------------------------------

_INSPECCION = "_snimh_inspeccion"


def mensaje_excede_limite(tamano_maximo=None):
    mb = (tamano_maximo or settings.EVIDENCIA_TAMANO_MAXIMO) // (1024 * 1024)
    return _("El archivo excede el límite de %(mb)s MB.") % {"mb": mb}


def inspeccionar(archivo, *, formatos=None, tamano_maximo=None) -> ArchivoInspeccionado:
    """Validate an uploaded file and tell what it is, or raise ``ArchivoRechazado``.

    ``formatos`` restricts the accepted formats (every ``Formato`` by default);
    ``tamano_maximo`` lowers the size limit below EVIDENCIA_TAMANO_MAXIMO. The result is
    kept on the file object, so the form, the serializer and the service that call it in
    turn inspect the bytes once.
    """
    formatos = frozenset(formatos or Formato)
    limite = min(tamano_maximo or settings.EVIDENCIA_TAMANO_MAXIMO, settings.EVIDENCIA_TAMANO_MAXIMO)
    clave = (formatos, limite)
    anterior = getattr(archivo, _INSPECCION, None)
    if anterior is not None and anterior[0] == clave:
        return anterior[1]
    if archivo is None:
        raise ArchivoRechazado(_("Adjunte el archivo."), code="requerido")
    if isinstance(archivo, ArchivoDescartado):
        raise ArchivoRechazado(mensaje_excede_limite(limite), code="tamano")
    nombre = validar_nombre(getattr(archivo, "nombre_enviado", None) or archivo.name)
    tamano = archivo.size
    if not tamano:
        raise ArchivoRechazado(_("El archivo está vacío."), code="vacio")
    if tamano > limite:
        raise ArchivoRechazado(mensaje_excede_limite(limite), code="tamano")
    try:
        formato = _detectar(archivo, permitir_zip_simple=Formato.ZIP in formatos)
    finally:
        archivo.seek(0)
    if formato not in formatos:
        raise _rechazo_formato(formatos)
    extension = PurePosixPath(nombre).suffix.lower()
    if extension not in EXTENSIONES[formato]:
        raise ArchivoRechazado(
            _("El contenido del archivo (%(formato)s) no corresponde a su extensión «%(extension)s»: "
              "no se aceptan archivos renombrados.") % {"formato": Formato(formato).label,
                                                         "extension": extension or "—"},
            code="extension",
        )
    resultado = ArchivoInspeccionado(nombre=nombre, formato=formato, tamano=tamano)
    setattr(archivo, _INSPECCION, (clave, resultado))
    return resultado


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


def _rechazo_formato(formatos=None):
    return ArchivoRechazado(
        _("El contenido del archivo no es de un formato admitido (%(formatos)s).")
        % {"formatos": formatos_admitidos(formatos)},
        code="formato",
    )


def _detectar(archivo, *, permitir_zip_simple=True):
    """The format of a whole file, after the checks that format needs."""
    archivo.seek(0)
    cabecera = archivo.read(8)
    archivo.seek(0)
    if cabecera.startswith(b"%PDF-"):
        _revisar_pdf(archivo)
        return Formato.PDF
    if cabecera.startswith(b"\x89PNG\r\n\x1a\n"):
        _revisar_imagen(archivo, "PNG")
        return Formato.PNG
    if cabecera.startswith(b"\xff\xd8\xff"):
        _revisar_imagen(archivo, "JPEG")
        return Formato.JPG
    if cabecera.startswith(b"PK\x03\x04"):
        return _inspeccionar_zip(archivo, permitir_zip_simple=permitir_zip_simple)
    muestra = archivo.read(_MUESTRA_TEXTO)
    archivo.seek(0)
    dialecto = _dialecto_csv(muestra, completo=len(muestra) < _MUESTRA_TEXTO)
    if dialecto is None:
        raise _rechazo_formato()
    _revisar_csv_completo(archivo, dialecto)
    return Formato.CSV


# PDF ---------------------------------------------------------------------------------

# Markup a browser would render if the file were ever served as a page: a PDF that is
# also an HTML document (a polyglot) is refused.
_HTML_EN_PDF = re.compile(rb"<(?:script|html|iframe|body|svg)\b|<!doctype\s+html", re.IGNORECASE)


def _rechazo_pdf(mensaje, codigo):
    return ArchivoRechazado(mensaje, code=codigo)


def _revisar_pdf(archivo):
    """Parse the PDF with qpdf (pikepdf) and refuse JavaScript, Launch actions, embedded
    files and other active content; refuse what does not parse or hides HTML."""
    datos = archivo.read()
    archivo.seek(0)
    # A PDF ends with its trailer; bytes appended after it are another file.
    if not datos[-1024:].rstrip().endswith(b"%%EOF"):
        raise _rechazo_pdf(_("El PDF está incompleto o trae datos añadidos después de su final."), "pdf_cola")
    if _HTML_EN_PDF.search(datos):
        raise _rechazo_pdf(_("El PDF contiene también código de página web (HTML) y no se admite."), "pdf_html")
    try:
        with pikepdf.open(io.BytesIO(datos)) as pdf:
            for objeto in pdf.objects:
                _revisar_objeto_pdf(objeto, 0)
    except ArchivoRechazado:
        raise
    except pikepdf.PasswordError as error:
        raise _rechazo_pdf(_("El PDF está protegido con contraseña; súbalo sin contraseña."), "pdf_cifrado") from error
    except (pikepdf.PdfError, pikepdf.PikepdfError, RecursionError, ValueError, RuntimeError, TypeError) as error:
        raise _rechazo_pdf(_("El PDF está dañado o no se puede leer."), "pdf_danado") from error


def _revisar_objeto_pdf(objeto, profundidad):
    """Walk one object and its direct children; indirect ones are walked on their own."""
    if profundidad > 64:
        raise _rechazo_pdf(_("El PDF está dañado o no se puede leer."), "pdf_danado")
    if isinstance(objeto, pikepdf.Stream):
        _revisar_diccionario_pdf(objeto.stream_dict, profundidad)
    elif isinstance(objeto, pikepdf.Dictionary):
        _revisar_diccionario_pdf(objeto, profundidad)
    elif isinstance(objeto, pikepdf.Array):
        for elemento in objeto:
            if isinstance(elemento, pikepdf.Dictionary | pikepdf.Array) and not elemento.is_indirect:
                _revisar_objeto_pdf(elemento, profundidad + 1)


_ACCIONES_PDF = {
    "/JavaScript": "pdf_javascript", "/Launch": "pdf_launch", "/GoToE": "pdf_adjuntos",
    "/RichMediaExecute": "pdf_activo",
}
_MENSAJES_PDF = {
    "pdf_javascript": gettext_lazy(
        "El PDF contiene código JavaScript, que no se admite en las evidencias. "
        "Imprímalo o expórtelo de nuevo como PDF, sin formularios activos."),
    "pdf_launch": gettext_lazy(
        "El PDF contiene una acción que abre otros programas o archivos (Launch) y no se admite."),
    "pdf_adjuntos": gettext_lazy("El PDF contiene archivos adjuntos incrustados; súbalos por separado."),
    "pdf_activo": gettext_lazy("El PDF contiene contenido activo (formularios XFA o multimedia) y no se admite."),
}


def _revisar_diccionario_pdf(diccionario, profundidad):
    claves = set(diccionario.keys())
    motivo = None
    if claves & {"/JS", "/JavaScript"}:
        motivo = "pdf_javascript"
    elif claves & {"/EmbeddedFiles", "/EF"}:
        motivo = "pdf_adjuntos"
    elif "/XFA" in claves:
        motivo = "pdf_activo"
    else:
        accion = str(diccionario.get("/S", ""))
        subtipo = str(diccionario.get("/Subtype", ""))
        tipo = str(diccionario.get("/Type", ""))
        if accion in _ACCIONES_PDF:
            motivo = _ACCIONES_PDF[accion]
        elif subtipo == "/FileAttachment" or tipo == "/EmbeddedFile":
            motivo = "pdf_adjuntos"
        elif subtipo == "/RichMedia":
            motivo = "pdf_activo"
    if motivo:
        raise _rechazo_pdf(str(_MENSAJES_PDF[motivo]), motivo)
    for clave in claves:
        valor = diccionario.get(clave)
        if isinstance(valor, pikepdf.Dictionary | pikepdf.Array) and not valor.is_indirect:
            _revisar_objeto_pdf(valor, profundidad + 1)


# Images ------------------------------------------------------------------------------

def _rechazo_imagen():
    return ArchivoRechazado(
        _("La imagen está dañada o no es una imagen PNG o JPEG válida."), code="imagen_danada",
    )


def _revisar_imagen(archivo, formato):
    """Decode the whole image with Pillow, and refuse bytes after its end."""
    datos = archivo.read()
    archivo.seek(0)
    demasiado_grande = ArchivoRechazado(
        _("La imagen es demasiado grande: máximo %(mp)s megapíxeles.") % {"mp": IMAGEN_MAX_PIXELES // 1_000_000},
        code="imagen_grande",
    )
    try:
        with Image.open(io.BytesIO(datos), formats=[formato]) as imagen:
            ancho, alto = imagen.size
            if ancho * alto > IMAGEN_MAX_PIXELES:
                raise demasiado_grande
            imagen.load()
    except ArchivoRechazado:
        raise
    except Image.DecompressionBombError as error:
        raise demasiado_grande from error
    except (OSError, SyntaxError, ValueError, EOFError, struct.error) as error:
        raise _rechazo_imagen() from error
    fin = _fin_png(datos) if formato == "PNG" else _fin_jpeg(datos)
    if fin != len(datos):
        raise ArchivoRechazado(
            _("La imagen trae datos añadidos después de su final; ábrala y guárdela de nuevo antes de subirla."),
            code="imagen_cola",
        )


def _fin_png(datos):
    """Where the IEND chunk ends."""
    posicion = 8
    while posicion + 8 <= len(datos):
        largo, tipo = struct.unpack(">I4s", datos[posicion:posicion + 8])
        posicion += 12 + largo
        if tipo == b"IEND":
            return posicion
    raise _rechazo_imagen()


def _fin_jpeg(datos):
    """Where the EOI marker ends: segments up to each scan, then its entropy-coded data."""
    posicion = 2
    total = len(datos)
    while posicion < total:
        if datos[posicion] != 0xFF:
            raise _rechazo_imagen()
        while posicion < total and datos[posicion] == 0xFF:
            posicion += 1
        if posicion >= total:
            break
        marcador = datos[posicion]
        posicion += 1
        if marcador == 0xD9:
            return posicion
        if 0xD0 <= marcador <= 0xD7 or marcador == 0x01:
            continue
        if posicion + 2 > total:
            break
        posicion += struct.unpack(">H", datos[posicion:posicion + 2])[0]
        if marcador == 0xDA:
            # Entropy-coded data: 0xFF is followed by a stuffed 0x00 or a restart marker,
            # anything else starts the next segment.
            while True:
                posicion = datos.find(b"\xff", posicion)
                if posicion < 0 or posicion + 1 >= total:
                    raise _rechazo_imagen()
                siguiente = datos[posicion + 1]
                if siguiente == 0x00 or 0xD0 <= siguiente <= 0xD7 or siguiente == 0xFF:
                    posicion += 1 if siguiente == 0xFF else 2
                    continue
                break
    raise _rechazo_imagen()


# CSV ---------------------------------------------------------------------------------

def _decodificar(muestra, *, completo):
    for codificacion in ("utf-8-sig", "cp1252"):
        try:
            # A sample may end inside a multi-byte character: decode incrementally.
            return codecs.getincrementaldecoder(codificacion)().decode(muestra, final=completo)
        except UnicodeDecodeError:
            continue
    return None


def _dialecto_csv(muestra, *, completo):
    """The CSV dialect of a text sample, or None when it is not a table of text."""
    if b"\x00" in muestra:
        return None
    texto = _decodificar(muestra, completo=completo)
    if not texto or not texto.strip():
        return None
    inicio = texto.lstrip()[:20].lower()
    # Scripts and markup saved with a harmless name are text too; refuse them.
    if inicio.startswith(("#!", "<", "mz", "@echo", "function", "import ", "var ", "$")):
        return None
    lineas = [linea for linea in texto.splitlines() if linea.strip()][:50]
    if not completo and len(lineas) > 1:
        lineas = lineas[:-1]  # the last line of a sample may be cut
    try:
        dialecto = csv.Sniffer().sniff("\n".join(lineas), delimiters=",;\t|")
    except csv.Error:
        return None
    filas = list(csv.reader(lineas, dialecto))
    columnas = {len(fila) for fila in filas}
    if len(columnas) == 1 and columnas.pop() >= 2:
        return dialecto
    return None


def _texto_completo(archivo):
    for codificacion in ("utf-8-sig", "cp1252"):
        archivo.seek(0)
        decodificador = codecs.getincrementaldecoder(codificacion)()
        partes = []
        try:
            for bloque in iter(lambda: archivo.read(_MUESTRA_TEXTO), b""):
                if b"\x00" in bloque:
                    raise _rechazo_formato()
                partes.append(decodificador.decode(bloque))
            partes.append(decodificador.decode(b"", final=True))
        except UnicodeDecodeError:
            continue
        return "".join(partes)
    raise _rechazo_formato()


def _revisar_csv_completo(archivo, dialecto):
    """The whole CSV: text throughout, and no cell a spreadsheet would run as a formula.

    Every cell is read as a CSV parser reads it — quotes removed, any line ending (LF, CRLF
    or a bare CR) — with the delimiter found in the file and with the ones a spreadsheet
    program may assume instead, by its language (comma, semicolon). The rule is ``es_formula``, the
    same that neutralises the system's own exports.
    """
    texto = _texto_completo(archivo)
    archivo.seek(0)
    for delimitador in dict.fromkeys((dialecto.delimiter, ",", ";")):
        lector = csv.reader(io.StringIO(texto, newline=""), delimiter=delimitador,
                            quotechar=dialecto.quotechar or '"', doublequote=True, skipinitialspace=False)
        try:
            for fila in lector:
                for celda in fila:
                    if celda[:1] in " =+-@\t\r" and es_formula(celda):
                        raise ArchivoRechazado(
                            _("El CSV contiene celdas que empiezan con =, +, -, @, un tabulador o un retorno "
                              "(fórmulas de hoja de cálculo): «%(celda)s». Quítelas o expórtelo como XLSX.")
                            % {"celda": celda.strip()[:40]},
                            code="csv_formula",
                        )
        except csv.Error as error:
            if delimitador == dialecto.delimiter:
                raise _rechazo_formato() from error


# ZIP containers (ZIP archives and Office/ODF documents) ------------------------------------

def _danado():
    return ArchivoRechazado(_("El archivo comprimido está dañado."), code="zip_danado")


def _demasiadas_entradas():
    maximo = settings.EVIDENCIA_ZIP_MAX_ENTRADAS
    return ArchivoRechazado(
        ngettext("El archivo comprimido tiene demasiados elementos (máximo %(n)s).",
                 "El archivo comprimido tiene demasiados elementos (máximo %(n)s).", maximo) % {"n": maximo},
        code="zip_entradas",
    )


# Everything zipfile may raise on a damaged or hostile archive.
_ERRORES_ZIP = (zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError, OSError, RuntimeError, ValueError,
                KeyError, struct.error)
_FIRMA_FIN = b"PK\x05\x06"
_FIRMA_LOCALIZADOR_ZIP64 = b"PK\x06\x07"
_FIRMA_FIN_ZIP64 = b"PK\x06\x06"
_FIRMA_DIRECTORIO = b"PK\x01\x02"
_CABECERA_DIRECTORIO = 46  # fixed part of a central-directory header


def _precomprobar_directorio(archivo):
    """Check the central directory from its end records, before any ZIP parser walks it.

    A small file can hold hundreds of thousands of directory headers while its end
    record declares one; ``zipfile`` would parse them all (seconds, over 100 MB) before
    a limit on ``infolist()`` could apply. Here the directory's size and offset are read
    from the end record (or the ZIP64 one) and its headers are counted by skipping from
    one to the next, stopping at the entry limit: the work is bounded by the limit, not
    by what the file declares. A declared count that disagrees with the headers found is
    refused too.
    """
    archivo.seek(0, 2)
    tamano = archivo.tell()
    cola = min(tamano, 65536 + 22)
    archivo.seek(tamano - cola)
    datos = archivo.read(cola)
    posicion = datos.rfind(_FIRMA_FIN)
    if posicion < 0 or posicion + 22 > len(datos):
        raise _danado()
    inicio_fin = tamano - cola + posicion
    (disco, disco_directorio, en_disco, declaradas, tamano_directorio, inicio_directorio,
     largo_comentario) = struct.unpack("<HHHHIIH", datos[posicion + 4:posicion + 22])
    if inicio_fin + 22 + largo_comentario != tamano:
        raise _danado()
    fin_directorio = inicio_fin
    if 0xFFFF in (disco, disco_directorio, en_disco, declaradas) or 0xFFFFFFFF in (tamano_directorio,
                                                                                    inicio_directorio):
        # ZIP64: the real figures are in the ZIP64 end record the locator points to.
        localizador = datos[posicion - 20:posicion] if posicion >= 20 else b""
        if not localizador.startswith(_FIRMA_LOCALIZADOR_ZIP64):
            raise _danado()
        inicio_fin64 = struct.unpack("<Q", localizador[8:16])[0]
        if inicio_fin64 + 56 > inicio_fin - 20:
            raise _danado()
        archivo.seek(inicio_fin64)
        registro = archivo.read(56)
        if not registro.startswith(_FIRMA_FIN_ZIP64):
            raise _danado()
        disco, disco_directorio = struct.unpack("<II", registro[16:24])
        en_disco, declaradas, tamano_directorio, inicio_directorio = struct.unpack("<QQQQ", registro[24:56])
        fin_directorio = inicio_fin64
    if disco or disco_directorio or en_disco != declaradas:
        raise _danado()  # multi-volume archives are not evidence
    if declaradas > settings.EVIDENCIA_ZIP_MAX_ENTRADAS:
        raise _demasiadas_entradas()
    if inicio_directorio + tamano_directorio > fin_directorio:
        raise _danado()
    # Each header takes at least 46 bytes; count them, never more than the limit.
    encontradas = 0
    actual = inicio_directorio
    final = inicio_directorio + tamano_directorio
    while actual < final:
        if encontradas >= settings.EVIDENCIA_ZIP_MAX_ENTRADAS:
            raise _demasiadas_entradas()
        archivo.seek(actual)
        cabecera = archivo.read(_CABECERA_DIRECTORIO)
        if len(cabecera) < _CABECERA_DIRECTORIO or not cabecera.startswith(_FIRMA_DIRECTORIO):
            raise _danado()
        largo_nombre, largo_extra, largo_comentario = struct.unpack("<HHH", cabecera[28:34])
        actual += _CABECERA_DIRECTORIO + largo_nombre + largo_extra + largo_comentario
        encontradas += 1
    archivo.seek(0)
    if actual != final or encontradas != declaradas:
        raise ArchivoRechazado(
            _("El archivo comprimido declara un número de elementos que no corresponde a su contenido."),
            code="zip_enganoso",
        )


def _copiar_entrada(zf, info, destino):
    """Decompress one entry into ``destino``; refuse when it holds more than it declares."""
    copiados = 0
    with zf.open(info) as entrada:
        for bloque in iter(lambda: entrada.read(_MUESTRA_TEXTO), b""):
            copiados += len(bloque)
            if copiados > info.file_size:
                raise ArchivoRechazado(_("El archivo comprimido declara tamaños falsos."), code="zip_enganoso")
            destino.write(bloque)
    destino.seek(0)


def _leer_entrada(zf, info):
    with io.BytesIO() as destino:
        _copiar_entrada(zf, info, destino)
        return destino.getvalue()


def _nombre_de_entrada_seguro(nombre):
    partes = nombre.replace("\\", "/").split("/")
    return not (nombre.startswith("/") or "\\" in nombre or ":" in nombre or ".." in partes or "\x00" in nombre)


def _inspeccionar_zip(archivo, *, permitir_zip_simple):
    _precomprobar_directorio(archivo)
    try:
        zf = zipfile.ZipFile(archivo)
        return _revisar_entradas(zf, zf.infolist(), permitir_zip_simple=permitir_zip_simple)
    except ArchivoRechazado:
        raise
    except _ERRORES_ZIP as error:
        raise _danado() from error
    finally:
        archivo.seek(0)


def _revisar_entradas(zf, entradas, *, permitir_zip_simple):
    if len(entradas) > settings.EVIDENCIA_ZIP_MAX_ENTRADAS:
        raise _demasiadas_entradas()
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
            formato = Formato.DOCX
        elif "xl/workbook.xml" in nombres:
            formato = Formato.XLSX
        else:
            raise _rechazo_formato()
        _revisar_office(zf, entradas)
        return formato
    if "mimetype" in nombres:
        tipo = _leer_entrada(zf, zf.getinfo("mimetype"))[:200].strip()
        if tipo not in _ODF:
            raise _rechazo_formato()
        _revisar_odf(zf, entradas)
        return _ODF[tipo]
    if not permitir_zip_simple:
        raise ArchivoRechazado(_("No se admiten archivos comprimidos dentro de otro comprimido."), code="zip_anidado")
    archivos = [info for info in entradas if not info.is_dir()]
    if not archivos:
        raise ArchivoRechazado(_("El archivo comprimido está vacío."), code="zip_vacio")
    for info in archivos:
        extension = PurePosixPath(info.filename).suffix.lower()
        # Each file inside goes through the same checks as an uploaded one, whole.
        with tempfile.SpooledTemporaryFile(max_size=_ENTRADA_EN_MEMORIA) as contenido:
            _copiar_entrada(zf, info, contenido)
            try:
                formato = _detectar(contenido, permitir_zip_simple=False)
            except ArchivoRechazado as error:
                if error.code in {"formato", "zip_anidado"}:
                    raise
                raise ArchivoRechazado(
                    _("«%(nombre)s», dentro del comprimido: %(motivo)s")
                    % {"nombre": info.filename[:80], "motivo": error.messages[0]},
                    code=error.code,
                ) from error
        if extension not in EXTENSIONES[formato]:
            raise ArchivoRechazado(
                _("«%(nombre)s», dentro del comprimido, no es lo que su nombre indica.") % {"nombre": info.filename[:80]},
                code="zip_contenido",
            )
    return Formato.ZIP


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


# XML parts of Office and ODF documents, read as a stream by expat: no DTD, no entities.

class _XMLActivo(Exception):
    pass


def _recorrer_xml(zf, info, *, inicio=None, fin=None, texto=None):
    """Feed an XML entry to expat with the given handlers (namespaced names "uri local")."""
    parser = expat.ParserCreate(namespace_separator=" ")

    def sin_dtd(*_args):
        raise _XMLActivo

    parser.StartDoctypeDeclHandler = sin_dtd
    parser.EntityDeclHandler = sin_dtd
    if inicio:
        parser.StartElementHandler = inicio
    if fin:
        parser.EndElementHandler = fin
    if texto:
        parser.CharacterDataHandler = texto
    copiados = 0
    try:
        with zf.open(info) as entrada:
            for bloque in iter(lambda: entrada.read(_MUESTRA_TEXTO), b""):
                copiados += len(bloque)
                if copiados > info.file_size:
                    raise ArchivoRechazado(_("El archivo comprimido declara tamaños falsos."), code="zip_enganoso")
                parser.Parse(bloque, False)
            parser.Parse(b"", True)
    except (_XMLActivo, expat.ExpatError) as error:
        raise ArchivoRechazado(
            _("El documento está dañado o trae declaraciones XML no admitidas: «%(nombre)s».")
            % {"nombre": info.filename[:80]},
            code="office_xml",
        ) from error


def _parte_contiene(zf, info, marcas):
    """Whether any of ``marcas`` (bytes) occurs in an entry, read in blocks: the XML parse
    below is needed only for the parts that hold fields or formulas, and a sheet of 300,000
    plain values is not walked element by element."""
    solape = max(len(marca) for marca in marcas) - 1
    anterior = b""
    copiados = 0
    with zf.open(info) as entrada:
        for bloque in iter(lambda: entrada.read(_MUESTRA_TEXTO), b""):
            copiados += len(bloque)
            if copiados > info.file_size:
                raise ArchivoRechazado(_("El archivo comprimido declara tamaños falsos."), code="zip_enganoso")
            ventana = anterior + bloque
            if any(marca in ventana for marca in marcas):
                return True
            anterior = ventana[-solape:] if solape else b""
    return False


# Without these in its bytes, a part can carry neither a DTD nor a field nor a formula.
_MARCAS_WORD = (b"<!", b"instrText", b"fldSimple")
_MARCAS_EXCEL = (b"<!", b"<f>", b"<f ", b":f>", b":f ", b"definedName", b"ddeLink", b"oleLink")


def _local(nombre):
    return nombre.rsplit(" ", 1)[-1]


def _esquema(destino):
    return urlsplit(destino.strip()).scheme.lower()


_SVG_ACTIVO = re.compile(rb"<script|javascript:|<foreignObject|\son[a-z]+\s*=", re.IGNORECASE)


def _revisar_svg(zf, info):
    if _SVG_ACTIVO.search(_leer_entrada(zf, info)):
        raise _rechazo_activo(info.filename, _("una imagen SVG con código"))


def _rechazo_activo(parte, que):
    return ArchivoRechazado(
        _("El documento contiene contenido activo (%(que)s) en «%(parte)s» y no se admite: macros, objetos "
          "incrustados, controles, vínculos a plantillas o datos externos y campos DDE. Guárdelo de nuevo sin "
          "ellos, o expórtelo como PDF.") % {"que": que, "parte": parte[:80]},
        code="office_activo",
    )


# Office Open XML (DOCX, XLSX). ---------------------------------------------------------

# Parts an Office document may carry: its XML, relationships (the package's own
# "_rels/.rels" included), thumbnails and images. Anything else (macros in .bin parts,
# embedded files) is refused by this list; the folders below, though made of XML, hold
# ActiveX controls, embedded objects, links to other workbooks and ribbon code.
_PARTES_OFFICE = re.compile(
    r"^(\[Content_Types\]\.xml|(?:[\w\-]+/)*(?:[\w\-.]+\.(?:xml|rels)|\.rels)|"
    r"(?:[\w\-]+/)*media/[\w\-.]+\.(?:png|jpe?g|gif|emf|wmf|bmp|tiff?|svg)|"
    r"docProps/thumbnail\.(?:jpe?g|png|wmf|emf))$",
    re.IGNORECASE,
)
_CARPETAS_OFFICE_ACTIVAS = re.compile(r"(?:^|/)(?:activeX|embeddings|externalLinks|customUI|ctrlProps)/", re.I)
# Relationship types (the last part of the Type URI) of active or external content.
_RELACIONES_ACTIVAS = {
    "oleobject": gettext_lazy("objeto OLE"), "package": gettext_lazy("objeto incrustado"), "activexcontrol": gettext_lazy("control ActiveX"),
    "activexcontrolbinary": gettext_lazy("control ActiveX"), "control": gettext_lazy("control"),
    "attachedtemplate": gettext_lazy("plantilla adjunta"), "externallink": gettext_lazy("vínculo a otro libro (DDE o datos externos)"),
    "externallinkpath": gettext_lazy("vínculo a otro libro"), "xlexternallinkpath": gettext_lazy("vínculo a otro libro"),
    "xlstartup": gettext_lazy("vínculo a otro libro"), "xllibrary": gettext_lazy("vínculo a otro libro"),
    "xlalternatestartup": gettext_lazy("vínculo a otro libro"), "xlpathmissing": gettext_lazy("vínculo a otro libro"),
    "subdocument": gettext_lazy("subdocumento externo"), "frame": gettext_lazy("marco con otro documento"),
    "afchunk": gettext_lazy("fragmento de otro documento"), "vbaproject": gettext_lazy("macros"), "vbaprojectsignature": gettext_lazy("macros"),
    "wordvbadata": gettext_lazy("macros"), "attachedtoolbars": gettext_lazy("macros"), "extensibility": gettext_lazy("código de la cinta"),
    "keymapcustomizations": gettext_lazy("macros"), "mailmergesource": gettext_lazy("origen de datos externo"),
    "mailmergeheadersource": gettext_lazy("origen de datos externo"),
}
_TIPOS_DE_CONTENIDO_ACTIVOS = re.compile(r"macroEnabled|vbaProject|activeX|oleObject|vbaData", re.IGNORECASE)
# Word fields that run, load or link other content.
_CAMPOS_ACTIVOS = {"DDE", "DDEAUTO", "INCLUDETEXT", "INCLUDEPICTURE", "IMPORT", "LINK", "MACROBUTTON"}
_ESQUEMAS_DE_HIPERVINCULO = {"http", "https", "mailto"}
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main "
_CADENA_DE_FORMULA = re.compile(r'"[^"]*"')


def _revisar_office(zf, entradas):
    for info in entradas:
        if info.is_dir():
            continue
        nombre = info.filename
        if _CARPETAS_OFFICE_ACTIVAS.search(nombre):
            raise _rechazo_activo(nombre, _("control u objeto incrustado"))
        if not _PARTES_OFFICE.match(nombre):
            raise ArchivoRechazado(
                _("El documento contiene elementos no admitidos (macros, objetos incrustados u otros archivos): "
                  "«%(nombre)s».") % {"nombre": nombre[:80]},
                code="office_contenido",
            )
        minusculas = nombre.lower()
        if minusculas.endswith(".rels"):
            _revisar_relaciones(zf, info)
        elif nombre == "[Content_Types].xml":
            _revisar_tipos_de_contenido(zf, info)
        elif minusculas.endswith(".svg"):
            _revisar_svg(zf, info)
        elif minusculas.startswith("word/") and minusculas.endswith(".xml"):
            if _parte_contiene(zf, info, _MARCAS_WORD):
                _revisar_campos_word(zf, info)
        elif minusculas.startswith("xl/") and minusculas.endswith(".xml"):
            if _parte_contiene(zf, info, _MARCAS_EXCEL):
                _revisar_formulas_excel(zf, info)


def _revisar_relaciones(zf, info):
    def inicio(nombre, atributos):
        if _local(nombre) != "Relationship":
            return
        tipo = atributos.get("Type", "").rstrip("/").rsplit("/", 1)[-1].lower()
        if tipo in _RELACIONES_ACTIVAS:
            raise _rechazo_activo(info.filename, _RELACIONES_ACTIVAS[tipo])
        if atributos.get("TargetMode", "").lower() == "external":
            destino = atributos.get("Target", "")
            if tipo != "hyperlink" or _esquema(destino) not in _ESQUEMAS_DE_HIPERVINCULO:
                raise _rechazo_activo(info.filename, _("vínculo externo a «%(destino)s»") % {"destino": destino[:60]})

    _recorrer_xml(zf, info, inicio=inicio)


def _revisar_tipos_de_contenido(zf, info):
    def inicio(nombre, atributos):
        if _TIPOS_DE_CONTENIDO_ACTIVOS.search(atributos.get("ContentType", "")):
            raise _rechazo_activo(info.filename, _("macros o controles"))

    _recorrer_xml(zf, info, inicio=inicio)


def _revisar_campos_word(zf, info):
    """Field codes, split across runs as Word writes them, joined before reading their type."""
    campos = []
    dentro = []  # instruction texts of the open fields

    def revisar(instruccion):
        palabras = instruccion.split()
        if palabras and palabras[0].upper() in _CAMPOS_ACTIVOS:
            raise _rechazo_activo(info.filename, _("campo %(campo)s") % {"campo": palabras[0].upper()})

    def inicio(nombre, atributos):
        if nombre == _W + "fldChar":
            tipo = atributos.get(_W + "fldCharType")
            if tipo == "begin":
                dentro.append([])
            elif tipo in {"separate", "end"} and dentro:
                if dentro[-1] is not None:
                    revisar("".join(dentro[-1]))
                    dentro[-1] = None
                if tipo == "end":
                    dentro.pop()
        elif nombre == _W + "fldSimple":
            revisar(atributos.get(_W + "instr", ""))
        elif nombre == _W + "instrText":
            campos.append(True)

    def fin(nombre):
        if nombre == _W + "instrText" and campos:
            campos.pop()

    def texto(datos):
        if campos and dentro and dentro[-1] is not None:
            dentro[-1].append(datos)

    _recorrer_xml(zf, info, inicio=inicio, fin=fin, texto=texto)
    for pendiente in dentro:
        if pendiente:
            revisar("".join(pendiente))


def _revisar_formulas_excel(zf, info):
    """A formula naming another program (``=cmd|' /C calc'!A0``) is a DDE call."""
    abiertos = []

    def inicio(nombre, atributos):
        if _local(nombre) in {"ddeLink", "oleLink"}:
            raise _rechazo_activo(info.filename, _("vínculo DDE u OLE"))
        if _local(nombre) in {"f", "definedName"}:
            abiertos.append([])

    def fin(nombre):
        if _local(nombre) in {"f", "definedName"} and abiertos:
            formula = _CADENA_DE_FORMULA.sub("", "".join(abiertos.pop()))
            if "|" in formula:
                raise _rechazo_activo(info.filename, _("fórmula DDE"))

    def texto(datos):
        if abiertos:
            abiertos[-1].append(datos)

    _recorrer_xml(zf, info, inicio=inicio, fin=fin, texto=texto)


# OpenDocument (ODT, ODS). ----------------------------------------------------------------

_ODF = {
    b"application/vnd.oasis.opendocument.text": Formato.ODT,
    b"application/vnd.oasis.opendocument.spreadsheet": Formato.ODS,
}
# The content, styles, metadata, settings, manifest, pictures and thumbnail: nothing else.
_PARTES_ODF = re.compile(
    r"^(mimetype|META-INF/manifest\.xml|manifest\.rdf|(?:content|styles|meta|settings)\.xml|"
    r"Thumbnails/thumbnail\.png|Pictures/[\w\-.]+\.(?:png|jpe?g|gif|svg|svm|wmf|emf))$",
)
# LibreOffice writes this empty part into every document it saves.
_PARTES_ODF_VACIAS = re.compile(r"^Configurations2/[\w/\-]*\.xml$")
_ODF_SCRIPT = "urn:oasis:names:tc:opendocument:xmlns:script:1.0"
_XLINK_HREF = "http://www.w3.org/1999/xlink href"
_ELEMENTOS_ODF_ACTIVOS = {
    "event-listener": gettext_lazy("macro o evento"), "plugin": gettext_lazy("complemento"), "applet": gettext_lazy("applet"),
    "object": gettext_lazy("objeto incrustado"), "object-ole": gettext_lazy("objeto OLE"), "section-source": gettext_lazy("sección vinculada"),
    "table-source": gettext_lazy("tabla vinculada"), "dde-source": gettext_lazy("vínculo DDE"), "dde-connection-decl": gettext_lazy("vínculo DDE"),
    "dde-connection": gettext_lazy("vínculo DDE"), "dde-link": gettext_lazy("vínculo DDE"), "dde-links": gettext_lazy("vínculo DDE"),
}
_ELEMENTOS_ODF_DE_VINCULO = {"a"}


def _revisar_odf(zf, entradas):
    for info in entradas:
        if info.is_dir():
            continue
        nombre = info.filename
        if _PARTES_ODF_VACIAS.match(nombre) and info.file_size == 0:
            continue
        if not _PARTES_ODF.match(nombre):
            raise ArchivoRechazado(
                _("El documento contiene elementos no admitidos (macros, objetos incrustados u otros archivos): "
                  "«%(nombre)s».") % {"nombre": nombre[:80]},
                code="office_contenido",
            )
        if nombre in {"content.xml", "styles.xml"}:
            _revisar_xml_odf(zf, info)
        elif nombre.lower().endswith(".svg"):
            _revisar_svg(zf, info)


def _revisar_xml_odf(zf, info):
    def inicio(nombre, atributos):
        espacio, _sep, local = nombre.rpartition(" ")
        if espacio == _ODF_SCRIPT:
            raise _rechazo_activo(info.filename, _("macro o evento"))
        if local in _ELEMENTOS_ODF_ACTIVOS:
            raise _rechazo_activo(info.filename, _ELEMENTOS_ODF_ACTIVOS[local])
        destino = atributos.get(_XLINK_HREF)
        if destino is None:
            return
        esquema = _esquema(destino)
        if local in _ELEMENTOS_ODF_DE_VINCULO:
            # A link the reader clicks: the web or e-mail, or a place in the document.
            aceptable = esquema in _ESQUEMAS_DE_HIPERVINCULO or destino.startswith("#") or not esquema
        else:
            # Loaded when the document opens: only its own pictures.
            aceptable = not esquema and not destino.startswith(("/", "..")) and "\\" not in destino
        if not aceptable:
            raise _rechazo_activo(info.filename, _("vínculo a «%(destino)s»") % {"destino": destino[:60]})

    _recorrer_xml(zf, info, inicio=inicio)

