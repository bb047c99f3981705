"""Mexican working days, for deadlines written as "quince días hábiles a partir de…".

Weekends and the official rest days of the Ley Federal del Trabajo, art. 74, kept as
an editable table (``DiaInhabil``: coordination adds the election days of fraction IX
and any day the federal government declares).
"""

import datetime


def _lunes(anio, mes, numero):
    primero = datetime.date(anio, mes, 1)
    return primero + datetime.timedelta(days=(-primero.weekday()) % 7 + 7 * (numero - 1))


def descanso_obligatorio_lft(anio):
    """``[(fecha, descripción)]`` of LFT art. 74, fractions I–VIII, for ``anio``."""
    dias = [
        (datetime.date(anio, 1, 1), "1 de enero (LFT art. 74, fr. I)"),
        (_lunes(anio, 2, 1), "Primer lunes de febrero, por el 5 de febrero (LFT art. 74, fr. II)"),
        (_lunes(anio, 3, 3), "Tercer lunes de marzo, por el 21 de marzo (LFT art. 74, fr. III)"),
        (datetime.date(anio, 5, 1), "1 de mayo (LFT art. 74, fr. IV)"),
        (datetime.date(anio, 9, 16), "16 de septiembre (LFT art. 74, fr. V)"),
        (_lunes(anio, 11, 3), "Tercer lunes de noviembre, por el 20 de noviembre (LFT art. 74, fr. VI)"),
        (datetime.date(anio, 12, 25), "25 de diciembre (LFT art. 74, fr. VIII)"),
    ]
    # Fraction VII: the transfer of the Federal Executive, every six years (1 December
    # until 2018; 1 October since the 2014 constitutional reform took effect in 2024).
    if (anio - 2000) % 6 == 0:  # 2006, 2012, 2018, 2024, 2030…
        if anio <= 2018:
            dias.append((datetime.date(anio, 12, 1), "Transmisión del Poder Ejecutivo Federal (LFT art. 74, fr. VII)"))
        else:
            dias.append((datetime.date(anio, 10, 1), "Transmisión del Poder Ejecutivo Federal (LFT art. 74, fr. VII)"))
    return sorted(dias)


def es_habil(fecha, inhabiles):
    return fecha.weekday() < 5 and fecha not in inhabiles


def sumar_dias_habiles(inicio, dias, inhabiles=None):
    """The ``dias``-th working day after ``inicio`` ("quince días hábiles a partir de" ``inicio``)."""
    if inhabiles is None:
        from .models import DiaInhabil

        inhabiles = set(
            DiaInhabil.objects.filter(fecha__gt=inicio, fecha__lte=inicio + datetime.timedelta(days=dias * 3 + 30))
            .values_list("fecha", flat=True)
        )
    fecha = inicio
    contados = 0
    while contados < dias:
        fecha += datetime.timedelta(days=1)
        if es_habil(fecha, inhabiles):
            contados += 1
    return fecha
