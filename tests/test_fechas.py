import datetime
from zoneinfo import ZoneInfo

from django.template import Context, Template

from snimh.fechas import fecha_hora, fecha_larga


def test_fecha_como_la_escriben_los_documentos_oficiales():
    assert fecha_larga(datetime.date(2020, 9, 30)) == "30 de septiembre de 2020"
    assert fecha_larga(datetime.date(2020, 12, 9)) == "9 de diciembre de 2020"
    assert fecha_larga(None) == ""


def test_fecha_hora_en_hora_local_de_la_ciudad_de_mexico():
    utc = datetime.datetime(2020, 12, 10, 3, 30, tzinfo=ZoneInfo("UTC"))
    assert fecha_hora(utc) == "9 de diciembre de 2020, 21:30"
    # Summer time still applied in 2020 (UTC-5 until 25 October).
    assert fecha_hora(datetime.datetime(2020, 10, 1, 3, 30, tzinfo=ZoneInfo("UTC"))) == "30 de septiembre de 2020, 22:30"


def test_filtro_disponible_en_plantillas():
    salida = Template("{{ f|fecha_larga }}").render(Context({"f": datetime.date(2019, 11, 22)}))
    assert salida == "22 de noviembre de 2019"
