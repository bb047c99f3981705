from django.db import migrations


def cargar(apps, schema_editor):
    """LFT art. 74 rest days from 2006 (the SNIMH's first year) to 2040; editable afterwards."""
    from acuerdos.dias_habiles import descanso_obligatorio_lft

    DiaInhabil = apps.get_model("acuerdos", "DiaInhabil")
    existentes = set(DiaInhabil.objects.values_list("fecha", flat=True))
    DiaInhabil.objects.bulk_create(
        DiaInhabil(fecha=fecha, descripcion=descripcion)
        for anio in range(2006, 2041)
        for fecha, descripcion in descanso_obligatorio_lft(anio)
        if fecha not in existentes
    )


class Migration(migrations.Migration):
    dependencies = [("acuerdos", "0009_dias_inhabiles")]

    operations = [migrations.RunPython(cargar, migrations.RunPython.noop)]
