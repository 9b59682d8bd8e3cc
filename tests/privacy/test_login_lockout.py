"""django-axes through the real admin sign-in form.

Settings under test: five failures for one username from one address lock that pair out
for 30 minutes; usernames are compared without case and surrounding spaces.
"""

from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tests.customers.factories import STAFF_PASSWORD, StaffUserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
HOME = "192.0.2.10"
MOBILE = "198.51.100.23"
WRONG = "väärä-salasana"
MIDDAY = datetime(2025, 3, 4, 12, 0, tzinfo=ZoneInfo("Europe/Helsinki"))


def sign_in(client: Client, username: str, password: str, address: str = HOME):
    return client.post(
        LOGIN, {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR=address
    )


def is_lockout(response) -> bool:
    return response.status_code == 429 and "axes/lockout.html" in {
        t.name for t in response.templates
    }


def is_signed_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


@pytest.fixture
def maija():
    return StaffUserFactory(username="maija.virtanen", first_name="Maija", last_name="Virtanen")


def lock_out(client: Client, username: str, address: str = HOME) -> None:
    responses = [sign_in(client, username, WRONG, address) for _ in range(5)]
    assert is_lockout(responses[-1])


def test_four_wrong_passwords_show_the_sign_in_form_again(client, maija):
    for _ in range(4):
        response = sign_in(client, maija.username, WRONG)
        assert response.status_code == 200
        assert response.context["form"].errors
        assert not is_lockout(response)


def test_the_fifth_wrong_password_answers_with_the_lockout_page(client, maija):
    for _ in range(4):
        sign_in(client, maija.username, WRONG)
    response = sign_in(client, maija.username, WRONG)
    assert response.status_code == 429
    assert is_lockout(response)
    assert response.context["failure_limit"] == 5
    assert response.context["cooloff_minutes"] == 30
    assert "estetty 30 minuutin ajan" in response.content.decode()


def test_after_the_lockout_even_the_right_password_is_refused(client, maija):
    lock_out(client, maija.username)
    response = sign_in(client, maija.username, STAFF_PASSWORD)
    assert is_lockout(response)
    assert "_auth_user_id" not in client.session


def test_the_lockout_does_not_reach_another_address(client, maija):
    lock_out(client, maija.username, HOME)
    assert is_signed_in(sign_in(Client(), maija.username, STAFF_PASSWORD, MOBILE))


def test_the_lockout_does_not_reach_another_username_from_the_same_address(client, maija):
    colleague = StaffUserFactory()
    lock_out(client, maija.username, HOME)
    assert is_signed_in(sign_in(Client(), colleague.username, STAFF_PASSWORD, HOME))


def test_case_and_surrounding_spaces_of_the_username_share_one_counter(client, maija):
    variants = [
        "maija.virtanen",
        "Maija.Virtanen",
        "MAIJA.VIRTANEN",
        " maija.virtanen ",
        "mAija.virtanen\t",
    ]
    responses = [sign_in(client, variant, WRONG) for variant in variants]
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    assert AccessAttempt.objects.get().username == "maija.virtanen"
    assert is_lockout(sign_in(client, "maija.virtanen", STAFF_PASSWORD))


def test_axes_reset_username_unlocks(client, maija):
    lock_out(client, maija.username)
    out = StringIO()
    call_command("axes_reset_username", "maija.virtanen", stdout=out)
    assert "1 attempts removed" in out.getvalue()
    assert is_signed_in(sign_in(client, maija.username, STAFF_PASSWORD))


def test_axes_reset_username_unlocks_a_username_written_with_capitals(client):
    StaffUserFactory(username="Ville.Koskinen")
    lock_out(client, "Ville.Koskinen")
    call_command("axes_reset_username", "Ville.Koskinen", stdout=StringIO())
    assert is_signed_in(sign_in(client, "Ville.Koskinen", STAFF_PASSWORD))


def test_a_successful_sign_in_before_the_limit_resets_the_counter(client, maija):
    for _ in range(4):
        sign_in(client, maija.username, WRONG)
    assert is_signed_in(sign_in(client, maija.username, STAFF_PASSWORD))
    assert not AccessAttempt.objects.exists()

    later = Client()
    for _ in range(4):
        assert sign_in(later, maija.username, WRONG).status_code == 200
    assert AccessAttempt.objects.get().failures_since_start == 4


def test_the_lock_still_holds_after_29_minutes(client, maija, time_machine):
    time_machine.move_to(MIDDAY, tick=False)
    lock_out(client, maija.username)
    time_machine.move_to(MIDDAY + timedelta(minutes=29), tick=False)
    assert is_lockout(sign_in(client, maija.username, STAFF_PASSWORD))


def test_the_lock_expires_after_30_minutes(client, maija, time_machine):
    time_machine.move_to(MIDDAY, tick=False)
    lock_out(client, maija.username)
    time_machine.move_to(MIDDAY + timedelta(minutes=30, seconds=1), tick=False)
    assert is_signed_in(sign_in(client, maija.username, STAFF_PASSWORD))
