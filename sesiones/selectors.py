"""Reads for the sessions pages."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q

from instituciones.models import Institucion, Participacion, Representante, Rol

from .models import Asistencia, Sesion


def sesiones_filtradas(parametros):
    """The sessions list's filter bound to the query string, newest first."""
    from .filtros import SesionFilter

    return SesionFilter(
        parametros or None,
        queryset=Sesion.objects.annotate(n_acuerdos=Count("acuerdos")).order_by("-fecha", "-numero"),
    )


def _relacionado(nombre):
    """The model behind a reverse relation of Session: agreements and their carry-over are
    recorded by the agreements app, which depends on this one (never the reverse import)."""
    return Sesion._meta.get_field(nombre).related_model


def sesion_para_detalle(pk):
    """The session with everything its page shows, in a fixed number of queries."""
    return (
        Sesion.objects.prefetch_related(
            "presidium", "orden_del_dia", "asistencia_reportada",
            Prefetch("asistencias", queryset=Asistencia.objects.select_related("institucion")
                     .order_by("rol", "institucion__nombre")),
            Prefetch("acuerdos", queryset=_relacionado("acuerdos").objects.select_related("sesion").order_by("numero")),
            Prefetch("revisiones", queryset=_relacionado("revisiones").objects.select_related("acuerdo__sesion")
                     .order_by("acuerdo__numero")),
        )
        .get(pk=pk)
    )


def anios_con_sesiones():
    """``[(2020, "2020"), …]``, newest first: the years filter of sessions and agreements."""
    return [(fecha.year, str(fecha.year)) for fecha in Sesion.objects.dates("fecha", "year", order="DESC")]


@dataclass
class FilaAsistencia:
    """One institution in the attendance checklist."""

    institucion: object
    rol: str
    personas: list = field(default_factory=list)
    asistencia: Asistencia | None = None
    invitada: bool = False
    cuenta_para_quorum: bool = False
    """An *integrante* with its designation letter on record that day: counts when present."""


def personas_designadas(instituciones, fecha):
    """``{institucion_id: [titular, suplente…]}``: designations in force on ``fecha``, the
    titular first and, of each kind, those with their letter on record first."""
    por_institucion = {}
    for persona in Representante.objects.vigentes_en(fecha).filter(institucion__in=instituciones):
        por_institucion.setdefault(persona.institucion_id, []).append(persona)
    for personas in por_institucion.values():
        personas.sort(key=lambda p: (p.tipo != Representante.Tipo.TITULAR, not p.tiene_oficio, p.nombre))
    return por_institucion


_ORDEN_DE_ROLES = {rol: i for i, rol in enumerate(Rol.values)}


def filas_de_asistencia(*, sesion, busqueda="", adicionales=()):
    """The attendance checklist of ``sesion``: every institution holding a role in the SNIMH
    on its date (with that role), the institutions already recorded as invited or
    assisting, and — when ``busqueda`` is given — the institutions without a role whose
    name or acronym matches, to be added as invited (``adicionales``: ids of institutions
    already added that way in the same form). Four queries whatever the size."""
    con_rol = {
        p.institucion_id: p for p in Participacion.objects.filter(
            Q(hasta__isnull=True) | Q(hasta__gte=sesion.fecha), desde__lte=sesion.fecha,
        ).select_related("institucion")
    }
    registradas = {a.institucion_id: a for a in sesion.asistencias.select_related("institucion", "persona_designada")}
    filas = [
        FilaAsistencia(institucion=p.institucion, rol=p.rol, asistencia=registradas.get(p.institucion_id))
        for p in con_rol.values()
    ]
    filas += [
        FilaAsistencia(institucion=a.institucion, rol=a.rol, asistencia=a, invitada=True)
        for pk, a in registradas.items() if pk not in con_rol
    ]
    busqueda = (busqueda or "").strip()
    ya = set(con_rol) | set(registradas)
    filtro = Q(pk__in=[pk for pk in adicionales if pk not in ya])
    if busqueda:
        filtro |= Q(nombre__icontains=busqueda) | Q(siglas__icontains=busqueda)
    if busqueda or adicionales:
        encontradas = Institucion.objects.activas().exclude(pk__in=ya).filter(filtro).order_by("nombre")[:40]
        filas += [FilaAsistencia(institucion=i, rol=Rol.INVITADA, invitada=True) for i in encontradas]
    personas = personas_designadas([f.institucion for f in filas], sesion.fecha)
    acreditadas = sesion.acreditadas_entre([f.institucion.pk for f in filas if f.rol == Rol.INTEGRANTE])
    for fila in filas:
        fila.personas = personas.get(fila.institucion.pk, [])
        fila.cuenta_para_quorum = fila.rol == Rol.INTEGRANTE and fila.institucion.pk in acreditadas
    filas.sort(key=lambda f: (f.invitada, _ORDEN_DE_ROLES.get(f.rol, 99), f.institucion.nombre))
    return filas
