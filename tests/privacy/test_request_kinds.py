"""Rectification, erasure, restriction and objection in the one workflow, from the admin."""

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from customers.models import Contact
from privacy.lifecycle.models import Restriction
from privacy.requests.models import AccessRequest
from privacy.requests.services import (
    access_request_find_data,
    access_request_verify_identity,
)
from privacy.requests.workflow import Step, offered
from tests.customers.factories import ContactFactory, CustomerFactory, SupportEmailFactory
from tests.orders.factories import OrderFactory
from tests.privacy.factories import (
    AccessRequestFactory,
    compiled_access_request,
    confirm_every_candidate,
    package_files,
)

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime(2026, 11, 30, 12, tzinfo=HELSINKI), tick=False):
        yield


def ready(officer, contact, kind) -> AccessRequest:
    """A request of `kind` with its identity verified and every candidate confirmed."""
    access_request = AccessRequestFactory(contact=contact, kind=kind)
    access_request_verify_identity(
        access_request=access_request, verified_by=officer, method="register_details"
    )
    confirm_every_candidate(access_request, officer)
    access_request.refresh_from_db()
    return access_request


def step_url(access_request, step) -> str:
    return reverse(f"admin:privacy_accessrequest_{step}", args=[access_request.pk])


def page_data(response) -> dict:
    form = response.context["form"]
    return {name: form[name].value() or "" for name in form.fields}


@pytest.mark.parametrize(
    ("kind", "step"),
    [
        ("erasure", Step.ERASE),
        ("rectification", Step.RECTIFY),
        ("restriction", Step.RESTRICT),
        ("objection", Step.RESTRICT),
        ("access", Step.COMPILE),
    ],
)
def test_each_kind_is_offered_its_own_step_only(privacy_officer, kind, step):
    access_request = ready(privacy_officer, ContactFactory(), kind)
    carrying_out = {Step.ERASE, Step.RECTIFY, Step.RESTRICT, Step.COMPILE}
    assert {s for s in carrying_out if offered(s, access_request, privacy_officer)} == {step}


@pytest.mark.parametrize("step", ["erase", "rectify", "restrict"])
def test_customer_service_gets_403_on_the_steps(
    privacy_officer, customer_service_client, sales_client, step
):
    kind = {"erase": "erasure", "rectify": "rectification", "restrict": "restriction"}[step]
    access_request = ready(privacy_officer, ContactFactory(), kind)
    assert customer_service_client.get(step_url(access_request, step)).status_code == 403
    assert customer_service_client.post(step_url(access_request, step)).status_code == 403
    assert sales_client.get(step_url(access_request, step)).status_code == 403


def test_the_officer_sees_the_erasure_plan_and_approves_it(privacy_officer, privacy_officer_client):
    customer = CustomerFactory(started_on=date(2018, 1, 1))
    OrderFactory(customer=customer, ordered_at=datetime(2019, 3, 1, tzinfo=HELSINKI))
    OrderFactory(customer=customer, ordered_at=datetime(2026, 3, 1, tzinfo=HELSINKI))
    access_request = ready(privacy_officer, customer.primary_contact, "erasure")

    page = privacy_officer_client.get(step_url(access_request, "erase"), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    text = page.content.decode()
    assert "31.12.2032" in text or "2032-12-31" in text
    assert "Accounting Act" in text or "Kirjanpitolaki" in text

    response = privacy_officer_client.post(step_url(access_request, "erase"), page_data(page))
    assert response.status_code == 302
    access_request.refresh_from_db()
    assert access_request.status == "carried_out"
    assert Restriction.objects.filter(reason="kept_by_law", data="orders.order").count() == 1

    # Erasing again is a message on the request's page, never an error page.
    again = privacy_officer_client.post(
        step_url(access_request, "erase"), page_data(page), follow=True
    )
    assert again.status_code == 200


def test_erasing_a_person_with_nothing_left_is_a_message(privacy_officer, privacy_officer_client):
    access_request = AccessRequestFactory(kind="erasure", email="nobody@example.com")
    access_request_verify_identity(
        access_request=access_request, verified_by=privacy_officer, method="in_person"
    )
    access_request_find_data(access_request=access_request, searched_by=privacy_officer)
    page = privacy_officer_client.get(step_url(access_request, "erase"))
    assert page.status_code == 200
    response = privacy_officer_client.post(step_url(access_request, "erase"), page_data(page))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_a_rectification_shows_in_the_register_and_in_the_next_answer(
    privacy_officer, privacy_officer_client
):
    contact = ContactFactory(street_address="Väärä katu 1")
    SupportEmailFactory(customer=CustomerFactory(primary_contact=contact))
    access_request = ready(privacy_officer, contact, "rectification")
    page = privacy_officer_client.get(step_url(access_request, "rectify"))
    data = {
        **page_data(page),
        "what_was_wrong": "Osoite on muuttunut.",
        "field_1": f"customers.contact:{contact.pk}:street_address",
        "value_1": "Oikea katu 2",
    }

    response = privacy_officer_client.post(step_url(access_request, "rectify"), data)

    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.street_address == "Oikea katu 2"
    access_request.refresh_from_db()
    assert access_request.result["corrections"][0]["old"] == "Väärä katu 1"
    assert access_request.result["corrections"][0]["new"] == "Oikea katu 2"
    # In the register, as customer service sees it...
    view = privacy_officer_client.get(reverse("admin:customers_contact_change", args=[contact.pk]))
    assert "Oikea katu 2" in view.content.decode()
    # ...and in the next answer to an access request.
    answer = compiled_access_request(officer=privacy_officer, contact=contact)
    export = json.loads(package_files(answer)["json"])
    assert "Oikea katu 2" in json.dumps(export, ensure_ascii=False)
    assert "Väärä katu 1" not in json.dumps(export, ensure_ascii=False)


def test_a_rectification_to_an_invalid_value_is_refused_and_nothing_changes(
    privacy_officer, privacy_officer_client
):
    contact = ContactFactory(postal_code="33100")
    access_request = ready(privacy_officer, contact, "rectification")
    page = privacy_officer_client.get(step_url(access_request, "rectify"))
    data = {
        **page_data(page),
        "what_was_wrong": "Postinumero",
        "field_1": f"customers.contact:{contact.pk}:postal_code",
        "value_1": "ABC",
    }
    response = privacy_officer_client.post(step_url(access_request, "rectify"), data)
    assert response.status_code == 200
    assert Contact.objects.get(pk=contact.pk).postal_code == "33100"
    access_request.refresh_from_db()
    assert access_request.status == "identity_verified"


@pytest.mark.parametrize("kind", ["restriction", "objection"])
def test_restriction_and_objection_mark_the_rows(
    privacy_officer, privacy_officer_client, customer_service_client, kind
):
    contact = ContactFactory()
    access_request = ready(privacy_officer, contact, kind)
    page = privacy_officer_client.get(step_url(access_request, "restrict"))

    response = privacy_officer_client.post(step_url(access_request, "restrict"), page_data(page))

    assert response.status_code == 302
    assert Restriction.objects.get(data="customers.contact").reason == kind
    access_request.refresh_from_db()
    assert access_request.result["categories"][0]["restricted"] == 1
    listed = customer_service_client.get(reverse("admin:customers_contact_changelist"))
    assert contact not in listed.context["cl"].result_list


def test_the_list_filters_by_kind(privacy_officer_client):
    erasure = AccessRequestFactory(kind="erasure")
    AccessRequestFactory(kind="access")
    response = privacy_officer_client.get(
        reverse("admin:privacy_accessrequest_changelist"), {"kind__exact": "erasure"}
    )
    assert list(response.context["cl"].result_list) == [erasure]
