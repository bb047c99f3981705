import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from compromisos.models import CambioEstatus, Seguimiento
from recomendaciones import importacion
from recomendaciones.models import MesaTematica, Recomendacion
from tests.factories import InstitucionFactory
from tests.recomendaciones.factories import MesaTematicaFactory

pytestmark = pytest.mark.django_db

ENCABEZADO = "documento,parrafo,texto,mesa,instituciones\n"


def csv(*lineas):
    return (ENCABEZADO + "\n".join(lineas) + "\n").encode()


def xlsx(filas):
    libro = Workbook()
    hoja = libro.active
    hoja.append(importacion.COLUMNAS)
    for fila in filas:
        hoja.append(fila)
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()


@pytest.fixture
def instituciones(db):
    return InstitucionFactory(siglas="UNO", nombre="Institución Uno"), InstitucionFactory(siglas="DOS", nombre="Dos")


def huella():
    """Everything an import writes."""
    return (
        sorted(Recomendacion.objects.values_list("documento", "parrafo_numero", "inciso", "texto", "mesa__nombre",
                                                 "version")),
        sorted(MesaTematica.objects.values_list("nombre", "presidencia_id")),
        sorted(Seguimiento.objects.values_list("compromiso_id", "institucion_id", "version")),
        CambioEstatus.objects.count(),
    )


def test_csv_creates_tables_recommendations_and_follow_up_records(instituciones, coordinacion):
    uno, dos = instituciones
    resultado = importacion.importar("r.csv", csv(
        'DOC/C/X/1,12 (a),"Primer texto, con coma.",Mesa Nueva,UNO; Dos',
        "DOC/C/X/1,13,Segundo texto.,mesa nueva,institución uno",
    ), usuario=coordinacion)
    assert resultado.errores == []
    assert resultado.mesas_nuevas == ["Mesa Nueva"]
    assert resultado.nuevas == ["DOC/C/X/1, párr. 12 (a)", "DOC/C/X/1, párr. 13"]
    mesa = MesaTematica.objects.get()
    assert mesa.presidencia is None
    primera = Recomendacion.objects.get(parrafo_numero=12)
    assert (primera.inciso, primera.texto, primera.mesa) == ("a", "Primer texto, con coma.", mesa)
    assert set(primera.seguimientos.values_list("institucion", flat=True)) == {uno.pk, dos.pk}
    assert primera.historial_estatus.get().motivo == "Importada de r.csv."
    assert importacion.resumen_en_texto(resultado) == (
        "2 recomendaciones nuevas; 1 mesa temática nueva; 0 recomendaciones con instituciones agregadas; "
        "0 filas ya registradas, sin cambios")


def test_every_bad_line_is_reported_and_nothing_is_saved(instituciones):
    MesaTematicaFactory(nombre="Existente")
    resultado = importacion.importar("r.csv", csv(
        "DOC/C/X/1,1,Bien.,Mesa Nueva,UNO",
        "doc c x,1,Texto.,Existente,UNO",
        "DOC/C/X/1,doce,Texto.,Existente,",
        "DOC/C/X/1,2,,,NADIE",
        "DOC/C/X/1,1,Repetido.,Existente,",
    ))
    assert [linea for linea, _ in resultado.errores] == [3, 4, 5, 5, 5, 6]
    mensajes = dict(resultado.errores)
    assert "Párrafo no reconocido: «doce»" in mensajes[4]
    assert [m for linea, m in resultado.errores if linea == 5] == [
        "Falta el texto de la recomendación.", "Falta la mesa temática.", "Institución desconocida: «NADIE»."]
    assert mensajes[6] == "Párrafo repetido (también en la línea 2)."
    assert "CEDAW/C/MEX/CO/9" in mensajes[3]
    assert Recomendacion.objects.count() == 0
    assert list(MesaTematica.objects.values_list("nombre", flat=True)) == ["Existente"]


def test_dry_run_changes_nothing(instituciones):
    resultado = importacion.importar("r.csv", csv("DOC/C/X/1,1,Texto.,Mesa,UNO"), simular=True)
    assert resultado.valido and resultado.nuevas == ["DOC/C/X/1, párr. 1"]
    assert Recomendacion.objects.count() == MesaTematica.objects.count() == 0


def test_missing_columns_and_unreadable_files():
    assert importacion.importar("r.csv", b"documento,texto\nA,B\n").errores == [
        (1, "Faltan columnas: parrafo, mesa.")]
    assert importacion.importar("r.csv", ENCABEZADO.encode()).errores == [(1, "El archivo no tiene filas de datos.")]
    assert importacion.importar("r.xlsx", b"PK\x03\x04 no es un libro").errores[0][0] == 1


def test_importing_again_changes_nothing_and_only_adds_institutions(instituciones):
    archivo = csv("DOC/C/X/1,1,Texto.,Mesa,UNO")
    importacion.importar("r.csv", archivo)
    antes = huella()
    otra_vez = importacion.importar("r.csv", archivo)
    assert (otra_vez.nuevas, otra_vez.mesas_nuevas, otra_vez.sin_cambios) == ([], [], 1)
    assert huella() == antes
    con_otra = importacion.importar("r.csv", csv("DOC/C/X/1,1,Texto.,Mesa,UNO;DOS"))
    assert con_otra.actualizadas == ["DOC/C/X/1, párr. 1"]
    assert Seguimiento.objects.count() == 2
    distinta = importacion.importar("r.csv", csv("DOC/C/X/1,1,Otro texto.,Mesa,UNO"))
    assert distinta.errores == [(2, "La recomendación DOC/C/X/1, párr. 1 ya está registrada con otro texto u otra "
                                    "mesa; corríjala en su página.")]


@pytest.mark.parametrize("formato", ["csv", "xlsx"])
def test_round_trip_export_then_import_changes_nothing(instituciones, formato):
    primera = importacion.importar("r.xlsx", xlsx([
        ["DOC/C/X/1", "12 (b)", "-Un texto que parece fórmula.", "Mesa A", "UNO; DOS"],
        ["DOC/C/X/2", "1", "Sin instituciones.", "Mesa A", ""],
    ]))
    # A spreadsheet keeps a text that starts like a formula as text; the CSV export neutralises it.
    segunda = importacion.importar("r.xlsx", xlsx([["DOC/C/X/1", 3, "@Texto con arroba.", "Mesa B", "Dos"]]))
    assert primera.errores == segunda.errores == []
    assert Recomendacion.objects.count() == 3
    antes = huella()
    contenido = importacion.exportar(formato, Recomendacion.objects.all())
    if formato == "csv":
        assert "'@Texto con arroba." in contenido.decode("utf-8-sig")  # neutralised in the file
    resultado = importacion.importar(f"exportado.{formato}", contenido)
    assert resultado.errores == []
    assert (resultado.nuevas, resultado.actualizadas, resultado.sin_cambios) == ([], [], 3)
    assert huella() == antes
    assert Recomendacion.objects.get(parrafo_numero=3).texto == "@Texto con arroba."


def test_command_dry_run_and_errors(instituciones, tmp_path, capsys):
    archivo = tmp_path / "r.csv"
    archivo.write_bytes(csv("DOC/C/X/1,1,Texto.,Mesa,UNO"))
    call_command("import_recomendaciones", str(archivo), "--dry-run")
    salida = capsys.readouterr().out
    assert "nueva: DOC/C/X/1, párr. 1" in salida and "Simulación, nada se guardó" in salida
    assert Recomendacion.objects.count() == 0
    call_command("import_recomendaciones", str(archivo))
    assert Recomendacion.objects.count() == 1
    malo = tmp_path / "malo.csv"
    malo.write_bytes(csv("DOC/C/X/1,x,Texto.,Mesa,UNO", "DOC/C/X/1,2,,Mesa,UNO"))
    with pytest.raises(CommandError, match="2 errores: no se importó nada."):
        call_command("import_recomendaciones", str(malo))
    assert "línea 2: Párrafo no reconocido" in capsys.readouterr().out
