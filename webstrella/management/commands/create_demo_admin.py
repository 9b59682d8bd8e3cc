import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"


class Command(BaseCommand):
    help = (
        "Development only: create the superuser 'admin' with a random password, printed "
        "once, unless a superuser already exists."
    )

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "create_demo_admin runs only with DEBUG on; in production use createsuperuser."
            )
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write("A superuser exists already; no account created.")
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=USERNAME, email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created superuser '{USERNAME}' with password: {password}\n"
                "It is shown only this once; keep it or reset it with "
                f"`python manage.py changepassword {USERNAME}`."
            )
        )
