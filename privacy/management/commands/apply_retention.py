from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from privacy.lifecycle.services import DEFAULT_BATCH_SIZE, retention_apply
from privacy.lifecycle.tasks import retention_apply_task


class Command(BaseCommand):
    help = (
        "Delete or anonymise the personal data whose retention has ended, as the "
        "personal-data inventory declares it; run daily."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would go; change nothing."
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the run for the worker (manage.py db_worker) instead of running now.",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=DEFAULT_BATCH_SIZE,
            help="Rows per transaction (default: %(default)s).",
        )

    def handle(self, *args, dry_run: bool, batch_size: int, enqueue: bool, **options) -> None:
        if enqueue:
            if dry_run:
                raise CommandError("A dry run is made at once; leave out --enqueue.")
            result = retention_apply_task.enqueue()
            self.stdout.write(f"Retention run queued as job {result.id}.")
            return
        try:
            counts = retention_apply(
                today=timezone.localdate(), dry_run=dry_run, batch_size=batch_size
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        verb = "Would apply" if dry_run else "Applied"
        for count in counts:
            self.stdout.write(f"{count.category}\t{count.data}\t{count.action}\t{count.rows}")
        total = sum(count.rows for count in counts if count.action != "restriction lifted")
        self.stdout.write(f"{verb} retention: {total} records in {len(counts)} groups.")
