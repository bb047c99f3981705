"""Objective labels are shortened at a word, never inside one, with the full text at hand."""

import re

import pytest
from django.urls import reverse

from acuerdos.models import Objetivo
from snimh.texto import recortar
from tests.factories import AcuerdoFactory, ObjetivoFactory, ProgramaFactory

pytestmark = pytest.mark.django_db

LARGO = ("Generar las condiciones para reconocer, reducir y redistribuir los trabajos domésticos y de cuidados "
         "de las personas entre las familias, el Estado, la comunidad y el sector privado")


@pytest.mark.parametrize("limite", range(len("Generar") + 1, len(LARGO) + 2))
def test_recortar_nunca_parte_una_palabra(limite):
    corto = recortar(LARGO, limite)
    assert len(corto) <= limite
    if corto == LARGO:
        return
    assert corto.endswith("…")
    cuerpo = corto[:-1]
    assert LARGO.startswith(cuerpo)
    # What follows the cut is a space or punctuation: the last word is whole.
    assert not LARGO[len(cuerpo)].isalnum(), (limite, corto)


def test_recortar_deja_igual_lo_que_cabe():
    assert recortar("Contribuir al adelanto de las mujeres", 80) == "Contribuir al adelanto de las mujeres"
    assert recortar("  espacios   de   más ", 80) == "espacios de más"


def test_etiqueta_del_objetivo():
    objetivo = ObjetivoFactory(programa=ProgramaFactory(clave="PROIGUALDAD-2020-2024"), numero=2, texto=LARGO)
    etiqueta = str(objetivo)
    assert etiqueta.endswith("…") and objetivo.recortado
    assert objetivo.etiqueta_completa == f"PROIGUALDAD-2020-2024 · 2. {LARGO}"
    assert objetivo.etiqueta_completa.startswith(etiqueta[:-1])
    assert objetivo.etiqueta_completa[len(etiqueta) - 1] == " "
    corto = ObjetivoFactory(texto="Contribuir al adelanto de las mujeres")
    assert not corto.recortado and str(corto).endswith("mujeres")


def test_filtro_por_objetivo_con_texto_completo_en_el_titulo(client, consulta):
    objetivo = ObjetivoFactory(texto=LARGO)
    ObjetivoFactory(texto="Contribuir al adelanto de las mujeres")
    client.force_login(consulta)
    html = client.get(reverse("acuerdos:lista")).content.decode()
    opcion = re.search(rf'<option value="{objetivo.pk}"([^>]*)>([^<]*)</option>', html)
    assert opcion, "the objective is offered in the filter"
    atributos, etiqueta = opcion.groups()
    assert f'title="{objetivo.etiqueta_completa}"' in atributos
    assert etiqueta == str(objetivo) and etiqueta.endswith("…")
    assert re.search(r'<option value="\d+">[^<]*adelanto de las mujeres</option>', html), "no title when whole"


def test_la_pagina_del_acuerdo_muestra_el_objetivo_completo(client, consulta):
    acuerdo = AcuerdoFactory()
    acuerdo.objetivos.add(ObjetivoFactory(texto=LARGO))
    client.force_login(consulta)
    html = client.get(reverse("acuerdos:detalle", args=[acuerdo.numero])).content.decode()
    assert LARGO in html
    assert Objetivo.objects.get().etiqueta_completa in html
