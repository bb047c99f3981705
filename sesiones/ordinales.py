"""Spanish feminine ordinals for session numbers, as the SNIMH documents write them.

The official record writes 11–19 in two words with a masculine first part
("Décimo Novena", common usage in the Mexican federal administration) and the
tens from 20 on in the feminine ("Vigésima Primera"); this module reproduces that
form so that titles match the published reports.
"""

_UNIDADES = {
    1: "Primera", 2: "Segunda", 3: "Tercera", 4: "Cuarta", 5: "Quinta",
    6: "Sexta", 7: "Séptima", 8: "Octava", 9: "Novena",
}
_CENTENAS = {
    1: "Centésima", 2: "Ducentésima", 3: "Tricentésima", 4: "Cuadringentésima", 5: "Quingentésima",
    6: "Sexcentésima", 7: "Septingentésima", 8: "Octingentésima", 9: "Noningentésima",
}
NUMERO_MAXIMO = 999
_DECENAS = {
    1: "Décima", 2: "Vigésima", 3: "Trigésima", 4: "Cuadragésima", 5: "Quincuagésima",
    6: "Sexagésima", 7: "Septuagésima", 8: "Octogésima", 9: "Nonagésima",
}


def ordinal_femenino(numero: int) -> str:
    """``19 -> "Décimo Novena"``, ``21 -> "Vigésima Primera"``, ``100 -> "Centésima"``."""
    if not 1 <= numero <= NUMERO_MAXIMO:
        raise ValueError(f"ordinal out of range: {numero}")
    centenas, resto = divmod(numero, 100)
    decenas, unidades = divmod(resto, 10)
    partes = [_CENTENAS[centenas]] if centenas else []
    if decenas == 1 and unidades:
        partes.append(f"Décimo {_UNIDADES[unidades]}")
    else:
        if decenas:
            partes.append(_DECENAS[decenas])
        if unidades:
            partes.append(_UNIDADES[unidades])
    return " ".join(partes)
