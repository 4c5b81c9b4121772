import secrets
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.management import BaseCommand

from kek.accounts.roles import ADMIN, group


class Command(BaseCommand):
    help = "Legt beim ersten Start ein Administrationskonto an und zeigt die Anmeldedaten."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--username", default="admin")
        parser.add_argument(
            "--credentials-file",
            type=Path,
            default=Path(".admin-login.txt"),
            help="Hier werden die Anmeldedaten abgelegt (nur für den Eigentümer lesbar).",
        )

    def handle(self, *args, username: str, credentials_file: Path, **options) -> None:
        users = get_user_model().objects
        if not users.filter(username=username).exists():
            # 22 random characters, checked against AUTH_PASSWORD_VALIDATORS like any other.
            password = secrets.token_urlsafe(16)
            validate_password(password, users.model(username=username))
            user = users.create_superuser(username=username, email="", password=password)
            user.groups.add(group(ADMIN))
            credentials_file.write_text(f"{username}\n{password}\n", encoding="utf-8")
            credentials_file.chmod(0o600)
        if credentials_file.exists():
            name, password = credentials_file.read_text(encoding="utf-8").split()[:2]
            self.stdout.write(f"Anmeldung unter /admin/ – Benutzer: {name}  Passwort: {password}")
        else:
            self.stdout.write(f"Konto {username} besteht bereits; Passwort wie beim ersten Start.")
