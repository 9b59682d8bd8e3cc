import datetime

from django.core.management.base import BaseCommand, CommandError, no_translations

from jobs.services import jobs_recover_interrupted


class Command(BaseCommand):
    help = (
        "Mark as failed the jobs left running when a worker died, so that they can be retried "
        "in the admin. Run it before the worker starts (ExecStartPre of its service)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--older-than-minutes",
            type=int,
            default=None,
            help="Only jobs running longer than this (with workers running meanwhile).",
        )

    @no_translations
    def handle(self, *args, older_than_minutes: int | None, **options) -> None:
        if older_than_minutes is not None and not 0 < older_than_minutes < 10**6:
            raise CommandError("--older-than-minutes must be between 1 and 999999.")
        age = datetime.timedelta(minutes=older_than_minutes) if older_than_minutes else None
        count = jobs_recover_interrupted(running_for_longer_than=age)
        self.stdout.write(f"Marked {count} interrupted jobs as failed.")
