"""The answer tells when staff looked at or changed the person's records: by role, not by name."""

import datetime
import json

import pytest
from django.test import Client
from django.urls import reverse

from privacy.models import AuditEntry
from privacy.staff.groups import CUSTOMER_SERVICE, PRIVACY_OFFICER, SALES
from tests.customers.factories import StaffUserFactory
from tests.privacy.factories import compiled_access_request, package_files, package_texts, squeeze
from tests.privacy.test_access_request_answer import person_with_data

pytestmark = pytest.mark.django_db

HELSINKI = datetime.timezone(datetime.timedelta(hours=2))


def at(day: int, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(2026, 3, day, hour, tzinfo=HELSINKI)


def opens(time_machine, when, user, url_name: str, pk: int) -> None:
    time_machine.move_to(when, tick=False)
    client = Client()
    client.force_login(user)
    assert client.get(reverse(url_name, args=[pk])).status_code == 200


@pytest.fixture
def looked_at(time_machine):
    """The requester's contact and order opened by staff of two roles, someone else's too."""
    contact, _customer, order = person_with_data("loki")
    other, _other_customer, _other_order = person_with_data("muu")
    anna = StaffUserFactory(username="anna.asiakaspalvelu", groups=[CUSTOMER_SERVICE])
    mikko = StaffUserFactory(username="mikko.myynti", groups=[SALES])
    opens(time_machine, at(2), anna, "admin:customers_contact_change", contact.pk)
    opens(time_machine, at(2, 14), anna, "admin:customers_contact_change", contact.pk)
    opens(time_machine, at(3), mikko, "admin:orders_order_change", order.pk)
    opens(time_machine, at(4), anna, "admin:customers_contact_change", other.pk)
    time_machine.move_to(at(9), tick=False)
    return contact


def test_the_letter_lists_dates_roles_and_purposes_but_no_staff_names(looked_at):
    officer = StaffUserFactory(username="tiina.tietosuoja", groups=[PRIVACY_OFFICER])
    letter = package_texts(compiled_access_request(contact=looked_at, officer=officer))["letter"]
    for expected in [
        "Kuka tietojanne on käsitellyt",
        "C-579/21",
        "Lokia säilytetään 730 päivää",
        "2.3.2026 Yhteyshenkilö katsottu (2 kertaa) Asiakaspalvelu "
        "Asiakaspalvelu ja asiakkuuden hoitaminen",
        "3.3.2026 Tilaus katsottu Myynti Tilausten käsittely ja laskutus",
    ]:
        assert squeeze(expected) in letter, expected
    # Someone else's record opened on the 4th is not the requester's business.
    assert squeeze("4.3.2026") not in letter
    for username in ("anna", "mikko", "tiina"):
        assert username not in letter.casefold()


def test_the_english_letter_and_the_export_list_the_same(looked_at):
    request = compiled_access_request(contact=looked_at, language="en")
    letter = package_texts(request)["letter"]
    for expected in [
        "Who has looked at or changed your data",
        "2026-03-02 Contact viewed (2 times) Customer service",
        "2026-03-03 Order viewed Sales Processing and invoicing orders",
    ]:
        assert squeeze(expected) in letter, expected
    accesses = json.loads(package_files(request)["json"])["accesses_by_staff"]
    assert accesses == [
        {
            "date": "2026-03-02",
            "data": "contact",
            "action": "viewed",
            "role": "customer service",
            "purpose": "customer service and managing the customer relationship",
            "count": 2,
        },
        {
            "date": "2026-03-03",
            "data": "order",
            "action": "viewed",
            "role": "sales",
            "purpose": "processing and invoicing orders",
            "count": 1,
        },
    ]
    assert "anna" not in json.dumps(accesses)


def test_a_change_by_an_administrator_and_by_a_removed_account_are_told_by_role(time_machine):
    contact, _customer, _order = person_with_data("yllapito")
    time_machine.move_to(at(5), tick=False)
    admin_user = StaffUserFactory(is_superuser=True)
    gone = StaffUserFactory()
    for user, action in ((admin_user, "change"), (gone, "view")):
        AuditEntry.objects.create(
            user=user,
            username=user.username,
            action=action,
            target_model="customers.Contact",
            target_id=str(contact.pk),
        )
    gone.delete()
    time_machine.move_to(at(9), tick=False)
    letter = package_texts(compiled_access_request(contact=contact))["letter"]
    assert squeeze("5.3.2026 Yhteyshenkilö muutettu Rekisterin ylläpitäjä Rekisterin ylläpito") in (
        letter
    )
    assert squeeze("Entinen työntekijä (käyttäjätili poistettu)") in letter


def test_without_entries_the_letter_says_the_log_is_empty():
    contact, _customer, _order = person_with_data("tyhja")
    letter = package_texts(compiled_access_request(contact=contact))["letter"]
    assert squeeze("Lokissa ei ole merkintöjä tietojenne katsomisesta tai muuttamisesta.") in (
        letter
    )
