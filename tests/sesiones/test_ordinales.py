import pytest

from sesiones.ordinales import ordinal_femenino


@pytest.mark.parametrize(
    ("numero", "esperado"),
    [
        (1, "Primera"), (3, "Tercera"), (10, "Décima"), (11, "Décimo Primera"),
        (19, "Décimo Novena"), (20, "Vigésima"), (21, "Vigésima Primera"), (22, "Vigésima Segunda"),
        (30, "Trigésima"), (47, "Cuadragésima Séptima"), (100, "Centésima"), (119, "Centésima Décimo Novena"),
        (200, "Ducentésima"), (345, "Tricentésima Cuadragésima Quinta"), (999, "Noningentésima Nonagésima Novena"),
    ],
)
def test_ordinal_femenino(numero, esperado):
    assert ordinal_femenino(numero) == esperado


@pytest.mark.parametrize("numero", [0, -1, 1000])
def test_ordinal_fuera_de_rango(numero):
    with pytest.raises(ValueError):
        ordinal_femenino(numero)
