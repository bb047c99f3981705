"""A deterministic, realistic synthetic SNIMH record, for scale tests and `make bench`.

``generar(Parametros(...))`` builds, in one transaction and with bulk inserts, decades of
sessions (three or four ordinary ones a year and the occasional extraordinary one) with
their presidium, agenda and named attendance; institutions with their SNIMH roles over
time, gender units and designated representatives; agreements numbered after the
existing ones, with one or many responsible institutions (some bound as a group, one
with sixty), status histories, progress reports, evidence files (small real files
written through the default storage, with their SHA-256), observations and their
answers; and accounts of every role.

Deterministic: everything comes from ``random.Random(semilla)`` and the cut-off date
``hasta``; the clock is never read for a generated value. Two runs with the same
parameters on the same starting database give the same rows. Only the storage names of
the files differ, because they come from ``snimh.db.nombre_generado`` (random UUIDs,
like every upload), and the primary keys, which come from the database's sequences.

The rules the database and the models enforce hold for every row (roles without
overlaps, attendance roles matching the role held that day, deadlines after their
session, status histories in date order, signed reviews and withdrawals…), so the
record behaves like a real one in every page, report and export.
"""

import base64
import contextlib
import dataclasses
import datetime
import hashlib
import io
import random
import struct
import time
import zipfile
import zlib
from concurrent.futures import ThreadPoolExecutor
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from acuerdos.models import Acuerdo, AlineacionAcuerdo, Objetivo, Programa, RevisionEnSesion
from compromisos.models import (
    CambioEstatus,
    EstadoRevision,
    Estatus,
    Evidencia,
    Grupo,
    GrupoResponsable,
    Observacion,
    Reporte,
    Seguimiento,
    sin_acentos,
)
from instituciones.models import (
    Institucion,
    Naturaleza,
    Participacion,
    Representante,
    Rol,
    UnidadIgualdadGenero,
)
from sesiones.models import Asistencia, PersonaPresidium, PuntoOrdenDia, Sesion
from snimh.db import contexto_historial, crear_en_lote, nombre_generado
from snimh.fechas import fecha_larga

# The programme that marks a database as holding synthetic data; its name records the
# parameters, so that a second run can tell "already generated, same record" apart
# from "another record is already here".
MARCA_CLAVE = "datos-sinteticos"
# Every synthetic account signs in with this password (documented in docs/performance.md).
CONTRASENA = "snimh-datos-sinteticos"
PREFIJO_USUARIO = "sintetico."
LOTE = 2000
# pg_advisory_xact_lock key: two concurrent runs must not both find the database empty.
_CERROJO = 0x534E494D48

# First day of each federal administration: representatives are designated anew.
_SEXENIOS = [datetime.date(2006, 12, 1), datetime.date(2012, 12, 1), datetime.date(2018, 12, 1),
             datetime.date(2024, 10, 1), datetime.date(2030, 10, 1)]


@dataclasses.dataclass(frozen=True)
class Parametros:
    """What to generate. ``hasta`` is the cut-off: nothing is dated after it."""

    hasta: datetime.date
    anios: int = 20
    acuerdos: int = 3000
    instituciones: int = 300
    evidencias: int = 60000
    semilla: int = 1

    def firma(self):
        return (f"semilla {self.semilla}, {self.anios} años, {self.acuerdos} acuerdos, "
                f"{self.instituciones} instituciones, {self.evidencias} evidencias")

    def descripcion(self):
        return f"Datos sintéticos ({self.firma()}; corte {self.hasta:%Y-%m-%d})"


class ParametrosInvalidos(ValueError):
    pass


class DatosSinteticosExistentes(Exception):
    """The database already holds a synthetic record."""

    def __init__(self, descripcion, mismos):
        self.descripcion = descripcion
        self.mismos = mismos
        super().__init__(descripcion)


@dataclasses.dataclass
class Resumen:
    descripcion: str
    reutilizado: bool = False
    conteos: dict = dataclasses.field(default_factory=dict)
    tiempos: dict = dataclasses.field(default_factory=dict)
    acuerdo_mas_responsables: tuple | None = None  # (número, instituciones)


def registrados():
    """The description of the synthetic record in the database, or None."""
    return Programa.objects.filter(clave=MARCA_CLAVE).values_list("nombre", flat=True).first()


def misma_firma(descripcion, parametros):
    return descripcion.startswith(f"Datos sintéticos ({parametros.firma()};")


def generar(parametros: Parametros, *, reutilizar: bool = False, avisar=None) -> Resumen:
    """Generate the record in one transaction, or refuse when one is already there.

    With ``reutilizar``, a record generated with the same seed and sizes is kept and
    reported instead of refused (the cut-off date may differ).
    """
    _validar(parametros)
    escritos = []
    try:
        with transaction.atomic(), contexto_historial(command="generate_synthetic_data"):
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CERROJO])
            existente = registrados()
            if existente:
                if reutilizar and misma_firma(existente, parametros):
                    return Resumen(descripcion=existente, reutilizado=True)
                raise DatosSinteticosExistentes(existente, misma_firma(existente, parametros))
            generador = _Generador(parametros, avisar or (lambda mensaje: None), escritos)
            with _restricciones_inmediatas():
                return generador.ejecutar()
    except BaseException:
        # The rows are rolled back; the files written so far would be orphans.
        for nombre in escritos:
            with contextlib.suppress(OSError):
                default_storage.delete(nombre)
        raise


@contextlib.contextmanager
def _restricciones_inmediatas():
    """Check foreign keys row by row instead of at commit.

    Django declares them DEFERRABLE INITIALLY DEFERRED; with hundreds of thousands
    of deferred checks queued, every insert whose history trigger runs a statement
    of its own became several times slower (measured: 10,000 rows in 2.4 s deferred,
    0.4 s immediate). The inserts go parents first, so immediate checks always pass.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    yield
    # Back to Django's default for the rest of the caller's transaction.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _validar(p):
    if p.anios < 1 or p.acuerdos < 1 or p.instituciones < 1 or p.evidencias < 0:
        raise ParametrosInvalidos(
            "Los años, acuerdos e instituciones deben ser al menos 1, y las evidencias no pueden ser negativas."
        )
    if p.anios > 200:
        raise ParametrosInvalidos("Como máximo 200 años: los números de sesión llegan hasta 999.")
    if p.hasta > timezone.localdate():
        raise ParametrosInvalidos("La fecha de corte no puede ser futura: las sesiones celebradas no pueden tener "
                                  "fecha futura.")


# Vocabulary -------------------------------------------------------------------------

_RAMOS = [
    ("Salud", "Salud"), ("Educación Pública", "Educación"), ("Economía", "Economía"),
    ("Bienestar", "Bienestar"), ("Trabajo y Previsión Social", "Trabajo y previsión social"),
    ("Agricultura y Desarrollo Rural", "Agricultura"), ("Medio Ambiente y Recursos Naturales", "Medio ambiente"),
    ("Energía", "Energía"), ("Turismo", "Turismo"), ("Cultura", "Cultura"),
    ("Infraestructura, Comunicaciones y Transportes", "Comunicaciones y transportes"),
    ("Desarrollo Agrario, Territorial y Urbano", "Desarrollo territorial"), ("Función Pública", "Función pública"),
    ("Relaciones Exteriores", "Relaciones exteriores"), ("Gobernación", "Gobernación"),
    ("Hacienda y Crédito Público", "Hacienda y crédito público"),
    ("Seguridad y Protección Ciudadana", "Seguridad"), ("Marina", "Marina"), ("Defensa Nacional", "Defensa"),
    ("Ciencia, Humanidades, Tecnología e Innovación", "Ciencia y tecnología"), ("las Mujeres", "Igualdad"),
]
_TEMAS_INSTITUCION = [
    ("Desarrollo Social", "Bienestar"), ("Salud Pública", "Salud"), ("Vivienda", "Desarrollo territorial"),
    ("Estadística y Geografía", "Hacienda y crédito público"), ("los Pueblos Indígenas", "Bienestar"),
    ("las Personas Adultas Mayores", "Bienestar"), ("la Juventud", "Bienestar"),
    ("Educación para los Adultos", "Educación"), ("Cancerología", "Salud"), ("Perinatología", "Salud"),
    ("Nutrición", "Salud"), ("Ecología", "Medio ambiente"), ("Pesca y Acuacultura", "Agricultura"),
    ("Antropología e Historia", "Cultura"), ("Bellas Artes", "Cultura"), ("Cultura Física y Deporte", "Educación"),
    ("Migración", "Gobernación"), ("Evaluación Educativa", "Educación"), ("Seguridad Social", "Trabajo y previsión social"),
    ("Protección Civil", "Seguridad"), ("Lenguas Indígenas", "Cultura"), ("Economía Social", "Economía"),
    ("Formación para el Trabajo", "Trabajo y previsión social"), ("Investigaciones Forestales", "Medio ambiente"),
    ("Derechos Humanos", "Gobernación"), ("Prevención de la Discriminación", "Gobernación"),
    ("Atención a Víctimas", "Gobernación"), ("Búsqueda de Personas", "Gobernación"),
    ("Desarrollo Rural", "Agricultura"), ("Agua", "Medio ambiente"), ("Salud Mental", "Salud"),
    ("Medicina Genómica", "Salud"), ("Rehabilitación", "Salud"), ("Geriatría", "Salud"), ("Pediatría", "Salud"),
    ("Salud Reproductiva", "Salud"), ("Vivienda para los Trabajadores", "Trabajo y previsión social"),
    ("Comercio Exterior", "Economía"), ("Cuidados", "Bienestar"), ("Energías Renovables", "Energía"),
    ("Ciencia y Tecnología", "Ciencia y tecnología"), ("Transparencia", "Función pública"),
]
_TIPOS_INSTITUCION = [
    ("Instituto Nacional de {}", Naturaleza.ENTIDAD_PARAESTATAL),
    ("Comisión Nacional de {}", Naturaleza.ORGANO_DESCONCENTRADO),
    ("Centro Nacional de {}", Naturaleza.ORGANO_DESCONCENTRADO),
    ("Consejo Nacional de {}", Naturaleza.ENTIDAD_PARAESTATAL),
    ("Procuraduría Federal de {}", Naturaleza.ORGANO_DESCONCENTRADO),
    ("Fondo Nacional de {}", Naturaleza.ENTIDAD_PARAESTATAL),
    ("Instituto Federal de {}", Naturaleza.ORGANISMO_AUTONOMO),
]
_ESTADOS = [
    "Aguascalientes", "Baja California", "Baja California Sur", "Campeche", "Coahuila", "Colima", "Chiapas",
    "Chihuahua", "la Ciudad de México", "Durango", "Guanajuato", "Guerrero", "Hidalgo", "Jalisco", "México",
    "Michoacán", "Morelos", "Nayarit", "Nuevo León", "Oaxaca", "Puebla", "Querétaro", "Quintana Roo",
    "San Luis Potosí", "Sinaloa", "Sonora", "Tabasco", "Tamaulipas", "Tlaxcala", "Veracruz", "Yucatán", "Zacatecas",
]
_MUNICIPIOS = [
    "Acapulco", "Aguascalientes", "Campeche", "Chihuahua", "Ciudad Juárez", "Colima", "Cuernavaca", "Culiacán",
    "Durango", "Ecatepec", "Guadalajara", "Hermosillo", "León", "Mérida", "Mexicali", "Monterrey", "Morelia",
    "Naucalpan", "Oaxaca de Juárez", "Pachuca", "Puebla", "Querétaro", "Saltillo", "San Luis Potosí", "Tepic",
    "Tijuana", "Tlaxcala", "Toluca", "Torreón", "Tuxtla Gutiérrez", "Villahermosa", "Xalapa", "Zacatecas", "Zapopan",
]
_PALABRAS_VACIAS = {"de", "del", "la", "las", "los", "el", "y", "e", "para", "a", "en"}

_NOMBRES = [
    "María", "Guadalupe", "Ana", "Laura", "Patricia", "Rosa", "Verónica", "Leticia", "Claudia", "Adriana",
    "Gabriela", "Alejandra", "Fernanda", "Daniela", "Mariana", "Elena", "Silvia", "Norma", "Teresa", "Lucía",
    "José", "Juan", "Luis", "Carlos", "Jorge", "Miguel", "Alejandro", "Roberto", "Fernando", "Ricardo",
]
_APELLIDOS = [
    "Hernández", "García", "Martínez", "López", "González", "Pérez", "Rodríguez", "Sánchez", "Ramírez", "Cruz",
    "Flores", "Gómez", "Morales", "Vázquez", "Reyes", "Jiménez", "Torres", "Díaz", "Gutiérrez", "Ruiz",
    "Mendoza", "Aguilar", "Ortiz", "Moreno", "Castillo", "Romero", "Álvarez", "Méndez", "Chávez", "Rivera",
]
_TRATAMIENTOS = ["Dra.", "Mtra.", "Lic.", "Mtro.", "Dr.", "Lic.", "Ing."]

_TEMAS = [
    "la corresponsabilidad en los cuidados", "el Sistema Nacional de Cuidados", "el hostigamiento y acoso sexual",
    "la igualdad salarial", "el lenguaje incluyente y no sexista", "la prevención de la violencia contra las mujeres",
    "la participación política de las mujeres", "la autonomía económica de las mujeres",
    "el presupuesto con perspectiva de género", "la armonización legislativa en materia de igualdad",
    "la salud sexual y reproductiva", "las mujeres rurales e indígenas", "la conciliación de la vida laboral y familiar",
    "las licencias de paternidad", "la Norma Mexicana en Igualdad Laboral y No Discriminación",
    "las estadísticas con perspectiva de género", "la atención a mujeres migrantes",
    "la prevención del embarazo en adolescentes", "las Unidades de Igualdad de Género",
    "la erradicación del matrimonio infantil", "el acceso de las mujeres a la justicia",
    "la inclusión financiera de las mujeres", "las mujeres en la ciencia y la tecnología",
]
_PLANTILLAS_ACUERDO = [
    "Se aprueba el Programa de Trabajo {anio} del Sistema Nacional para la Igualdad entre Mujeres y Hombres, "
    "con énfasis en {tema}.",
    "Las instituciones responsables remitirán a la Secretaría Técnica un informe sobre las acciones realizadas "
    "en materia de {tema}.",
    "Se instruye a la Secretaría Técnica elaborar un diagnóstico sobre {tema} en la Administración Pública "
    "Federal y presentarlo en la siguiente sesión ordinaria.",
    "Se acuerda la integración de un grupo de trabajo sobre {tema}, coordinado por {institucion}.",
    "Las dependencias y entidades incorporarán la perspectiva de género en sus programas institucionales, "
    "en particular en lo relativo a {tema}.",
    "Se toma conocimiento del informe de resultados sobre {tema} presentado por {institucion}.",
    "Las Unidades de Igualdad de Género difundirán entre el personal materiales de sensibilización sobre {tema}.",
    "Se aprueban los lineamientos para la capacitación de las personas servidoras públicas en {tema}.",
    "{institucion} presentará una propuesta de indicadores para dar seguimiento a {tema}.",
    "Se exhorta a las instituciones integrantes a designar una persona enlace para los trabajos sobre {tema}.",
    "Se aprueba la realización de una campaña nacional de difusión sobre {tema} durante {anio}.",
    "Las instituciones responsables informarán el presupuesto ejercido en acciones de {tema} en el ejercicio {anio}.",
]
_METAS = [
    "Informe entregado a la Secretaría Técnica.", "Diagnóstico presentado en sesión ordinaria.",
    "Campaña difundida en los medios institucionales.", "Personal capacitado y listas de asistencia remitidas.",
    "Lineamientos publicados en la normateca institucional.", "Propuesta de indicadores aprobada por el Sistema.",
]
_AVANCES = [
    "Se realizaron {n} sesiones de capacitación sobre {tema} dirigidas a {m} personas servidoras públicas.",
    "Se envió a la Secretaría Técnica el oficio con la información solicitada sobre {tema}.",
    "Se difundieron {n} materiales sobre {tema} en la intranet y las redes institucionales.",
    "Se instaló el grupo de trabajo interno sobre {tema}, que sesionó {n} veces en el periodo.",
    "Se incorporaron {n} acciones sobre {tema} al programa anual de trabajo de la Unidad de Igualdad de Género.",
    "Se elaboró el diagnóstico institucional sobre {tema}; se anexa el documento.",
    "Se asignaron recursos para acciones de {tema} por un monto aproximado de {m} mil pesos.",
]
_OBSERVACIONES = [
    "Falta el oficio firmado por la persona titular de la institución.",
    "La evidencia no corresponde al periodo reportado; envíe la del periodo del acuerdo.",
    "Anexe las listas de asistencia de las capacitaciones reportadas.",
    "El reporte no indica el número de personas beneficiadas; complételo.",
    "El archivo no permite verificar la acción reportada; envíe una versión legible.",
    "Precise las fechas de realización de las acciones.",
]
_MOTIVOS_RETIRO = ["Se subió un archivo equivocado.", "Archivo duplicado.", "Versión preliminar; se enviará la final."]
_DESCRIPCIONES = {
    "pdf": ["Oficio de respuesta", "Informe de actividades", "Constancia de capacitación", "Minuta de la reunión"],
    "docx": ["Informe trimestral", "Programa de trabajo", "Nota informativa"],
    "xlsx": ["Base de datos de personas capacitadas", "Matriz de seguimiento", "Presupuesto ejercido"],
    "jpg": ["Fotografía del evento", "Evidencia fotográfica de la campaña"],
    "png": ["Captura de la publicación en la intranet", "Cartel de la campaña"],
    "csv": ["Lista de asistencia", "Registro de participantes"],
    "zip": ["Expediente de evidencias", "Paquete de materiales de difusión"],
}
_NOMBRE_ARCHIVO = {
    "pdf": "oficio {siglas} {anio}-{n:03d}.pdf", "docx": "informe {siglas} {anio}-{n:03d}.docx",
    "xlsx": "matriz {siglas} {anio}-{n:03d}.xlsx", "jpg": "foto evento {n:03d}.jpg",
    "png": "captura {siglas} {n:03d}.png", "csv": "asistencia {siglas} {anio}-{n:03d}.csv",
    "zip": "evidencias {siglas} {anio}-{n:03d}.zip",
}
_FORMATOS = ["pdf", "docx", "xlsx", "jpg", "png", "csv", "zip"]
_PESOS_FORMATO = [62, 9, 7, 9, 5, 6, 2]


# Small real files -------------------------------------------------------------------

# An 8×8 JPEG (made once with Pillow); each copy gets its own comment segment.
_JPEG = base64.b64decode(
    "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8t"
    "MC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAAR"
    "CAAIAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAf/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAA"
    "BQb/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCaAGVO/9k="
)


def pdf(texto):
    """A one-page PDF with ``texto`` (ASCII), with a correct cross-reference table."""
    texto = sin_acentos(texto).encode("ascii", "replace").replace(b"\\", b"").replace(b"(", b"[").replace(b")", b"]")
    flujo = b"BT /F1 12 Tf 72 720 Td (" + texto + b") Tj ET"
    objetos = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(flujo) + flujo + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    salida = bytearray(b"%PDF-1.4\n")
    posiciones = []
    for numero, objeto in enumerate(objetos, 1):
        posiciones.append(len(salida))
        salida += b"%d 0 obj\n" % numero + objeto + b"\nendobj\n"
    inicio_xref = len(salida)
    salida += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objetos) + 1)
    for posicion in posiciones:
        salida += b"%010d 00000 n \n" % posicion
    salida += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n" % (len(objetos) + 1, inicio_xref)
    salida += b"%%EOF\n"
    return bytes(salida)


def png(color, comentario):
    """An 8×8 PNG of one colour, with ``comentario`` in a tEXt chunk."""
    ancho = alto = 8

    def bloque(tipo, datos):
        return (struct.pack(">I", len(datos)) + tipo + datos
                + struct.pack(">I", zlib.crc32(tipo + datos) & 0xFFFFFFFF))

    filas = b"".join(b"\x00" + bytes(color) * ancho for _ in range(alto))
    return (b"\x89PNG\r\n\x1a\n" + bloque(b"IHDR", struct.pack(">IIBBBBB", ancho, alto, 8, 2, 0, 0, 0))
            + bloque(b"tEXt", b"Comment\x00" + sin_acentos(comentario).encode("ascii", "replace"))
            + bloque(b"IDAT", zlib.compress(filas, 9)) + bloque(b"IEND", b""))


def jpg(comentario):
    datos = sin_acentos(comentario).encode("ascii", "replace")
    return _JPEG[:2] + b"\xff\xfe" + struct.pack(">H", len(datos) + 2) + datos + _JPEG[2:]


def csv(filas):
    return ("institucion,accion,fecha,personas\n" + "".join(",".join(map(str, f)) + "\n" for f in filas)).encode()


def _zip(entradas, momento):
    # Fixed timestamps: the bytes (and their SHA-256) must not depend on the clock.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archivo:
        for nombre, contenido in entradas:
            archivo.writestr(zipfile.ZipInfo(nombre, date_time=momento), contenido)
    return buffer.getvalue()


_TIPOS_CONTENIDO = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>{}</Types>'
)
_RELACION = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{}" '
    'Target="{}"/></Relationships>'
)


def docx(texto, momento):
    """A minimal Word document a word processor opens (one paragraph)."""
    from xml.sax.saxutils import escape

    return _zip([
        ("[Content_Types].xml", _TIPOS_CONTENIDO.format(
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>')),
        ("_rels/.rels", _RELACION.format("officeDocument", "word/document.xml")),
        ("word/document.xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
         f'<w:p><w:r><w:t>{escape(texto)}</w:t></w:r></w:p></w:body></w:document>'),
    ], momento)


def xlsx(filas, momento):
    """A minimal workbook a spreadsheet opens (one sheet, inline strings)."""
    from xml.sax.saxutils import escape

    def celda(valor):
        if isinstance(valor, int):
            return f"<c t=\"n\"><v>{valor}</v></c>"
        return f"<c t=\"inlineStr\"><is><t>{escape(str(valor))}</t></is></c>"

    hoja = "".join(f"<row>{''.join(celda(v) for v in fila)}</row>" for fila in filas)
    tipo = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    return _zip([
        ("[Content_Types].xml", _TIPOS_CONTENIDO.format(
            f'<Override PartName="/xl/workbook.xml" ContentType="{tipo}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{tipo}.worksheet+xml"/>')),
        ("_rels/.rels", _RELACION.format("officeDocument", "xl/workbook.xml")),
        ("xl/workbook.xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
         'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
         '<sheets><sheet name="Evidencia" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        ("xl/_rels/workbook.xml.rels", _RELACION.format("worksheet", "worksheets/sheet1.xml")),
        ("xl/worksheets/sheet1.xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
         f'<sheetData>{hoja}</sheetData></worksheet>'),
    ], momento)


def contenido_de_evidencia(formato, leyenda, filas, cuando, color=(120, 40, 110)):
    """The bytes of a small real file of ``formato`` carrying ``leyenda`` (so that each
    file, and its SHA-256, is its own) and ``filas`` (institución, acción, fecha, personas)."""
    momento = (cuando.year, cuando.month, cuando.day, cuando.hour, cuando.minute, 0)
    if formato == "pdf":
        return pdf(leyenda)
    if formato == "png":
        return png(color, leyenda)
    if formato == "jpg":
        return jpg(leyenda)
    if formato == "csv":
        return csv(filas)
    if formato == "docx":
        return docx(f"{leyenda}.", momento)
    if formato == "xlsx":
        return xlsx([("Institución", "Acción", "Fecha", "Personas"), *filas], momento)
    if formato == "zip":
        return _zip([("oficio.pdf", pdf(leyenda)), ("lista.csv", csv(filas))], momento)
    raise ValueError(formato)


# The generator --------------------------------------------------------------------

@contextlib.contextmanager
def _fechas_explicitas(*modelos):
    """Let bulk_create keep the generated creation/update times.

    ``auto_now``/``auto_now_add`` fields would stamp every row with the clock, so a
    report "uploaded in 2009" would say today. Switched off only for the duration of
    the generation (a management command or a test, single-threaded).
    """
    campos = [campo for modelo in modelos for campo in modelo._meta.concrete_fields
              if getattr(campo, "auto_now", False) or getattr(campo, "auto_now_add", False)]
    previos = [(campo, campo.auto_now, campo.auto_now_add) for campo in campos]
    for campo in campos:
        campo.auto_now = campo.auto_now_add = False
    try:
        yield
    finally:
        for campo, auto_now, auto_now_add in previos:
            campo.auto_now, campo.auto_now_add = auto_now, auto_now_add


def _repartir(total, pesos):
    """``total`` split in proportion to ``pesos`` (largest remainders), deterministically."""
    suma = sum(pesos)
    cuotas = [total * peso / suma for peso in pesos]
    partes = [int(cuota) for cuota in cuotas]
    for i in sorted(range(len(pesos)), key=lambda i: (partes[i] - cuotas[i], i))[: total - sum(partes)]:
        partes[i] += 1
    return partes


@dataclasses.dataclass
class _Periodo:
    rol: str
    desde: datetime.date
    hasta: datetime.date | None = None
    sesion: int | None = None  # index of the granting session, when an agreement granted it
    acuerdo: Acuerdo | None = None


class _Generador:
    def __init__(self, parametros, avisar, escritos):
        self.p = parametros
        self.azar = random.Random(parametros.semilla)
        self.avisar = avisar
        self.escritos = escritos
        self.zona = ZoneInfo(settings.TIME_ZONE)
        self.corte = self.momento(parametros.hasta, 18, 0)
        self.resumen = Resumen(descripcion=parametros.descripcion())

    # Helpers ---------------------------------------------------------------------

    def momento(self, fecha, hora=None, minuto=None):
        hora = self.azar.randint(9, 17) if hora is None else hora
        minuto = self.azar.randint(0, 59) if minuto is None else minuto
        return datetime.datetime(fecha.year, fecha.month, fecha.day, hora, minuto, tzinfo=self.zona)

    def momento_entre(self, inicio, fin):
        """A time between two datetimes (``fin`` not before ``inicio``), within office hours."""
        segundos = max(0, int((fin - inicio).total_seconds()))
        valor = inicio + datetime.timedelta(seconds=self.azar.randint(0, segundos))
        local = valor.astimezone(self.zona)
        if local.hour < 9 or local.hour >= 19:
            local = local.replace(hour=self.azar.randint(9, 18))
            valor = min(max(local, inicio), fin)
        return valor

    def persona(self):
        return f"{self.azar.choice(_NOMBRES)} {self.azar.choice(_APELLIDOS)} {self.azar.choice(_APELLIDOS)}"

    def elegir(self, opciones):
        valores, pesos = zip(*opciones.items(), strict=True)
        return self.azar.choices(valores, weights=pesos)[0]

    @contextlib.contextmanager
    def paso(self, nombre):
        inicio = time.perf_counter()
        yield
        self.resumen.tiempos[nombre] = time.perf_counter() - inicio
        self.avisar(f"  {nombre}: {self.resumen.tiempos[nombre]:.1f} s")

    def insertar(self, modelo, filas):
        inicio = time.perf_counter()
        crear_en_lote(modelo, filas, batch_size=LOTE)
        etiqueta = str(modelo._meta.verbose_name_plural)
        self.resumen.conteos[etiqueta] = self.resumen.conteos.get(etiqueta, 0) + len(filas)
        self.avisar(f"    {len(filas)} {etiqueta}: {time.perf_counter() - inicio:.1f} s")
        return filas

    # Steps -----------------------------------------------------------------------

    def ejecutar(self):
        with _fechas_explicitas(Acuerdo, Seguimiento, CambioEstatus, Observacion, Reporte, Evidencia):
            with self.paso("plan"):
                self.leer_base()
                self.planear_sesiones()
                self.planear_instituciones()
                self.planear_usuarios()
                self.planear_acuerdos()
                self.planear_participaciones()
                self.planear_asistencia()
                self.planear_seguimientos()
            with self.paso("catálogos, instituciones, cuentas y sesiones"):
                self.insertar_base()
            with self.paso("acuerdos, responsables e historial"):
                self.insertar_acuerdos()
            with self.paso("reportes, evidencias (con archivos) y observaciones"):
                self.generar_trabajo()
            with self.paso("seguimiento en sesiones"):
                self.insertar_revisiones()
        return self.resumen

    def leer_base(self):
        self.numero_acuerdo = Acuerdo.objects.aggregate(m=Max("numero"))["m"] or 0
        self.numero_sesion = {
            tipo: Sesion.objects.filter(tipo=tipo).aggregate(m=Max("numero"))["m"] or 0 for tipo in Sesion.Tipo.values
        }
        self.nombres_usados = {n.lower() for n in Institucion.objects.values_list("nombre", flat=True)}
        self.siglas_usadas = {s.lower() for s in Institucion.objects.exclude(siglas="").values_list("siglas", flat=True)}
        self.usuarios_usados = {u.lower() for u in get_user_model().objects.filter(
            username__startswith=PREFIJO_USUARIO).values_list("username", flat=True)}

    def planear_sesiones(self):
        p, azar = self.p, self.azar
        planes = []
        for anio in range(p.hasta.year - p.anios + 1, p.hasta.year + 1):
            meses = azar.choice([(3, 7, 11), (2, 5, 8, 11), (3, 6, 9, 12)])
            fechas = [(Sesion.Tipo.ORDINARIA, mes) for mes in meses]
            if azar.random() < 0.3:
                fechas.append((Sesion.Tipo.EXTRAORDINARIA, azar.randint(1, 12)))
            for tipo, mes in fechas:
                fecha = datetime.date(anio, mes, azar.randint(6, 26))
                fecha += datetime.timedelta(days={5: -1, 6: 1}.get(fecha.weekday(), 0))
                planes.append((fecha, tipo))
        planes.sort(key=lambda plan: (plan[0], plan[1] != Sesion.Tipo.ORDINARIA))
        numeros = dict(self.numero_sesion)
        self.sesiones = []
        for fecha, tipo in planes:
            numeros[tipo] += 1
            if numeros[tipo] > 999:
                raise ParametrosInvalidos("Los números de sesión pasarían de 999: genere menos años.")
            if fecha.year < 2020:
                modalidad = Sesion.Modalidad.PRESENCIAL
            elif fecha.year < 2022:
                modalidad = Sesion.Modalidad.VIRTUAL
            else:
                modalidad = self.elegir({Sesion.Modalidad.PRESENCIAL: 3, Sesion.Modalidad.HIBRIDA: 4,
                                         Sesion.Modalidad.VIRTUAL: 2})
            celebrada = fecha <= p.hasta
            self.sesiones.append(Sesion(
                numero=numeros[tipo], tipo=tipo, fecha=fecha, modalidad=modalidad,
                estado=Sesion.Estado.CELEBRADA if celebrada else Sesion.Estado.PROGRAMADA,
                resumen=(f"Sesión {tipo} del Sistema Nacional para la Igualdad entre Mujeres y Hombres, "
                         f"en modalidad {Sesion.Modalidad(modalidad).label.lower()}."),
            ))
        self.celebradas = [i for i, s in enumerate(self.sesiones) if s.estado == Sesion.Estado.CELEBRADA]
        if not self.celebradas:
            raise ParametrosInvalidos("Ninguna sesión queda antes de la fecha de corte: genere más años o "
                                      "use una fecha de corte posterior.")

    def planear_instituciones(self):
        azar = self.azar
        candidatas = [(f"Secretaría de {ramo}", Naturaleza.SECRETARIA_ESTADO, sector) for ramo, sector in _RAMOS]
        candidatas += [(tipo.format(tema), naturaleza, sector)
                       for tipo, naturaleza in _TIPOS_INSTITUCION for tema, sector in _TEMAS_INSTITUCION]
        candidatas += [(f"Instituto de las Mujeres del Estado de {e}" if e != "la Ciudad de México"
                        else "Secretaría de las Mujeres de la Ciudad de México", Naturaleza.GOBIERNO_ESTATAL,
                        "Gobierno estatal") for e in _ESTADOS]
        candidatas += [(f"Instituto Municipal de las Mujeres de {m}", Naturaleza.GOBIERNO_MUNICIPAL,
                        "Gobierno municipal") for m in _MUNICIPIOS]
        azar.shuffle(candidatas)
        self.instituciones = []
        vuelta = 0
        while len(self.instituciones) < self.p.instituciones:
            for nombre, naturaleza, sector in candidatas:
                if len(self.instituciones) >= self.p.instituciones:
                    break
                if vuelta:
                    nombre = f"{nombre}, Delegación Regional {vuelta}"
                if nombre.lower() in self.nombres_usados:
                    continue
                self.nombres_usados.add(nombre.lower())
                self.instituciones.append(Institucion(
                    nombre=nombre, siglas=self.siglas_de(nombre), naturaleza=naturaleza, sector=sector,
                ))
            vuelta += 1
        for institucion in self.instituciones:
            titular = self.persona()
            institucion.uig_sintetica = UnidadIgualdadGenero(
                institucion=institucion, titular=titular, cargo_titular="Titular de la Unidad de Igualdad de Género",
                correo=f"uig.{institucion.siglas.lower()}@sintetico.example",
                telefono=f"55 {azar.randint(1000, 9999)} {azar.randint(1000, 9999)}",
                formalmente_constituida=azar.random() < 0.7,
                instrumento_creacion=azar.choice(["Manual de organización", "Estatuto orgánico", "Acuerdo de creación", ""]),
            )

    def siglas_de(self, nombre):
        base = "".join(palabra[0] for palabra in sin_acentos(nombre).replace(",", " ").split()
                       if palabra.lower() not in _PALABRAS_VACIAS and palabra[0].isalpha()).upper()[:20] or "INST"
        siglas, n = base, 1
        while siglas.lower() in self.siglas_usadas:
            n += 1
            siglas = f"{base}{n}"
        self.siglas_usadas.add(siglas.lower())
        return siglas

    def planear_usuarios(self):
        Usuario = get_user_model()
        # One hash for everyone: the password is the same and hashing it thousands of
        # times would dominate the run; a fixed salt keeps the run deterministic.
        clave = make_password(CONTRASENA, salt=f"sinteticos{self.p.semilla}")
        inicio = self.momento(self.sesiones[0].fecha.replace(month=1, day=2), 9, 0)
        self.usuarios = []

        def cuenta(nombre_usuario, rol, institucion=None, alta=inicio):
            if nombre_usuario in self.usuarios_usados:
                raise DatosSinteticosExistentes(f"ya existe la cuenta {nombre_usuario}", False)
            nombre, primero, segundo = self.persona().split(" ", 2)
            usuario = Usuario(
                username=nombre_usuario, first_name=nombre, last_name=f"{primero} {segundo}",
                email=f"{nombre_usuario}@sintetico.example", password=clave, rol=rol, institucion=institucion,
                is_staff=rol == Usuario.Rol.COORDINACION, date_joined=alta,
            )
            self.usuarios.append(usuario)
            return usuario

        self.coordinacion = [cuenta(f"{PREFIJO_USUARIO}coordinacion{i}", Usuario.Rol.COORDINACION) for i in range(1, 5)]
        self.consulta = [cuenta(f"{PREFIJO_USUARIO}consulta{i}", Usuario.Rol.CONSULTA) for i in range(1, 4)]
        self.enlaces = {}
        for indice, institucion in enumerate(self.instituciones):
            cuantos = self.elegir({0: 2, 1: 6, 2: 2})
            self.enlaces[indice] = [
                cuenta(f"{PREFIJO_USUARIO}enlace{indice + 1:04d}" + (f"-{j + 1}" if j else ""), Usuario.Rol.ENLACE,
                       institucion)
                for j in range(cuantos)
            ]

    def planear_acuerdos(self):
        p, azar = self.p, self.azar
        pesos = [azar.uniform(0.6, 1.4) * (0.35 if self.sesiones[i].tipo == Sesion.Tipo.EXTRAORDINARIA else 1)
                 for i in self.celebradas]
        self.acuerdos_de = {i: [] for i in range(len(self.sesiones))}
        self.acuerdos = []
        numero = self.numero_acuerdo
        for indice, cuantos in zip(self.celebradas, _repartir(p.acuerdos, pesos), strict=True):
            sesion = self.sesiones[indice]
            for _ in range(cuantos):
                numero += 1
                acuerdo = Acuerdo(numero=numero, sesion=sesion, version=1)
                acuerdo.indice_sesion = indice
                self.acuerdos_de[indice].append(acuerdo)
                self.acuerdos.append(acuerdo)
        self.programa = Programa(clave=MARCA_CLAVE, nombre=p.descripcion(), vigente=True)
        self.objetivos = [
            Objetivo(programa=self.programa, numero=n, texto=texto) for n, texto in enumerate([
                "Potenciar la autonomía económica de las mujeres para cerrar brechas históricas de desigualdad.",
                "Generar las condiciones para reconocer, reducir y redistribuir los trabajos domésticos y de "
                "cuidados entre las familias, el Estado, la comunidad y el sector privado.",
                "Mejorar las condiciones para que las mujeres, niñas y adolescentes accedan al bienestar y la salud "
                "sin discriminación.",
                "Combatir los tipos y modalidades de violencia contra las mujeres, niñas y adolescentes.",
                "Posicionar la participación igualitaria de las mujeres en la toma de decisiones en los ámbitos "
                "político, social, comunitario y privado.",
                "Construir entornos seguros y en paz para las mujeres, niñas y adolescentes.",
            ], 1)
        ]

    def rol_en(self, indice, fecha):
        for periodo in self.periodos[indice]:
            if periodo.desde <= fecha and (periodo.hasta is None or fecha <= periodo.hasta):
                return periodo.rol
        return None

    def planear_participaciones(self):
        azar = self.azar
        celebradas_con_acuerdos = [i for i in self.celebradas if self.acuerdos_de[i]]
        inicio = datetime.date(self.sesiones[0].fecha.year, 1, 1)
        self.periodos = {}
        incorporaciones = {}
        for indice, institucion in enumerate(self.instituciones):
            rol = Rol.INTEGRANTE if indice == 0 else self.elegir(
                {Rol.INTEGRANTE: 20, Rol.INVITADA_PERMANENTE: 10, Rol.COADYUVANTE: 10, Rol.INVITADA: 60})
            fundadora = indice == 0 or azar.random() < 0.6 or len(celebradas_con_acuerdos) < 2
            if fundadora:
                periodos = [_Periodo(rol, inicio)]
            else:
                s = azar.choice(celebradas_con_acuerdos[1:])
                periodos = [_Periodo(rol, self.sesiones[s].fecha, sesion=s)]
            # Some invited institutions become members or permanent guests later.
            posteriores = [s for s in celebradas_con_acuerdos if self.sesiones[s].fecha > periodos[0].desde]
            if rol in (Rol.INVITADA, Rol.COADYUVANTE) and posteriores and azar.random() < 0.15:
                s = azar.choice(posteriores)
                periodos[0].hasta = self.sesiones[s].fecha - datetime.timedelta(days=1)
                periodos.append(_Periodo(self.elegir({Rol.INTEGRANTE: 1, Rol.INVITADA_PERMANENTE: 1}),
                                         self.sesiones[s].fecha, sesion=s))
            elif indice and azar.random() < 0.05 and posteriores:
                # Extinct or merged: its participation ends and it is no longer active.
                s = azar.choice(posteriores)
                periodos[-1].hasta = self.sesiones[s].fecha - datetime.timedelta(days=1)
                institucion.activa = False
            for periodo in periodos:
                if periodo.sesion is not None:
                    periodo.acuerdo = azar.choice(self.acuerdos_de[periodo.sesion])
                    incorporaciones.setdefault(id(periodo.acuerdo), []).append((institucion, periodo.rol))
            self.periodos[indice] = periodos
        self.acuerdos_de_incorporacion = incorporaciones

    def planear_asistencia(self):
        azar = self.azar
        probabilidad = {Rol.INTEGRANTE: 0.88, Rol.INVITADA_PERMANENTE: 0.7, Rol.COADYUVANTE: 0.6, Rol.INVITADA: 0.25}
        self.roles_en_sesion = {}
        self.asistencias = []
        for s in self.celebradas:
            sesion = self.sesiones[s]
            roles = {}
            for indice in range(len(self.instituciones)):
                rol = self.rol_en(indice, sesion.fecha)
                if rol:
                    roles[indice] = rol
            self.roles_en_sesion[s] = roles
            for indice, rol in roles.items():
                if azar.random() < probabilidad[rol]:
                    self.asistencias.append(Asistencia(
                        sesion=sesion, institucion=self.instituciones[indice], rol=rol,
                        representante=f"{self.persona()}, Titular de la Unidad de Igualdad de Género",
                    ))

    def planear_seguimientos(self):
        """Responsible institutions, statuses and status histories of every agreement."""
        p, azar = self.p, self.azar
        peso_rol = {Rol.INTEGRANTE: 6, Rol.INVITADA_PERMANENTE: 3, Rol.COADYUVANTE: 2, Rol.INVITADA: 1}
        # The agreement with ~60 responsible institutions the benchmark opens: one of
        # the last year's with time for a history, evidence and observations.
        con_acuerdos = [i for i in self.celebradas if self.acuerdos_de[i]]
        maduras = [i for i in con_acuerdos if self.sesiones[i].fecha <= p.hasta - datetime.timedelta(days=240)]
        self.acuerdo_grande = self.acuerdos_de[(maduras or con_acuerdos)[-1]][0]
        self.seguimientos = []
        self.grupos = []
        self.alineaciones = []
        self.cambios = []
        for acuerdo in self.acuerdos:
            s = acuerdo.indice_sesion
            sesion = self.sesiones[s]
            roles = self.roles_en_sesion[s]
            candidatas = list(roles)
            grupo = None
            if acuerdo is self.acuerdo_grande:
                elegidas = azar.sample(candidatas, min(60, len(candidatas)))
                origen = Seguimiento.Origen.NOMINAL
                responsables = f"Las {len(elegidas)} instituciones señaladas en el anexo del acuerdo."
            else:
                sorteo = azar.random()
                if sorteo < 0.03:
                    grupo = Grupo.INTEGRANTES
                elif sorteo < 0.04:
                    grupo = Grupo.INVITADAS_PERMANENTES
                if grupo and any(rol == grupo for rol in roles.values()):
                    elegidas = [i for i in candidatas if roles[i] == grupo]
                    origen = Seguimiento.Origen.GRUPO
                    responsables = f"{Grupo(grupo).label} del Sistema."
                else:
                    grupo = None
                    cuantas = min(len(candidatas), self.elegir({1: 45, 2: 14, 3: 11, 5: 10, 8: 8, 13: 6, 21: 4, 34: 2}))
                    elegidas = self.muestra_ponderada(candidatas, [peso_rol[roles[i]] for i in candidatas], cuantas)
                    origen = Seguimiento.Origen.NOMINAL
                    responsables = "; ".join(self.instituciones[i].siglas for i in elegidas[:6]) + (
                        " y otras" if len(elegidas) > 6 else "")
            registro = None
            if grupo:
                registro = GrupoResponsable(acuerdo=acuerdo, grupo=grupo)
                self.grupos.append(registro)
            self.texto_de_acuerdo(acuerdo, elegidas)
            acuerdo.responsables_texto = responsables[:500]
            self.plazo_de_acuerdo(acuerdo, s)
            if acuerdo is self.acuerdo_grande:
                # Every part of the agreement page has rows to show on this one.
                alineados = self.objetivos[:2]
            else:
                alineados = azar.sample(self.objetivos, azar.choice((1, 1, 2))) if azar.random() < 0.45 else []
            for objetivo in alineados:
                self.alineaciones.append(AlineacionAcuerdo(acuerdo=acuerdo, objetivo=objetivo))
            cierre = self.historial_de_acuerdo(acuerdo, sesion)
            fin = cierre or p.hasta
            acuerdo.ventana = (sesion.fecha + datetime.timedelta(days=1), fin)
            for indice in elegidas:
                estatus = self.elegir({
                    Estatus.CUMPLIDO: {Estatus.CUMPLIDO: 88, Estatus.SIN_MATERIA: 7, Estatus.EN_PROCESO: 5},
                    Estatus.SIN_MATERIA: {Estatus.SIN_MATERIA: 70, Estatus.CUMPLIDO: 15, Estatus.EN_PROCESO: 10,
                                          Estatus.SIN_INICIAR: 5},
                    Estatus.EN_PROCESO: {Estatus.EN_PROCESO: 50, Estatus.CUMPLIDO: 25, Estatus.SIN_INICIAR: 25},
                    Estatus.SIN_INICIAR: {Estatus.SIN_INICIAR: 85, Estatus.EN_PROCESO: 15},
                }[acuerdo.estatus])
                if acuerdo.ventana[0] > acuerdo.ventana[1]:
                    estatus = Estatus.SIN_INICIAR
                seguimiento = Seguimiento(acuerdo=acuerdo, institucion=self.instituciones[indice], origen=origen,
                                          grupo=registro if origen == Seguimiento.Origen.GRUPO else None,
                                          estatus=estatus, version=1, actualizado=self.momento(fin))
                seguimiento.indice_institucion = indice
                self.seguimientos.append(seguimiento)
        cuantas = {}
        for seguimiento in self.seguimientos:
            cuantas[seguimiento.acuerdo.numero] = cuantas.get(seguimiento.acuerdo.numero, 0) + 1
        self.resumen.acuerdo_mas_responsables = max(cuantas.items(), key=lambda par: (par[1], -par[0]))

    def muestra_ponderada(self, poblacion, pesos, k):
        # Efraimidis–Spirakis: weighted sampling without replacement in one pass.
        claves = sorted(((self.azar.random() ** (1 / peso), i) for i, peso in zip(poblacion, pesos, strict=True)),
                        reverse=True)
        return [i for _clave, i in claves[:k]]

    def texto_de_acuerdo(self, acuerdo, elegidas):
        azar = self.azar
        incorporadas = self.acuerdos_de_incorporacion.get(id(acuerdo))
        if incorporadas:
            lista = "; ".join(f"{institucion.nombre} ({Rol(rol).label.lower()})" for institucion, rol in incorporadas)
            acuerdo.texto = f"Se aprueba la incorporación al Sistema, con el carácter que se indica, de: {lista}."
            return
        institucion = self.instituciones[elegidas[0]].nombre if elegidas else "la Secretaría Técnica"
        acuerdo.texto = azar.choice(_PLANTILLAS_ACUERDO).format(
            tema=azar.choice(_TEMAS), institucion=institucion, anio=acuerdo.sesion.fecha.year,
        )
        acuerdo.texto = acuerdo.texto[0].upper() + acuerdo.texto[1:]
        if azar.random() < 0.5:
            acuerdo.meta = azar.choice(_METAS)

    def plazo_de_acuerdo(self, acuerdo, s):
        azar = self.azar
        fecha = acuerdo.sesion.fecha
        forma = self.elegir({"fecha": 40, "dias": 20, "siguiente": 25, "sin_fecha": 15})
        if forma == "fecha":
            acuerdo.plazo_fecha = fecha + datetime.timedelta(days=azar.choice((30, 60, 90, 120, 180, 365)))
            acuerdo.plazo_texto = f"A más tardar el {fecha_larga(acuerdo.plazo_fecha)}."
        elif forma == "dias":
            dias = azar.choice((15, 30, 45, 60, 90))
            acuerdo.plazo_fecha = fecha + datetime.timedelta(days=dias)
            acuerdo.plazo_texto = f"{dias} días naturales a partir de la aprobación del acuerdo."
        elif forma == "siguiente":
            siguiente = next((x for x in self.sesiones[s + 1:] if x.tipo == Sesion.Tipo.ORDINARIA), None)
            acuerdo.plazo_fecha = siguiente.fecha if siguiente else fecha + datetime.timedelta(days=120)
            acuerdo.plazo_texto = "Antes de la siguiente sesión ordinaria."
        else:
            acuerdo.plazo_fecha = None
            acuerdo.plazo_texto = azar.choice(("Permanente.", ""))

    def historial_de_acuerdo(self, acuerdo, sesion):
        """The status history, in date order, ending in the agreement's status; returns the
        closing date (None while open)."""
        p, azar = self.p, self.azar
        edad = (p.hasta - sesion.fecha).days
        if edad > 3 * 365:
            pesos = {Estatus.CUMPLIDO: 78, Estatus.SIN_MATERIA: 12, Estatus.EN_PROCESO: 8, Estatus.SIN_INICIAR: 2}
        elif edad > 365:
            pesos = {Estatus.CUMPLIDO: 50, Estatus.SIN_MATERIA: 5, Estatus.EN_PROCESO: 33, Estatus.SIN_INICIAR: 12}
        else:
            pesos = {Estatus.CUMPLIDO: 12, Estatus.SIN_MATERIA: 2, Estatus.EN_PROCESO: 46, Estatus.SIN_INICIAR: 40}
        final = self.elegir(pesos) if edad >= 2 else Estatus.SIN_INICIAR
        if acuerdo is self.acuerdo_grande and edad >= 2:
            # Under follow-up, so that its institutions have reports, evidence and observations.
            final = Estatus.EN_PROCESO
        coordinacion = azar.choice(self.coordinacion)
        pasos = [("", Estatus.SIN_INICIAR, sesion.fecha, "Registro del acuerdo.")]
        cierre = None
        if final == Estatus.EN_PROCESO:
            pasos.append((Estatus.SIN_INICIAR, final, sesion.fecha + datetime.timedelta(days=azar.randint(1, min(edad, 120))),
                          "La institución informó el inicio de las acciones."))
        elif final in (Estatus.CUMPLIDO, Estatus.SIN_MATERIA):
            directo = final == Estatus.SIN_MATERIA and azar.random() < 0.5
            anterior = Estatus.SIN_INICIAR
            fecha = sesion.fecha
            if not directo:
                fecha += datetime.timedelta(days=azar.randint(1, min(edad - 1, 120)))
                pasos.append((anterior, Estatus.EN_PROCESO, fecha, "La institución informó el inicio de las acciones."))
                anterior = Estatus.EN_PROCESO
            cierre = fecha + datetime.timedelta(days=azar.randint(1, max(1, min((p.hasta - fecha).days, 540))))
            pasos.append((anterior, final, cierre,
                          "Se acreditó el cumplimiento con las evidencias remitidas." if final == Estatus.CUMPLIDO
                          else "El acuerdo quedó sin materia por cambios en el marco normativo."))
        acuerdo.estatus = final
        acuerdo.creado = self.momento(sesion.fecha + datetime.timedelta(days=azar.randint(0, 3)), 10)
        acuerdo.actualizado = self.momento(pasos[-1][2], 18, 30)
        acuerdo.cambios = []
        for anterior, nuevo, fecha, motivo in pasos:
            cambio = CambioEstatus(acuerdo=acuerdo, anterior=anterior, nuevo=nuevo, fecha=fecha, motivo=motivo,
                                   usuario=coordinacion, registrado=self.momento(fecha))
            acuerdo.cambios.append(cambio)
            self.cambios.append(cambio)
        return cierre

    # Inserts -----------------------------------------------------------------------

    def insertar_base(self):
        azar = self.azar
        self.insertar(Programa, [self.programa])
        self.insertar(Objetivo, self.objetivos)
        self.insertar(Institucion, self.instituciones)
        self.insertar(UnidadIgualdadGenero, [i.uig_sintetica for i in self.instituciones])
        self.insertar(get_user_model(), self.usuarios)
        self.insertar(Sesion, self.sesiones)
        presidium, puntos = [], []
        for sesion in self.sesiones:
            presidium.append(PersonaPresidium(sesion=sesion, orden=1, tratamiento=azar.choice(_TRATAMIENTOS),
                                              nombre=self.persona(), cargo="Presidenta del Instituto Nacional de las Mujeres"))
            if azar.random() < 0.6:
                presidium.append(PersonaPresidium(sesion=sesion, orden=2, tratamiento=azar.choice(_TRATAMIENTOS),
                                                  nombre=self.persona(), cargo="Secretaria Ejecutiva del INMUJERES"))
            temas = azar.sample(_TEMAS, azar.randint(1, 3))
            titulos = ["Lista de asistencia y verificación del quórum", "Lectura y aprobación del orden del día",
                       "Seguimiento de acuerdos", *(f"Presentación sobre {t}" for t in temas), "Asuntos generales"]
            for n, titulo in enumerate(titulos, 1):
                resumen = ""
                if titulo == "Seguimiento de acuerdos":
                    resumen = "Se revisó el avance de los acuerdos en seguimiento."
                elif titulo.startswith("Presentación"):
                    resumen = f"Se presentaron los avances institucionales sobre {titulo.removeprefix('Presentación sobre ')}."
                puntos.append(PuntoOrdenDia(sesion=sesion, numero=n, titulo=titulo[0].upper() + titulo[1:],
                                            resumen=resumen))
        self.insertar(PersonaPresidium, presidium)
        self.insertar(PuntoOrdenDia, puntos)

    def insertar_acuerdos(self):
        self.insertar(Acuerdo, self.acuerdos)
        self.insertar(AlineacionAcuerdo, self.alineaciones)
        self.insertar(GrupoResponsable, self.grupos)
        participaciones, representantes = [], []
        for indice, institucion in enumerate(self.instituciones):
            periodos = self.periodos[indice]
            for periodo in periodos:
                participaciones.append(Participacion(
                    institucion=institucion, rol=periodo.rol, desde=periodo.desde, hasta=periodo.hasta,
                    acuerdo=periodo.acuerdo,
                    fundamento="" if periodo.acuerdo else "Reglas para la Organización y Funcionamiento del SNIMH",
                ))
            representantes += self.representantes_de(institucion, periodos[0].desde, periodos[-1].hasta)
        self.insertar(Participacion, participaciones)
        self.insertar(Representante, representantes)
        self.insertar(Asistencia, self.asistencias)
        self.insertar(Seguimiento, self.seguimientos)
        self.insertar(CambioEstatus, self.cambios)

    def representantes_de(self, institucion, desde, hasta):
        """A titular and a suplente per federal administration, each with a designation letter."""
        azar = self.azar
        cortes = [desde, *(c for c in _SEXENIOS if desde < c <= (hasta or self.p.hasta))]
        filas = []
        for n, inicio in enumerate(cortes):
            fin = cortes[n + 1] - datetime.timedelta(days=1) if n + 1 < len(cortes) else hasta
            for tipo in (Representante.Tipo.TITULAR, Representante.Tipo.SUPLENTE):
                oficio = inicio - datetime.timedelta(days=azar.randint(0, 15))
                filas.append(Representante(
                    institucion=institucion, tipo=tipo, tratamiento=azar.choice(_TRATAMIENTOS), nombre=self.persona(),
                    cargo="Titular de la institución" if tipo == Representante.Tipo.TITULAR
                    else "Titular de la Unidad de Igualdad de Género",
                    correo="", numero_oficio=f"{institucion.siglas}/{oficio.year}/{azar.randint(1, 999):03d}",
                    fecha_oficio=oficio, vigente_desde=inicio, vigente_hasta=fin,
                ))
        return filas

    def generar_trabajo(self):
        """Reports, evidence and observations of each follow-up record, in time order, so
        that returned items get an observation and later items may answer it."""
        p, azar = self.p, self.azar
        elegibles = [s for s in self.seguimientos if s.estatus != Estatus.SIN_INICIAR]
        peso = {Estatus.CUMPLIDO: 3, Estatus.EN_PROCESO: 2, Estatus.SIN_MATERIA: 0.5}
        if not elegibles:
            elegibles = list(self.seguimientos)
        # The benchmark's agreement gets more than its share, so that it has evidence at any size.
        pesos = [peso.get(s.estatus, 1) * (4 if s.acuerdo is self.acuerdo_grande else 1) for s in elegibles]
        por_seguimiento = {}
        for elegido in azar.choices(range(len(elegibles)), weights=pesos, k=p.evidencias):
            por_seguimiento[elegido] = por_seguimiento.get(elegido, 0) + 1
        evidencias_de = {id(elegibles[i]): n for i, n in por_seguimiento.items()}

        reportes = [[], []]  # [first pass, answers to observations]
        evidencias = [[], []]
        observaciones = []
        contador_archivo = 0
        pendientes_de_archivo = []
        for seguimiento in self.seguimientos:
            acuerdo = seguimiento.acuerdo
            inicio, fin = acuerdo.ventana
            n_evidencias = evidencias_de.get(id(seguimiento), 0)
            if seguimiento.estatus in (Estatus.EN_PROCESO, Estatus.CUMPLIDO):
                n_reportes = 1 + min(5, int(azar.expovariate(0.9)))
            elif seguimiento.estatus == Estatus.SIN_MATERIA:
                n_reportes = azar.randint(0, 1)
            else:
                n_reportes = 0
            if inicio > fin:
                n_reportes = 0
                inicio = fin = min(acuerdo.sesion.fecha + datetime.timedelta(days=1), p.hasta)
            desde, hasta = self.momento(inicio, 9, 0), min(self.momento(fin, 18, 0), self.corte)
            if hasta < desde:
                desde = hasta
            autores = self.enlaces[seguimiento.indice_institucion] or self.coordinacion
            sucesos = [("reporte", self.momento_entre(desde, hasta)) for _ in range(n_reportes)]
            sucesos += [("evidencia", self.momento_entre(desde, hasta)) for _ in range(n_evidencias)]
            sucesos.sort(key=lambda suceso: suceso[1])
            abierta = None
            for tipo, cuando in sucesos:
                autor = azar.choice(autores)
                respuesta = None
                if abierta is not None and cuando > abierta.creada and azar.random() < 0.7:
                    respuesta, abierta = abierta, None
                revisor, revisado_en, estado = None, None, EstadoRevision.PENDIENTE
                if cuando < self.corte - datetime.timedelta(days=15) and azar.random() < 0.95:
                    revisado_en = cuando + datetime.timedelta(hours=azar.randint(20, 24 * 12))
                    if revisado_en <= self.corte:
                        revisor = azar.choice(self.coordinacion)
                        estado = (EstadoRevision.DEVUELTO if respuesta is None and azar.random() < 0.15
                                  else EstadoRevision.ACEPTADO)
                    else:
                        revisado_en = None
                tema = azar.choice(_TEMAS)
                if tipo == "reporte":
                    objeto = Reporte(
                        seguimiento=seguimiento, fecha=cuando.astimezone(self.zona).date(), autor=autor, creado=cuando,
                        texto=azar.choice(_AVANCES).format(n=azar.randint(2, 12), m=azar.randint(20, 900), tema=tema),
                        responde_a=respuesta, estado_revision=estado, revisado_por=revisor, revisado_en=revisado_en,
                    )
                    reportes[respuesta is not None].append(objeto)
                else:
                    contador_archivo += 1
                    formato = azar.choices(_FORMATOS, weights=_PESOS_FORMATO)[0]
                    objeto = Evidencia(
                        seguimiento=seguimiento, subida_por=autor, subida_en=cuando, formato=formato,
                        nombre_original=_NOMBRE_ARCHIVO[formato].format(
                            siglas=seguimiento.institucion.siglas, anio=cuando.year, n=contador_archivo % 1000),
                        descripcion=azar.choice(_DESCRIPCIONES[formato]), responde_a=respuesta,
                        estado_revision=estado, revisada_por=revisor, revisada_en=revisado_en,
                    )
                    if respuesta is None and estado != EstadoRevision.DEVUELTO and azar.random() < 0.01:
                        retiro = min(cuando + datetime.timedelta(days=azar.randint(1, 5)), self.corte)
                        objeto.retirada, objeto.retirada_por, objeto.retirada_en = True, autor, max(retiro, cuando)
                        objeto.motivo_retiro = azar.choice(_MOTIVOS_RETIRO)
                        objeto.estado_revision, objeto.revisada_por, objeto.revisada_en = EstadoRevision.PENDIENTE, None, None
                    pendientes_de_archivo.append((objeto, self.contenido(objeto, acuerdo, contador_archivo, tema)))
                    evidencias[respuesta is not None].append(objeto)
                if estado == EstadoRevision.DEVUELTO:
                    abierta = Observacion(
                        seguimiento=seguimiento, texto=azar.choice(_OBSERVACIONES), autor=revisor, creada=revisado_en,
                        **{tipo: objeto},
                    )
                    observaciones.append(abierta)
            # Overdue and silent: coordination asks for news.
            if (not sucesos and acuerdo.plazo_fecha and acuerdo.esta_abierto and acuerdo.plazo_fecha < p.hasta
                    and azar.random() < 0.3):
                dia = min(acuerdo.plazo_fecha + datetime.timedelta(days=azar.randint(1, 30)), p.hasta)
                observaciones.append(Observacion(
                    seguimiento=seguimiento, autor=azar.choice(self.coordinacion), creada=self.momento(dia),
                    texto="El plazo del acuerdo venció y la institución no ha reportado avances; informe lo realizado.",
                ))
        self.escribir_archivos(pendientes_de_archivo)
        self.insertar(Reporte, reportes[0])
        self.insertar(Evidencia, evidencias[0])
        self.insertar(Observacion, observaciones)
        self.insertar(Reporte, reportes[1])
        self.insertar(Evidencia, evidencias[1])

    def contenido(self, evidencia, acuerdo, n, tema):
        azar = self.azar
        siglas = evidencia.seguimiento.institucion.siglas
        cuando = evidencia.subida_en.astimezone(self.zona)
        filas = [(siglas, f"Capacitacion sobre {sin_acentos(tema)}", f"{cuando:%Y-%m-%d}", azar.randint(5, 300))
                 for _ in range(azar.randint(1, 6))]
        return contenido_de_evidencia(
            evidencia.formato, f"SNIMH - Acuerdo {acuerdo.numero} - {siglas} - Evidencia {n} - {cuando:%d/%m/%Y}",
            filas, cuando, (azar.randrange(256), azar.randrange(256), azar.randrange(256)),
        )

    def escribir_archivos(self, pendientes):
        inicio = time.perf_counter()
        zona = self.zona

        def guardar(evidencia, datos):
            carpeta = f"evidencias/{evidencia.subida_en.astimezone(zona):%Y/%m}"
            nombre = default_storage.save(nombre_generado(carpeta, f"evidencia.{evidencia.formato}"), ContentFile(datos))
            self.escritos.append(nombre)
            return nombre

        # Each write waits on the disk or, with an object store, on the network; a few
        # threads overlap the waits. The storage is set up here first, not by two threads.
        default_storage.get_valid_name("evidencia")
        with ThreadPoolExecutor(max_workers=6) as hilos:
            nombres = list(hilos.map(guardar, *zip(*pendientes, strict=True))) if pendientes else []
        for (evidencia, datos), nombre in zip(pendientes, nombres, strict=True):
            evidencia.archivo = nombre
            evidencia.tamano = len(datos)
            evidencia.sha256 = hashlib.sha256(datos).hexdigest()
        self.resumen.conteos["archivos"] = len(pendientes)
        self.avisar(f"    {len(pendientes)} archivos: {time.perf_counter() - inicio:.1f} s")

    def insertar_revisiones(self):
        """Each held session reviews the agreements of the previous one still open on its date."""
        azar = self.azar
        filas = []
        for anterior, actual in zip(self.celebradas, self.celebradas[1:], strict=False):
            fecha = self.sesiones[actual].fecha
            for acuerdo in self.acuerdos_de[anterior]:
                estatus = [c.nuevo for c in acuerdo.cambios if c.fecha <= fecha][-1]
                if estatus not in Estatus.abiertos():
                    continue
                atraso = (fecha - acuerdo.plazo_fecha).days if acuerdo.plazo_fecha and acuerdo.plazo_fecha < fecha else 0
                filas.append(RevisionEnSesion(sesion=self.sesiones[actual], acuerdo=acuerdo, estatus=estatus,
                                              dias_vencido=atraso, revisado=azar.random() < 0.85))
        self.insertar(RevisionEnSesion, filas)


# What the benchmark measures -------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Punto:
    """A page the benchmark requests, and as whom: ``anonimo``, ``coordinacion``, ``enlace``
    (the officer of the institution with most follow-up records) or ``token`` (API)."""

    clave: str
    url: str
    como: str
    pesado: bool = False


@dataclasses.dataclass(frozen=True)
class Medicion:
    puntos: list
    coordinacion: str
    enlace: str
    seguimiento_para_subir: int
    acuerdo_grande: int
    responsables_del_acuerdo_grande: int


def puntos_de_medicion():
    """The pages of issue 8's benchmark, each on the object of the record that weighs most
    on it: the agreement with most responsible institutions, the institution with most
    follow-up records, the session with most agreements, the busiest officer…

    Shared by ``make bench`` and the query-count tests, so both measure the same thing.
    A route that does not exist falls back to its documented path (the benchmark then
    reports its 404 instead of failing).
    """
    from urllib.parse import urlencode

    from django.db.models import Count, Exists, OuterRef, Q
    from django.urls import NoReverseMatch, reverse

    def ruta(nombre, respaldo, *args, consulta=None):
        try:
            url = reverse(nombre, args=args)
        except NoReverseMatch:
            url = respaldo
        return url + (f"?{urlencode(consulta)}" if consulta else "")

    Usuario = get_user_model()
    # The agreement with most institutions among those where every part of the page has
    # rows (alignment, evidence, an observation answered): an empty part skips queries.
    respondidas = Observacion.objects.filter(seguimiento__acuerdo=OuterRef("pk")).filter(
        Q(reportes_respuesta__isnull=False) | Q(evidencias_respuesta__isnull=False))
    por_responsables = Acuerdo.objects.annotate(n=Count("seguimientos")).order_by("-n", "numero")
    acuerdo = por_responsables.filter(
        Exists(AlineacionAcuerdo.objects.filter(acuerdo=OuterRef("pk"))),
        Exists(Evidencia.objects.filter(seguimiento__acuerdo=OuterRef("pk"), retirada=False)),
        Exists(respondidas),
    ).first() or por_responsables.first()
    institucion = Institucion.objects.annotate(n=Count("seguimientos")).order_by("-n", "pk").first()
    sesion = Sesion.objects.annotate(n=Count("acuerdos")).order_by("-n", "pk").first()
    coordinacion = Usuario.objects.filter(rol=Usuario.Rol.COORDINACION, is_active=True).order_by("username").first()
    enlace = (Usuario.objects.filter(rol=Usuario.Rol.ENLACE, is_active=True)
              .annotate(n=Count("institucion__seguimientos")).order_by("-n", "username").first())
    visibles = Evidencia.objects.filter(retirada=False).order_by("pk")
    evidencia = (visibles.filter(seguimiento__acuerdo=acuerdo, formato="pdf").first()
                 or visibles.filter(formato="pdf").first() or visibles.first())
    if not (acuerdo and institucion and sesion and coordinacion and enlace and evidencia):
        raise ValueError("El registro no tiene los objetos que se miden: genere datos sintéticos primero.")

    abiertos = Acuerdo.objects.filter(estatus=Estatus.EN_PROCESO)
    palabra = next(
        (p for p in ["cuidados", *(t.split()[-1] for t in _TEMAS)] if abiertos.filter(texto__icontains=p).exists()),
        "igualdad",
    )
    # Every filter of the list at once, on an agreement that satisfies them all (or as
    # many as the record allows), so that the page has rows to render.
    con_filtros = Acuerdo.objects.annotate(n=Count("seguimientos")).order_by("-n", "numero")
    elegido = (con_filtros.vencidos().filter(objetivos__isnull=False).first()
               or con_filtros.vencidos().first() or acuerdo)
    filtros = {"anio": elegido.sesion.fecha.year, "sesion": elegido.sesion_id,
               "institucion": elegido.seguimientos.order_by("pk").values_list("institucion_id", flat=True).first()}
    objetivo = elegido.objetivos.order_by("pk").values_list("pk", flat=True).first()
    if objetivo:
        filtros["objetivo"] = objetivo
    if elegido.esta_vencido():
        filtros["vencidos"] = 1
    filtros["orden"] = "-plazo"

    puntos = [
        Punto("salud", ruta("salud", "/salud/"), "anonimo"),
        Punto("tablero", ruta("acuerdos:tablero", "/tablero/"), "coordinacion"),
        Punto("lista_buscada", ruta("acuerdos:lista", "/acuerdos/", consulta={"q": palabra, "estatus": "en_proceso"}),
              "coordinacion"),
        Punto("lista_filtrada", ruta("acuerdos:lista", "/acuerdos/", consulta=filtros), "coordinacion"),
        Punto("detalle", ruta("acuerdos:detalle", f"/acuerdos/{acuerdo.numero}/", acuerdo.numero), "coordinacion"),
        Punto("institucion", ruta("instituciones:detalle", f"/instituciones/{institucion.pk}/", institucion.pk),
              "coordinacion"),
        Punto("sesion", ruta("sesiones:detalle", f"/sesiones/{sesion.pk}/", sesion.pk), "coordinacion"),
        Punto("pendientes", ruta("acuerdos:pendientes", "/pendientes/"), "enlace"),
        Punto("transparencia", ruta("transparencia:lista", "/transparencia/"), "anonimo"),
        Punto("api_lista", ruta("api:acuerdo-list", "/api/v1/acuerdos/"), "token"),
        Punto("api_detalle", ruta("api:acuerdo-detail", f"/api/v1/acuerdos/{acuerdo.numero}/", acuerdo.numero),
              "token"),
        Punto("exportar_csv", ruta("acuerdos:exportar_csv", "/acuerdos/exportar.csv"), "coordinacion", pesado=True),
        Punto("exportar_xlsx", ruta("acuerdos:exportar_xlsx", "/acuerdos/exportar.xlsx"), "coordinacion", pesado=True),
        Punto("descarga", ruta("acuerdos:evidencia_descargar", f"/evidencias/{evidencia.pk}/descargar/", evidencia.pk),
              "coordinacion"),
    ]
    return Medicion(
        puntos=puntos, coordinacion=coordinacion.username, enlace=enlace.username,
        seguimiento_para_subir=acuerdo.seguimientos.order_by("pk").values_list("pk", flat=True).first(),
        acuerdo_grande=acuerdo.numero, responsables_del_acuerdo_grande=acuerdo.n,
    )
