import getpass

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cuentas.models import RolUsuario
from snimh.db import contexto_historial


class Command(BaseCommand):
    help = "Create a coordination (INMUJERES) account: the first user, who then manages the others."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", required=True)
        parser.add_argument("--password", help="Asked for interactively when omitted (recommended).")

    @transaction.atomic
    def handle(self, *args, username, email, password, **options):
        User = get_user_model()
        if User.objects.filter(username__iexact=username).exists():
            raise CommandError(f"Ya existe la cuenta «{username}».")
        if password is None:
            password = getpass.getpass("Contraseña: ")
            if password != getpass.getpass("Repita la contraseña: "):
                raise CommandError("Las contraseñas no coinciden.")
        usuario = User(username=username, email=email, rol=RolUsuario.COORDINACION)
        try:
            password_validation.validate_password(password, usuario)
            usuario.full_clean(exclude=["password"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        usuario.set_password(password)
        with contexto_historial(command="create_coordination_user"):
            usuario.save()
        self.stdout.write(f"Cuenta de coordinación «{username}» creada.")
