import django.core.validators
import django.db.models.deletion
import pgtrigger.compiler
import pgtrigger.migrations
import snimh.validators
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('pghistory', '0007_auto_20250421_0444'),
        ('programas', '0002_lineas_de_accion'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='MatrizSemaforo',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('escala_minima', models.PositiveSmallIntegerField(default=1, verbose_name='puntaje mínimo de cada criterio')),
                ('escala_maxima', models.PositiveSmallIntegerField(default=3, help_text='Cada criterio se califica de este mínimo a este máximo (a lo más 10).', verbose_name='puntaje máximo de cada criterio')),
                ('predeterminada', models.BooleanField(default=True, editable=False, help_text='Criterios, escala y umbrales propuestos por el sistema, no oficiales, hasta que la coordinación los edite.', verbose_name='predeterminada')),
                ('actualizada', models.DateTimeField(auto_now=True, verbose_name='actualizada')),
                ('programa', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='matriz_semaforo', to='programas.programa', verbose_name='programa')),
            ],
            options={
                'verbose_name': 'matriz de semaforización',
                'verbose_name_plural': 'matrices de semaforización',
            },
        ),
        migrations.CreateModel(
            name='CriterioSemaforo',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('orden', models.PositiveSmallIntegerField(verbose_name='orden')),
                ('nombre', models.CharField(max_length=120, validators=[snimh.validators.validar_sin_html], verbose_name='nombre')),
                ('matriz', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='criterios', to='programas.matrizsemaforo', verbose_name='matriz')),
            ],
            options={
                'verbose_name': 'criterio de semaforización',
                'verbose_name_plural': 'criterios de semaforización',
                'ordering': ['matriz', 'orden'],
            },
        ),
        migrations.CreateModel(
            name='NivelSemaforo',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('nombre', models.CharField(max_length=60, validators=[snimh.validators.validar_sin_html], verbose_name='nombre')),
                ('puntaje_minimo', models.PositiveSmallIntegerField(help_text='Suma mínima de los criterios para quedar en este nivel.', verbose_name='desde el puntaje total')),
                ('color', models.CharField(default='#2e7d32', max_length=7, validators=[django.core.validators.RegexValidator('^#[0-9a-fA-F]{6}$', 'Escriba el color en hexadecimal, p. ej. «#2e7d32».', code='color')], verbose_name='color')),
                ('alta_factibilidad', models.BooleanField(default=False, help_text='Las líneas de este nivel cuentan en el porcentaje de «alta factibilidad».', verbose_name='cuenta como alta factibilidad')),
                ('matriz', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='niveles', to='programas.matrizsemaforo', verbose_name='matriz')),
            ],
            options={
                'verbose_name': 'nivel de semaforización',
                'verbose_name_plural': 'niveles de semaforización',
                'ordering': ['matriz', 'puntaje_minimo'],
            },
        ),
        migrations.CreateModel(
            name='PuntajeLinea',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('valor', models.PositiveSmallIntegerField(verbose_name='puntaje')),
                ('estado', models.CharField(choices=[('propuesto', 'Propuesto'), ('validado', 'Validado')], default='propuesto', max_length=10, verbose_name='estado')),
                ('propuesto_en', models.DateTimeField(auto_now=True, verbose_name='propuesto')),
                ('validado_en', models.DateTimeField(blank=True, null=True, verbose_name='validado')),
                ('criterio', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='puntajes', to='programas.criteriosemaforo', verbose_name='criterio')),
                ('linea', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='puntajes', to='programas.lineaaccion', verbose_name='línea de acción')),
                ('propuesto_por', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='propuesto por')),
                ('validado_por', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='validado por')),
            ],
            options={
                'verbose_name': 'puntaje de una línea de acción',
                'verbose_name_plural': 'puntajes de líneas de acción',
                'ordering': ['linea', 'criterio__orden'],
            },
        ),
        migrations.CreateModel(
            name='PuntajeLineaEvent',
            fields=[
                ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                ('pgh_label', models.TextField(help_text='The event label.')),
                ('id', models.BigIntegerField()),
                ('valor', models.PositiveSmallIntegerField(verbose_name='puntaje')),
                ('estado', models.CharField(choices=[('propuesto', 'Propuesto'), ('validado', 'Validado')], default='propuesto', max_length=10, verbose_name='estado')),
                ('propuesto_en', models.DateTimeField(auto_now=True, verbose_name='propuesto')),
                ('validado_en', models.DateTimeField(blank=True, null=True, verbose_name='validado')),
                ('criterio', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='programas.criteriosemaforo', verbose_name='criterio')),
                ('linea', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='programas.lineaaccion', verbose_name='línea de acción')),
                ('pgh_context', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context')),
                ('pgh_obj', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='programas.puntajelinea')),
                ('propuesto_por', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL, verbose_name='propuesto por')),
                ('validado_por', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL, verbose_name='validado por')),
            ],
            options={
                'abstract': False,
            },
        ),
        migrations.AddConstraint(
            model_name='matrizsemaforo',
            constraint=models.CheckConstraint(condition=models.Q(('escala_minima__lt', models.F('escala_maxima')), ('escala_maxima__lte', 10)), name='matriz_escala_valida', violation_error_message='El puntaje mínimo debe ser menor que el máximo, y el máximo a lo más 10.'),
        ),
        migrations.AddConstraint(
            model_name='criteriosemaforo',
            constraint=models.UniqueConstraint(fields=('matriz', 'orden'), name='criterio_orden_unico', violation_error_message='Ya hay un criterio en ese orden.'),
        ),
        migrations.AddConstraint(
            model_name='criteriosemaforo',
            constraint=models.CheckConstraint(condition=models.Q(('nombre', ''), _negated=True), name='criterio_con_nombre'),
        ),
        migrations.AddConstraint(
            model_name='nivelsemaforo',
            constraint=models.UniqueConstraint(fields=('matriz', 'puntaje_minimo'), name='nivel_umbral_unico', violation_error_message='Dos niveles no pueden empezar en el mismo puntaje.'),
        ),
        migrations.AddConstraint(
            model_name='nivelsemaforo',
            constraint=models.CheckConstraint(condition=models.Q(('color__regex', '^#[0-9a-fA-F]{6}$')), name='nivel_color_hexadecimal', violation_error_message='Escriba el color en hexadecimal, p. ej. «#2e7d32».'),
        ),
        migrations.AddConstraint(
            model_name='nivelsemaforo',
            constraint=models.CheckConstraint(condition=models.Q(('nombre', ''), _negated=True), name='nivel_con_nombre'),
        ),
        migrations.AddConstraint(
            model_name='puntajelinea',
            constraint=models.UniqueConstraint(fields=('linea', 'criterio'), name='puntaje_unico_por_criterio', violation_error_message='La línea ya tiene un puntaje en ese criterio.'),
        ),
        migrations.AddConstraint(
            model_name='puntajelinea',
            constraint=models.CheckConstraint(condition=models.Q(('valor__lte', 10)), name='puntaje_dentro_del_tope', violation_error_message='El puntaje excede la escala.'),
        ),
        migrations.AddConstraint(
            model_name='puntajelinea',
            constraint=models.CheckConstraint(condition=models.Q(('estado__in', ['propuesto', 'validado'])), name='puntaje_estado_valido'),
        ),
        migrations.AddConstraint(
            model_name='puntajelinea',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('estado', 'validado'), ('validado_por__isnull', False), ('validado_en__isnull', False)), models.Q(('estado', 'propuesto'), ('validado_por__isnull', True), ('validado_en__isnull', True)), _connector='OR'), name='puntaje_validacion_firmada'),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='puntajelinea',
            trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "programas_puntajelineaevent" ("criterio_id", "estado", "id", "linea_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "propuesto_en", "propuesto_por_id", "validado_en", "validado_por_id", "valor") VALUES (NEW."criterio_id", NEW."estado", NEW."id", NEW."linea_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."propuesto_en", NEW."propuesto_por_id", NEW."validado_en", NEW."validado_por_id", NEW."valor"); RETURN NULL;', hash='ed8dcb17a9c32f77799177771e84ef1dc7b07fe5', operation='INSERT', pgid='pgtrigger_insert_insert_f3129', table='programas_puntajelinea', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='puntajelinea',
            trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "programas_puntajelineaevent" ("criterio_id", "estado", "id", "linea_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "propuesto_en", "propuesto_por_id", "validado_en", "validado_por_id", "valor") VALUES (NEW."criterio_id", NEW."estado", NEW."id", NEW."linea_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."propuesto_en", NEW."propuesto_por_id", NEW."validado_en", NEW."validado_por_id", NEW."valor"); RETURN NULL;', hash='b8a932e0d35e5b3294fdff562d417b19133db928', operation='UPDATE', pgid='pgtrigger_update_update_0f43e', table='programas_puntajelinea', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='puntajelinea',
            trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "programas_puntajelineaevent" ("criterio_id", "estado", "id", "linea_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "propuesto_en", "propuesto_por_id", "validado_en", "validado_por_id", "valor") VALUES (OLD."criterio_id", OLD."estado", OLD."id", OLD."linea_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."propuesto_en", OLD."propuesto_por_id", OLD."validado_en", OLD."validado_por_id", OLD."valor"); RETURN NULL;', hash='bdceb0a361f67812c19ea5ef0e01a82d91522256', operation='DELETE', pgid='pgtrigger_delete_delete_85e3a', table='programas_puntajelinea', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='puntajelineaevent',
            trigger=pgtrigger.compiler.Trigger(name='append_only', sql=pgtrigger.compiler.UpsertTriggerSql(func="RAISE EXCEPTION 'pgtrigger: Cannot update or delete rows from % table', TG_TABLE_NAME;", hash='32cbd40bec374bbe333da13af89e44c87a3b4cfb', operation='UPDATE OR DELETE', pgid='pgtrigger_append_only_64bbe', table='programas_puntajelineaevent', when='BEFORE')),
        ),
    ]
