import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """The implicit Acuerdo.objetivos table becomes the explicit AlineacionAcuerdo model.

    State only: the table, its columns and its unique index stay as they are.
    """

    dependencies = [("acuerdos", "0006_unaccent")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AlineacionAcuerdo",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("acuerdo", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="acuerdos.acuerdo", verbose_name="acuerdo")),
                        ("objetivo", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="acuerdos.objetivo", verbose_name="objetivo")),
                    ],
                    options={
                        "verbose_name": "alineación con un objetivo",
                        "verbose_name_plural": "alineaciones con objetivos",
                        "db_table": "acuerdos_acuerdo_objetivos",
                        "unique_together": {("acuerdo", "objetivo")},
                    },
                ),
                migrations.AlterField(
                    model_name="acuerdo",
                    name="objetivos",
                    field=models.ManyToManyField(blank=True, related_name="acuerdos", through="acuerdos.AlineacionAcuerdo",
                                                 to="acuerdos.objetivo", verbose_name="objetivos a los que se alinea"),
                ),
            ],
            database_operations=[],
        ),
    ]
