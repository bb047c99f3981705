"""Reads for the people pages."""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.contrib.postgres.lookups import Unaccent
from django.db import connections
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from instituciones.models import Institucion

from .filtros import PersonaFilter
from .models import RolUsuario, Usuario


def _por_nombre(consulta):
    """Alphabetical as people read names: «Ángela» among the A, not after «Zoe»
    (unaccent on PostgreSQL; case only on the SQLite of `make run`)."""
    if connections[consulta.db].vendor == "postgresql":
        return consulta.order_by(Lower(Unaccent("first_name")), Lower(Unaccent("last_name")), "username")
    return consulta.order_by(Lower("first_name"), Lower("last_name"), "username")


def personas_filtradas(*, parametros):
    """The people list by full name, with the invitation state the filters use."""
    consulta = Usuario.objects.con_estado_invitacion().select_related("institucion", "invitacion")
    return PersonaFilter(parametros, queryset=_por_nombre(consulta))


def persona_para_detalle(*, pk):
    return (
        Usuario.objects.con_estado_invitacion()
        .select_related("institucion", "invitacion__invitada_por").get(pk=pk)
    )


@dataclass
class EntradaHistorial:
    momento: datetime.datetime
    quien: str
    que: str


def _cambios_de_cuenta(anterior, evento, instituciones):
    if anterior is None:
        return [_("Cuenta creada con el rol «%(rol)s».") % {"rol": _etiqueta_rol(evento.rol)}]
    cambios = []
    if anterior.is_active != evento.is_active:
        cambios.append(_("Cuenta reactivada.") if evento.is_active else _("Cuenta desactivada."))
    if anterior.rol != evento.rol:
        cambios.append(_("Rol: «%(antes)s» → «%(despues)s».") % {
            "antes": _etiqueta_rol(anterior.rol), "despues": _etiqueta_rol(evento.rol)})
    if anterior.institucion_id != evento.institucion_id:
        cambios.append(_("Institución: %(antes)s → %(despues)s.") % {
            "antes": instituciones.get(anterior.institucion_id, "—"),
            "despues": instituciones.get(evento.institucion_id, "—")})
    if anterior.email != evento.email:
        cambios.append(_("Correo: %(antes)s → %(despues)s.") % {"antes": anterior.email or "—", "despues": evento.email})
    nombre_antes = f"{anterior.first_name} {anterior.last_name}".strip()
    nombre_despues = f"{evento.first_name} {evento.last_name}".strip()
    if nombre_antes != nombre_despues:
        cambios.append(_("Nombre: %(antes)s → %(despues)s.") % {"antes": nombre_antes or "—", "despues": nombre_despues})
    if anterior.username != evento.username:
        cambios.append(_("Nombre de usuario: %(antes)s → %(despues)s.") % {
            "antes": anterior.username, "despues": evento.username})
    if anterior.recibe_avisos != evento.recibe_avisos:
        cambios.append(_("Recibe avisos por correo.") if evento.recibe_avisos else _("Dejó de recibir avisos por correo."))
    if anterior.is_superuser != evento.is_superuser:
        cambios.append(_("Cambio de permisos de superusuario."))
    return cambios


def _cambios_de_invitacion(anterior, evento):
    if anterior is None:
        return [_("Invitación enviada.")]
    if anterior.aceptada is None and evento.aceptada is not None:
        return [_("Invitación aceptada: la persona eligió su contraseña.")]
    if anterior.enviada != evento.enviada:
        return [_("Invitación reenviada (envío %(n)s); los enlaces anteriores dejaron de funcionar.") % {
            "n": evento.envios}]
    return []


def _etiqueta_rol(valor):
    return RolUsuario(valor).label if valor in RolUsuario.values else _("sin rol")


def historial_de_persona(*, persona):
    """The account's history from the database-level events (django-pghistory): creation,
    role, institution, activation and invitation, newest first, with who did each."""
    eventos_cuenta = list(
        apps.get_model("cuentas", "UsuarioEvent").objects.filter(pgh_obj_id=persona.pk)
        .select_related("pgh_context").order_by("pgh_id")
    )
    eventos_invitacion = list(
        apps.get_model("cuentas", "InvitacionEvent").objects.filter(usuario_id=persona.pk)
        .select_related("pgh_context").order_by("pgh_id")
    )
    todos = [*eventos_cuenta, *eventos_invitacion]
    ids = {(e.pgh_context.metadata or {}).get("user") for e in todos if e.pgh_context}
    nombres = {u.pk: u.nombre_visible for u in Usuario.objects.filter(pk__in={i for i in ids if i})}
    instituciones = dict(
        Institucion.objects.filter(pk__in={e.institucion_id for e in eventos_cuenta if e.institucion_id})
        .values_list("pk", "siglas")
    )
    def quien(evento):
        return nombres.get((evento.pgh_context.metadata or {}).get("user") if evento.pgh_context else None)

    entradas = []
    anterior = None
    for evento in eventos_cuenta:
        entradas += [EntradaHistorial(evento.pgh_created_at, quien(evento) or _("el sistema"), que)
                     for que in _cambios_de_cuenta(anterior, evento, instituciones)]
        anterior = evento
    anterior = None
    for evento in eventos_invitacion:
        # Accepting happens signed out, through the person's own link.
        por_omision = persona.nombre_visible if anterior and anterior.aceptada is None and evento.aceptada else None
        entradas += [EntradaHistorial(evento.pgh_created_at, quien(evento) or por_omision or _("el sistema"), que)
                     for que in _cambios_de_invitacion(anterior, evento)]
        anterior = evento
    # Oldest first is the order written (events of one transaction share its time);
    # the page shows the newest first.
    return sorted(entradas, key=lambda e: e.momento)[::-1]
