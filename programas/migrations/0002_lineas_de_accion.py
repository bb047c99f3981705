import django.core.validators
import django.db.models.deletion
import pgtrigger.compiler
import pgtrigger.migrations
import snimh.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('compromisos', '0002_restricciones_e_historial'),
        ('instituciones', '0006_articulo_de_la_institucion'),
        ('pghistory', '0007_auto_20250421_0444'),
        ('programas', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='Estrategia',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('numero', models.CharField(help_text='Como se publicó: número del objetivo, punto, número de la estrategia (p. ej. «1.2»).', max_length=10, validators=[django.core.validators.RegexValidator('^[1-9][0-9]*\\.[1-9][0-9]*$', 'Escriba el número como se publicó, p. ej. «1.2».', code='numero_estrategia')], verbose_name='número')),
                ('texto', models.TextField(validators=[snimh.validators.validar_sin_html], verbose_name='texto')),
            ],
            options={
                'verbose_name': 'estrategia prioritaria',
                'verbose_name_plural': 'estrategias prioritarias',
                'ordering': ['objetivo__programa__clave', 'objetivo__numero', 'numero'],
            },
        ),
        migrations.CreateModel(
            name='EstrategiaEvent',
            fields=[
                ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                ('pgh_label', models.TextField(help_text='The event label.')),
                ('id', models.BigIntegerField()),
                ('numero', models.CharField(help_text='Como se publicó: número del objetivo, punto, número de la estrategia (p. ej. «1.2»).', max_length=10, validators=[django.core.validators.RegexValidator('^[1-9][0-9]*\\.[1-9][0-9]*$', 'Escriba el número como se publicó, p. ej. «1.2».', code='numero_estrategia')], verbose_name='número')),
                ('texto', models.TextField(validators=[snimh.validators.validar_sin_html], verbose_name='texto')),
            ],
            options={
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='LineaAccion',
            fields=[
                ('compromiso_ptr', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, related_name='linea_accion', serialize=False, to='compromisos.compromiso')),
                ('numero', models.CharField(help_text='Como se publicó: estrategia, punto, número de la acción (p. ej. «1.2.3»).', max_length=14, validators=[django.core.validators.RegexValidator('^[1-9][0-9]*\\.[1-9][0-9]*\\.[1-9][0-9]*$', 'Escriba el número como se publicó, p. ej. «1.2.3».', code='numero_linea')], verbose_name='número')),
                ('orden_estrategia', models.PositiveSmallIntegerField(default=0, editable=False)),
                ('orden_linea', models.PositiveSmallIntegerField(default=0, editable=False)),
                ('tipo_accion', models.CharField(choices=[('general', 'General'), ('especifica', 'Específica'), ('coordinacion', 'De coordinación')], max_length=15, verbose_name='tipo de acción')),
            ],
            options={
                'verbose_name': 'línea de acción',
                'verbose_name_plural': 'líneas de acción',
                'ordering': ['estrategia__objetivo__programa__clave', 'estrategia__objetivo__numero', 'orden_estrategia', 'orden_linea'],
            },
            bases=('compromisos.compromiso',),
        ),
        migrations.CreateModel(
            name='LineaAccionEvent',
            fields=[
                ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                ('pgh_label', models.TextField(help_text='The event label.')),
                ('compromiso_ptr', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, parent_link=True, related_name='+', related_query_name='+', serialize=False, to='compromisos.compromiso')),
                ('numero', models.CharField(help_text='Como se publicó: estrategia, punto, número de la acción (p. ej. «1.2.3»).', max_length=14, validators=[django.core.validators.RegexValidator('^[1-9][0-9]*\\.[1-9][0-9]*\\.[1-9][0-9]*$', 'Escriba el número como se publicó, p. ej. «1.2.3».', code='numero_linea')], verbose_name='número')),
                ('orden_estrategia', models.PositiveSmallIntegerField(default=0, editable=False)),
                ('orden_linea', models.PositiveSmallIntegerField(default=0, editable=False)),
                ('tipo_accion', models.CharField(choices=[('general', 'General'), ('especifica', 'Específica'), ('coordinacion', 'De coordinación')], max_length=15, verbose_name='tipo de acción')),
            ],
            options={
                'abstract': False,
            },
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name='programa',
            name='insert_insert',
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name='programa',
            name='update_update',
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name='programa',
            name='delete_delete',
        ),
        migrations.AddField(
            model_name='programa',
            name='fecha_publicacion',
            field=models.DateField(blank=True, help_text='Fecha de publicación en el DOF (el PROIGUALDAD 2020-2024: 22/12/2020). Desde ella se reciben reportes de sus líneas de acción.', null=True, verbose_name='fecha de publicación'),
        ),
        migrations.AddField(
            model_name='programaevent',
            name='fecha_publicacion',
            field=models.DateField(blank=True, help_text='Fecha de publicación en el DOF (el PROIGUALDAD 2020-2024: 22/12/2020). Desde ella se reciben reportes de sus líneas de acción.', null=True, verbose_name='fecha de publicación'),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='programa',
            trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "programas_programaevent" ("clave", "fecha_publicacion", "id", "nombre", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "vigente") VALUES (NEW."clave", NEW."fecha_publicacion", NEW."id", NEW."nombre", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."vigente"); RETURN NULL;', hash='074fe1537fac4180426bbde426845a15d0ea6ae1', operation='INSERT', pgid='pgtrigger_insert_insert_d29a1', table='programas_programa', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='programa',
            trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "programas_programaevent" ("clave", "fecha_publicacion", "id", "nombre", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "vigente") VALUES (NEW."clave", NEW."fecha_publicacion", NEW."id", NEW."nombre", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."vigente"); RETURN NULL;', hash='aecdc48a4c5983569b216d193397504c3f1a26ca', operation='UPDATE', pgid='pgtrigger_update_update_3274f', table='programas_programa', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='programa',
            trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "programas_programaevent" ("clave", "fecha_publicacion", "id", "nombre", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "vigente") VALUES (OLD."clave", OLD."fecha_publicacion", OLD."id", OLD."nombre", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."vigente"); RETURN NULL;', hash='6e1f2c6f26f97cda5a83ddf9b6b52c7d08d00510', operation='DELETE', pgid='pgtrigger_delete_delete_27522', table='programas_programa', when='AFTER')),
        ),
        migrations.AddField(
            model_name='estrategia',
            name='objetivo',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='estrategias', to='programas.objetivo', verbose_name='objetivo'),
        ),
        migrations.AddField(
            model_name='estrategiaevent',
            name='objetivo',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='programas.objetivo', verbose_name='objetivo'),
        ),
        migrations.AddField(
            model_name='estrategiaevent',
            name='pgh_context',
            field=models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context'),
        ),
        migrations.AddField(
            model_name='estrategiaevent',
            name='pgh_obj',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='programas.estrategia'),
        ),
        migrations.AddField(
            model_name='lineaaccion',
            name='coordinadora',
            field=models.ForeignKey(help_text='Sigue los reportes de las instrumentadoras de la línea y los comenta; no los acepta ni los devuelve.', on_delete=django.db.models.deletion.PROTECT, related_name='lineas_coordinadas', to='instituciones.institucion', verbose_name='dependencia o entidad coordinadora'),
        ),
        migrations.AddField(
            model_name='lineaaccion',
            name='estrategia',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='lineas', to='programas.estrategia', verbose_name='estrategia prioritaria'),
        ),
        migrations.AddField(
            model_name='lineaaccionevent',
            name='coordinadora',
            field=models.ForeignKey(db_constraint=False, help_text='Sigue los reportes de las instrumentadoras de la línea y los comenta; no los acepta ni los devuelve.', on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='instituciones.institucion', verbose_name='dependencia o entidad coordinadora'),
        ),
        migrations.AddField(
            model_name='lineaaccionevent',
            name='estrategia',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='programas.estrategia', verbose_name='estrategia prioritaria'),
        ),
        migrations.AddField(
            model_name='lineaaccionevent',
            name='pgh_context',
            field=models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context'),
        ),
        migrations.AddField(
            model_name='lineaaccionevent',
            name='pgh_obj',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='eventos_de_la_linea', to='programas.lineaaccion'),
        ),
        migrations.AddConstraint(
            model_name='estrategia',
            constraint=models.UniqueConstraint(fields=('objetivo', 'numero'), name='estrategia_numero_unico', violation_error_message='El objetivo ya tiene una estrategia con ese número.'),
        ),
        migrations.AddConstraint(
            model_name='estrategia',
            constraint=models.CheckConstraint(condition=models.Q(('numero__regex', '^[1-9][0-9]*\\.[1-9][0-9]*$')), name='estrategia_numero_publicado', violation_error_message='Escriba el número como se publicó, p. ej. «1.2».'),
        ),
        migrations.AddConstraint(
            model_name='estrategia',
            constraint=models.CheckConstraint(condition=models.Q(('texto', ''), _negated=True), name='estrategia_con_texto'),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='estrategia',
            trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "programas_estrategiaevent" ("id", "numero", "objetivo_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "texto") VALUES (NEW."id", NEW."numero", NEW."objetivo_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."texto"); RETURN NULL;', hash='22a0b6af94e8f076a58c0c444c71a8f7625e8602', operation='INSERT', pgid='pgtrigger_insert_insert_38ee3', table='programas_estrategia', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='estrategia',
            trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "programas_estrategiaevent" ("id", "numero", "objetivo_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "texto") VALUES (NEW."id", NEW."numero", NEW."objetivo_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."texto"); RETURN NULL;', hash='3656940aef7c28e5735ef8a785b6e5f6637ad2b4', operation='UPDATE', pgid='pgtrigger_update_update_800ba', table='programas_estrategia', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='estrategia',
            trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "programas_estrategiaevent" ("id", "numero", "objetivo_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "texto") VALUES (OLD."id", OLD."numero", OLD."objetivo_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."texto"); RETURN NULL;', hash='c58bd680618651c0b644d6de0208892e61dec119', operation='DELETE', pgid='pgtrigger_delete_delete_f25f0', table='programas_estrategia', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='estrategiaevent',
            trigger=pgtrigger.compiler.Trigger(name='append_only', sql=pgtrigger.compiler.UpsertTriggerSql(func="RAISE EXCEPTION 'pgtrigger: Cannot update or delete rows from % table', TG_TABLE_NAME;", hash='bb8de48d4438976046dd20f4948a83b403281fd0', operation='UPDATE OR DELETE', pgid='pgtrigger_append_only_85efe', table='programas_estrategiaevent', when='BEFORE')),
        ),
        migrations.AddConstraint(
            model_name='lineaaccion',
            constraint=models.UniqueConstraint(fields=('estrategia', 'numero'), name='linea_accion_numero_unico', violation_error_message='La estrategia ya tiene una línea de acción con ese número.'),
        ),
        migrations.AddConstraint(
            model_name='lineaaccion',
            constraint=models.CheckConstraint(condition=models.Q(('numero__regex', '^[1-9][0-9]*\\.[1-9][0-9]*\\.[1-9][0-9]*$')), name='linea_accion_numero_publicado', violation_error_message='Escriba el número como se publicó, p. ej. «1.2.3».'),
        ),
        migrations.AddConstraint(
            model_name='lineaaccion',
            constraint=models.CheckConstraint(condition=models.Q(('tipo_accion__in', ['general', 'especifica', 'coordinacion'])), name='linea_accion_tipo_valido'),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='lineaaccion',
            trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "programas_lineaaccionevent" ("compromiso_ptr_id", "coordinadora_id", "estrategia_id", "numero", "orden_estrategia", "orden_linea", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "tipo_accion") VALUES (NEW."compromiso_ptr_id", NEW."coordinadora_id", NEW."estrategia_id", NEW."numero", NEW."orden_estrategia", NEW."orden_linea", _pgh_attach_context(), NOW(), \'insert\', NEW."compromiso_ptr_id", NEW."tipo_accion"); RETURN NULL;', hash='6fd6dc0eb78da37602d5b0c5bb14e3ad4b92c8fb', operation='INSERT', pgid='pgtrigger_insert_insert_89b81', table='programas_lineaaccion', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='lineaaccion',
            trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD."compromiso_ptr_id" IS DISTINCT FROM (NEW."compromiso_ptr_id") OR OLD."coordinadora_id" IS DISTINCT FROM (NEW."coordinadora_id") OR OLD."estrategia_id" IS DISTINCT FROM (NEW."estrategia_id") OR OLD."numero" IS DISTINCT FROM (NEW."numero") OR OLD."orden_estrategia" IS DISTINCT FROM (NEW."orden_estrategia") OR OLD."orden_linea" IS DISTINCT FROM (NEW."orden_linea") OR OLD."tipo_accion" IS DISTINCT FROM (NEW."tipo_accion"))', func='INSERT INTO "programas_lineaaccionevent" ("compromiso_ptr_id", "coordinadora_id", "estrategia_id", "numero", "orden_estrategia", "orden_linea", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "tipo_accion") VALUES (NEW."compromiso_ptr_id", NEW."coordinadora_id", NEW."estrategia_id", NEW."numero", NEW."orden_estrategia", NEW."orden_linea", _pgh_attach_context(), NOW(), \'update\', NEW."compromiso_ptr_id", NEW."tipo_accion"); RETURN NULL;', hash='e10aa2673f7cb593bfbf7201ec555dfea92ede48', operation='UPDATE', pgid='pgtrigger_update_update_efb61', table='programas_lineaaccion', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='lineaaccion',
            trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "programas_lineaaccionevent" ("compromiso_ptr_id", "coordinadora_id", "estrategia_id", "numero", "orden_estrategia", "orden_linea", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "tipo_accion") VALUES (OLD."compromiso_ptr_id", OLD."coordinadora_id", OLD."estrategia_id", OLD."numero", OLD."orden_estrategia", OLD."orden_linea", _pgh_attach_context(), NOW(), \'delete\', OLD."compromiso_ptr_id", OLD."tipo_accion"); RETURN NULL;', hash='8f04057d9be55b21033ee375c743480b372ff14b', operation='DELETE', pgid='pgtrigger_delete_delete_9732e', table='programas_lineaaccion', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='lineaaccionevent',
            trigger=pgtrigger.compiler.Trigger(name='append_only', sql=pgtrigger.compiler.UpsertTriggerSql(func="RAISE EXCEPTION 'pgtrigger: Cannot update or delete rows from % table', TG_TABLE_NAME;", hash='1af28b2f3540f5475bf8c6a290d18efef6a5dec2', operation='UPDATE OR DELETE', pgid='pgtrigger_append_only_8b0a2', table='programas_lineaaccionevent', when='BEFORE')),
        ),
    ]
