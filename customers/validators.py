"""Validation of Finnish business IDs and display of phone numbers, delegated to maintained
libraries.

python-stdnum knows the Y-tunnus check digit (weights 7, 9, 10, 5, 8, 4, 2, modulo 11);
phonenumbers carries the numbering plans of every country.
"""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.fi import ytunnus

from webstrella.validators import DEFAULT_PHONE_REGION


def normalize_business_id(value: str) -> str:
    """Return a Y-tunnus in its canonical form `1234567-8`, or raise ValidationError."""
    try:
        return ytunnus.format(ytunnus.validate(value))
    except StdnumValidationError as exc:
        raise ValidationError(
            _("%(value)s is not a valid Finnish business ID (Y-tunnus)."),
            code="invalid_business_id",
            params={"value": value},
        ) from exc


def format_phone_for_display(value: str) -> str:
    """`+358401234567` → `040 1234567` for Finnish numbers, international form otherwise."""
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, DEFAULT_PHONE_REGION)
    except phonenumbers.NumberParseException:
        return value
    if number.country_code == 358:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
