"""Evidence uploads: content decides the format; hostile files are refused, nothing stored."""

import hashlib
import os

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import reverse

from compromisos.models import Evidencia
from tests import archivos

pytestmark = pytest.mark.django_db


def _archivos_guardados():
    raiz = settings.MEDIA_ROOT
    return sorted(os.path.relpath(os.path.join(d, f), raiz) for d, _s, fs in os.walk(raiz) for f in fs)


@pytest.fixture
def oficial(client, mundo):
    client.force_login(mundo.usuarios["enlace_propio"])
    return client


def _multipart_crudo(nombre, contenido, campos):
    """The body a forged request would send: the file name exactly as given.

    Django's test client strips directory parts from names before sending, so a
    hostile name has to be written by hand.
    """
    limite = "----limite-de-prueba"
    partes = []
    for campo, valor in campos.items():
        partes.append(f'--{limite}\r\nContent-Disposition: form-data; name="{campo}"\r\n\r\n{valor}\r\n'.encode())
    partes.append(
        f'--{limite}\r\nContent-Disposition: form-data; name="archivo"; filename="{nombre}"\r\n'
        f"Content-Type: application/pdf\r\n\r\n".encode() + contenido + b"\r\n"
    )
    partes.append(f"--{limite}--\r\n".encode())
    return b"".join(partes), f"multipart/form-data; boundary={limite}"


def _subir(cliente, mundo, nombre, contenido, **extra):
    url = reverse("acuerdos:evidencia_nueva", args=[mundo.propio.pk])
    cuerpo, tipo = _multipart_crudo(nombre, contenido, extra)
    return cliente.generic("POST", url, cuerpo, content_type=tipo)


@pytest.mark.parametrize(
    ("nombre", "contenido", "formato"),
    [
        ("oficio.pdf", archivos.PDF, "pdf"),
        ("acta firmada.docx", archivos.docx(), "docx"),
        ("Informe (anexo).xlsx", archivos.xlsx(), "xlsx"),
        ("libro guardado por openpyxl.xlsx", archivos.xlsx_de_openpyxl(), "xlsx"),
        ("minuta.odt", archivos.odt(), "odt"),
        ("cifras.ods", archivos.ods(), "ods"),
        ("foto-evento.JPG", archivos.JPG, "jpg"),
        ("captura.png", archivos.PNG, "png"),
        ("Participación señora Núñez.csv", archivos.CSV, "csv"),
        ("paquete.zip", archivos.zip_de_pdfs(), "zip"),
        ("padrón largo.csv", archivos.CSV_LARGO_UTF8, "csv"),
        # What must stay accepted next to the hardening of issue 14.
        ("con vínculo.docx", archivos.docx_con_hipervinculo(), "docx"),
        ("con número de página.docx", archivos.docx_campo_pagina(), "docx"),
        ("guardado por LibreOffice.odt", archivos.odt_como_libreoffice(), "odt"),
        ("saldos negativos.csv", archivos.CSV_CON_NEGATIVOS, "csv"),
        ("zip64.zip", archivos.a_zip64(archivos.zip_de_pdfs()), "zip"),
    ],
)
def test_formatos_de_oficina_aceptados(oficial, mundo, nombre, contenido, formato):
    respuesta = _subir(oficial, mundo, nombre, contenido, descripcion="Evidencia del trimestre")
    assert respuesta.status_code == 302, respuesta.context["form"].errors
    evidencia = Evidencia.objects.latest("pk")
    assert (evidencia.nombre_original, evidencia.formato, evidencia.tamano) == (nombre, formato, len(contenido))
    assert evidencia.sha256 == hashlib.sha256(contenido).hexdigest()
    # Stored under a generated name, never the user's.
    assert nombre not in evidencia.archivo.name
    assert evidencia.archivo.name.endswith(f".{formato}")
    with default_storage.open(evidencia.archivo.name, "rb") as guardado:
        assert guardado.read() == contenido


@pytest.mark.parametrize(
    ("nombre", "contenido", "mensaje"),
    [
        ("instalador.exe", archivos.EXE, "no es de un formato admitido"),
        ("oficio.pdf", archivos.EXE, "no es de un formato admitido"),
        ("oficio.pdf", archivos.SCRIPT, "no es de un formato admitido"),
        ("datos.csv", archivos.SCRIPT, "no es de un formato admitido"),
        ("pagina.pdf", archivos.HTML, "no es de un formato admitido"),
        ("oficio.docx", archivos.PDF, "no corresponde a su extensión"),
        ("presentacion.pptx", archivos.pptx(), "no es de un formato admitido"),
        ("doble.zip", archivos.zip_con_zip(), "dentro de otro comprimido"),
        ("trampa.zip", archivos.zip_con_exe(), "no es de un formato admitido"),
        ("bomba.zip", archivos.zip_bomba(), "desproporcionado"),
        ("muchos.zip", archivos.zip_muchas_entradas(), "demasiados elementos"),
        ("vacio.pdf", b"", "está vacío"),
        ("../../etc/passwd.pdf", archivos.PDF, "no puede contener rutas"),
        ("..\\..\\boot.pdf", archivos.PDF, "no puede contener rutas"),
        ("oficio\x00.exe.pdf", archivos.PDF, "caracteres de control"),
        ("a" * 200 + ".pdf", archivos.PDF, "demasiado largo"),
        ("报告.pdf", archivos.PDF, "alfabeto latino"),
        ("отчёт.pdf", archivos.PDF, "alfabeto latino"),
        ("ruta.zip", archivos.zip_con_ruta(), "rutas no permitidas"),
        ("absoluta.zip", archivos.zip_con_ruta("/etc/passwd.csv"), "rutas no permitidas"),
        ("enlace.zip", archivos.zip_con_enlace_simbolico(), "enlaces simbólicos"),
        ("macro.docx", archivos.docx_con_macro(), "elementos no admitidos"),
        ("trampa.docx", archivos.docx_con_ejecutable(), "elementos no admitidos"),
        ("oculto.zip", archivos.zip_con_datos_ocultos(), "datos ocultos"),
        ("dañado.zip", archivos.zip_crc_incorrecto(), "está dañado"),
        ("raro.zip", archivos.zip_metodo_desconocido(), "está dañado"),
        ("directorio.zip", archivos.zip_que_declara_muchas_entradas(), "demasiados elementos"),
        ("formula.csv", archivos.CSV_CON_FORMULA, "fórmulas de hoja de cálculo"),
        ("cola.pdf", archivos.PDF_CON_COLA, "datos añadidos"),
        # Issue 14: what an outside attack run got accepted.
        ("plantilla.docx", archivos.docx_plantilla_remota(), "plantilla adjunta"),
        ("follina.docx", archivos.docx_follina(), "objeto OLE"),
        ("activex.docx", archivos.docx_activex(), "control u objeto incrustado"),
        ("dde.xlsx", archivos.xlsx_dde(), "DDE"),
        ("carga.odt", archivos.odt_con_carga_en_configurations2(), "Configurations2/payload.exe"),
        ("poliglota.pdf", archivos.pdf_html_poliglota(), "página web (HTML)"),
        ("javascript.pdf", archivos.pdf_con_javascript(), "JavaScript"),
        ("html.png", archivos.PNG_CON_HTML, "La imagen está dañada"),
        ("html.jpg", archivos.JPG_CON_HTML, "La imagen está dañada"),
        ("menos.csv", archivos.CSV_MENOS_DIGITO, "fórmulas de hoja de cálculo"),
        ("retornos.csv", archivos.CSV_SOLO_CR, "fórmulas de hoja de cálculo"),
        ("directorio.zip", archivos.zip_directorio_que_miente(5000), "demasiados elementos"),
    ],
)
def test_archivos_rechazados_sin_guardar_nada(oficial, mundo, nombre, contenido, mensaje):
    antes = _archivos_guardados()
    cuenta = Evidencia.objects.count()
    respuesta = _subir(oficial, mundo, nombre, contenido, descripcion="Se conserva lo escrito")
    assert respuesta.status_code == 200
    errores = " ".join(respuesta.context["form"].errors.get("archivo", []))
    assert mensaje in errores, errores
    # What the user typed is kept for the next attempt.
    assert respuesta.context["form"]["descripcion"].value() == "Se conserva lo escrito"
    assert Evidencia.objects.count() == cuenta
    assert _archivos_guardados() == antes


def test_limite_de_tamano_antes_de_recibir_todo(oficial, mundo, settings):
    settings.EVIDENCIA_TAMANO_MAXIMO = 1024 * 1024
    grande = archivos.PDF + b"0" * (2 * 1024 * 1024)
    antes = _archivos_guardados()
    respuesta = _subir(oficial, mundo, "grande.pdf", grande, descripcion="Anexo")
    assert respuesta.status_code == 200
    assert respuesta.context["form"].errors["archivo"] == ["El archivo excede el límite de 1 MB."]
    assert respuesta.context["form"]["descripcion"].value() == "Anexo"
    assert _archivos_guardados() == antes


def test_el_manejador_de_carga_descarta_el_archivo_mientras_llega(rf, settings):
    """The handler stops passing the file on mid-stream: the later handlers never get past
    the limit, and what is left is refused by the one upload entry."""
    from django.core.files.uploadhandler import MemoryFileUploadHandler

    from snimh.uploads import ArchivoDescartado, ArchivoRechazado, LimiteTamanoUploadHandler, inspeccionar

    settings.EVIDENCIA_TAMANO_MAXIMO = 2 * 1024 * 1024
    request = rf.post("/")
    manejador = LimiteTamanoUploadHandler(request)
    siguiente = MemoryFileUploadHandler(request)
    request.upload_handlers = [manejador, siguiente]
    manejador.handle_raw_input(None, {}, 3 * 1024 * 1024, b"x")
    manejador.new_file("archivo", "a.pdf", "application/pdf", None)
    assert manejador.receive_data_chunk(b"x" * 1024 * 1024, 0) == b"x" * 1024 * 1024
    assert manejador.receive_data_chunk(b"x" * 1024 * 1024, 0) == b"x" * 1024 * 1024
    assert manejador.receive_data_chunk(b"x" * 64, 0) is None
    assert manejador.receive_data_chunk(b"x" * 64, 0) is None
    descartado = manejador.file_complete(2 * 1024 * 1024 + 128)
    assert isinstance(descartado, ArchivoDescartado)
    assert descartado.name == "a.pdf" and descartado.read() == b""
    with pytest.raises(ArchivoRechazado, match="excede el límite de 2 MB"):
        inspeccionar(descartado)


def test_html_en_campos_de_texto(oficial, mundo):
    respuesta = _subir(oficial, mundo, "oficio.pdf", archivos.PDF, descripcion="<script>alert(1)</script>")
    assert respuesta.status_code == 200
    assert respuesta.context["form"].errors["descripcion"] == [
        "No se permiten etiquetas HTML ni código en este campo; escriba texto simple."
    ]
    assert not Evidencia.objects.filter(descripcion__contains="script").exists()


def test_formulario_falsificado_para_otra_institucion(client, mundo):
    client.force_login(mundo.usuarios["enlace_ajeno"])
    antes = Evidencia.objects.count()
    respuesta = _subir(client, mundo, "oficio.pdf", archivos.PDF)
    assert respuesta.status_code == 403
    assert Evidencia.objects.count() == antes


def test_sin_token_csrf(mundo):
    from django.test import Client

    cliente = Client(enforce_csrf_checks=True)
    cliente.force_login(mundo.usuarios["enlace_propio"])
    antes = Evidencia.objects.count()
    respuesta = _subir(cliente, mundo, "oficio.pdf", archivos.PDF)
    assert respuesta.status_code == 403
    assert "El formulario caducó" in respuesta.content.decode()
    assert Evidencia.objects.count() == antes


def test_descarga_con_encabezados_seguros(client, mundo):
    client.force_login(mundo.usuarios["consulta"])
    respuesta = client.get(reverse("acuerdos:evidencia_descargar", args=[mundo.evidencia.pk]))
    assert respuesta.status_code == 200
    assert b"".join(respuesta.streaming_content) == archivos.PDF
    assert respuesta["Content-Disposition"] == 'attachment; filename="pronunciamiento.pdf"'
    assert respuesta["X-Content-Type-Options"] == "nosniff"
    assert respuesta["Content-Security-Policy"] == "sandbox"
    assert respuesta["Content-Type"] == "application/pdf"


def test_nombre_con_acentos_en_la_descarga(oficial, mundo):
    _subir(oficial, mundo, "Constancia de participación.pdf", archivos.PDF)
    evidencia = Evidencia.objects.latest("pk")
    respuesta = oficial.get(reverse("acuerdos:evidencia_descargar", args=[evidencia.pk]))
    # RFC 6266 / 5987: an ASCII fallback is not needed when filename* is given.
    assert respuesta["Content-Disposition"] == (
        "attachment; filename*=utf-8''Constancia%20de%20participaci%C3%B3n.pdf"
    )


def test_id_de_evidencia_ajena_en_la_url(client, mundo):
    client.force_login(mundo.usuarios["enlace_ajeno"])
    for ruta in ("acuerdos:evidencia_descargar", "acuerdos:evidencia_retirar"):
        respuesta = client.get(reverse(ruta, args=[mundo.evidencia.pk]))
        assert respuesta.status_code == 404
        assert "pronunciamiento" not in respuesta.content.decode()
    # A number that does not exist answers the same.
    assert client.get(reverse("acuerdos:evidencia_descargar", args=[999999])).status_code == 404


def test_retirar_oculta_pero_conserva(oficial, mundo):
    from acuerdos.models import EvidenciaEvent

    url = reverse("acuerdos:evidencia_retirar", args=[mundo.evidencia.pk])
    respuesta = oficial.post(url, {"motivo": ""})
    assert respuesta.status_code == 200
    assert "motivo" in respuesta.context["form"].errors
    respuesta = oficial.post(url, {"motivo": "Se subió la versión sin firma"})
    assert respuesta.status_code == 302
    evidencia = Evidencia.objects.get(pk=mundo.evidencia.pk)
    assert evidencia.retirada and evidencia.retirada_por == mundo.usuarios["enlace_propio"]
    assert evidencia.motivo_retiro == "Se subió la versión sin firma"
    assert default_storage.exists(evidencia.archivo.name)
    eventos = EvidenciaEvent.objects.filter(pgh_obj_id=evidencia.pk).order_by("pgh_id")
    assert [(e.pgh_label, e.retirada) for e in eventos] == [("insert", False), ("update", True)]
    # Withdrawn once: for its institution it is gone (coordination keeps it for audits).
    assert oficial.post(url, {"motivo": "otra vez"}).status_code == 404
