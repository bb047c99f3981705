from django.db import migrations

# unaccent() is STABLE (its dictionary could change), so PostgreSQL refuses it in an index
# expression. The usual remedy is an IMMUTABLE SQL wrapper: PostgreSQL does not inline a
# function declared more strictly than its body, so queries and the index both keep the
# call to the wrapper and the planner can match them. If the unaccent dictionary were ever
# edited, REINDEX INDEX acuerdo_texto_busqueda_idx.
FUNCION = "snimh_sin_acentos"
INDICE = "acuerdo_texto_busqueda_idx"


def crear(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
            "WHERE e.extname = 'unaccent'"
        )
        esquema = cursor.fetchone()[0]
    schema_editor.execute(
        f"CREATE OR REPLACE FUNCTION {FUNCION}(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT "
        f"AS $$ SELECT \"{esquema}\".unaccent('\"{esquema}\".unaccent'::regdictionary, $1) $$"
    )
    # The expression AcuerdoQuerySet.buscar() must produce for the planner to use it.
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDICE} ON acuerdos_acuerdo USING gin "
        f"(to_tsvector('spanish'::regconfig, COALESCE({FUNCION}(texto), ''::text)))"
    )


def quitar(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDICE}")
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCION}(text)")


class Migration(migrations.Migration):
    """Full-text search of agreement texts by index instead of computing every text's
    vector on each search (41 ms per query on 3,000 agreements, see docs/performance.md)."""

    dependencies = [("acuerdos", "0011_revision_en_sesion")]

    operations = [migrations.RunPython(crear, quitar, elidable=False)]
