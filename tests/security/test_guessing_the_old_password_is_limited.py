"""The password-change form asks for the old password: a session left open must not be a
way to guess it without limit. Wrong old passwords count like failed sign-ins."""

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from tests.customers.factories import STAFF_PASSWORD, StaffUserFactory

pytestmark = pytest.mark.django_db

PASSWORD_CHANGE = reverse("admin:password_change")
OFFICE = "198.51.100.23"
NEW_PASSWORD = "Uusi-salasana-kesä-2026"


@pytest.fixture
def maija():
    return StaffUserFactory(username="maija.virtanen")


@pytest.fixture
def maija_client(maija) -> Client:
    client = Client()
    client.force_login(maija)
    return client


def change_password(client: Client, old_password: str):
    return client.post(
        PASSWORD_CHANGE,
        {
            "old_password": old_password,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
        REMOTE_ADDR=OFFICE,
    )


def test_a_wrong_old_password_counts_as_a_failed_sign_in(maija_client, maija):
    response = change_password(maija_client, "arvaus-1")
    assert response.status_code == 200
    assert response.context["form"].errors["old_password"]
    attempt = AccessAttempt.objects.get()
    assert (attempt.username, attempt.ip_address, attempt.failures_since_start) == (
        "maija.virtanen",
        OFFICE,
        1,
    )


def test_the_fifth_wrong_old_password_locks_out_and_signs_out(maija_client, maija):
    responses = [change_password(maija_client, f"arvaus-{n}") for n in range(5)]
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    # The session is over, and signing in again is locked too.
    assert maija_client.get(reverse("admin:index")).status_code == 302
    response = Client().post(
        reverse("admin:login"),
        {"username": maija.username, "password": STAFF_PASSWORD, "next": "/admin/"},
        REMOTE_ADDR=OFFICE,
    )
    assert response.status_code == 429
    maija.refresh_from_db()
    assert maija.check_password(STAFF_PASSWORD)


def test_the_right_old_password_after_a_few_mistakes_changes_it(maija_client, maija):
    for n in range(3):
        change_password(maija_client, f"arvaus-{n}")
    response = change_password(maija_client, STAFF_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:password_change_done")
    maija.refresh_from_db()
    assert maija.check_password(NEW_PASSWORD)
