"""Erasure requests: a plan first, then one transaction; kept vouchers stay restricted."""

from datetime import date, datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from customers.models import AnalyticsEvent, Contact, Customer, SupportEmail
from orders.models import Order, OrderLine
from privacy.lifecycle.models import Restriction
from privacy.lifecycle.services import retention_apply
from privacy.requests.services import (
    access_request_confirm_matches,
    access_request_erase,
    access_request_erasure_plan,
    access_request_find_data,
    access_request_verify_identity,
)
from privacy.staff.groups import PRIVACY_OFFICER
from tests.customers.factories import (
    AnalyticsEventFactory,
    ContactFactory,
    CustomerFactory,
    StaffUserFactory,
    SupportEmailFactory,
)
from tests.orders.factories import OrderFactory, OrderLineFactory
from tests.privacy.factories import AccessRequestFactory, confirm_every_candidate

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")


def at(year, month, day) -> datetime:
    return datetime(year, month, day, 12, tzinfo=HELSINKI)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(at(2026, 11, 30), tick=False):
        yield


@pytest.fixture
def officer():
    return StaffUserFactory(groups=[PRIVACY_OFFICER])


@pytest.fixture
def customer():
    """A private customer with orders of this year and of seven years ago, emails, analytics."""
    contact = ContactFactory(first_name="Eetu", last_name="Poistettava")
    customer = CustomerFactory(primary_contact=contact, started_on=date(2018, 1, 1))
    for ordered_at in (at(2019, 3, 1), at(2019, 9, 1), at(2026, 2, 1), at(2026, 10, 1)):
        OrderLineFactory(order=OrderFactory(customer=customer, ordered_at=ordered_at))
    SupportEmailFactory(customer=customer, sent_at=at(2026, 5, 1))
    AnalyticsEventFactory(customer=customer, occurred_at=at(2026, 6, 1))
    return customer


def erasure_request(officer, contact, *, confirm=True):
    access_request = AccessRequestFactory(contact=contact, kind="erasure")
    access_request_verify_identity(
        access_request=access_request, verified_by=officer, method="register_details"
    )
    matches = access_request_find_data(access_request=access_request, searched_by=officer)
    access_request_confirm_matches(
        access_request=access_request,
        decided_by=officer,
        confirmed_ids=[m.pk for m in matches] if confirm else [],
        shown_ids=[m.pk for m in matches],
    )
    access_request.refresh_from_db()
    return access_request


def erase(access_request, officer):
    plan = access_request_erasure_plan(access_request)
    return access_request_erase(access_request=access_request, erased_by=officer, plan=plan.digest)


def test_the_plan_shows_what_goes_what_is_anonymised_and_what_is_kept_until_when(officer, customer):
    access_request = erasure_request(officer, customer.primary_contact)
    plan = {e["data"]: e for e in access_request_erasure_plan(access_request).as_list()}

    assert plan["orders.order"]["deleted"] == 2
    assert plan["orders.order"]["kept"] == [{"until": "2032-12-31", "records": 2}]
    assert "Kirjanpitolaki" in plan["orders.order"]["law_fi"]
    assert plan["customers.supportemail"]["deleted"] == 1
    assert plan["customers.analyticsevent"]["anonymised"] == 1
    # The customer and the contact stay as long as the kept vouchers, their details emptied.
    assert plan["customers.customer"]["kept"] == [{"until": "2032-12-31", "records": 1}]
    assert plan["customers.contact"]["anonymised"] == 1


def test_an_erasure_deletes_old_orders_and_keeps_recent_ones_restricted(officer, customer):
    contact = customer.primary_contact
    access_request = erasure_request(officer, contact)

    erase(access_request, officer)

    assert sorted(o.ordered_at.year for o in Order.objects.all()) == [2026, 2026]
    assert OrderLine.objects.count() == 2
    kept = Restriction.objects.filter(data="orders.order", reason="kept_by_law")
    assert {r.object_id for r in kept} == {
        str(pk) for pk in Order.objects.values_list("pk", flat=True)
    }
    assert {r.until for r in kept} == {date(2032, 12, 31)}
    assert not SupportEmail.objects.exists()
    event = AnalyticsEvent.objects.get()
    assert (event.contact, event.customer, event.session_hash, event.properties) == (
        None,
        None,
        "",
        {},
    )
    contact.refresh_from_db()
    assert (contact.first_name, contact.last_name, contact.email, contact.phone) == ("", "", "", "")
    access_request.refresh_from_db()
    assert access_request.status == "carried_out"
    assert {c["data"] for c in access_request.result["categories"]} >= {
        "orders.order",
        "customers.supportemail",
    }


def test_after_an_erasure_find_data_finds_nothing_left_to_erase(officer, customer):
    email = customer.primary_contact.email
    erase(erasure_request(officer, customer.primary_contact), officer)

    again = AccessRequestFactory(
        kind="erasure", requester_name="Eetu Poistettava", email=email, customer_number=""
    )
    access_request_verify_identity(access_request=again, verified_by=officer, method="in_person")
    matches = confirm_every_candidate(again, officer)
    again.refresh_from_db()
    assert matches, "the kept vouchers and the customer are still found"
    assert access_request_erasure_plan(again).is_empty


def test_erasing_twice_gives_a_clear_message(officer, customer):
    first = erasure_request(officer, customer.primary_contact)
    second = erasure_request(officer, customer.primary_contact)
    erase(first, officer)

    with pytest.raises(ValidationError) as refused:
        erase(second, officer)
    assert refused.value.code == "nothing_to_erase"
    with pytest.raises(ValidationError) as refused_again:
        erase(first, officer)
    assert refused_again.value.code == "wrong_step"


def test_a_person_with_no_data_confirmed_gives_a_clear_message(officer):
    access_request = erasure_request(officer, ContactFactory(), confirm=False)
    with pytest.raises(ValidationError) as refused:
        erase(access_request, officer)
    assert refused.value.code == "nothing_to_erase"


def test_a_failure_midway_leaves_the_register_unchanged(officer, customer):
    access_request = erasure_request(officer, customer.primary_contact)
    plan = access_request_erasure_plan(access_request)
    before = (Order.objects.count(), SupportEmail.objects.count(), Contact.objects.get().email)

    real_anonymise = __import__("privacy.lifecycle.services", fromlist=["anonymise"]).anonymise
    calls = []

    def failing(rows, fields):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real_anonymise(rows, fields)

    with (
        mock.patch("privacy.lifecycle.services.anonymise", failing),
        pytest.raises(RuntimeError),
    ):
        access_request_erase(access_request=access_request, erased_by=officer, plan=plan.digest)

    assert (
        Order.objects.count(),
        SupportEmail.objects.count(),
        Contact.objects.get().email,
    ) == before
    assert not Restriction.objects.exists()
    access_request.refresh_from_db()
    assert access_request.status == "identity_verified"


def test_a_plan_made_out_of_date_is_refused(officer, customer):
    access_request = erasure_request(officer, customer.primary_contact)
    plan = access_request_erasure_plan(access_request)
    SupportEmailFactory(customer=customer, sent_at=at(2026, 11, 1))
    with pytest.raises(ValidationError) as refused:
        access_request_erase(access_request=access_request, erased_by=officer, plan=plan.digest)
    assert refused.value.code == "stale"
    assert Order.objects.count() == 4


def test_apply_retention_removes_the_kept_rows_when_their_date_comes(officer, customer):
    erase(erasure_request(officer, customer.primary_contact), officer)

    retention_apply(today=date(2032, 12, 31))
    assert Order.objects.count() == 2

    retention_apply(today=date(2033, 1, 1))
    assert not Order.objects.exists()
    assert not Customer.objects.exists()
    assert not Contact.objects.exists()
    assert not Restriction.objects.exists()


def test_a_company_primary_contact_is_asked_to_be_replaced_before_erasure(officer):
    person = ContactFactory()
    company = CustomerFactory(company=True, primary_contact=person)
    SupportEmailFactory(customer=company, contact=person, sent_at=at(2026, 5, 1))
    access_request = erasure_request(officer, person)

    with pytest.raises(ValidationError) as exc:
        access_request_erasure_plan(access_request)

    assert exc.value.code == "named_elsewhere"
    assert str(Customer._meta.verbose_name) in exc.value.messages[0]
    with pytest.raises(ValidationError) as refused:
        access_request_erase(access_request=access_request, erased_by=officer, plan="")
    assert refused.value.code == "named_elsewhere"
    assert Contact.objects.filter(pk=person.pk).exists()
    assert SupportEmail.objects.filter(contact=person).exists()
    access_request.refresh_from_db()
    assert access_request.status == "identity_verified"


def test_once_the_company_names_someone_else_the_former_contact_is_erased(officer):
    person = ContactFactory()
    company = CustomerFactory(company=True, primary_contact=person)
    access_request = erasure_request(officer, person)
    Customer.objects.filter(pk=company.pk).update(primary_contact=ContactFactory())

    erase(access_request, officer)

    assert not Contact.objects.filter(pk=person.pk).exists()
    assert Customer.objects.filter(pk=company.pk).exists()
