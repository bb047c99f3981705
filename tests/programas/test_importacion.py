"""Import and export of a programme's action lines in one format."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command

from compromisos.models import Seguimiento
from programas import importacion
from programas.models import Estrategia, LineaAccion, Objetivo, Programa, TipoAccion
from snimh.db import huella_del_historial
from tests.factories import InstitucionFactory, ProgramaFactory

pytestmark = pytest.mark.django_db

ENCABEZADO = "objetivo,objetivo_texto,estrategia,estrategia_texto,accion,accion_texto,tipo,coordinadora,instrumentadoras"


def _csv(*filas):
    return ("\n".join([ENCABEZADO, *filas]) + "\n").encode()


@pytest.fixture
def instituciones(db):
    return {s: InstitucionFactory(siglas=s, nombre=f"Institución de prueba {s}") for s in ("AAA", "BBB", "CCC")}


def _estado(programa):
    lineas = LineaAccion.objects.del_programa(programa)
    return sorted(
        (linea.numero, linea.texto, linea.tipo_accion, linea.coordinadora_id,
         tuple(sorted(linea.seguimientos.values_list("institucion_id", flat=True))),
         linea.estrategia.numero, linea.estrategia.texto, linea.estrategia.objetivo.texto)
        for linea in lineas)


def test_importa_un_archivo_y_reimportarlo_no_cambia_nada(instituciones):
    programa = ProgramaFactory(clave="PRUEBA")
    contenido = _csv(
        "1,Objetivo de ejemplo,1.1,Estrategia de ejemplo,1.1.1,Acción de ejemplo,General,AAA,BBB; CCC",
        "1,Objetivo de ejemplo,1.1,Estrategia de ejemplo,1.1.2,Otra acción de ejemplo,ESPECÍFICA,"
        "institución de prueba bbb,AAA",
        "1,Objetivo de ejemplo,1.2,Segunda estrategia de ejemplo,1.2.1,Acción de ejemplo,de coordinación,CCC,AAA;BBB",
    )
    resultado = importacion.importar(programa, "ejemplo.csv", contenido)
    assert resultado.valido, resultado.errores
    assert resultado.nuevas == ["1.1.1", "1.1.2", "1.2.1"]
    assert (resultado.objetivos_nuevos, resultado.estrategias_nuevas) == (1, 2)
    linea = LineaAccion.objects.get(numero="1.1.2")
    assert (linea.tipo_accion, linea.coordinadora.siglas, linea.tipo) == (TipoAccion.ESPECIFICA, "BBB", "linea_accion")
    assert list(linea.seguimientos.values_list("institucion__siglas", flat=True)) == ["AAA"]
    assert LineaAccion.objects.get(numero="1.2.1").tipo_accion == TipoAccion.COORDINACION
    # Each implementing institution is one follow-up record of the engine; the status history is open.
    assert Seguimiento.objects.filter(compromiso__tipo="linea_accion").count() == 5
    assert linea.historial_estatus.count() == 1

    huella = huella_del_historial()
    otra_vez = importacion.importar(programa, "ejemplo.csv", contenido)
    assert otra_vez.valido and otra_vez.nuevas == [] and otra_vez.actualizadas == [] and otra_vez.sin_cambios == 3
    assert huella_del_historial() == huella


@pytest.mark.parametrize("formato", ["csv", "xlsx"])
def test_exportar_y_reimportar_no_cambia_nada(programa, formato):
    p = programa.programa
    antes = _estado(p)
    from programas.selectors import lineas_para_exportar

    archivo = importacion.exportar(lineas_para_exportar(programa=p), formato)
    huella = huella_del_historial()
    resultado = importacion.importar(p, f"exportado.{formato}", archivo)
    assert resultado.valido, resultado.errores
    assert (resultado.nuevas, resultado.actualizadas, resultado.sin_cambios) == ([], [], len(programa.lineas))
    assert _estado(p) == antes
    assert huella_del_historial() == huella
    # The same file loads the same programme into an empty one.
    vacio = ProgramaFactory(clave="VACIO")
    copia = importacion.importar(vacio, f"exportado.{formato}", archivo)
    assert copia.valido and len(copia.nuevas) == len(programa.lineas)
    assert [fila[:5] + fila[6:] for fila in _estado(vacio)] == [fila[:5] + fila[6:] for fila in antes]


def test_la_exportacion_lleva_las_columnas_del_formato_mas_estatus_y_avance(programa):
    from programas.selectors import lineas_para_exportar

    texto = importacion.exportar(lineas_para_exportar(programa=programa.programa), "csv").decode("utf-8-sig")
    filas = list(csv.reader(io.StringIO(texto)))
    assert filas[0] == [*importacion.COLUMNAS, "estatus", "avance"]
    assert [f[4] for f in filas[1:]] == [linea.numero for linea in programa.lineas]
    assert filas[1][9:] == ["Sin iniciar", ""]


def test_un_cambio_en_el_archivo_actualiza_la_linea(instituciones):
    programa = ProgramaFactory(clave="PRUEBA")
    importacion.importar(programa, "a.csv", _csv("1,Objetivo,1.1,Estrategia,1.1.1,Acción,general,AAA,BBB"))
    resultado = importacion.importar(programa, "a.csv",
                                     _csv("1,Objetivo,1.1,Estrategia,1.1.1,Acción corregida,general,AAA,BBB;CCC"))
    assert resultado.valido and resultado.actualizadas == ["1.1.1"]
    linea = LineaAccion.objects.get()
    assert linea.texto == "Acción corregida"
    assert sorted(linea.seguimientos.values_list("institucion__siglas", flat=True)) == ["BBB", "CCC"]


def test_un_archivo_con_errores_los_reporta_todos_y_no_guarda_nada(instituciones):
    programa = ProgramaFactory(clave="PRUEBA")
    contenido = _csv(
        "1,Objetivo,1.1,Estrategia,1.1.1,Acción buena,general,AAA,BBB",
        "x,Objetivo,1.1,Estrategia,1.1.2,Acción,general,AAA,BBB",
        "1,Objetivo,2.1,Estrategia,2.1.1,Acción,general,AAA,BBB",
        "1,Objetivo,1.1,Estrategia,1.2.1,Acción,general,AAA,BBB",
        "1,Otro texto del objetivo,1.1,Estrategia,1.1.3,Acción,general,AAA,BBB",
        "1,Objetivo,1.1,Otra estrategia,1.1.4,Acción,general,AAA,BBB",
        "1,Objetivo,1.1,Estrategia,1.1.5,Acción,prioritaria,AAA,BBB",
        "1,Objetivo,1.1,Estrategia,1.1.6,Acción,general,ZZZ,BBB;YYY",
        "1,Objetivo,1.1,Estrategia,1.1.7,,general,AAA,",
        "1,Objetivo,1.1,Estrategia,1.1.1,Acción repetida,general,AAA,BBB",
        "1,Objetivo,1.1,Estrategia,1.1,Acción,general,AAA,BBB",
    )
    resultado = importacion.importar(programa, "roto.csv", contenido)
    por_linea = {}
    for linea, motivo in resultado.errores:
        por_linea.setdefault(linea, []).append(motivo)
    assert sorted(por_linea) == [3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
    assert por_linea[3] == ["El objetivo debe ser un número entero mayor que cero; dice «x»."]
    assert por_linea[4] == ["La estrategia 2.1 no pertenece al objetivo 1."]
    assert por_linea[5] == ["La acción 1.2.1 no pertenece a la estrategia 1.1."]
    assert por_linea[6] == ["El texto del objetivo 1 no coincide con el de la línea 2."]
    assert por_linea[7] == ["El texto de la estrategia 1.1 no coincide con el de la línea 2."]
    assert por_linea[8] == ["Tipo desconocido: «prioritaria» (use general, especifica o coordinacion)."]
    assert por_linea[9] == ["Institución coordinadora desconocida: «ZZZ».",
                            "Institución instrumentadora desconocida: «YYY»."]
    assert por_linea[10] == ["Falta el texto de la acción («accion_texto»).",
                             "Falta al menos una institución instrumentadora."]
    assert por_linea[11] == ["Acción repetida (también en la línea 2)."]
    assert por_linea[12] == ["Número de acción no reconocido: «1.1» (escríbalo como se publicó, p. ej. «1.2.3»)."]
    assert not (Objetivo.objects.filter(programa=programa).exists() or Estrategia.objects.exists()
                or LineaAccion.objects.exists())


def test_un_texto_distinto_del_registrado_es_un_error_de_su_linea(instituciones):
    programa = ProgramaFactory(clave="PRUEBA")
    importacion.importar(programa, "a.csv", _csv("1,Objetivo,1.1,Estrategia,1.1.1,Acción,general,AAA,BBB"))
    resultado = importacion.importar(programa, "b.csv", _csv(
        "1,Objetivo,1.1,Estrategia,1.1.2,Acción,general,AAA,BBB",
        "2,Objetivo dos,2.1,Estrategia,2.1.1,Acción,general,AAA,BBB",
        "1,Objetivo,1.1,Estrategia,1.1.3,Acción,general,AAA,BBB",
    ).replace(b"1,Objetivo,", b"1,Objetivo cambiado,"))
    assert resultado.errores == [(2, "El objetivo 1 ya está registrado con otro texto."),
                                 (4, "El objetivo 1 ya está registrado con otro texto.")]
    assert LineaAccion.objects.count() == 1


def test_faltan_columnas_y_archivos_ilegibles(instituciones):
    programa = ProgramaFactory(clave="PRUEBA")
    resultado = importacion.importar(programa, "a.csv", b"objetivo,accion\n1,1.1.1\n")
    assert resultado.errores == [(1, "Faltan columnas: objetivo_texto, estrategia, estrategia_texto, accion_texto, "
                                     "tipo, coordinadora, instrumentadoras.")]
    assert importacion.importar(programa, "a.csv", ENCABEZADO.encode() + b"\n").errores == [
        (1, "El archivo no tiene filas de datos.")]


def test_comando_simula_e_importa(instituciones, tmp_path):
    ProgramaFactory(clave="PRUEBA")
    archivo = tmp_path / "lineas.csv"
    archivo.write_bytes(_csv("1,Objetivo,1.1,Estrategia,1.1.1,Acción,general,AAA,BBB"))
    salida = io.StringIO()
    call_command("import_programa", "PRUEBA", str(archivo), "--dry-run", stdout=salida)
    assert "se crearía: línea de acción 1.1.1" in salida.getvalue()
    assert "Simulación (no se guardó nada): 1 línea de acción nueva; 0 actualizadas; 0 sin cambios." in salida.getvalue()
    assert not LineaAccion.objects.exists()
    call_command("import_programa", "PRUEBA", str(archivo), stdout=io.StringIO())
    assert LineaAccion.objects.count() == 1
    archivo.write_bytes(_csv("1,Objetivo,1.1,Estrategia,1.1.2,Acción,nada,AAA,BBB"))
    salida = io.StringIO()
    with pytest.raises(CommandError, match="no se importó nada"):
        call_command("import_programa", "PRUEBA", str(archivo), stdout=salida)
    assert "línea 2: Tipo desconocido" in salida.getvalue()
    with pytest.raises(CommandError, match="No existe el programa «OTRO»"):
        call_command("import_programa", "OTRO", str(archivo))


def test_el_archivo_de_ejemplo_se_importa_y_dice_que_es_un_ejemplo(db):
    from pathlib import Path

    from django.conf import settings

    ruta = Path(settings.BASE_DIR) / "data" / "ejemplos" / "programa-ejemplo.csv"
    filas = list(csv.DictReader(io.StringIO(ruta.read_text(encoding="utf-8-sig"))))
    assert filas and all("ejemplo" in f[c].lower() for f in filas
                         for c in ("objetivo_texto", "estrategia_texto", "accion_texto"))
    for siglas in {s.strip() for f in filas for s in [f["coordinadora"], *f["instrumentadoras"].split(";")]}:
        InstitucionFactory(siglas=siglas, nombre=f"Institución {siglas}")
    programa = Programa.objects.create(clave="EJEMPLO", nombre="Programa de ejemplo")
    resultado = importacion.importar(programa, ruta.name, ruta.read_bytes())
    assert resultado.valido, resultado.errores
    assert len(resultado.nuevas) == len(filas)
