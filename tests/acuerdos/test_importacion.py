"""Import of the historical record: the 2020 annex as a spreadsheet, and a broken one."""

import datetime
import io
from io import StringIO

import pytest
import yaml
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook

from acuerdos.importacion import importar
from acuerdos.models import Acuerdo
from compromisos.models import Estatus
from instituciones.models import Institucion
from sesiones.models import Sesion
from tests.acuerdos.test_reference_data import ANEXO_I
from tests.trabajos.trabajador import ejecutar_pendientes

pytestmark = pytest.mark.django_db

FECHAS = {19: "22/11/2019", 20: "24/04/2020", 21: "30/09/2020", 22: "09/12/2020"}


def _datos_oficiales():
    with open(settings.BASE_DIR / "data" / "reference" / "snimh-2020.yaml", encoding="utf-8") as archivo:
        return yaml.safe_load(archivo)


@pytest.fixture
def instituciones():
    for item in _datos_oficiales()["instituciones"]:
        Institucion.objects.create(siglas=item["siglas"] or "", nombre=item["nombre"], naturaleza=item["naturaleza"])


def _xlsx(filas):
    libro = Workbook()
    hoja = libro.active
    hoja.append(["Sesión", "Tipo", "Fecha", "Número", "Acuerdo", "Estatus", "Responsables", "Plazo",
                 "Fecha de estatus", "Grupos"])
    for fila in filas:
        hoja.append(fila)
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()


def _anexo_2020():
    acuerdos = {a["numero"]: a for a in _datos_oficiales()["acuerdos"]}
    filas = []
    for numero, (_ordinal, _cita, estatus) in ANEXO_I.items():
        a = acuerdos[numero]
        filas.append([a["sesion"], "ordinaria", FECHAS[a["sesion"]], numero, a["texto"],
                      "CUMPLIDO" if estatus == "cumplido" else "En proceso",
                      # names and siglas, with odd case and without accents
                      "; ".join(["inmujeres"] if numero == 53 else []) or "", "", "31/12/2020", ""])
    filas[0][6] = "Instituto Nacional de las Mujeres; shcp"
    return _xlsx(filas)


def test_importa_el_anexo_2020_y_reimportar_no_cambia_nada(instituciones):
    resultado = importar("anexo-2020.xlsx", _anexo_2020())
    assert resultado.valido, resultado.errores
    assert len(resultado.sesiones_nuevas) == 4 and len(resultado.acuerdos_nuevos) == 22
    acuerdos = Acuerdo.objects.select_related("sesion").order_by("numero")
    assert [(a.sesion.ordinal, a.cita, a.estatus) for a in acuerdos] == list(ANEXO_I.values())
    assert acuerdos.filter(estatus=Estatus.CUMPLIDO).count() == 15
    assert set(Acuerdo.objects.get(numero=34).seguimientos.values_list("institucion__siglas", flat=True)) == {
        "INMUJERES", "SHCP"}
    segunda = importar("anexo-2020.xlsx", _anexo_2020())
    assert segunda.valido and not segunda.acuerdos_nuevos and segunda.sin_cambios == 22
    assert Sesion.objects.count() == 4


def test_archivo_con_cinco_errores_no_importa_nada(instituciones):
    roto = _xlsx([
        [23, "ordinaria", "29/04/2021", 56, "Acuerdo correcto.", "CUMPLIDO", "SHCP", "", "01/06/2021"],
        [23, "ordinaria", "29/04/2021", 57, "Institución inventada.", "CUMPLIDO", "Secretaría de la Felicidad", "",
         "01/06/2021"],
        [23, "ordinaria", "29/04/2021", 56, "Número repetido.", "CUMPLIDO", "", "", "01/06/2021"],
        [24, "ordinaria", "31 de junio", 58, "Fecha imposible.", "CUMPLIDO", "", "", "01/07/2021"],
        [24, "ordinaria", "30/06/2021", 59, "Estatus raro.", "ARCHIVADO", "", ""],
        [24, "ordinaria", "30/06/2021", 60, "Plazo ilegible.", "EN PROCESO", "", "mañana", "01/07/2021"],
    ])
    resultado = importar("roto.xlsx", roto)
    assert [linea for linea, _ in resultado.errores] == [3, 4, 5, 6, 7]
    motivos = " | ".join(m for _, m in resultado.errores)
    for texto in ("Institución desconocida: «Secretaría de la Felicidad»", "Número de acuerdo repetido (también en la línea 2)",
                  "Fecha de sesión no reconocida: «31 de junio»", "Estatus desconocido: «ARCHIVADO»",
                  "Fecha de plazo no reconocida: «mañana»"):
        assert texto in motivos
    assert not Acuerdo.objects.exists() and not Sesion.objects.exists()


def test_csv_y_simulacro_por_comando(instituciones, tmp_path):
    archivo = tmp_path / "historico.csv"
    archivo.write_text("sesion,fecha,numero,acuerdo,estatus,fecha_estatus,responsables\n"
                       "5,15/03/2008,8,Acuerdo histórico.,cumplido,30/06/2009,SEMARNAT\n", encoding="utf-8")
    salida = StringIO()
    call_command("import_record", str(archivo), "--dry-run", stdout=salida)
    assert "se crearían: acuerdo 8:15/03/2008" in salida.getvalue()
    assert not Acuerdo.objects.exists()
    call_command("import_record", str(archivo), stdout=StringIO())
    assert Acuerdo.objects.get(numero=8).sesion.titulo == "Quinta Sesión Ordinaria"
    archivo.write_text("sesion,fecha,numero,acuerdo,estatus\n5,15/03/2008,9,x,perdido\n", encoding="utf-8")
    with pytest.raises(CommandError, match="no se importó nada"):
        call_command("import_record", str(archivo), stdout=StringIO())


def test_desde_la_interfaz_con_vista_previa_y_confirmacion(instituciones, client, coordinacion):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(coordinacion)
    plantilla = client.get(reverse("acuerdos:importar_plantilla"))
    assert plantilla.status_code == 200 and b"".join(plantilla.streaming_content).startswith(b"PK")
    archivo = SimpleUploadedFile("anexo-2020.xlsx", _anexo_2020())
    vista = client.post(reverse("acuerdos:importar"), {"archivo": archivo})
    assert "Se crearían 4 sesiones y 22 acuerdos" in vista.content.decode()
    assert not Acuerdo.objects.exists()
    # Confirming queues the import for a background worker and shows its progress page.
    respuesta = client.post(reverse("acuerdos:importar"), {"confirmar": "1"})
    assert respuesta.status_code == 302 and respuesta["Location"].startswith("/trabajos/")
    assert not Acuerdo.objects.exists()
    ejecutar_pendientes()
    pagina = client.get(respuesta["Location"]).content.decode()
    assert "Importación terminada: 4 sesiones y 22 acuerdos nuevos" in pagina
    assert Acuerdo.objects.count() == 22


def test_cada_estatus_queda_en_su_fecha(instituciones):
    """A 2021 agreement «cumplido» is dated when it was complied with, not on the import day,
    so the annexes of 2021 and later read the right status."""
    archivo = _xlsx([
        [23, "ordinaria", "29/04/2021", 56, "Cumplido en 2021.", "CUMPLIDO", "SHCP", "", "15/11/2021"],
        [23, "ordinaria", "29/04/2021", 57, "Sin iniciar, sin fecha.", "SIN INICIAR", "", ""],
        [23, "ordinaria", "29/04/2021", 58, "Sin fecha de estatus.", "EN PROCESO", "", ""],
        [23, "ordinaria", "29/04/2021", 59, "Fecha antes de la sesión.", "CUMPLIDO", "", "", "01/01/2021"],
        [23, "ordinaria", "29/04/2021", 60, "Fecha futura.", "CUMPLIDO", "", "", "01/01/2999"],
    ])
    resultado = importar("historico.xlsx", archivo)
    motivos = dict(resultado.errores)
    assert motivos[4] == "Falta la fecha de estatus: indique en «fecha_estatus» cuándo el acuerdo quedó «En proceso»."
    assert motivos[5] == "El cambio no puede ser anterior a la sesión que adoptó el acuerdo (29/04/2021)."
    assert motivos[6] == "El cambio no puede tener fecha futura."
    assert not Acuerdo.objects.exists()
    valido = _xlsx([[23, "ordinaria", "29/04/2021", 56, "Cumplido en 2021.", "CUMPLIDO", "SHCP", "", "15/11/2021"]])
    assert importar("historico.xlsx", valido).valido
    cambio = Acuerdo.objects.get(numero=56).historial_estatus.del_compromiso().last()
    assert (cambio.nuevo, cambio.fecha) == (Estatus.CUMPLIDO, datetime.date(2021, 11, 15))
    from informes.selectors import acuerdos_del_anexo

    anexo_2021 = {a.numero: a.estatus_al_cierre for a in acuerdos_del_anexo(2021)}
    assert anexo_2021[56] == Estatus.CUMPLIDO


def test_grupos_en_la_importacion(instituciones):
    from instituciones.models import Participacion

    cfe = Institucion.objects.get(siglas="CFE")
    Participacion.objects.create(institucion=cfe, rol="invitada_permanente", desde="2020-09-30", fundamento="Acuerdo 46")
    archivo = _xlsx([[23, "ordinaria", "29/04/2021", 56, "Obliga a las invitadas permanentes.", "SIN INICIAR", "", "",
                      "", "Invitadas permanentes; integrantes"],
                     [23, "ordinaria", "29/04/2021", 57, "Grupo raro.", "SIN INICIAR", "", "", "", "amigas"]])
    resultado = importar("grupos.xlsx", archivo)
    assert resultado.errores == [(3, "Grupo desconocido: «amigas» (use integrantes, invitadas permanentes, invitadas, "
                                     "coadyuvantes o asistentes).")]
    archivo = _xlsx([[23, "ordinaria", "29/04/2021", 56, "Obliga a las invitadas permanentes.", "SIN INICIAR", "", "",
                      "", "Invitadas permanentes; integrantes"]])
    assert importar("grupos.xlsx", archivo).valido
    acuerdo = Acuerdo.objects.get(numero=56)
    assert set(acuerdo.grupos_responsables.values_list("grupo", flat=True)) == {"invitada_permanente", "integrante"}
    assert list(acuerdo.seguimientos.values_list("institucion__siglas", "origen")) == [("CFE", "grupo")]


# Bounds (issue 14, item 9): rows and size refused while streaming, with the limit named.

def _xlsx_de(filas, *, repetir=1):
    """A workbook written in streaming mode (as large as needed, in little memory)."""
    libro = Workbook(write_only=True)
    hoja = libro.create_sheet()
    hoja.append(["sesion", "tipo", "fecha", "numero", "acuerdo", "estatus", "responsables", "plazo"])
    for _vuelta in range(repetir):
        for fila in filas:
            hoja.append(fila)
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()


def test_demasiadas_filas_se_rechazan_al_leer(instituciones, settings):
    settings.IMPORTACION_MAX_FILAS = 100
    contenido = _xlsx_de([[30, "ordinaria", "01/02/2030", 1, "Texto", "CUMPLIDO", "", ""]], repetir=20000)
    resultado = importar("masivo.xlsx", contenido)
    assert resultado.errores == [(1, "El archivo tiene más de 100 filas de datos, el límite de una importación; "
                                     "divídalo en varios archivos.")]
    assert not Sesion.objects.exists()


def _contando_filas(monkeypatch):
    """The rows the reader hands over, recorded as they are read."""
    from snimh import hojas

    leidas = []
    original = hojas._filas_crudas

    def contando(nombre, contenido):
        for fila in original(nombre, contenido):
            leidas.append(fila)
            yield fila

    monkeypatch.setattr(hojas, "_filas_crudas", contando)
    return leidas


def test_lectura_en_flujo_se_detiene_en_el_limite(monkeypatch):
    """The CSV reader stops at the first row past the limit instead of loading the file."""
    from acuerdos import importacion

    leidas = _contando_filas(monkeypatch)
    contenido = ("sesion,fecha,numero,acuerdo,estatus\n" + "5,15/03/2008,8,Texto,cumplido\n" * 5000).encode()
    with pytest.raises(importacion.FilasDeMas):
        importacion.leer_filas("masivo.csv", contenido, maximo=50)
    assert len(leidas) == 52  # the header, 50 rows and the one that crossed the limit


def test_xlsx_excesivo_rechazado_antes_de_abrirlo(monkeypatch):
    """An XLSX's rows are counted in its XML, stopping at the limit, before openpyxl reads
    the sheet (which it would read whole to find its dimensions)."""
    from acuerdos import importacion

    leidas = _contando_filas(monkeypatch)
    contenido = _xlsx_de([[i] for i in range(5000)])
    with pytest.raises(importacion.FilasDeMas):
        importacion.leer_filas("masivo.xlsx", contenido, maximo=50)
    assert leidas == []
    # At the limit exactly, it is read.
    assert len(importacion.leer_filas("justo.xlsx", _xlsx_de([[i] for i in range(50)]), maximo=50)) == 50


def test_csv_con_demasiadas_filas(instituciones, settings):
    settings.IMPORTACION_MAX_FILAS = 3
    contenido = ("sesion,fecha,numero,acuerdo,estatus\n" + "5,15/03/2008,8,Texto,cumplido\n" * 4).encode()
    assert "más de 3 filas de datos" in importar("historico.csv", contenido).errores[0][1]


def test_archivo_demasiado_grande_en_la_interfaz(client, coordinacion, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.IMPORTACION_TAMANO_MAXIMO = 1024 * 1024
    client.force_login(coordinacion)
    grande = ("sesion,fecha,numero,acuerdo,estatus\n"
              + "".join(f"5,15/03/2008,{i},Texto {i} {'x' * 1000},cumplido\n" for i in range(1100))).encode()
    assert len(grande) > 1024 * 1024
    respuesta = client.post(reverse("acuerdos:importar"), {"archivo": SimpleUploadedFile("grande.csv", grande)})
    assert respuesta.context["form"].errors["archivo"] == ["El archivo excede el límite de 1 MB."]
    assert "importacion_pendiente" not in client.session


def test_el_contenido_decide_no_la_extension(client, coordinacion):
    """The import goes through the same upload entry as evidence: a PDF renamed .xlsx is refused."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests import archivos

    client.force_login(coordinacion)
    respuesta = client.post(reverse("acuerdos:importar"),
                            {"archivo": SimpleUploadedFile("datos.xlsx", archivos.PDF)})
    assert respuesta.context["form"].errors["archivo"] == [
        "El contenido del archivo no es de un formato admitido (CSV, XLSX)."]
