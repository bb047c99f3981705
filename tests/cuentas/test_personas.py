"""Managing people: deactivate and reactivate (never delete), change role and
institution with the model's rules and optimistic locking."""

import pghistory
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from cuentas import services
from cuentas.models import RolUsuario, Usuario
from cuentas.selectors import historial_de_persona

pytestmark = pytest.mark.django_db

CLAVE = "contraseña-de-prueba-larga"


def test_nadie_se_desactiva_a_si_mismo(coordinacion):
    with pytest.raises(ValidationError) as error:
        services.persona_desactivar(persona=coordinacion, usuario=coordinacion)
    assert error.value.messages == ["No puede desactivar su propia cuenta."]
    coordinacion.refresh_from_db()
    assert coordinacion.is_active


def test_desactivar_y_reactivar(coordinacion, enlace_propio):
    services.persona_desactivar(persona=enlace_propio, usuario=coordinacion)
    enlace_propio.refresh_from_db()
    assert not enlace_propio.is_active
    assert Client().post(reverse("cuentas:entrar"), {"username": "enlace_propio", "password": CLAVE}).status_code == 200
    with pytest.raises(ValidationError):
        services.persona_desactivar(persona=enlace_propio, usuario=coordinacion)
    services.persona_reactivar(persona=enlace_propio, usuario=coordinacion)
    assert Client().post(reverse("cuentas:entrar"), {"username": "enlace_propio", "password": CLAVE}).status_code == 302
    que = [e.que for e in historial_de_persona(persona=enlace_propio)]
    assert que == ["Cuenta reactivada.", "Cuenta desactivada.", "Cuenta creada con el rol «Enlace institucional (UIG)»."]


def test_solo_la_coordinacion_gestiona_personas(consulta, enlace_propio, enlace_ajeno):
    for usuario in (consulta, enlace_propio):
        with pytest.raises(PermissionDenied):
            services.persona_desactivar(persona=enlace_ajeno, usuario=usuario)


def _modificar(persona, usuario, **cambios):
    datos = {"nombres": persona.first_name or "Nombre", "apellidos": persona.last_name or "Apellido",
             "correo": persona.email, "rol": persona.rol, "institucion": persona.institucion,
             "version": persona.version, **cambios}
    return services.persona_modificar(persona=persona, usuario=usuario, **datos)


def test_cambiar_rol_e_institucion_con_las_reglas_del_modelo(coordinacion, consulta, institucion_ajena):
    with pytest.raises(ValidationError) as error:
        _modificar(consulta, coordinacion, rol=RolUsuario.ENLACE)
    assert error.value.message_dict["institucion"] == ["Indique la institución del enlace."]
    # The request's user, as snimh.middleware.HistorialMiddleware attaches it.
    with pghistory.context(user=coordinacion.pk):
        persona = _modificar(consulta, coordinacion, rol=RolUsuario.ENLACE, institucion=institucion_ajena)
    assert (persona.rol, persona.institucion, persona.version) == (RolUsuario.ENLACE, institucion_ajena, 2)
    que = [e.que for e in historial_de_persona(persona=persona)]
    assert "Rol: «Consulta» → «Enlace institucional (UIG)»." in que
    assert "Institución: — → AJENA." in que
    assert historial_de_persona(persona=persona)[0].quien == "Coordinadora"


def test_edicion_concurrente_no_sobrescribe(coordinacion, consulta):
    vista = consulta.version
    _modificar(consulta, coordinacion, nombres="Primera")
    with pytest.raises(ValidationError) as error:
        _modificar(consulta, coordinacion, nombres="Segunda", version=vista)
    assert error.value.code == "edicion_concurrente"
    assert Usuario.objects.get(pk=consulta.pk).first_name == "Primera"


def test_nadie_cambia_su_propio_rol(coordinacion):
    with pytest.raises(ValidationError) as error:
        _modificar(coordinacion, coordinacion, rol=RolUsuario.CONSULTA)
    assert "No puede cambiar su propio rol" in error.value.message_dict["rol"][0]
    # Their own name and e-mail, yes.
    assert _modificar(coordinacion, coordinacion, apellidos="Pérez").last_name == "Pérez"
