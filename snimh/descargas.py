"""How a stored document leaves the server: minutes, designation letters (and, through
the same headers, evidence files)."""

import mimetypes
from pathlib import PurePosixPath

from django.http import FileResponse, Http404


def respuesta_de_archivo(archivo, nombre):
    """``archivo`` (a FieldFile) as an attachment named ``nombre`` that browsers neither
    sniff nor render: RFC 6266 file name, nosniff, CSP sandbox, no caching. Callers check
    the permission first; a record without a file answers 404."""
    if not archivo:
        raise Http404
    tipo = mimetypes.guess_type(PurePosixPath(archivo.name).name)[0] or "application/octet-stream"
    respuesta = FileResponse(archivo.open("rb"), as_attachment=True,
                             filename=nombre or PurePosixPath(archivo.name).name, content_type=tipo)
    respuesta["X-Content-Type-Options"] = "nosniff"
    respuesta["Content-Security-Policy"] = "sandbox"
    respuesta["Cache-Control"] = "private, no-store"
    return respuesta
