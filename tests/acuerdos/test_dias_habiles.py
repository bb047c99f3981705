import datetime

import pytest

from acuerdos.dias_habiles import descanso_obligatorio_lft, sumar_dias_habiles
from acuerdos.models import Acuerdo, DiaInhabil

pytestmark = pytest.mark.django_db

D = datetime.date


def test_dias_de_descanso_de_la_ley_federal_del_trabajo():
    assert [f for f, _ in descanso_obligatorio_lft(2020)] == [
        D(2020, 1, 1), D(2020, 2, 3), D(2020, 3, 16), D(2020, 5, 1), D(2020, 9, 16), D(2020, 11, 16), D(2020, 12, 25)]
    assert D(2024, 10, 1) in dict(descanso_obligatorio_lft(2024))   # transfer of the Executive (fr. VII)
    assert D(2018, 12, 1) in dict(descanso_obligatorio_lft(2018))
    assert len(descanso_obligatorio_lft(2040)) == 7  # 2042 is the next transfer


def test_la_tabla_viene_cargada_y_es_editable():
    assert DiaInhabil.objects.filter(fecha=D(2020, 11, 16)).exists()
    assert DiaInhabil.objects.filter(fecha__year=2040).count() == 7


def test_quince_dias_habiles_del_acuerdo_48():
    # "en los siguientes quince días hábiles" from the 21st session (30/09/2020).
    assert sumar_dias_habiles(D(2020, 9, 30), 15) == D(2020, 10, 21)


def test_se_saltan_fines_de_semana_y_dias_inhabiles():
    # 16/11/2020 is the third Monday of November.
    assert sumar_dias_habiles(D(2020, 11, 10), 10) == D(2020, 11, 25)
    DiaInhabil.objects.create(fecha=D(2020, 11, 24), descripcion="Día declarado inhábil (prueba)")
    assert sumar_dias_habiles(D(2020, 11, 10), 10) == D(2020, 11, 26)


def test_el_plazo_del_acuerdo_48_se_calcula_al_cargar(registro_2020):
    assert Acuerdo.objects.get(numero=48).plazo_fecha == D(2020, 10, 21)


def test_plazo_en_dias_habiles_desde_el_admin(registro_2020, client, coordinacion):
    from django.urls import reverse

    from sesiones.models import Sesion

    client.force_login(coordinacion)
    sesion = Sesion.objects.get(numero=22)
    datos = {"numero": 60, "sesion": sesion.pk, "texto": "Acuerdo con plazo en días hábiles.", "estatus": "sin_iniciar",
             "plazo_dias_habiles": 12}
    for prefijo in ("grupos_responsables", "alineacionacuerdo_set", "seguimientos", "historial_estatus"):
        datos.update({f"{prefijo}-TOTAL_FORMS": 0, f"{prefijo}-INITIAL_FORMS": 0})
    respuesta = client.post(reverse("admin:acuerdos_acuerdo_add"), datos)
    assert respuesta.status_code == 302, respuesta.context["adminform"].form.errors
    # From 9/12/2020: 12 working days, skipping weekends and 25/12/2020.
    assert Acuerdo.objects.get(numero=60).plazo_fecha == D(2020, 12, 28)
