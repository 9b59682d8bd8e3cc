"""Second factor of staff sign-in: a TOTP authenticator and single-use recovery codes."""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10


@dataclass(frozen=True)
class Enrollment:
    config_url: str
    recovery_codes: list[str]


@transaction.atomic
def staff_second_factor_enroll(*, user: AbstractBaseUser, replace: bool = False) -> Enrollment:
    """Give a staff member a new TOTP device and recovery codes.

    An existing second factor is only replaced when asked, so a mistyped username cannot
    silently lock a colleague out of their authenticator.
    """
    if not user.is_active or not user.is_staff:
        raise ValidationError(
            _("Only active staff accounts sign in to the admin."), code="not_staff"
        )
    existing = list(devices_for_user(user, confirmed=None))
    if existing and not replace:
        raise ValidationError(
            _("%(user)s has a second factor already; replace it explicitly.")
            % {"user": user.get_username()},
            code="enrolled",
        )
    for device in existing:
        device.delete()
    totp = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    recovery = StaticDevice.objects.create(user=user, name="recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=recovery, token=code) for code in codes)
    return Enrollment(config_url=totp.config_url, recovery_codes=codes)
