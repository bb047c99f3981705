"""The registry of commitment kinds.

Each kind's app registers its model here in ``AppConfig.ready``; the engine finds a
commitment's kind through it and never imports the kind's app. A kind's model extends
``compromisos.models.Compromiso`` and answers:

- ``etiqueta_del_tipo``: how a person names it («Acuerdo 46:30/09/2020»), and
  ``del_compromiso``, the same after «de» («del acuerdo 46:30/09/2020»);
- ``inicio_del_compromiso()`` and ``descripcion_del_inicio``: from when it binds
  (nothing is reported or proven before) and how a message names that moment;
- ``get_absolute_url()``: its page;
- ``instituciones_del_grupo(grupo)``: the institutions a whole group binds (kinds without
  groups raise ``ValidationError``);
- ``instituciones_supervisoras()``: ids of the institutions that follow its reports and
  comment on them without reviewing them, and the class method
  ``supervisados_por(institucion_id)``, the same rule as a queryset of the kind.
"""

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Tipo:
    valor: str  # a TipoCompromiso value
    modelo: type  # the kind's model, a child of Compromiso
    # select_related paths, from the kind's model, of what its label reads (["sesion"]).
    relacionados: tuple = ()
    # Plural noun for lists («Acuerdos», «Líneas de acción») and the URL name of its list.
    nombre_plural: str = ""
    url_lista: str = ""

    @property
    def accesor(self):
        """The name of the reverse one-to-one from Compromiso to the kind's row."""
        return self.modelo._meta.get_field("compromiso_ptr").remote_field.related_name

    def rutas_desde(self, prefijo):
        """select_related paths, from a model reaching the commitment by ``prefijo``, that
        load the kind's row and what its label reads."""
        base = f"{prefijo}{self.accesor}"
        return [base, *(f"{base}__{ruta}" for ruta in self.relacionados)]


_TIPOS: dict[str, Tipo] = {}


def registrar(tipo: Tipo):
    _TIPOS[tipo.valor] = tipo


def tipo(valor) -> Tipo:
    try:
        return _TIPOS[valor]
    except KeyError:
        raise ImproperlyConfigured(f"No commitment kind registered for {valor!r}") from None


def registrados():
    return list(_TIPOS.values())


def relacionados(prefijo=""):
    """select_related paths that load, from a model reaching Compromiso by ``prefijo``
    ("compromiso__" from a follow-up record), every kind's row and its label's data, so that
    a list mixing kinds names each one without a query per row."""
    return [ruta for t in _TIPOS.values() for ruta in t.rutas_desde(prefijo)]


def compromisos_supervisados_por(institucion_id):
    """The commitments, of every kind, that ``institucion_id`` supervises: a Compromiso
    queryset (``supervisados_por`` of each kind, in one query)."""
    from django.db.models import Q

    from .models import Compromiso

    condicion = Q(pk__in=[])
    for t in _TIPOS.values():
        condicion |= Q(pk__in=t.modelo.supervisados_por(institucion_id).values("pk"))
    return Compromiso.objects.filter(condicion)
