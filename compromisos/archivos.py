"""How an evidence file leaves the server. Uploads are received and inspected by
snimh/uploads.py (the one upload module); downloads go through snimh/descargas.py."""

from snimh.descargas import respuesta_de_archivo
from snimh.uploads import TIPO_MIME


def respuesta_de_descarga(evidencia):
    """The evidence file, typed by the format its content was found to be."""
    return respuesta_de_archivo(evidencia.archivo, evidencia.nombre_original, TIPO_MIME[evidencia.formato])
