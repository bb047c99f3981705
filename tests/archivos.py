"""Real files of every accepted format, and hostile ones, built in the tests."""

import io
import zipfile

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
JPG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40
CSV = "institución,acción,fecha\nCFE,Pronunciamiento,2020-11-25\nIMSS,Difusión,2020-11-30\n".encode()
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 60 + b"This program cannot be run in DOS mode"
SCRIPT = b"#!/bin/sh\nrm -rf / --no-preserve-root\n"
HTML = b"<html><script>alert(document.cookie)</script></html>"


def _zip(entradas, metodo=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", metodo) as zf:
        for nombre, contenido in entradas:
            zf.writestr(nombre, contenido)
    return buffer.getvalue()


def docx():
    return _zip([("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>")])


def xlsx():
    return _zip([("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<workbook/>")])


def odt():
    return _zip([("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<office/>")],
                metodo=zipfile.ZIP_STORED)


def ods():
    return _zip([("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", "<office/>")],
                metodo=zipfile.ZIP_STORED)


def zip_de_pdfs():
    return _zip([("oficio.pdf", PDF), ("anexo/lista.csv", CSV)])


def zip_con_zip():
    return _zip([("dentro.zip", zip_de_pdfs())])


def zip_con_exe():
    return _zip([("instalador.pdf", EXE)])


def zip_bomba():
    """A few KB that expand to 50 MB of zeros."""
    return _zip([("ceros.csv", b"\x00" * (50 * 1024 * 1024))])


def zip_muchas_entradas(n=1500):
    return _zip([(f"f{i}.csv", CSV) for i in range(n)], metodo=zipfile.ZIP_STORED)


def pptx():
    return _zip([("[Content_Types].xml", "<Types/>"), ("ppt/presentation.xml", "<p/>")])
