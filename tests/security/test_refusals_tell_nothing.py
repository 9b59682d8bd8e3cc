"""A refusal must not tell an outsider more than "no": not which record ids exist, not
whether the password was right when the second factor was wrong."""

import pytest
from axes.models import AccessAttempt
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from privacy.staff.second_factor import staff_second_factor_enroll
from tests.customers.factories import STAFF_PASSWORD, ContactFactory, StaffUserFactory
from tests.privacy.factories import AccessRequestFactory

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
MISSING = 99999


# Ids of records


def test_the_history_of_a_missing_and_an_existing_request_both_answer_403(
    customer_service_client,
):
    existing = AccessRequestFactory()
    for pk in (existing.pk, MISSING):
        response = customer_service_client.get(
            reverse("admin:privacy_accessrequest_history", args=[pk])
        )
        assert response.status_code == 403, pk


def test_the_history_of_a_missing_and_an_existing_contact_both_answer_403(
    staff_without_group_client,
):
    existing = ContactFactory()
    for pk in (existing.pk, MISSING):
        response = staff_without_group_client.get(
            reverse("admin:customers_contact_history", args=[pk])
        )
        assert response.status_code == 403, pk


def test_with_permission_a_missing_record_still_redirects_as_django_does(privacy_officer_client):
    response = privacy_officer_client.get(
        reverse("admin:privacy_accessrequest_history", args=[MISSING])
    )
    assert response.status_code == 302


# The second factor


@pytest.fixture
def otp_required():
    with override_settings(ADMIN_REQUIRE_OTP=True):
        yield


@pytest.fixture
def maija():
    user = StaffUserFactory(username="maija.virtanen")
    user.recovery_codes = staff_second_factor_enroll(user=user).recovery_codes
    return user


def current_code(user) -> str:
    device = TOTPDevice.objects.get(user=user)
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def wrong_code(user) -> str:
    return f"{(int(current_code(user)) + 1) % 1_000_000:06d}"


def sign_in(password: str, code: str | None, username: str = "maija.virtanen"):
    data = {"username": username, "password": password}
    if code is not None:
        data["otp_token"] = code
    return Client().post(LOGIN, data)


def answer(response) -> tuple:
    form = response.context["form"]
    return (
        response.status_code,
        form.non_field_errors(),
        {name: errors for name, errors in form.errors.items() if name != "__all__"},
        form.get_user() is None,
        'name="otp_device"' in response.content.decode() and "<select" in response.content.decode(),
    )


@pytest.mark.usefixtures("otp_required")
def test_a_wrong_code_and_a_wrong_password_get_the_same_answer(maija):
    wrong_password = answer(sign_in("väärä-salasana", wrong_code(maija)))
    assert wrong_password[0] == 200
    assert answer(sign_in(STAFF_PASSWORD, wrong_code(maija))) == wrong_password
    assert answer(sign_in(STAFF_PASSWORD, "abcdefgh")) == wrong_password
    AccessAttempt.objects.all().delete()  # four failures so far; the fifth would lock out
    assert answer(sign_in(STAFF_PASSWORD, None)) == answer(sign_in("väärä-salasana", None))


@pytest.mark.usefixtures("otp_required")
def test_the_one_answer_is_in_finnish(maija):
    response = sign_in(STAFF_PASSWORD, wrong_code(maija))
    assert "oikea käyttäjätunnus, salasana ja koodi" in response.content.decode()


@pytest.mark.usefixtures("otp_required")
def test_a_wrong_code_counts_as_a_failed_sign_in(maija):
    responses = [sign_in(STAFF_PASSWORD, wrong_code(maija)) for _ in range(5)]
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    assert AccessAttempt.objects.get().username == "maija.virtanen"
    assert sign_in(STAFF_PASSWORD, current_code(maija)).status_code == 429


@pytest.mark.usefixtures("otp_required")
def test_the_code_alone_says_which_factor_it_is(maija):
    # The page no longer lists the person's devices after a right password; the code's
    # shape chooses: six digits from the authenticator, or a recovery code.
    assert sign_in(STAFF_PASSWORD, current_code(maija)).status_code == 302
    assert sign_in(STAFF_PASSWORD, maija.recovery_codes[0]).status_code == 302
