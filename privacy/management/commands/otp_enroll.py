import io

import qrcode
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from privacy.staff.second_factor import staff_second_factor_enroll


class Command(BaseCommand):
    help = (
        "Set up the admin's second factor for a staff member: prints a QR code for an "
        "authenticator app and ten single-use recovery codes, once."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Replace an existing authenticator and recovery codes.",
        )

    def handle(self, *args, username: str, replace: bool, **options) -> None:
        User = get_user_model()
        try:
            # Bytes of the command line that are not UTF-8 arrive as lone surrogates.
            username.encode()
        except UnicodeEncodeError as exc:
            raise CommandError("The username is not valid UTF-8 text.") from exc
        try:
            user = User.objects.get_by_natural_key(username)
        except User.DoesNotExist as exc:
            raise CommandError(f"No user {username!r}.") from exc
        try:
            enrollment = staff_second_factor_enroll(user=user, replace=replace)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc

        qr = qrcode.QRCode(border=1)
        qr.add_data(enrollment.config_url)
        picture = io.StringIO()
        qr.print_ascii(out=picture, invert=True)
        self.stdout.write("Scan with an authenticator app:\n" + picture.getvalue())
        self.stdout.write(f"Or enter this address by hand: {enrollment.config_url}\n")
        self.stdout.write("Recovery codes, each usable once (keep them offline):")
        for code in enrollment.recovery_codes:
            self.stdout.write(f"  {code}")
        self.stdout.write(self.style.SUCCESS(f"Second factor set up for {username}."))
