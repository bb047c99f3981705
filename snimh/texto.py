"""Shortening labels for narrow places without cutting a word in half."""

PUNTOS_SUSPENSIVOS = "…"


def recortar(texto: str, limite: int) -> str:
    """``texto`` in at most ``limite`` characters, cut at a word boundary and ended with
    «…» when it had to be shortened (trailing punctuation before the cut is dropped).
    A single word longer than the limit is the only thing ever cut inside a word.
    Callers keep the full text available (a ``title``, the detail page)."""
    texto = " ".join((texto or "").split())
    if len(texto) <= limite:
        return texto
    cabida = texto[: limite - len(PUNTOS_SUSPENSIVOS) + 1]
    if " " in cabida:
        cabida = cabida[: cabida.rindex(" ")]
    else:
        cabida = cabida[:-1]
    return cabida.rstrip(" ,;:.-–—(") + PUNTOS_SUSPENSIVOS
