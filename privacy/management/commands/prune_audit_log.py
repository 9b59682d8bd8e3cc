from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from privacy.audit.services import audit_prune


class Command(BaseCommand):
    help = "Erase audit-log entries older than the retention (AUDIT_LOG_RETENTION_DAYS)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=settings.AUDIT_LOG_RETENTION_DAYS,
            help="Keep this many days (default: %(default)s).",
        )

    def handle(self, *args, days: int, **options) -> None:
        try:
            deleted = audit_prune(older_than_days=days)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(f"Erased {deleted} audit entries older than {days} days.")
