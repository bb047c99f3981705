"""The PROIGUALDAD pages in a real browser: coordination imports a programme's lines from
the page (preview, then confirmation), the coordinating institution's officer walks from the
programme to a line and to its lines; axe-core finds no WCAG 2.1 A/AA violation on any of them,
at desktop and phone width."""

import pytest

from cuentas.models import RolUsuario
from tests.factories import InstitucionFactory, UsuarioFactory
from tests.navegador.conftest import ESCRITORIO, TELEFONO, captura, entrar, sin_violaciones
from tests.programas.conftest import construir_programa

pytestmark = pytest.mark.django_db(transaction=True)


def test_paginas_del_programa_en_el_navegador(abrir, tmp_path):
    instituciones = [InstitucionFactory(siglas=s, nombre=f"Institución de prueba {s}") for s in ("AAA", "BBB", "CCC")]
    construir_programa(clave="PRUEBA", objetivos=2, estrategias=2, lineas=2, instituciones=instituciones)
    coordinacion = UsuarioFactory(username="coordinacion", rol=RolUsuario.COORDINACION)
    enlace = UsuarioFactory(username="enlace.aaa", rol=RolUsuario.ENLACE, institucion=instituciones[0])

    pagina = abrir(ESCRITORIO)
    entrar(pagina, coordinacion)
    pagina.goto("/programas/PRUEBA/importar/")
    sin_violaciones(pagina, "importar")
    archivo = tmp_path / "lineas.csv"
    archivo.write_text("objetivo,objetivo_texto,estrategia,estrategia_texto,accion,accion_texto,tipo,coordinadora,"
                       "instrumentadoras\n1,Objetivo de prueba 1,1.1,Estrategia de prueba 1.1,1.1.3,"
                       "Acción de prueba nueva,general,AAA,BBB;CCC\n", encoding="utf-8")
    pagina.set_input_files("#id_archivo", str(archivo))
    pagina.click("main button[type=submit] >> text=Revisar el archivo")
    pagina.wait_for_load_state()
    assert "1 línea de acción nueva" in pagina.content()
    sin_violaciones(pagina, "importar · vista previa")
    pagina.click("text=Confirmar la importación")
    pagina.wait_for_load_state()
    assert "Importación terminada" in pagina.content()
    sin_violaciones(pagina, "programa tras importar")

    # Coordination's other pages: the matrix's editor, the dashboard, composing recommendations.
    import datetime

    from programas import semaforo, services
    from programas.models import LineaAccion

    linea = LineaAccion.objects.get(numero="1.1.1")
    matriz = semaforo.matriz_de(programa=linea.programa)
    semaforo.puntajes_proponer(linea=linea, usuario=coordinacion, valores={c.pk: 2 for c in matriz.criterios.all()})
    semaforo.puntajes_validar(linea=linea, usuario=coordinacion)
    conjunto = services.recomendaciones_componer(
        institucion=instituciones[1], anio=2026, semestre=2, fecha=datetime.date.today(), usuario=coordinacion,
        recomendaciones=[{"linea": linea, "texto": "Recomendación de prueba."}])
    for url, descripcion in (("/programas/PRUEBA/semaforo/configurar/", "configurar semáforo"),
                             ("/programas/PRUEBA/tablero/", "tablero"),
                             ("/programas/recomendaciones/nuevas/", "emitir recomendaciones"),
                             ("/programas/PRUEBA/lineas/1.1.1/", "línea con el formulario de alineación"),
                             (conjunto.get_absolute_url(), "recomendaciones")):
        assert pagina.goto(url).status == 200, url
        sin_violaciones(pagina, descripcion)
        if descripcion == "tablero":
            captura(pagina, "programas-tablero-escritorio")
    seguimiento = linea.seguimientos.get(institucion=instituciones[1])

    for viewport, nombre in ((ESCRITORIO, "escritorio"), (TELEFONO, "telefono")):
        pagina = abrir(viewport)
        entrar(pagina, enlace)
        for url, descripcion in (("/programas/", "programas"), ("/programas/PRUEBA/", "programa"),
                                 ("/programas/PRUEBA/objetivos/1/", "objetivo"),
                                 ("/programas/PRUEBA/estrategias/1.1/", "estrategia"),
                                 ("/programas/PRUEBA/lineas/1.1.1/", "linea"),
                                 ("/programas/coordinadas/", "coordinadas"),
                                 ("/programas/PRUEBA/semaforo/", "semaforo"),
                                 ("/programas/PRUEBA/lineas/1.1.1/puntajes/", "puntajes"),
                                 (f"/programas/seguimientos/{seguimiento.pk}/plan/", "plan")):
            respuesta = pagina.goto(url)
            assert respuesta.status == 200, (url, respuesta.status)
            sin_violaciones(pagina, f"{descripcion} ({nombre})")
            if descripcion in ("estrategia", "linea", "coordinadas", "semaforo"):
                captura(pagina, f"programas-{descripcion}-{nombre}")
        pagina.goto("/programas/PRUEBA/lineas/1.1.1/")
        assert "Su institución coordina esta línea" in pagina.content()
    # The implementing officer: its work plan (editable), a report on it, its recommendations.
    implementadora = UsuarioFactory(username="enlace.bbb", rol=RolUsuario.ENLACE, institucion=instituciones[1])
    pagina = abrir(TELEFONO)
    entrar(pagina, implementadora)
    for url, descripcion in ((f"/programas/seguimientos/{seguimiento.pk}/plan/", "plan (editable)"),
                             (f"/programas/seguimientos/{seguimiento.pk}/reportar/", "reportar"),
                             (conjunto.get_absolute_url(), "recomendaciones (enlace)")):
        assert pagina.goto(url).status == 200, url
        sin_violaciones(pagina, f"{descripcion} (teléfono)")
    captura(pagina, "programas-recomendaciones-telefono")
