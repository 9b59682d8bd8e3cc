"""Garbage handed to the management commands: a command error or the command's work.

Property-based with Hypothesis. Each command of the register is called with arguments drawn
from any text a command line can carry: a refused command says so with `CommandError`, never
with a traceback of another kind.
"""

import io
from datetime import timedelta

import hypothesis
import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import HealthCheck, assume, given
from hypothesis import strategies as st

from customers.demo import MAX_CONTACTS
from customers.models import Contact
from privacy.audit.services import MAX_AUDIT_RETENTION_DAYS
from privacy.models import AuditEntry
from tests.customers.factories import StaffUserFactory
from tests.privacy.factories import AccessRequestFactory
from tests.security.hostile import rolled_back

pytestmark = pytest.mark.django_db

COMMAND_EXAMPLES = hypothesis.settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

ARGUMENTS = st.text(
    # A command line carries no NUL; lone surrogates (undecodable bytes) are pinned below.
    alphabet=st.characters(exclude_characters="\x00", exclude_categories=["Cs"]),
    max_size=30,
)


def asks_for_help(argument: str) -> bool:
    """`-h`, `--help`, `--version` and their abbreviations print and exit, as they should."""
    return argument.startswith("-h") or (
        len(argument) > 2 and ("--help".startswith(argument) or "--version".startswith(argument))
    )


def is_demo_size(text: str) -> bool:
    try:
        return 1 <= int(text) <= MAX_CONTACTS
    except ValueError:
        return False


@COMMAND_EXAMPLES
@given(contacts=ARGUMENTS | st.integers().map(str), seed=ARGUMENTS | st.integers().map(str))
def test_seed_demo_with_garbage_arguments_gives_command_error(settings, contacts, seed):
    # A count in range would build a register; that is the seed_demo tests' business.
    assume(not is_demo_size(contacts))
    settings.DEBUG = True
    with rolled_back(), pytest.raises(CommandError):
        call_command("seed_demo", f"--contacts={contacts}", f"--seed={seed}")
    assert not Contact.objects.exists()


@COMMAND_EXAMPLES
@given(argument=ARGUMENTS.filter(lambda argument: not argument.startswith("-")))
def test_seed_demo_with_a_stray_argument_gives_command_error(settings, argument):
    settings.DEBUG = True
    with pytest.raises(CommandError):
        call_command("seed_demo", "--contacts=1", argument)
    assert not Contact.objects.exists()


def test_seed_demo_without_debug_gives_command_error_even_with_valid_arguments():
    with pytest.raises(CommandError):
        call_command("seed_demo", "--contacts=5", "--seed=1")
    assert not Contact.objects.exists()


@COMMAND_EXAMPLES
@given(username=ARGUMENTS.filter(lambda a: not asks_for_help(a)), replace=st.booleans())
def test_otp_enroll_with_a_garbage_username_gives_command_error(username, replace):
    assume(username.strip().casefold() != "ville.virtanen")
    with rolled_back():
        StaffUserFactory(username="ville.virtanen")
        with pytest.raises(CommandError):
            call_command("otp_enroll", username, *(["--replace"] if replace else []))
        assert not TOTPDevice.objects.exists() and not StaticDevice.objects.exists()


def test_otp_enroll_without_a_username_gives_command_error():
    with pytest.raises(CommandError):
        call_command("otp_enroll")


def test_otp_enroll_with_an_undecodable_username_gives_command_error():
    # Python hands undecodable command-line bytes (here 0xff) over as a lone surrogate.
    username = b"ville\xff".decode("utf-8", "surrogateescape")
    with pytest.raises(CommandError):
        call_command("otp_enroll", username)


DAYS = ARGUMENTS | st.integers().map(str) | st.sampled_from(["1e9", "0x10", "٣", "-0", "+5"])


def as_days(text: str) -> int | None:
    """The number of days a command line's `--days` means, as Python reads an integer."""
    try:
        return int(text)
    except ValueError:
        return None


# The old entry is 400 and a half days old, so that no whole number of days falls on its
# age while the test runs: --days=400 prunes it, --days=401 keeps it.
@COMMAND_EXAMPLES
@given(days=DAYS)
@hypothesis.example(days="400")
@hypothesis.example(days="401")
def test_prune_audit_log_with_any_days_prunes_or_gives_command_error(days):
    with rolled_back():
        with time_machine.travel(timezone.now() - timedelta(days=400, hours=12)):
            old = AuditEntry.objects.create(username="vanha", action="view")
        recent = AuditEntry.objects.create(username="uusi", action="view")
        number = as_days(days)
        try:
            call_command("prune_audit_log", f"--days={days}", stdout=io.StringIO())
        except CommandError:
            assert number is None or not 1 <= number <= MAX_AUDIT_RETENTION_DAYS, days
            kept = {old.pk, recent.pk}
        else:
            assert number is not None and 1 <= number <= MAX_AUDIT_RETENTION_DAYS, days
            kept = {recent.pk} if number <= 400 else {old.pk, recent.pk}
        assert set(AuditEntry.objects.values_list("pk", flat=True)) == kept, days


# The request is due 25 to 28 days ahead, by the month it was received in: the days around
# its due date are tried on every run.
@COMMAND_EXAMPLES
@given(days=DAYS)
@hypothesis.example(days="24")
@hypothesis.example(days="25")
@hypothesis.example(days="26")
@hypothesis.example(days="27")
@hypothesis.example(days="28")
@hypothesis.example(days="29")
def test_privacy_deadlines_with_any_days_reports_or_gives_command_error(days):
    with rolled_back():
        access_request = AccessRequestFactory()
        days_left = (access_request.due_on - timezone.localdate()).days
        number = as_days(days)
        out = io.StringIO()
        try:
            call_command("privacy_deadlines", f"--days={days}", stdout=out, stderr=io.StringIO())
        except CommandError as refused:
            assert number is None or not 0 <= number <= 366, days
            assert access_request.reference not in out.getvalue()
            assert number is None or str(refused) == "--days must be between 0 and 366."
        else:
            assert number is not None and 0 <= number <= 366, days
            if number >= days_left:
                assert out.getvalue().startswith(f"{access_request.reference}  due "), days
            else:
                assert out.getvalue() == f"No open access requests due within {number} days.\n"
