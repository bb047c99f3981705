"""Database helpers shared by the apps.

The production and test database is PostgreSQL, where some rules are enforced by
constructs SQLite lacks (exclusion constraints, CHECKs that read the clock). The
classes below emit that DDL only on PostgreSQL and still validate in Python on
every backend, so `make run` on SQLite gets the same Spanish error messages.
"""

import functools

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateRangeField, RangeOperators
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import connections, models
from django.db.models import F, Func, Q, Value
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual

from snimh.validators import validar_sin_html


def _is_postgres(schema_editor_or_alias):
    connection = getattr(schema_editor_or_alias, "connection", None)
    if connection is None:
        connection = connections[schema_editor_or_alias]
    return connection.vendor == "postgresql"


class PostgresOnlyDDLMixin:
    """Skip the constraint's DDL on databases other than PostgreSQL."""

    def constraint_sql(self, model, schema_editor):
        if not _is_postgres(schema_editor):
            return None
        return super().constraint_sql(model, schema_editor)

    def create_sql(self, model, schema_editor):
        if not _is_postgres(schema_editor):
            return None
        return super().create_sql(model, schema_editor)

    def remove_sql(self, model, schema_editor):
        if not _is_postgres(schema_editor):
            return None
        return super().remove_sql(model, schema_editor)


class PostgresCheckConstraint(PostgresOnlyDDLMixin, models.CheckConstraint):
    """A CHECK whose condition SQLite cannot hold in DDL (e.g. one reading the clock).

    Model validation still evaluates the condition on every backend.
    """

    def deconstruct(self):
        path, args, kwargs = super().deconstruct()
        return "snimh.db.PostgresCheckConstraint", args, kwargs


class DateRange(Func):
    """``daterange(desde, hasta, '[]')``: both ends inclusive, NULL end open."""

    function = "daterange"
    output_field = DateRangeField()


class SinTraslapeConstraint(PostgresOnlyDDLMixin, ExclusionConstraint):
    """No two rows of the same group may have overlapping [desde, hasta] periods.

    On PostgreSQL this is an exclusion constraint (GiST, needs btree_gist); on other
    backends only the Python validation below applies.
    """

    def __init__(
        self,
        *,
        name,
        grupo,
        desde,
        hasta,
        condition=None,
        violation_error_code=None,
        violation_error_message=None,
    ):
        self.grupo = tuple(grupo)
        self.desde = desde
        self.hasta = hasta
        self.condicion_propia = condition
        # Rows with an inverted period are left to the model's CHECK on the dates,
        # which reports them as such; daterange() would fail on them first.
        periodo_valido = Q(**{f"{hasta}__isnull": True}) | Q(**{f"{hasta}__gte": F(desde)})
        condition = periodo_valido if condition is None else periodo_valido & condition
        expressions = [
            (DateRange(F(desde), F(hasta), Value("[]")), RangeOperators.OVERLAPS),
            *((campo, RangeOperators.EQUAL) for campo in self.grupo),
        ]
        super().__init__(
            name=name,
            expressions=expressions,
            condition=condition,
            violation_error_code=violation_error_code,
            violation_error_message=violation_error_message,
        )

    def deconstruct(self):
        kwargs = {
            "name": self.name,
            "grupo": self.grupo,
            "desde": self.desde,
            "hasta": self.hasta,
        }
        if self.condicion_propia is not None:
            kwargs["condition"] = self.condicion_propia
        if self.violation_error_code is not None:
            kwargs["violation_error_code"] = self.violation_error_code
        if self.violation_error_message != self.default_violation_error_message:
            kwargs["violation_error_message"] = self.violation_error_message
        return "snimh.db.SinTraslapeConstraint", (), kwargs

    def validate(self, model, instance, exclude=None, using="default"):
        if _is_postgres(using):
            return super().validate(model, instance, exclude=exclude, using=using)
        from django.core.exceptions import ValidationError

        campos = {*self.grupo, self.desde, self.hasta}
        if exclude and campos & set(exclude):
            return
        desde = getattr(instance, self.desde)
        hasta = getattr(instance, self.hasta)
        if desde is None:
            return
        filtro = Q(**{campo: getattr(instance, model._meta.get_field(campo).attname)
                      for campo in self.grupo})
        # Inclusive periods overlap when each starts before the other ends.
        filtro &= Q(**{f"{self.hasta}__isnull": True}) | Q(**{f"{self.hasta}__gte": desde})
        if hasta is not None:
            filtro &= Q(**{f"{self.desde}__lte": hasta})
        if self.condition is not None:
            filtro &= self.condition
        qs = model._default_manager.using(using).filter(filtro)
        if not instance._state.adding and instance.pk is not None:
            qs = qs.exclude(pk=instance.pk)
        if qs.exists():
            raise ValidationError(self.get_violation_error_message(), code=self.violation_error_code)


def nombre_generado(carpeta, nombre_archivo):
    """A storage name under ``carpeta`` that nothing the user typed reaches: a random
    name, keeping only a short lower-case extension."""
    import uuid
    from pathlib import PurePath

    extension = PurePath(nombre_archivo).suffix.lower()[:10]
    return f"{carpeta}/{uuid.uuid4().hex}{extension}"


def choices_constraint(field, choices, *, name):
    """A CHECK that keeps a TextChoices column within its declared values.

    Choices are validated by forms, but a bulk update or a raw import would not be;
    the database refuses an unknown role or status whatever the path.
    """
    return models.CheckConstraint(
        condition=Q(**{f"{field}__in": [value for value, _label in choices]}),
        name=name,
    )


class ConflictoDeEstado(ValidationError):
    """A valid request that the record's current state does not allow (already reviewed,
    withdrawn, already in that status): pages show it like any validation error, the API
    answers 409 (``conflicto_de_estado``)."""


class EdicionConcurrente(Exception):
    """Raised when a row changed since the user loaded it (optimistic locking)."""

    def __init__(self):
        from django.utils.translation import gettext

        super().__init__(gettext(
            "Otra persona modificó este registro mientras usted lo editaba. "
            "Recargue la página, revise los cambios y vuelva a intentarlo."
        ))


class VersionadoModel(models.Model):
    """Optimistic locking: a save succeeds only if nobody saved the row since it was read.

    The second of two users editing the same record gets ``EdicionConcurrente``
    instead of silently overwriting the first one's work.
    """

    version = models.PositiveIntegerField("versión", default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._state.adding or self.pk is None:
            return super().save(*args, **kwargs)
        from django.db import transaction

        with transaction.atomic():
            # Lock the row and compare versions, then write once: a second UPDATE
            # would also write a second, empty history event.
            actual = (
                type(self)._default_manager.select_for_update().filter(pk=self.pk)
                .values_list("version", flat=True).first()
            )
            if actual != self.version:
                raise EdicionConcurrente()
            self.version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
            try:
                return super().save(*args, **kwargs)
            except Exception:
                self.version -= 1
                raise


def contexto_historial(**metadatos):
    """Label the history events written inside the block (e.g. ``command="import"``).

    The events are written by PostgreSQL triggers; on SQLite there are none, and
    pghistory's context would fail, so the block then runs unlabelled.
    """
    import contextlib

    if connections["default"].vendor != "postgresql":
        return contextlib.nullcontext()
    import pghistory

    return pghistory.context(**metadatos)


@functools.cache
def _consulta_de_huella():
    """The fingerprint's SQL, built once per process: the set of tracked tables is fixed
    by the code, and every dashboard and agreement page asks for the fingerprint."""
    from django.apps import apps
    from pghistory.models import Event

    tablas = sorted(modelo._meta.db_table for modelo in apps.get_models() if issubclass(modelo, Event))
    return "SELECT " + ", ".join(f'(SELECT max(pgh_id) FROM "{tabla}")' for tabla in tablas)


def huella_del_historial():
    """A string that changes with every insert, update or delete anywhere in the tracked
    tables: the newest event id of each django-pghistory event table. The database
    triggers write an event for ``QuerySet.update()``, bulk operations and raw SQL too,
    so a cache keyed on it can never serve data older than the last write. None where
    there are no triggers (the SQLite of ``make run``): callers then do not cache."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(_consulta_de_huella())
        return "-".join(str(valor or 0) for valor in cursor.fetchone())


def largo_maximo(modelo, campo):
    """A form's or serializer's length limit, read from the model field it fills."""
    return modelo._meta.get_field(campo).max_length


# The longest reason a person gives (a status change, a withdrawal, a reopening).
MOTIVO_MAXIMO = 2000


def texto_limitado(verbose_name, maximo, **opciones):
    """A plain-text TextField whose ``max_length`` model validation enforces too
    (Django only hands a TextField's max_length to forms)."""
    return models.TextField(verbose_name, max_length=maximo, validators=[validar_sin_html, MaxLengthValidator(maximo)],
                            **opciones)


def tope_de_texto(campo, maximo, *, name):
    """The database's copy of a text field's ``max_length``."""
    return models.CheckConstraint(condition=LessThanOrEqual(Length(campo), maximo), name=name)


def crear_en_lote(modelo, objetos, *, batch_size=None):
    """``bulk_create`` that also takes a multi-table child (an agreement is a commitment).

    Django refuses ``bulk_create`` on a model with a concrete parent, because the parent's
    rows must exist first. Here the parents are inserted in bulk (their ids come back from
    ``RETURNING``), each child takes its parent's id, and the children's own columns are
    inserted in bulk too — two statements per batch instead of two per row. Only for bulk
    loads (the synthetic record, benchmarks); signals and ``save()`` are skipped as with
    ``bulk_create``.
    """
    objetos = list(objetos)
    padres = modelo._meta.parents
    if not padres:
        return modelo.objects.bulk_create(objetos, batch_size=batch_size)
    ((padre, enlace),) = padres.items()
    filas_padre = [padre(**{c.attname: getattr(o, c.attname) for c in padre._meta.concrete_fields}) for o in objetos]
    crear_en_lote(padre, filas_padre, batch_size=batch_size)
    for objeto, fila in zip(objetos, filas_padre, strict=True):
        setattr(objeto, enlace.attname, fila.pk)
    campos = modelo._meta.local_concrete_fields
    paso = batch_size or len(objetos) or 1
    for inicio in range(0, len(objetos), paso):
        modelo._base_manager._insert(objetos[inicio : inicio + paso], fields=campos)
    for objeto in objetos:
        objeto._state.adding = False
        objeto._state.db = "default"
    return objetos
