import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Local mode only: create a demo administrator if there is none, and say how to log in."

    def handle(self, *args, **options):
        if not getattr(settings, "SNIMH_LOCAL_MODE", False):
            raise CommandError("create_local_admin only runs with the local settings (make run).")
        credentials = settings.VAR_DIR / "admin-local.txt"
        User = get_user_model()
        if not User.objects.filter(is_superuser=True).exists():
            password = secrets.token_urlsafe(12)
            User.objects.create_superuser("admin", "admin@localhost", password)
            credentials.write_text(f"admin {password}\n", encoding="utf-8")
            credentials.chmod(0o600)
        if credentials.exists():
            username, password = credentials.read_text(encoding="utf-8").split()
            self.stdout.write(
                f"Administración local: http://127.0.0.1:8000/admin/  usuario «{username}»  "
                f"contraseña «{password}» (guardada en {credentials})"
            )
        else:
            self.stdout.write("Ya existe una cuenta de administración; use sus credenciales.")
