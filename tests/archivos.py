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
    # Like every real package: the root relationships part "_rels/.rels" included.
    return _zip([("[Content_Types].xml", "<Types/>"), ("_rels/.rels", "<Relationships/>"),
                 ("word/document.xml", "<w:document/>"), ("word/_rels/document.xml.rels", "<Relationships/>")])


def xlsx():
    return _zip([("[Content_Types].xml", "<Types/>"), ("_rels/.rels", "<Relationships/>"),
                 ("xl/workbook.xml", "<workbook/>"), ("xl/_rels/workbook.xml.rels", "<Relationships/>")])


def xlsx_de_openpyxl():
    """A workbook exactly as a spreadsheet library saves it."""
    from openpyxl import Workbook

    libro = Workbook()
    libro.active.append(["institución", "acción"])
    libro.active.append(["CFE", "Pronunciamiento"])
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()


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


def zip_con_ruta(nombre="../../../../etc/cron.d/tarea.csv"):
    return _zip([(nombre, CSV)])


def zip_con_enlace_simbolico():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        info = zipfile.ZipInfo("enlace.csv")
        info.external_attr = (0o120777 << 16)  # S_IFLNK
        zf.writestr(info, "../../../tmp/a,b")
    return buffer.getvalue()


def docx_con_macro():
    return _zip([("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>"),
                 ("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro")])


def docx_con_ejecutable():
    return _zip([("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>"), ("payload.exe", EXE)])


def zip_con_datos_ocultos():
    """An EXE as a local entry the central directory does not list, then a normal archive."""
    oculto = _zip([("instalador.exe", EXE)])
    visible = _zip([("oficio.pdf", PDF)])
    # Keep only the local header and data of the hidden entry.
    fin_local = oculto.find(b"PK\x01\x02")
    prefijo = oculto[:fin_local]
    desplazado = bytearray(visible)
    # Move the visible archive's offsets after the prefix.
    inicio_directorio = desplazado.find(b"PK\x01\x02")
    desplazamiento_local = int.from_bytes(desplazado[inicio_directorio + 42:inicio_directorio + 46], "little")
    desplazado[inicio_directorio + 42:inicio_directorio + 46] = (desplazamiento_local + len(prefijo)).to_bytes(4, "little")
    fin = desplazado.find(b"PK\x05\x06")
    inicio = int.from_bytes(desplazado[fin + 16:fin + 20], "little")
    desplazado[fin + 16:fin + 20] = (inicio + len(prefijo)).to_bytes(4, "little")
    return prefijo + bytes(desplazado)


def zip_crc_incorrecto():
    datos = bytearray(_zip([("datos.csv", CSV)], metodo=zipfile.ZIP_STORED))
    posicion = datos.find("institución".encode())
    datos[posicion] ^= 0xFF
    return bytes(datos)


def zip_metodo_desconocido():
    datos = bytearray(_zip([("datos.csv", CSV)], metodo=zipfile.ZIP_STORED))
    for firma, desplazamiento in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        posicion = datos.find(firma)
        datos[posicion + desplazamiento:posicion + desplazamiento + 2] = (9).to_bytes(2, "little")
    return bytes(datos)


def zip_que_declara_muchas_entradas():
    datos = bytearray(_zip([("datos.csv", CSV)]))
    fin = datos.find(b"PK\x05\x06")
    datos[fin + 8:fin + 12] = (60000).to_bytes(2, "little") * 2
    return bytes(datos)


CSV_CON_FORMULA = "institución,enlace\nCFE,\"=HYPERLINK(\"\"http://ejemplo\"\";\"\"clic\"\")\"\nIMSS,=1+2\n".encode()
PDF_CON_COLA = PDF + EXE
CSV_LARGO_UTF8 = ("institución,acción\n" + "Secretaría de Bienestar,Difusión ñandú\n" * 3000).encode()
