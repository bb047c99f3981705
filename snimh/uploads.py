"""Upload guards that must act while Django parses the request body.

- ``LimiteTamanoUploadHandler`` drops a file past EVIDENCIA_TAMANO_MAXIMO while it
  streams, before it is held in memory or on disk.
- ``NombresDeArchivoMiddleware`` records the file names Django's multipart parser
  had to alter (path parts, control characters): Django silently cleans them, but
  such a name only comes from a forged request, which we refuse rather than accept.

``problema_de_carga(request)`` tells a view, in Spanish, why an upload is missing.
"""

import html

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http.multipartparser import MultiPartParser
from django.utils.datastructures import ImmutableList
from django.utils.translation import gettext as _

_EXCESO = "_carga_excede_limite"
_NOMBRES = "_carga_nombres_alterados"


def mensaje_excede_limite():
    return _("El archivo excede el límite de %(mb)s MB.") % {"mb": settings.EVIDENCIA_TAMANO_MAXIMO // (1024 * 1024)}


def excede_limite(request):
    """Whether a file of this request was dropped for exceeding the size limit."""
    return getattr(request, _EXCESO, False)


def problema_de_carga(request):
    """The Spanish reason why a file of this request was not received, or None."""
    if excede_limite(request):
        return mensaje_excede_limite()
    alterados = getattr(request, _NOMBRES, [])
    if alterados:
        from acuerdos.archivos import validar_nombre

        try:
            validar_nombre(alterados[0])
        except ValidationError as error:
            return error.messages[0]
        return _("El nombre del archivo no es válido.")
    return None


class LimiteTamanoUploadHandler(FileUploadHandler):
    """First in FILE_UPLOAD_HANDLERS: counts bytes and passes every chunk on untouched,
    so the memory and temporary-file handlers behind it never receive more than the limit."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.limite = settings.EVIDENCIA_TAMANO_MAXIMO
        # A body far larger than the limit cannot hold a valid file: skip it at once.
        self.cuerpo_excesivo = content_length is not None and content_length > self.limite + 1024 * 1024
        return None

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.recibidos = 0
        if getattr(self, "cuerpo_excesivo", False):
            self._rechazar()

    def receive_data_chunk(self, raw_data, start):
        self.recibidos += len(raw_data)
        if self.recibidos > self.limite:
            self._rechazar()
        return raw_data

    def file_complete(self, file_size):
        return None

    def _rechazar(self):
        setattr(self.request, _EXCESO, True)
        raise SkipFile()


class _ParserQueRegistraNombres(MultiPartParser):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.nombres_alterados = []

    def sanitize_file_name(self, file_name):
        limpio = super().sanitize_file_name(file_name)
        if limpio != html.unescape(file_name):
            self.nombres_alterados.append(html.unescape(file_name))
        return limpio

    IE_sanitize = sanitize_file_name


class NombresDeArchivoMiddleware:
    """Parse multipart bodies with a parser that keeps track of altered file names.

    Must come before CsrfViewMiddleware, which is the first to read request.POST.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        def parse_file_upload(meta, post_data):
            # Same as HttpRequest.parse_file_upload, with the recording parser.
            request.upload_handlers = ImmutableList(
                request.upload_handlers,
                warning="You cannot alter upload handlers after the upload has been processed.",
            )
            parser = _ParserQueRegistraNombres(meta, post_data, request.upload_handlers, request.encoding)
            resultado = parser.parse()
            setattr(request, _NOMBRES, parser.nombres_alterados)
            return resultado

        request.parse_file_upload = parse_file_upload
        return self.get_response(request)
