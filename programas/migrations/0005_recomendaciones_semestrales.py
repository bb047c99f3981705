import django.db.models.deletion
import pgtrigger.compiler
import pgtrigger.migrations
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('compromisos', '0002_restricciones_e_historial'),
        ('instituciones', '0006_articulo_de_la_institucion'),
        ('pghistory', '0007_auto_20250421_0444'),
        ('programas', '0004_planes_de_trabajo'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ConjuntoRecomendaciones',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('anio', models.PositiveSmallIntegerField(verbose_name='año')),
                ('semestre', models.PositiveSmallIntegerField(choices=[(1, 'enero–junio'), (2, 'julio–diciembre')], verbose_name='semestre')),
                ('fecha', models.DateField(verbose_name='fecha')),
                ('enviado_en', models.DateTimeField(blank=True, null=True, verbose_name='enviado por correo')),
                ('acuse_en', models.DateTimeField(blank=True, null=True, verbose_name='acuse de recibo')),
                ('acuse_por', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='acusó recibo')),
                ('autor', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='autor')),
                ('institucion', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='recomendaciones_semestrales', to='instituciones.institucion', verbose_name='institución')),
            ],
            options={
                'verbose_name': 'recomendaciones semestrales',
                'verbose_name_plural': 'recomendaciones semestrales',
                'ordering': ['-anio', '-semestre', 'institucion__nombre'],
            },
        ),
        migrations.CreateModel(
            name='ConjuntoRecomendacionesEvent',
            fields=[
                ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                ('pgh_label', models.TextField(help_text='The event label.')),
                ('id', models.BigIntegerField()),
                ('anio', models.PositiveSmallIntegerField(verbose_name='año')),
                ('semestre', models.PositiveSmallIntegerField(choices=[(1, 'enero–junio'), (2, 'julio–diciembre')], verbose_name='semestre')),
                ('fecha', models.DateField(verbose_name='fecha')),
                ('enviado_en', models.DateTimeField(blank=True, null=True, verbose_name='enviado por correo')),
                ('acuse_en', models.DateTimeField(blank=True, null=True, verbose_name='acuse de recibo')),
                ('acuse_por', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL, verbose_name='acusó recibo')),
                ('autor', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL, verbose_name='autor')),
                ('institucion', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='instituciones.institucion', verbose_name='institución')),
                ('pgh_context', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context')),
                ('pgh_obj', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='programas.conjuntorecomendaciones')),
            ],
            options={
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='RecomendacionSemestral',
            fields=[
                ('compromiso_ptr', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, related_name='recomendacion_semestral', serialize=False, to='compromisos.compromiso')),
                ('numero', models.PositiveSmallIntegerField(verbose_name='número')),
                ('conjunto', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='recomendaciones', to='programas.conjuntorecomendaciones', verbose_name='recomendaciones del semestre')),
                ('linea', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='recomendaciones', to='programas.lineaaccion', verbose_name='línea de acción')),
                ('observacion', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='recomendaciones', to='compromisos.observacion', verbose_name='observación de origen')),
            ],
            options={
                'verbose_name': 'recomendación semestral',
                'verbose_name_plural': 'recomendaciones semestrales (cada una)',
                'ordering': ['conjunto', 'numero'],
            },
            bases=('compromisos.compromiso',),
        ),
        migrations.CreateModel(
            name='RecomendacionSemestralEvent',
            fields=[
                ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                ('pgh_label', models.TextField(help_text='The event label.')),
                ('compromiso_ptr', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, parent_link=True, related_name='+', related_query_name='+', serialize=False, to='compromisos.compromiso')),
                ('numero', models.PositiveSmallIntegerField(verbose_name='número')),
                ('conjunto', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='programas.conjuntorecomendaciones', verbose_name='recomendaciones del semestre')),
                ('linea', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='programas.lineaaccion', verbose_name='línea de acción')),
                ('observacion', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='compromisos.observacion', verbose_name='observación de origen')),
                ('pgh_context', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context')),
                ('pgh_obj', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='eventos_de_la_recomendacion', to='programas.recomendacionsemestral')),
            ],
            options={
                'abstract': False,
            },
        ),
        migrations.AddConstraint(
            model_name='conjuntorecomendaciones',
            constraint=models.UniqueConstraint(fields=('institucion', 'anio', 'semestre'), name='recomendaciones_una_por_semestre', violation_error_message='La institución ya tiene recomendaciones de ese semestre.'),
        ),
        migrations.AddConstraint(
            model_name='conjuntorecomendaciones',
            constraint=models.CheckConstraint(condition=models.Q(('semestre__in', [1, 2])), name='recomendaciones_semestre_valido'),
        ),
        migrations.AddConstraint(
            model_name='conjuntorecomendaciones',
            constraint=models.CheckConstraint(condition=models.Q(('anio__gte', 2000), ('anio__lte', 2100)), name='recomendaciones_anio_valido'),
        ),
        migrations.AddConstraint(
            model_name='conjuntorecomendaciones',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('acuse_en__isnull', True), ('acuse_por__isnull', True)), models.Q(('acuse_en__isnull', False), ('acuse_por__isnull', False), ('enviado_en__isnull', False)), _connector='OR'), name='recomendaciones_acuse_firmado'),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='conjuntorecomendaciones',
            trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "programas_conjuntorecomendacionesevent" ("acuse_en", "acuse_por_id", "anio", "autor_id", "enviado_en", "fecha", "id", "institucion_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "semestre") VALUES (NEW."acuse_en", NEW."acuse_por_id", NEW."anio", NEW."autor_id", NEW."enviado_en", NEW."fecha", NEW."id", NEW."institucion_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."semestre"); RETURN NULL;', hash='92ffccec1efd950d2458c48bfbc2357ca7c21ae3', operation='INSERT', pgid='pgtrigger_insert_insert_e2c81', table='programas_conjuntorecomendaciones', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='conjuntorecomendaciones',
            trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "programas_conjuntorecomendacionesevent" ("acuse_en", "acuse_por_id", "anio", "autor_id", "enviado_en", "fecha", "id", "institucion_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "semestre") VALUES (NEW."acuse_en", NEW."acuse_por_id", NEW."anio", NEW."autor_id", NEW."enviado_en", NEW."fecha", NEW."id", NEW."institucion_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."semestre"); RETURN NULL;', hash='314ec50328fafe08ade9edbb89ec1cf73296fb99', operation='UPDATE', pgid='pgtrigger_update_update_42859', table='programas_conjuntorecomendaciones', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='conjuntorecomendaciones',
            trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "programas_conjuntorecomendacionesevent" ("acuse_en", "acuse_por_id", "anio", "autor_id", "enviado_en", "fecha", "id", "institucion_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "semestre") VALUES (OLD."acuse_en", OLD."acuse_por_id", OLD."anio", OLD."autor_id", OLD."enviado_en", OLD."fecha", OLD."id", OLD."institucion_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."semestre"); RETURN NULL;', hash='ef160660ee208b7acfcdce0604b80dfaad5215eb', operation='DELETE', pgid='pgtrigger_delete_delete_76876', table='programas_conjuntorecomendaciones', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='conjuntorecomendacionesevent',
            trigger=pgtrigger.compiler.Trigger(name='append_only', sql=pgtrigger.compiler.UpsertTriggerSql(func="RAISE EXCEPTION 'pgtrigger: Cannot update or delete rows from % table', TG_TABLE_NAME;", hash='8013975754939dc0ee6eb1500848976e8a49de36', operation='UPDATE OR DELETE', pgid='pgtrigger_append_only_d79fa', table='programas_conjuntorecomendacionesevent', when='BEFORE')),
        ),
        migrations.AddConstraint(
            model_name='recomendacionsemestral',
            constraint=models.UniqueConstraint(fields=('conjunto', 'numero'), name='recomendacion_numero_unico'),
        ),
        migrations.AddConstraint(
            model_name='recomendacionsemestral',
            constraint=models.CheckConstraint(condition=models.Q(('numero__gte', 1)), name='recomendacion_numero_positivo'),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='recomendacionsemestral',
            trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "programas_recomendacionsemestralevent" ("compromiso_ptr_id", "conjunto_id", "linea_id", "numero", "observacion_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id") VALUES (NEW."compromiso_ptr_id", NEW."conjunto_id", NEW."linea_id", NEW."numero", NEW."observacion_id", _pgh_attach_context(), NOW(), \'insert\', NEW."compromiso_ptr_id"); RETURN NULL;', hash='d77f0646e416e04acfe3638e7a08fedf69dee4ef', operation='INSERT', pgid='pgtrigger_insert_insert_bd2cf', table='programas_recomendacionsemestral', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='recomendacionsemestral',
            trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD."compromiso_ptr_id" IS DISTINCT FROM (NEW."compromiso_ptr_id") OR OLD."conjunto_id" IS DISTINCT FROM (NEW."conjunto_id") OR OLD."linea_id" IS DISTINCT FROM (NEW."linea_id") OR OLD."numero" IS DISTINCT FROM (NEW."numero") OR OLD."observacion_id" IS DISTINCT FROM (NEW."observacion_id"))', func='INSERT INTO "programas_recomendacionsemestralevent" ("compromiso_ptr_id", "conjunto_id", "linea_id", "numero", "observacion_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id") VALUES (NEW."compromiso_ptr_id", NEW."conjunto_id", NEW."linea_id", NEW."numero", NEW."observacion_id", _pgh_attach_context(), NOW(), \'update\', NEW."compromiso_ptr_id"); RETURN NULL;', hash='b08e1b844616ddf815ca703edd8629e2b618085f', operation='UPDATE', pgid='pgtrigger_update_update_31134', table='programas_recomendacionsemestral', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='recomendacionsemestral',
            trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "programas_recomendacionsemestralevent" ("compromiso_ptr_id", "conjunto_id", "linea_id", "numero", "observacion_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id") VALUES (OLD."compromiso_ptr_id", OLD."conjunto_id", OLD."linea_id", OLD."numero", OLD."observacion_id", _pgh_attach_context(), NOW(), \'delete\', OLD."compromiso_ptr_id"); RETURN NULL;', hash='02ea81f627b542346d90c6980d1dbab697977aab', operation='DELETE', pgid='pgtrigger_delete_delete_4db24', table='programas_recomendacionsemestral', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='recomendacionsemestralevent',
            trigger=pgtrigger.compiler.Trigger(name='append_only', sql=pgtrigger.compiler.UpsertTriggerSql(func="RAISE EXCEPTION 'pgtrigger: Cannot update or delete rows from % table', TG_TABLE_NAME;", hash='af48c41627d2ca9402c388f71a36757e452f1995', operation='UPDATE OR DELETE', pgid='pgtrigger_append_only_f9cc2', table='programas_recomendacionsemestralevent', when='BEFORE')),
        ),
    ]
