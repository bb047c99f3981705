"""The roster in the app: institutions, roles citing their agreement, gender units,
representatives with their designation letter, and the coordinating institution."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from instituciones import services
from instituciones.models import Institucion, Participacion, Representante
from tests import archivos
from tests.conftest import subir
from tests.factories import InstitucionFactory, UsuarioFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def test_alta_y_edicion_de_institucion(client, coordinacion):
    client.force_login(coordinacion)
    respuesta = client.post(reverse("instituciones:nueva"), {
        "nombre": "Instituto Nacional de los Pueblos Indígenas", "siglas": "INPI", "naturaleza": "entidad_paraestatal",
        "sector": "", "activa": "on"})
    inpi = Institucion.objects.get(siglas="INPI")
    assert respuesta["Location"] == inpi.get_absolute_url()
    repetida = client.post(reverse("instituciones:nueva"), {
        "nombre": "Otro nombre", "siglas": "inpi", "naturaleza": "entidad_paraestatal", "activa": "on"})
    assert "Ya existe una institución con estas siglas." in repetida.content.decode()
    client.post(reverse("instituciones:editar", args=[inpi.pk]), {
        "nombre": inpi.nombre, "siglas": "INPI", "naturaleza": "entidad_paraestatal", "sector": "Bienestar"})
    inpi.refresh_from_db()
    assert (inpi.sector, inpi.activa) == ("Bienestar", False)


def test_otorgar_rol_citando_el_acuerdo_y_terminarlo(client, coordinacion, registro_2020):
    sep = InstitucionFactory(siglas="SEPX")
    client.force_login(coordinacion)
    sin_fundamento = client.post(reverse("instituciones:rol_nuevo", args=[sep.pk]),
                                 {"rol": "integrante", "desde": "2021-01-01"})
    assert "Cite el acuerdo que otorga el rol o escriba otro fundamento." in sin_fundamento.content.decode()
    antes = client.post(reverse("instituciones:rol_nuevo", args=[sep.pk]),
                        {"rol": "invitada_permanente", "desde": "2020-01-01", "numero_acuerdo": "46"})
    assert "La participación no puede comenzar antes de la sesión que la acordó." in antes.content.decode()
    client.post(reverse("instituciones:rol_nuevo", args=[sep.pk]),
                {"rol": "invitada_permanente", "desde": "2020-09-30", "numero_acuerdo": "46"})
    participacion = Participacion.objects.get(institucion=sep)
    assert participacion.acuerdo.numero == 46
    pagina = client.get(sep.get_absolute_url()).content.decode()
    assert "Acuerdo 46:30/09/2020" in pagina
    client.post(reverse("instituciones:rol_terminar", args=[participacion.pk]), {"hasta": "2021-12-31"})
    participacion.refresh_from_db()
    assert participacion.hasta == D(2021, 12, 31)
    assert sep.rol_en(D(2022, 1, 1)) is None


def test_unidad_de_igualdad_de_genero(client, coordinacion):
    institucion = InstitucionFactory()
    client.force_login(coordinacion)
    client.post(reverse("instituciones:uig", args=[institucion.pk]), {
        "nombre": "Unidad de Igualdad de Género", "titular": "Mtra. Rosa Díaz", "correo": "uig@ejemplo.gob.mx",
        "formalmente_constituida": "true"})
    uig = Institucion.objects.get(pk=institucion.pk).uig
    assert (uig.titular, uig.correo, uig.formalmente_constituida) == ("Mtra. Rosa Díaz", "uig@ejemplo.gob.mx", True)


def test_representante_con_oficio_que_se_descarga_con_permiso(client, coordinacion, enlace_propio, enlace_ajeno,
                                                            institucion_propia):
    client.force_login(coordinacion)
    respuesta = client.post(reverse("instituciones:representante_nuevo", args=[institucion_propia.pk]), {
        "tipo": "titular", "tratamiento": "Dra.", "nombre": "Ana López", "cargo": "Subsecretaria",
        "numero_oficio": "OF-1/2021", "fecha_oficio": "2021-01-05", "vigente_desde": "2021-01-10",
        "oficio": subir("Oficio de designación.pdf", archivos.PDF)})
    assert respuesta.status_code == 302
    titular = Representante.objects.get(institucion=institucion_propia)
    assert titular.oficio_nombre == "Oficio de designación.pdf" and titular.tiene_oficio
    url = reverse("instituciones:oficio", args=[titular.pk])
    for usuario, esperado in ((enlace_propio, 200), (enlace_ajeno, 403), (coordinacion, 200)):
        client.force_login(usuario)
        descarga = client.get(url)
        assert descarga.status_code == esperado
    assert "Oficio%20de%20designaci%C3%B3n.pdf" in descarga["Content-Disposition"]
    # A second titular in the same period is refused; ending the first allows it.
    with pytest.raises(ValidationError):
        services.representante_guardar(usuario=coordinacion, institucion=institucion_propia, tipo="titular",
                                       nombre="Otra Persona", cargo="Directora", vigente_desde=D(2021, 6, 1))
    services.representante_terminar(usuario=coordinacion, representante=titular, hasta=D(2021, 5, 31))
    services.representante_guardar(usuario=coordinacion, institucion=institucion_propia, tipo="titular",
                                   nombre="Otra Persona", cargo="Directora", vigente_desde=D(2021, 6, 1))


def test_oficio_con_contenido_no_admitido(client, coordinacion, institucion_propia):
    client.force_login(coordinacion)
    respuesta = client.post(reverse("instituciones:representante_nuevo", args=[institucion_propia.pk]), {
        "tipo": "titular", "nombre": "Ana López", "cargo": "Subsecretaria", "vigente_desde": "2021-01-10",
        "oficio": subir("oficio.pdf", b"MZ\x90\x00 no es un pdf")})
    assert respuesta.status_code == 200
    assert "no es de un formato admitido" in respuesta.content.decode()
    assert not Representante.objects.filter(institucion=institucion_propia).exists()


def test_la_coordinacion_es_un_dato(client, registro_2020, coordinacion):
    client.force_login(UsuarioFactory(rol="consulta"))
    pagina = client.get(reverse("acuerdos:tablero")).content.decode()
    assert "Secretaría de las Mujeres · Sistema Nacional para la Igualdad entre Mujeres y Hombres" in pagina
    assert "Instituto Nacional de las Mujeres ·" not in pagina
    nueva = InstitucionFactory(nombre="Agencia de Igualdad")
    with pytest.raises(ValidationError):
        services.coordinacion_registrar(usuario=coordinacion, institucion=nueva, desde=D(2024, 1, 1),
                                        fundamento="Decreto")
    services.coordinacion_registrar(usuario=coordinacion, institucion=nueva, desde=D(2026, 1, 1), fundamento="Decreto")
    assert "Agencia de Igualdad · Sistema Nacional" in client.get(reverse("acuerdos:tablero")).content.decode()
    from instituciones.models import Coordinacion

    assert Coordinacion.objects.en(D(2020, 12, 31)).institucion.siglas == "INMUJERES"
    assert Coordinacion.objects.en(D(2025, 6, 1)).hasta == D(2025, 12, 31)


def test_solo_coordinacion_edita_el_padron(client, consulta, enlace_propio, institucion_propia):
    for usuario in (consulta, enlace_propio):
        client.force_login(usuario)
        assert client.get(reverse("instituciones:editar", args=[institucion_propia.pk])).status_code == 403
        pagina = client.get(institucion_propia.get_absolute_url()).content.decode()
        assert reverse("instituciones:editar", args=[institucion_propia.pk]) not in pagina
        with pytest.raises(PermissionDenied):
            services.institucion_guardar(usuario=usuario, institucion=institucion_propia, sector="X")
