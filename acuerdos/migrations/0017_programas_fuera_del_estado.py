import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Programmes and objectives leave this app's state (their tables already belong to
    programas, acuerdos 0016): only the state changes; the alignment's foreign keys already
    point at the renamed table."""

    dependencies = [
        ('acuerdos', '0016_programas_a_su_app'),
        ('programas', '0001_initial'),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=[
        migrations.AlterField(
            model_name='alineacionacuerdo',
            name='objetivo',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='programas.objetivo', verbose_name='objetivo'),
        ),
        migrations.AlterField(
            model_name='alineacionacuerdoevent',
            name='objetivo',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='programas.objetivo', verbose_name='objetivo'),
        ),
        migrations.RemoveField(
            model_name='objetivoevent',
            name='pgh_context',
        ),
        migrations.RemoveField(
            model_name='objetivoevent',
            name='programa',
        ),
        migrations.RemoveField(
            model_name='programaevent',
            name='pgh_obj',
        ),
        migrations.RemoveField(
            model_name='programaevent',
            name='pgh_context',
        ),
        migrations.AlterField(
            model_name='acuerdo',
            name='objetivos',
            field=models.ManyToManyField(blank=True, related_name='acuerdos', through='acuerdos.AlineacionAcuerdo', to='programas.objetivo', verbose_name='objetivos a los que se alinea'),
        ),
        migrations.DeleteModel(
            name='Objetivo',
        ),
        migrations.DeleteModel(
            name='ObjetivoEvent',
        ),
        migrations.DeleteModel(
            name='Programa',
        ),
        migrations.DeleteModel(
            name='ProgramaEvent',
        ),
    ])]
