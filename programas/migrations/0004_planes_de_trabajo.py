import django.db.models.deletion
import pgtrigger.compiler
import pgtrigger.migrations
import snimh.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('compromisos', '0002_restricciones_e_historial'),
        ('pghistory', '0007_auto_20250421_0444'),
        ('programas', '0003_semaforizacion'),
    ]

    operations = [
        migrations.CreateModel(
            name='Actividad',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('descripcion', models.CharField(max_length=500, validators=[snimh.validators.validar_sin_html], verbose_name='actividad')),
                ('fecha_inicio', models.DateField(verbose_name='inicio')),
                ('fecha_fin', models.DateField(verbose_name='término')),
                ('producto_esperado', models.CharField(max_length=300, validators=[snimh.validators.validar_sin_html], verbose_name='producto esperado')),
            ],
            options={
                'verbose_name': 'actividad',
                'verbose_name_plural': 'actividades',
                'ordering': ['plan', 'fecha_inicio', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='AvanceDeLinea',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('valor_indicador', models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, verbose_name='valor alcanzado del indicador')),
                ('actividad', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='avances', to='programas.actividad', verbose_name='actividad del plan')),
                ('reporte', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='avance_de_linea', to='compromisos.reporte', verbose_name='reporte')),
            ],
            options={
                'verbose_name': 'avance en el plan de trabajo',
                'verbose_name_plural': 'avances en planes de trabajo',
            },
        ),
        migrations.CreateModel(
            name='AvanceDeLineaEvent',
            fields=[
                ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                ('pgh_label', models.TextField(help_text='The event label.')),
                ('id', models.BigIntegerField()),
                ('valor_indicador', models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, verbose_name='valor alcanzado del indicador')),
                ('actividad', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='programas.actividad', verbose_name='actividad del plan')),
                ('pgh_context', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context')),
                ('pgh_obj', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='programas.avancedelinea')),
                ('reporte', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='compromisos.reporte', verbose_name='reporte')),
            ],
            options={
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='PlanDeTrabajo',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('indicador', models.CharField(blank=True, help_text='Opcional: lo que la institución mide, p. ej. «personas capacitadas».', max_length=200, validators=[snimh.validators.validar_sin_html], verbose_name='indicador')),
                ('meta_indicador', models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, verbose_name='meta del indicador')),
                ('actualizado', models.DateTimeField(auto_now=True, verbose_name='actualizado')),
                ('seguimiento', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='plan_de_trabajo', to='compromisos.seguimiento', verbose_name='seguimiento')),
            ],
            options={
                'verbose_name': 'plan de trabajo',
                'verbose_name_plural': 'planes de trabajo',
            },
        ),
        migrations.CreateModel(
            name='ActividadEvent',
            fields=[
                ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                ('pgh_label', models.TextField(help_text='The event label.')),
                ('id', models.BigIntegerField()),
                ('descripcion', models.CharField(max_length=500, validators=[snimh.validators.validar_sin_html], verbose_name='actividad')),
                ('fecha_inicio', models.DateField(verbose_name='inicio')),
                ('fecha_fin', models.DateField(verbose_name='término')),
                ('producto_esperado', models.CharField(max_length=300, validators=[snimh.validators.validar_sin_html], verbose_name='producto esperado')),
                ('pgh_context', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context')),
                ('pgh_obj', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='programas.actividad')),
                ('plan', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='programas.plandetrabajo', verbose_name='plan de trabajo')),
            ],
            options={
                'abstract': False,
            },
        ),
        migrations.AddField(
            model_name='actividad',
            name='plan',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='actividades', to='programas.plandetrabajo', verbose_name='plan de trabajo'),
        ),
        migrations.CreateModel(
            name='PlanDeTrabajoEvent',
            fields=[
                ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                ('pgh_label', models.TextField(help_text='The event label.')),
                ('id', models.BigIntegerField()),
                ('indicador', models.CharField(blank=True, help_text='Opcional: lo que la institución mide, p. ej. «personas capacitadas».', max_length=200, validators=[snimh.validators.validar_sin_html], verbose_name='indicador')),
                ('meta_indicador', models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, verbose_name='meta del indicador')),
                ('actualizado', models.DateTimeField(auto_now=True, verbose_name='actualizado')),
                ('pgh_context', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context')),
                ('pgh_obj', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='programas.plandetrabajo')),
                ('seguimiento', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='compromisos.seguimiento', verbose_name='seguimiento')),
            ],
            options={
                'abstract': False,
            },
        ),
        migrations.AddConstraint(
            model_name='avancedelinea',
            constraint=models.CheckConstraint(condition=models.Q(('valor_indicador__isnull', True), ('valor_indicador__gte', 0), _connector='OR'), name='avance_indicador_no_negativo', violation_error_message='El valor del indicador no puede ser negativo.'),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='avancedelinea',
            trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "programas_avancedelineaevent" ("actividad_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "reporte_id", "valor_indicador") VALUES (NEW."actividad_id", NEW."id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."reporte_id", NEW."valor_indicador"); RETURN NULL;', hash='02c61c3a20040c4d42b5f81fcea070ac17a25704', operation='INSERT', pgid='pgtrigger_insert_insert_613bb', table='programas_avancedelinea', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='avancedelinea',
            trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "programas_avancedelineaevent" ("actividad_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "reporte_id", "valor_indicador") VALUES (NEW."actividad_id", NEW."id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."reporte_id", NEW."valor_indicador"); RETURN NULL;', hash='5b4820d27986ff6bb687e07ec5d439332a320187', operation='UPDATE', pgid='pgtrigger_update_update_c5e20', table='programas_avancedelinea', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='avancedelinea',
            trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "programas_avancedelineaevent" ("actividad_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "reporte_id", "valor_indicador") VALUES (OLD."actividad_id", OLD."id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."reporte_id", OLD."valor_indicador"); RETURN NULL;', hash='d7f2d4c716cdfb9b32f707d075ac56f686efa624', operation='DELETE', pgid='pgtrigger_delete_delete_864a3', table='programas_avancedelinea', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='avancedelineaevent',
            trigger=pgtrigger.compiler.Trigger(name='append_only', sql=pgtrigger.compiler.UpsertTriggerSql(func="RAISE EXCEPTION 'pgtrigger: Cannot update or delete rows from % table', TG_TABLE_NAME;", hash='fa6593362d19da87d70866ef845d2f6e667398f6', operation='UPDATE OR DELETE', pgid='pgtrigger_append_only_29757', table='programas_avancedelineaevent', when='BEFORE')),
        ),
        migrations.AddConstraint(
            model_name='plandetrabajo',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('indicador', ''), ('meta_indicador__isnull', True)), models.Q(models.Q(('indicador', ''), _negated=True), ('meta_indicador__isnull', False), ('meta_indicador__gt', 0)), _connector='OR'), name='plan_indicador_con_meta', violation_error_message='Un indicador necesita una meta mayor que cero, y una meta su indicador.'),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='plandetrabajo',
            trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "programas_plandetrabajoevent" ("actualizado", "id", "indicador", "meta_indicador", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "seguimiento_id") VALUES (NEW."actualizado", NEW."id", NEW."indicador", NEW."meta_indicador", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."seguimiento_id"); RETURN NULL;', hash='a2a560c29bd7b8f88f04ee390884e3a4ee569e4d', operation='INSERT', pgid='pgtrigger_insert_insert_a9baf', table='programas_plandetrabajo', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='plandetrabajo',
            trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "programas_plandetrabajoevent" ("actualizado", "id", "indicador", "meta_indicador", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "seguimiento_id") VALUES (NEW."actualizado", NEW."id", NEW."indicador", NEW."meta_indicador", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."seguimiento_id"); RETURN NULL;', hash='c30fbfce27111ac7f30266bf91e458ef89f5c50c', operation='UPDATE', pgid='pgtrigger_update_update_9e129', table='programas_plandetrabajo', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='plandetrabajo',
            trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "programas_plandetrabajoevent" ("actualizado", "id", "indicador", "meta_indicador", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "seguimiento_id") VALUES (OLD."actualizado", OLD."id", OLD."indicador", OLD."meta_indicador", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."seguimiento_id"); RETURN NULL;', hash='189915105b9d8b608aee9f39f8dbaa83d833ac77', operation='DELETE', pgid='pgtrigger_delete_delete_18f8a', table='programas_plandetrabajo', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='actividadevent',
            trigger=pgtrigger.compiler.Trigger(name='append_only', sql=pgtrigger.compiler.UpsertTriggerSql(func="RAISE EXCEPTION 'pgtrigger: Cannot update or delete rows from % table', TG_TABLE_NAME;", hash='7a047b4b95ca9f473121e611b179815a26af1a20', operation='UPDATE OR DELETE', pgid='pgtrigger_append_only_98ed8', table='programas_actividadevent', when='BEFORE')),
        ),
        migrations.AddConstraint(
            model_name='actividad',
            constraint=models.CheckConstraint(condition=models.Q(('fecha_fin__gte', models.F('fecha_inicio'))), name='actividad_fechas_en_orden', violation_error_message='La actividad no puede terminar antes de empezar.'),
        ),
        migrations.AddConstraint(
            model_name='actividad',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('descripcion', ''), _negated=True), models.Q(('producto_esperado', ''), _negated=True)), name='actividad_con_textos'),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='actividad',
            trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "programas_actividadevent" ("descripcion", "fecha_fin", "fecha_inicio", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "plan_id", "producto_esperado") VALUES (NEW."descripcion", NEW."fecha_fin", NEW."fecha_inicio", NEW."id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."plan_id", NEW."producto_esperado"); RETURN NULL;', hash='56a182fab7f0a0b1e792976b040838edaf03f301', operation='INSERT', pgid='pgtrigger_insert_insert_73f80', table='programas_actividad', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='actividad',
            trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "programas_actividadevent" ("descripcion", "fecha_fin", "fecha_inicio", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "plan_id", "producto_esperado") VALUES (NEW."descripcion", NEW."fecha_fin", NEW."fecha_inicio", NEW."id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."plan_id", NEW."producto_esperado"); RETURN NULL;', hash='bd46ba825f5980a056046c1dbac3c9f8845c12a7', operation='UPDATE', pgid='pgtrigger_update_update_782b2', table='programas_actividad', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='actividad',
            trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "programas_actividadevent" ("descripcion", "fecha_fin", "fecha_inicio", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "plan_id", "producto_esperado") VALUES (OLD."descripcion", OLD."fecha_fin", OLD."fecha_inicio", OLD."id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."plan_id", OLD."producto_esperado"); RETURN NULL;', hash='30392acae5452ecd993b027b5b096380b7b8037e', operation='DELETE', pgid='pgtrigger_delete_delete_953a0', table='programas_actividad', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='plandetrabajoevent',
            trigger=pgtrigger.compiler.Trigger(name='append_only', sql=pgtrigger.compiler.UpsertTriggerSql(func="RAISE EXCEPTION 'pgtrigger: Cannot update or delete rows from % table', TG_TABLE_NAME;", hash='2cf9c13d096761f13ab2a5db16aa764377de878e', operation='UPDATE OR DELETE', pgid='pgtrigger_append_only_f96d4', table='programas_plandetrabajoevent', when='BEFORE')),
        ),
    ]
