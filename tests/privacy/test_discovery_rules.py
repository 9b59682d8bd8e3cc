"""The rules of discovery (`privacy.inventory.discovery`) that a requester's identifiers meet.

Each test calls the discovery with what a requester wrote and compares the candidates, or
the compared form of a value, with what the rule says.
"""

import dataclasses

import pytest

from customers.models import Contact, Customer, SupportEmail
from privacy.inventory import IdentifierKind, Registry, registry
from privacy.inventory.discovery import Requester, find_candidates, normalize, reason_label
from tests.customers.factories import ContactFactory, CustomerFactory, SupportEmailFactory

pytestmark = pytest.mark.django_db

CONTACT = "customers.contact"
CUSTOMER = "customers.customer"
SUPPORT_EMAIL = "customers.supportemail"


def found(requester: Requester) -> list[tuple[str, str, list[str]]]:
    return [(c.data, c.object_id, c.reasons) for c in find_candidates(requester)]


def test_a_name_without_an_address_finds_nobody_even_a_namesake_without_an_address():
    ContactFactory(first_name="Aino", last_name="Korhonen", street_address="", postal_code="")
    ContactFactory(first_name="Aino", last_name="Korhonen")

    assert found(Requester(name="Aino Korhonen")) == []


def test_an_address_without_a_name_finds_nobody_living_there():
    ContactFactory(street_address="Hämeenkatu 12", postal_code="33100")

    assert found(Requester(street_address="Hämeenkatu 12", postal_code="33100")) == []


def test_a_customer_number_is_compared_without_letter_case_or_surrounding_space():
    assert normalize(IdentifierKind.CUSTOMER_NUMBER, " AS-10001 ") == "as-10001"
    assert normalize(IdentifierKind.EMAIL, " Aino@Example.COM ") == "aino@example.com"
    # A phone number keeps its form: it is compared as stored.
    assert normalize(IdentifierKind.PHONE, " +358 40 123 ") == "+358 40 123"
    assert normalize(IdentifierKind.EMAIL, None) == ""


def test_a_customer_number_in_other_letter_case_finds_the_customer():
    customer = CustomerFactory(customer_number="AS-10001")
    CustomerFactory(customer_number="AS-100011")

    assert Requester(customer_number=" AS-10001 ").value(IdentifierKind.CUSTOMER_NUMBER) == (
        "as-10001"
    )
    assert found(Requester(customer_number=" as-10001")) == [
        (CUSTOMER, str(customer.pk), ["customers.customer:customer_number:customer_number"])
    ]


@pytest.mark.parametrize(
    ("code", "finnish", "english"),
    [
        (
            "customers.customer:customer_number:customer_number",
            "asiakas: asiakasnumero",
            "customer: customer number",
        ),
        (
            "customers.contact:name_and_address:postal_code",
            "yhteyshenkilö: nimi ja osoite (postinumero)",
            "contact: name and address (postal code)",
        ),
        (
            "customers.supportemail:email:to_addresses",
            "asiakaspalveluviesti: vastaanottajien sähköpostiosoitteet",
            "support email: recipients' email addresses",
        ),
    ],
)
def test_a_reason_reads_as_the_data_and_the_item_that_matched_in_either_language(
    code, finnish, english
):
    assert reason_label(code, "fi") == finnish
    assert reason_label(code, "en") == english


@pytest.mark.parametrize(
    "code", ["orders.nothing:email:x", "customers.contact:no_kind:email", "customers.contact:email"]
)
def test_a_reason_that_is_not_understood_is_shown_as_it_is(code):
    assert reason_label(code, "en") == code


def test_a_namesake_on_another_street_without_a_postal_code_is_not_found_by_the_street_alone():
    here = ContactFactory(
        first_name="Aino", last_name="Korhonen", street_address="Hämeenkatu 12", postal_code=""
    )
    ContactFactory(
        first_name="Aino", last_name="Korhonen", street_address="Satakunnankatu 3", postal_code=""
    )

    candidates = found(Requester(name="Aino Korhonen", street_address="Hämeenkatu 12"))

    assert [object_id for _data, object_id, _reasons in candidates] == [str(here.pk)]


def test_messages_from_and_to_one_address_are_one_candidate_counting_every_message():
    customer = CustomerFactory(company=True)
    sent = SupportEmailFactory(customer=customer, contact=None, from_address="aino@example.com")
    received = SupportEmailFactory(
        customer=customer,
        contact=None,
        from_address="tuki@webstrella.fi",
        to_addresses="aino@example.com",
    )
    copied = SupportEmailFactory(
        customer=customer,
        contact=None,
        from_address="tuki@webstrella.fi",
        to_addresses="ville@example.com",
        cc_addresses="aino@example.com",
    )

    candidates = find_candidates(Requester(email="aino@example.com"))

    assert [(c.data, c.value, c.rows) for c in candidates] == [
        (SUPPORT_EMAIL, "aino@example.com", 3)
    ]
    assert candidates[0].row_ids == {sent.pk, received.pk, copied.pk}
    assert candidates[0].reasons == [
        "customers.supportemail:email:from_address",
        "customers.supportemail:email:to_addresses",
        "customers.supportemail:email:cc_addresses",
    ]


def test_candidates_come_in_the_order_of_the_declarations_whatever_their_row_ids():
    contact = ContactFactory(pk=900, email="aino@example.com")
    customer = CustomerFactory(pk=100, customer_number="AS-10001", primary_contact=contact)
    SupportEmailFactory(customer=customer, contact=contact, from_address="aino@example.com")

    candidates = find_candidates(Requester(email="aino@example.com", customer_number="AS-10001"))

    assert [(c.data, c.object_id) for c in candidates] == [
        (CONTACT, "900"),
        (CUSTOMER, "100"),
        (SUPPORT_EMAIL, ""),
    ]


def test_identifiers_declared_after_the_name_and_address_are_searched_too():
    contact_declaration = registry.for_model(Contact)
    name_and_address_first = dataclasses.replace(
        contact_declaration, identifiers=list(reversed(contact_declaration.identifiers))
    )
    local = Registry()
    local.register(name_and_address_first)
    local.register(registry.for_model(Customer))
    local.register(registry.for_model(SupportEmail))
    aino = ContactFactory(email="aino@example.com")

    candidates = find_candidates(Requester(email="Aino@example.com"), registry=local)

    assert [(c.data, c.object_id, c.reasons) for c in candidates] == [
        (CONTACT, str(aino.pk), ["customers.contact:email:email"])
    ]
