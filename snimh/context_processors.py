from snimh import permisos


def permisos_de_la_cuenta(request):
    """What the signed-in person may reach, for menus: asked of snimh/permisos.py, not copied."""
    usuario = getattr(request, "user", None)
    return {
        "puede": {
            "consultar": permisos.puede_ver_registro_interno(usuario),
            "administrar": permisos.puede_administrar(usuario),
            "informe": permisos.puede_generar_informe(usuario),
            "pendientes": permisos.puede_ver_pendientes(usuario),
            "revisar": permisos.puede_revisar(usuario),
            "editar_sesiones": permisos.puede_editar_sesiones(usuario),
            "editar_acuerdos": permisos.puede_editar_acuerdos(usuario),
            "editar_padron": permisos.puede_editar_padron(usuario),
            "personas": permisos.puede_gestionar_personas(usuario),
            "cuestionarios": permisos.puede_ver_cuestionarios(usuario),
            "recomendaciones": permisos.puede_ver_recomendaciones(usuario),
            "trabajos": permisos.puede_ver_trabajos(usuario),
            "programas": permisos.puede_ver_programas(usuario),
        }
    }
