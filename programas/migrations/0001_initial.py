import django.db.models.deletion
import pgtrigger.compiler
import pgtrigger.migrations
import snimh.validators
from django.db import migrations, models


MODELOS = ["programa", "objetivo", "programaevent", "objetivoevent"]


def mover_tipos_de_contenido(apps, schema_editor):
    """The content types (and so the admin log and permissions that point at them) follow the
    models to this app, unless this app already has its own."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="programas", model__in=MODELOS).exists():
        ContentType.objects.filter(app_label="acuerdos", model__in=MODELOS).update(app_label="programas")


def devolver_tipos_de_contenido(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="acuerdos", model__in=MODELOS).exists():
        ContentType.objects.filter(app_label="programas", model__in=MODELOS).update(app_label="acuerdos")


class Migration(migrations.Migration):
    """Programmes and objectives, moved from acuerdos with their rows, ids and history: their
    tables were renamed by acuerdos 0016, so the models enter this app's state only; the
    history triggers are installed again on the renamed tables."""

    initial = True

    dependencies = [
        ('pghistory', '0007_auto_20250421_0444'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('acuerdos', '0016_programas_a_su_app'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name='Objetivo',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('numero', models.PositiveSmallIntegerField(verbose_name='número')),
                    ('texto', models.TextField(validators=[snimh.validators.validar_sin_html], verbose_name='texto')),
                ],
                options={
                    'verbose_name': 'objetivo',
                    'verbose_name_plural': 'objetivos',
                    'ordering': ['programa__clave', 'numero'],
                },
            ),
            migrations.CreateModel(
                name='Programa',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('clave', models.SlugField(error_messages={'unique': 'Ya existe un programa con esta clave.'}, help_text='Identificador corto, p. ej. «PROIGUALDAD-2020-2024».', unique=True, verbose_name='clave')),
                    ('nombre', models.CharField(max_length=255, validators=[snimh.validators.validar_sin_html], verbose_name='nombre')),
                    ('vigente', models.BooleanField(default=True, verbose_name='vigente')),
                ],
                options={
                    'verbose_name': 'programa',
                    'verbose_name_plural': 'programas',
                    'ordering': ['clave'],
                },
            ),
            migrations.CreateModel(
                name='ProgramaEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('clave', models.SlugField(db_index=False, error_messages={'unique': 'Ya existe un programa con esta clave.'}, help_text='Identificador corto, p. ej. «PROIGUALDAD-2020-2024».', verbose_name='clave')),
                    ('nombre', models.CharField(max_length=255, validators=[snimh.validators.validar_sin_html], verbose_name='nombre')),
                    ('vigente', models.BooleanField(default=True, verbose_name='vigente')),
                ],
                options={
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='ObjetivoEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('numero', models.PositiveSmallIntegerField(verbose_name='número')),
                    ('texto', models.TextField(validators=[snimh.validators.validar_sin_html], verbose_name='texto')),
                    ('pgh_context', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context')),
                    ('pgh_obj', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='programas.objetivo')),
                    ('programa', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='programas.programa', verbose_name='programa')),
                ],
                options={
                    'abstract': False,
                },
            ),
            migrations.AddField(
                model_name='objetivo',
                name='programa',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='objetivos', to='programas.programa', verbose_name='programa'),
            ),
            migrations.AddField(
                model_name='programaevent',
                name='pgh_context',
                field=models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context'),
            ),
            migrations.AddField(
                model_name='programaevent',
                name='pgh_obj',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='programas.programa'),
            ),
            migrations.AddConstraint(
                model_name='objetivo',
                constraint=models.UniqueConstraint(fields=('programa', 'numero'), name='objetivo_numero_unico', violation_error_message='El programa ya tiene un objetivo con ese número.'),
            ),
        ]),
        pgtrigger.migrations.AddTrigger(
            model_name='programa',
            trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "programas_programaevent" ("clave", "id", "nombre", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "vigente") VALUES (NEW."clave", NEW."id", NEW."nombre", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."vigente"); RETURN NULL;', hash='addf43cc5a105c7e6810e426b39ee35a1fe06c52', operation='INSERT', pgid='pgtrigger_insert_insert_d29a1', table='programas_programa', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='programa',
            trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "programas_programaevent" ("clave", "id", "nombre", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "vigente") VALUES (NEW."clave", NEW."id", NEW."nombre", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."vigente"); RETURN NULL;', hash='5b5d98e805ad68287a203aff749f1493646c2d38', operation='UPDATE', pgid='pgtrigger_update_update_3274f', table='programas_programa', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='programa',
            trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "programas_programaevent" ("clave", "id", "nombre", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "vigente") VALUES (OLD."clave", OLD."id", OLD."nombre", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."vigente"); RETURN NULL;', hash='0b471ad31259df930e861b998b2143947b2f9674', operation='DELETE', pgid='pgtrigger_delete_delete_27522', table='programas_programa', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='objetivoevent',
            trigger=pgtrigger.compiler.Trigger(name='append_only', sql=pgtrigger.compiler.UpsertTriggerSql(func="RAISE EXCEPTION 'pgtrigger: Cannot update or delete rows from % table', TG_TABLE_NAME;", hash='594cb2f2068d8cb0fd8b416ed4e1fe46e7a4e0e5', operation='UPDATE OR DELETE', pgid='pgtrigger_append_only_f572f', table='programas_objetivoevent', when='BEFORE')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='objetivo',
            trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "programas_objetivoevent" ("id", "numero", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "programa_id", "texto") VALUES (NEW."id", NEW."numero", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."programa_id", NEW."texto"); RETURN NULL;', hash='3ea7e523c585312c6db032b29b3f074fc312ce5b', operation='INSERT', pgid='pgtrigger_insert_insert_33c25', table='programas_objetivo', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='objetivo',
            trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "programas_objetivoevent" ("id", "numero", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "programa_id", "texto") VALUES (NEW."id", NEW."numero", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."programa_id", NEW."texto"); RETURN NULL;', hash='089a6f4075075d425aeb44c8782798a322203a23', operation='UPDATE', pgid='pgtrigger_update_update_aa956', table='programas_objetivo', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='objetivo',
            trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "programas_objetivoevent" ("id", "numero", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "programa_id", "texto") VALUES (OLD."id", OLD."numero", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."programa_id", OLD."texto"); RETURN NULL;', hash='2b7674172adace735d085655660973faa3e29237', operation='DELETE', pgid='pgtrigger_delete_delete_d7802', table='programas_objetivo', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='programaevent',
            trigger=pgtrigger.compiler.Trigger(name='append_only', sql=pgtrigger.compiler.UpsertTriggerSql(func="RAISE EXCEPTION 'pgtrigger: Cannot update or delete rows from % table', TG_TABLE_NAME;", hash='27710c57ed3170a42d49ed9848b7cf1bc7c622ed', operation='UPDATE OR DELETE', pgid='pgtrigger_append_only_719f0', table='programas_programaevent', when='BEFORE')),
        ),
            migrations.RunPython(mover_tipos_de_contenido, devolver_tipos_de_contenido),
    ]
