"""The letter telling a requester what was done: corrected, erased and kept, or restricted."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from privacy.description.models import RegisterDescription
from privacy.lifecycle.services import Correction
from privacy.requests.letters import outcome_letter_pdf
from privacy.requests.services import (
    access_request_erase,
    access_request_erasure_plan,
    access_request_rectify,
    access_request_restrict,
)
from privacy.requests.workflow import stamp
from tests.customers.factories import ContactFactory, CustomerFactory, SupportEmailFactory
from tests.orders.factories import OrderFactory
from tests.privacy.factories import pdf_text, squeeze
from tests.privacy.test_request_kinds import ready

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime(2026, 11, 30, 12, tzinfo=HELSINKI), tick=False):
        yield


def letter_of(access_request) -> str:
    access_request.refresh_from_db()
    controller = RegisterDescription.objects.get()
    return squeeze(pdf_text(outcome_letter_pdf(access_request, controller)))


def erased(officer, language: str):
    customer = CustomerFactory(started_on=date(2018, 1, 1))
    OrderFactory(customer=customer, ordered_at=datetime(2019, 3, 1, tzinfo=HELSINKI))
    OrderFactory(customer=customer, ordered_at=datetime(2026, 3, 1, tzinfo=HELSINKI))
    SupportEmailFactory(customer=customer)
    access_request = ready(officer, customer.primary_contact, "erasure")
    access_request.language = language
    access_request.save(update_fields=["language"])
    plan = access_request_erasure_plan(access_request)
    return access_request_erase(
        access_request=access_request,
        erased_by=officer,
        plan=plan.digest,
        seen=stamp(access_request),
    )


def test_the_erasure_letter_says_what_was_erased_and_what_is_kept_until_when_and_why(
    privacy_officer,
):
    text = letter_of(erased(privacy_officer, "fi"))

    assert squeeze("Tietojenne poistaminen") in text
    assert squeeze("17 artikla") in text
    # The support email is gone; the 2019 order went, the 2026 order stays as a voucher.
    assert squeeze("poistettu 1 kpl") in text
    assert squeeze("säilytetään 31.12.2032 asti") in text
    assert squeeze("Kirjanpitolaki") in text
    assert squeeze("tietosuojavaltuutetun") in text


def test_the_erasure_letter_in_english(privacy_officer):
    text = letter_of(erased(privacy_officer, "en"))

    assert squeeze("The erasure of your data") in text
    assert squeeze("kept until 2032-12-31") in text
    assert squeeze("Accounting Act") in text


def test_the_rectification_letter_lists_each_correction_with_the_old_and_new_value(
    privacy_officer,
):
    contact = ContactFactory(street_address="Väärä katu 1")
    access_request = ready(privacy_officer, contact, "rectification")
    access_request_rectify(
        access_request=access_request,
        rectified_by=privacy_officer,
        what_was_wrong="Osoite on muuttunut.",
        corrections=[
            Correction("customers.contact", str(contact.pk), "street_address", "Oikea katu 2")
        ],
        seen=stamp(access_request),
    )

    text = letter_of(access_request)

    assert squeeze("Osoite on muuttunut.") in text
    assert squeeze("katuosoite: aiemmin “Väärä katu 1”, nyt “Oikea katu 2”") in text


@pytest.mark.parametrize(
    ("kind", "lead"), [("restriction", "18 artikla"), ("objection", "21 artikla")]
)
def test_the_restriction_and_objection_letters_say_what_is_restricted_and_how_long(
    privacy_officer, kind, lead
):
    contact = ContactFactory()
    access_request = ready(privacy_officer, contact, kind)
    access_request_restrict(
        access_request=access_request,
        restricted_by=privacy_officer,
        until=date(2027, 6, 30),
        seen=stamp(access_request),
    )

    text = letter_of(access_request)

    assert squeeze(lead) in text
    [restricted] = access_request.result["categories"]
    assert squeeze(f"{restricted['name_fi']}: 1 kpl") in text
    assert squeeze("30.6.2027 asti") in text


def test_no_letter_before_the_request_is_carried_out(privacy_officer, privacy_officer_client):
    access_request = ready(privacy_officer, ContactFactory(), "erasure")
    url = reverse("admin:privacy_accessrequest_outcome_letter", args=[access_request.pk])

    response = privacy_officer_client.get(url, follow=True, HTTP_ACCEPT_LANGUAGE="en")

    assert response.redirect_chain
    assert f"Nothing has been carried out on the request {access_request.reference}" in (
        response.content.decode()
    )


def test_the_officer_downloads_the_letter_and_other_staff_get_403(
    privacy_officer, privacy_officer_client, customer_service_client
):
    access_request = erased(privacy_officer, "fi")
    url = reverse("admin:privacy_accessrequest_outcome_letter", args=[access_request.pk])
    page = privacy_officer_client.get(
        reverse("admin:privacy_accessrequest_change", args=[access_request.pk])
    )
    assert url in page.content.decode()

    response = privacy_officer_client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert customer_service_client.get(url).status_code == 403
