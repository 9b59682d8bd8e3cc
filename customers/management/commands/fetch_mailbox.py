from django.core.management.base import BaseCommand, CommandError, no_translations

from customers.mail.imap import MailboxUnavailable, mailbox_fetch
from customers.mail.tasks import mailbox_fetch_task


class Command(BaseCommand):
    help = (
        "Fetch the new messages of the customer-service mailbox (MAILBOX_IMAP_*) into the "
        "support-email log. Run it from cron or a systemd timer with --enqueue, so that the "
        "task runner's worker does the fetching."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the fetch for the worker (manage.py db_worker) instead of fetching now.",
        )

    # Messages of a command line are in English, as Django's own commands.
    @no_translations
    def handle(self, *args, enqueue: bool, **options) -> None:
        if enqueue:
            result = mailbox_fetch_task.enqueue()
            self.stdout.write(f"Mailbox fetch queued as job {result.id}.")
            return
        try:
            summary = mailbox_fetch()
        except MailboxUnavailable as exc:
            raise CommandError(str(exc)) from None
        for problem in summary.problems:
            self.stderr.write(f"Not imported: {problem}")
        self.stdout.write(summary.line())
