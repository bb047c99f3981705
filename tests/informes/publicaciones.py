"""Published reports for tests that only need the rows and small files (the access
matrix, the admin): the real publication, which renders the PDF, is tested in
test_publicacion.py."""

import hashlib

from django.core.files.base import ContentFile

from informes.models import ArchivoPublicado, FormatoPublicado, InformePublicado

CONTENIDO = {
    FormatoPublicado.PDF: b"%PDF-1.7\n% informe de prueba\n%%EOF\n",
    FormatoPublicado.CSV: "\ufeffSESIÓN,NÚMERO DE ACUERDO,ACUERDO,ESTATUS DEL ACUERDO\n".encode(),
    FormatoPublicado.XLSX: b"PK\x03\x04 libro de prueba",
}


def informe_publicado(*, anio, usuario, version=1, motivo=""):
    publicacion = InformePublicado.objects.create(
        anio=anio, version=version, publicado_por=usuario, motivo=motivo, sesiones=1, acuerdos=1, paginas=1,
    )
    for formato, contenido in CONTENIDO.items():
        archivo = ArchivoPublicado(publicacion=publicacion, formato=formato, tamano=len(contenido),
                                   sha256=hashlib.sha256(contenido).hexdigest())
        archivo.archivo.save(f"prueba.{formato}", ContentFile(contenido), save=False)
        archivo.save()
    return publicacion
