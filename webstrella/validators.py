"""Validators that several apps of the register share: phone numbers and record times.

phonenumbers carries the numbering plans of every country.
"""

import datetime

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DEFAULT_PHONE_REGION = "FI"


def normalize_phone(value: str, region: str = DEFAULT_PHONE_REGION) -> str:
    """Return a phone number in E.164 form (`+358401234567`), or raise ValidationError.

    Numbers without a country code are read as Finnish ones.
    """
    # phonenumbers would read letters as a keypad word ("040 PUHELIN") or an extension
    # ("x5") and drop them silently; a register keeps only numbers as given.
    if any(ch.isalpha() for ch in value):
        raise ValidationError(
            _("%(value)s is not a phone number."), code="invalid_phone", params={"value": value}
        )
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(
            _("%(value)s is not a phone number."), code="invalid_phone", params={"value": value}
        ) from exc
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("%(value)s is not a valid phone number."),
            code="invalid_phone",
            params={"value": value},
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


# No record of the register is older than this. The bound also keeps a time within what
# the databases can convert to UTC: midnight on 1 January of year 1 in Helsinki cannot be.
EARLIEST_RECORD_DATE = datetime.date(1990, 1, 1)


def validate_record_time(value: datetime.datetime) -> None:
    """Refuses a time before the register could have recorded anything."""
    if value is not None and value.date() < EARLIEST_RECORD_DATE:
        raise ValidationError(
            _("The time cannot be before %(date)s."),
            code="too_early",
            params={"date": EARLIEST_RECORD_DATE.strftime("%d.%m.%Y")},
        )
