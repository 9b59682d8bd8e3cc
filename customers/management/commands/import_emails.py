from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, no_translations

from customers.mail.services import mail_import_paths
from customers.mail.sources import BadMailFile


class Command(BaseCommand):
    help = (
        "Import customer-service email into the support-email log from .eml files, mbox "
        "files and Maildir folders. Messages already in the log are skipped; a broken "
        "message is reported with its position and the import goes on."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "paths", nargs="+", type=Path, help=".eml file, mbox file or Maildir folder"
        )

    # Messages of a command line are in English, as Django's own commands.
    @no_translations
    def handle(self, *args, paths: list[Path], **options) -> None:
        try:
            summary = mail_import_paths(paths)
        except BadMailFile as exc:
            raise CommandError(str(exc)) from None
        for problem in summary.problems:
            self.stderr.write(f"Not imported: {problem}")
        if summary.problems_not_listed:
            self.stderr.write(f"... and {summary.problems_not_listed} more not imported.")
        self.stdout.write(summary.line())
