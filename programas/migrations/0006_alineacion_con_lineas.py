import django.db.models.deletion
import pgtrigger.compiler
import pgtrigger.migrations
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('compromisos', '0002_restricciones_e_historial'),
        ('pghistory', '0007_auto_20250421_0444'),
        ('programas', '0005_recomendaciones_semestrales'),
    ]

    operations = [
        migrations.CreateModel(
            name='AlineacionConLinea',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('compromiso', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='alineaciones_con_lineas', to='compromisos.compromiso', verbose_name='compromiso')),
                ('linea', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='alineaciones', to='programas.lineaaccion', verbose_name='línea de acción')),
            ],
            options={
                'verbose_name': 'alineación con una línea de acción',
                'verbose_name_plural': 'alineaciones con líneas de acción',
            },
        ),
        migrations.CreateModel(
            name='AlineacionConLineaEvent',
            fields=[
                ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                ('pgh_label', models.TextField(help_text='The event label.')),
                ('id', models.BigIntegerField()),
                ('compromiso', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='compromisos.compromiso', verbose_name='compromiso')),
                ('linea', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='programas.lineaaccion', verbose_name='línea de acción')),
                ('pgh_context', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context')),
                ('pgh_obj', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='programas.alineacionconlinea')),
            ],
            options={
                'abstract': False,
            },
        ),
        migrations.AddConstraint(
            model_name='alineacionconlinea',
            constraint=models.UniqueConstraint(fields=('compromiso', 'linea'), name='alineacion_linea_unica', violation_error_message='Ese compromiso ya está alineado a la línea.'),
        ),
        migrations.AddConstraint(
            model_name='alineacionconlinea',
            constraint=models.CheckConstraint(condition=models.Q(('compromiso', models.F('linea')), _negated=True), name='alineacion_no_consigo_misma'),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='alineacionconlinea',
            trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "programas_alineacionconlineaevent" ("compromiso_id", "id", "linea_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id") VALUES (NEW."compromiso_id", NEW."id", NEW."linea_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id"); RETURN NULL;', hash='7a64cf0c2a2d16f20d820a8597f4ffe277895980', operation='INSERT', pgid='pgtrigger_insert_insert_fa7c6', table='programas_alineacionconlinea', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='alineacionconlinea',
            trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "programas_alineacionconlineaevent" ("compromiso_id", "id", "linea_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id") VALUES (NEW."compromiso_id", NEW."id", NEW."linea_id", _pgh_attach_context(), NOW(), \'update\', NEW."id"); RETURN NULL;', hash='e8057c78f8944a3c3bbfce82533b5f4394fab438', operation='UPDATE', pgid='pgtrigger_update_update_81f55', table='programas_alineacionconlinea', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='alineacionconlinea',
            trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "programas_alineacionconlineaevent" ("compromiso_id", "id", "linea_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id") VALUES (OLD."compromiso_id", OLD."id", OLD."linea_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id"); RETURN NULL;', hash='f67d57167e88971e06aab7650b6bfaa0dc62c364', operation='DELETE', pgid='pgtrigger_delete_delete_d67d6', table='programas_alineacionconlinea', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='alineacionconlineaevent',
            trigger=pgtrigger.compiler.Trigger(name='append_only', sql=pgtrigger.compiler.UpsertTriggerSql(func="RAISE EXCEPTION 'pgtrigger: Cannot update or delete rows from % table', TG_TABLE_NAME;", hash='13836af165a8a15418eefaea2b39ab702c1f7174', operation='UPDATE OR DELETE', pgid='pgtrigger_append_only_7887e', table='programas_alineacionconlineaevent', when='BEFORE')),
        ),
    ]
