from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from privacy.requests.deadlines import DUE_SOON_DAYS, report_lines
from privacy.requests.selectors import access_requests_due
from privacy.requests.services import access_request_send_deadline_reminder

# The longest deadline is three months; a year ahead already lists every open request.
MAX_DAYS = 366


class Command(BaseCommand):
    help = (
        "List the open access requests due within N days and the overdue ones, and email "
        "them to the privacy officers. Exits with status 1 when a request is overdue, so "
        "cron reports it."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=DUE_SOON_DAYS,
            help="List requests due within this many days (default: %(default)s).",
        )

    def handle(self, *args, days: int, **options) -> None:
        if not 0 <= days <= MAX_DAYS:
            raise CommandError(f"--days must be between 0 and {MAX_DAYS}.")
        today = timezone.localdate()
        due = access_requests_due(today=today, within_days=days)
        if not due:
            self.stdout.write(f"No open access requests due within {days} days.")
            return
        for line in report_lines(due, today=today):
            self.stdout.write(line)
        recipients = access_request_send_deadline_reminder(
            access_requests=due, today=today, within_days=days
        )
        overdue = sum(1 for access_request in due if access_request.due_on < today)
        self.stdout.write(
            f"{len(due)} access requests due within {days} days, {overdue} of them overdue; "
            f"emailed {len(recipients)} privacy officers."
        )
        if not recipients:
            self.stderr.write("No active privacy officer has an email address: nobody was told.")
        if overdue:
            raise CommandError(f"{overdue} access requests are overdue.")
