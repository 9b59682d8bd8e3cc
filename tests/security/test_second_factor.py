"""The admin's second factor: TOTP or a single-use recovery code, on when the setting says."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone, translation
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from privacy.staff.second_factor import staff_second_factor_enroll
from tests.customers.factories import STAFF_PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("otp_required")]

LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture
def otp_required():
    with override_settings(ADMIN_REQUIRE_OTP=True):
        yield


def current_code(user) -> str:
    device = TOTPDevice.objects.get(user=user)
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def authenticator(user) -> str:
    return TOTPDevice.objects.get(user=user).persistent_id


def recovery_codes(user) -> str:
    return StaticDevice.objects.get(user=user).persistent_id


def sign_in(client, user, **extra):
    return client.post(LOGIN, {"username": user.username, "password": STAFF_PASSWORD, **extra})


def test_a_password_alone_does_not_open_the_admin(client, superuser):
    staff_second_factor_enroll(user=superuser)
    response = sign_in(client, superuser)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_password_and_authenticator_code_open_the_admin(client, superuser):
    staff_second_factor_enroll(user=superuser)
    response = sign_in(
        client, superuser, otp_device=authenticator(superuser), otp_token=current_code(superuser)
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_is_refused(client, superuser):
    staff_second_factor_enroll(user=superuser)
    wrong = f"{(int(current_code(superuser)) + 1) % 1_000_000:06d}"
    response = sign_in(client, superuser, otp_device=authenticator(superuser), otp_token=wrong)
    assert response.status_code == 200
    assert client.get("/admin/").status_code == 302


def test_a_recovery_code_works_once(client, superuser):
    codes = staff_second_factor_enroll(user=superuser).recovery_codes
    device = recovery_codes(superuser)
    assert sign_in(client, superuser, otp_device=device, otp_token=codes[0]).status_code == 302
    client.logout()
    assert sign_in(client, superuser, otp_device=device, otp_token=codes[0]).status_code == 200
    # django-otp makes a device wait after a failure (1 s, doubling) against guessing.
    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        assert sign_in(client, superuser, otp_device=device, otp_token=codes[1]).status_code == 302


def test_a_session_without_the_second_factor_is_not_let_in(superuser_client):
    # force_login verifies only the password step; the admin asks for more.
    response = superuser_client.get("/admin/customers/contact/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_without_the_setting_a_password_is_enough(client, superuser):
    with override_settings(ADMIN_REQUIRE_OTP=False):
        assert sign_in(client, superuser).status_code == 302
        assert client.get("/admin/").status_code == 200


def test_the_enroll_command_prints_the_codes_once_and_refuses_to_overwrite(superuser, capsys):
    call_command("otp_enroll", superuser.username)
    out = capsys.readouterr().out
    assert "otpauth://totp/Webstrella" in out
    assert out.count("\n  ") >= 10
    with translation.override("en"), pytest.raises(CommandError, match="already"):
        call_command("otp_enroll", superuser.username)
    call_command("otp_enroll", superuser.username, "--replace")
    assert TOTPDevice.objects.filter(user=superuser).count() == 1


def test_the_enroll_command_refuses_unknown_and_non_staff_users(django_user_model):
    django_user_model.objects.create_user("customer", password="x" * 16)
    with pytest.raises(CommandError, match="No user"):
        call_command("otp_enroll", "nobody")
    with pytest.raises(CommandError):
        call_command("otp_enroll", "customer")
