import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from compromisos import tipos
from compromisos.models import Compromiso, Seguimiento, TipoCompromiso
from recomendaciones import services
from recomendaciones.forms import MesaForm, RecomendacionForm
from recomendaciones.models import MesaTematica, Recomendacion, leer_parrafo
from tests.factories import AcuerdoFactory, InstitucionFactory
from tests.recomendaciones.factories import MesaTematicaFactory, RecomendacionFactory

pytestmark = pytest.mark.django_db


def test_the_kind_is_registered_and_named_by_its_citation():
    recomendacion = RecomendacionFactory(documento="DOC/C/X/1", parrafo_numero=12, inciso="a")
    assert tipos.tipo(TipoCompromiso.RECOMENDACION_INTERNACIONAL).modelo is Recomendacion
    compromiso = Compromiso.objects.get(pk=recomendacion.pk)
    assert compromiso.tipo == TipoCompromiso.RECOMENDACION_INTERNACIONAL
    assert compromiso.etiqueta == "Recomendación DOC/C/X/1, párr. 12 (a)"
    assert compromiso.get_absolute_url() == f"/recomendaciones/{recomendacion.pk}/"


@pytest.mark.parametrize("texto, esperado", [
    ("12", (12, "")), (" 12 (a) ", (12, "a")), ("12 a)", (12, "a")), ("12.b", (12, "b")), ("12c", (12, "c")),
    (12, (12, "")),
])
def test_paragraphs_are_read_as_people_write_them(texto, esperado):
    assert leer_parrafo(texto) == esperado


@pytest.mark.parametrize("texto", ["", "0", "a", "1000", "12 (a1)", "12-"])
def test_unreadable_paragraphs_are_refused(texto):
    with pytest.raises(ValueError):
        leer_parrafo(texto)


def test_service_creates_one_follow_up_record_per_institution_and_the_history(coordinacion):
    mesa = services.mesa_crear(nombre="Mesa A", usuario=coordinacion)
    a, b = InstitucionFactory(), InstitucionFactory()
    acuerdo = AcuerdoFactory()
    recomendacion = services.recomendacion_crear(
        documento="DOC/C/X/1", parrafo_numero=3, texto="Texto.", mesa=mesa, instituciones=[a, b],
        acuerdos=[acuerdo], usuario=coordinacion,
    )
    assert set(Seguimiento.objects.filter(compromiso=recomendacion).values_list("institucion", flat=True)) == {a.pk, b.pk}
    assert recomendacion.historial_estatus.count() == 1
    assert list(acuerdo.recomendaciones.all()) == [recomendacion]


def test_only_coordination_writes(enlace_propio):
    with pytest.raises(PermissionDenied):
        services.mesa_crear(nombre="Mesa A", usuario=enlace_propio)


def test_document_and_paragraph_are_unique_in_model_and_database():
    existente = RecomendacionFactory(documento="DOC/C/X/1", parrafo_numero=5, inciso="a")
    repetida = Recomendacion(documento="DOC/C/X/1", parrafo_numero=5, inciso="a", texto="Otro.", mesa=existente.mesa)
    with pytest.raises(ValidationError) as error:
        repetida.full_clean()
    assert "Ese párrafo del documento ya está registrado como recomendación." in str(error.value)
    RecomendacionFactory(documento="DOC/C/X/1", parrafo_numero=5, inciso="b")  # another sub-paragraph is fine
    with pytest.raises(IntegrityError), transaction.atomic():
        RecomendacionFactory(documento="DOC/C/X/1", parrafo_numero=5, inciso="a")


@pytest.mark.parametrize("campos", [
    {"parrafo_numero": 0}, {"parrafo_numero": 1000}, {"inciso": "A1"}, {"documento": "<b>x</b>"},
    {"documento": "cedaw c mex"},
])
def test_database_refuses_what_validation_refuses(campos):
    mesa = MesaTematicaFactory()
    datos = {"documento": "DOC/C/X/1", "parrafo_numero": 1, "inciso": "", "texto": "T.", "mesa": mesa, **campos}
    with pytest.raises(ValidationError):
        Recomendacion(**datos).full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Recomendacion.objects.create(**datos)


def test_table_names_are_unique_ignoring_case_in_form_and_database():
    MesaTematicaFactory(nombre="Educación")
    form = MesaForm(data={"nombre": "  educación ", "presidencia": ""})
    assert not form.is_valid()
    assert form.errors["nombre"] == ["Ya existe una mesa temática con ese nombre."]
    with pytest.raises(IntegrityError), transaction.atomic():
        MesaTematica.objects.create(nombre="EDUCACIÓN")


def test_form_limits_come_from_the_model():
    form = RecomendacionForm()
    assert form.fields["documento"].max_length == Recomendacion._meta.get_field("documento").max_length
    assert form.fields["inciso"].max_length == 3
    form = RecomendacionForm(data={"documento": "x y", "parrafo_numero": "1000", "texto": "", "mesa": ""})
    assert not form.is_valid()
    assert set(form.errors) >= {"documento", "parrafo_numero", "texto", "mesa"}
    assert form.errors["parrafo_numero"] == ["Asegúrese de que este valor sea menor o igual a 999."]


def test_chair_supervises_its_tables_recommendations():
    presidencia = InstitucionFactory()
    mesa = MesaTematicaFactory(presidencia=presidencia)
    recomendacion = RecomendacionFactory(mesa=mesa)
    otra = RecomendacionFactory()
    assert recomendacion.supervisoras() == {presidencia.pk}
    assert otra.supervisoras() == set()
    assert list(tipos.compromisos_supervisados_por(presidencia.pk)) == [Compromiso.objects.get(pk=recomendacion.pk)]


def test_reports_are_received_from_the_date_of_issue():
    recomendacion = RecomendacionFactory(fecha_emision=datetime.date(2018, 7, 25))
    assert recomendacion.inicio_del_compromiso() == datetime.date(2018, 7, 25)
    sin_fecha = RecomendacionFactory()
    assert sin_fecha.inicio_del_compromiso() == sin_fecha.creado.date()
