from django.db import migrations
from pgtrigger.migrations import RemoveTrigger

# Programmes and objectives move to the ``programas`` app, rows, ids and history events
# kept: their tables (and their events' tables) are renamed here, in place. The history
# triggers write into the events table by name, so they are dropped first and programas
# 0001 installs them again on the renamed tables. programas 0001 takes the models into its
# state without touching the database; acuerdos 0017 then drops them from this app's state.

TABLAS = {
    "programa": "programas_programa",
    "objetivo": "programas_objetivo",
    "programaevent": "programas_programaevent",
    "objetivoevent": "programas_objetivoevent",
}


class Migration(migrations.Migration):

    dependencies = [
        ("acuerdos", "0015_motor"),
    ]

    operations = [
        *(RemoveTrigger(model_name=modelo, name=nombre)
          for modelo in ("programa", "objetivo") for nombre in ("insert_insert", "update_update", "delete_delete")),
        RemoveTrigger(model_name="programaevent", name="append_only"),
        RemoveTrigger(model_name="objetivoevent", name="append_only"),
        *(migrations.AlterModelTable(name=modelo, table=tabla) for modelo, tabla in TABLAS.items()),
    ]
