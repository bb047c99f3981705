"""How a stored document leaves the server: evidence, minutes, designation letters, published
reports' files alike."""

import mimetypes
from pathlib import PurePosixPath
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header


def respuesta_de_archivo(archivo, nombre, tipo=None):
    """``archivo`` (a FieldFile) as an attachment named ``nombre`` that browsers neither
    sniff nor render: RFC 6266 file name, nosniff, CSP sandbox, no caching. Callers check
    the permission first; a record without a file answers 404.

    With ``SNIMH_X_ACCEL_REDIRECT_PREFIX`` set and files on the local file system, the body
    is left to nginx (``X-Accel-Redirect`` to an ``internal`` location), so a large download
    does not hold an application worker; the headers are the same either way.
    """
    if not archivo:
        raise Http404
    nombre = nombre or PurePosixPath(archivo.name).name
    tipo = tipo or mimetypes.guess_type(PurePosixPath(archivo.name).name)[0] or "application/octet-stream"
    prefijo = settings.SNIMH_X_ACCEL_REDIRECT_PREFIX.rstrip("/")
    if prefijo and isinstance(archivo.storage, FileSystemStorage):
        respuesta = HttpResponse(content_type=tipo)
        # nginx decodes the URI before mapping it to a file, so anything outside
        # the unreserved set is percent-encoded; "/" keeps the storage folders.
        respuesta["X-Accel-Redirect"] = f"{prefijo}/{quote(archivo.name, safe='/')}"
        respuesta["Content-Disposition"] = content_disposition_header(True, nombre)
    else:
        # Object stores (S3) are streamed through the worker: nginx cannot read them.
        respuesta = FileResponse(archivo.open("rb"), as_attachment=True, filename=nombre, content_type=tipo)
    respuesta["X-Content-Type-Options"] = "nosniff"
    respuesta["Content-Security-Policy"] = "sandbox"
    respuesta["Cache-Control"] = "private, no-store"
    return respuesta
