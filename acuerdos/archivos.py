"""How an evidence file leaves the server. Uploads are received and inspected by
snimh/uploads.py (the one upload module)."""

from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header

from snimh.uploads import TIPO_MIME


def respuesta_de_descarga(evidencia):
    """The one way an evidence file leaves the server: as an attachment that browsers
    neither sniff nor render (RFC 6266 file name, nosniff, CSP sandbox, no caching).

    Callers check the permission first. With ``SNIMH_X_ACCEL_REDIRECT_PREFIX`` set and
    files on the local file system, the body is left to nginx (``X-Accel-Redirect`` to
    an ``internal`` location), so a large download does not hold an application worker;
    the headers are the same either way.
    """
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
