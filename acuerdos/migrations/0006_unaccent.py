from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """Accent-insensitive search of agreement texts (AcuerdoQuerySet.buscar); no-op on SQLite."""

    dependencies = [("acuerdos", "0005_texto_libre_sin_html")]

    operations = [UnaccentExtension()]
