"""Whose data goes into an answer: a company's records are not its contact persons' data.

GDPR Art. 15(4): a copy must not adversely affect the rights of others. A company's second
contact person gets their own role and the orders billed to their own address; not the
company's record, its other orders, or its primary contact's details.
"""

import json

import pytest

from tests.customers.factories import (
    ContactFactory,
    CustomerContactFactory,
    CustomerFactory,
    SupportEmailFactory,
)
from tests.orders.factories import OrderFactory, OrderLineFactory, ProductFactory
from tests.privacy.factories import compiled_access_request, package_files, pdf_text, squeeze

pytestmark = pytest.mark.django_db


def answer_of(access_request) -> tuple[dict, str, str]:
    """(export JSON, letter text, CSV) of a compiled request."""
    files = package_files(access_request)
    return json.loads(files["json"]), squeeze(pdf_text(files["letter"])), files["csv"].decode()


def records(document: dict, data: str) -> list[dict]:
    return [
        record
        for category in document["categories"]
        for record in category["records"]
        if record["data"] == data
    ]


def values(record: dict) -> dict:
    return {field["field"]: field["display"] for field in record["fields"]}


@pytest.fixture
def company_with_two_contacts():
    """Company X: B is its primary contact, A its marketing contact person.

    Two of its orders are billed to B, one to A.
    """
    b = ContactFactory(first_name="Bertta", last_name="Pääkäyttäjä", email="bertta@yritys.fi")
    company = CustomerFactory(company=True, primary_contact=b)
    a = ContactFactory(first_name="Aatu", last_name="Markkinoija", email="aatu@yritys.fi")
    CustomerContactFactory(customer=company, contact=a, role="marketing")
    product = ProductFactory(name="Verkkokauppa Pro")
    billed_to_b = [OrderFactory(customer=company) for _ in range(2)]
    billed_to_a = OrderFactory(customer=company, billing_email=a.email, billing_name=a.full_name)
    for order in [*billed_to_b, billed_to_a]:
        OrderLineFactory(order=order, product=product)
    SupportEmailFactory(customer=company, contact=b, subject="Bertan oma viesti")
    return company, a, b, billed_to_a, billed_to_b


def test_a_second_contact_person_gets_no_record_of_the_company_and_no_trace_of_the_primary(
    company_with_two_contacts,
):
    company, a, b, _billed_to_a, billed_to_b = company_with_two_contacts

    request = compiled_access_request(contact=a)
    document, letter, csv_text = answer_of(request)

    assert records(document, "customers.Customer") == []
    for text in (json.dumps(document, ensure_ascii=False), letter, csv_text):
        for trace in [b.email, b.full_name, b.phone, "Bertan oma viesti"]:
            assert squeeze(trace) not in squeeze(text)
        for order in billed_to_b:
            assert order.number not in text


def test_a_second_contact_person_gets_their_role_and_the_orders_billed_to_them(
    company_with_two_contacts,
):
    company, a, _b, billed_to_a, _billed_to_b = company_with_two_contacts

    request = compiled_access_request(contact=a)
    document, letter, _csv = answer_of(request)

    [role] = records(document, "customers.CustomerContact")
    assert values(role)["customer"] == f"{company.customer_number} {company.company_name}"
    assert values(role)["role"] == "Markkinointi"
    [order] = records(document, "orders.Order")
    assert values(order)["number"] == billed_to_a.number
    assert values(order)["billing_email"] == "aatu@yritys.fi"
    [line] = records(document, "orders.OrderLine")
    assert values(line)["description"] == "Verkkokauppa Pro"
    assert billed_to_a.number in letter


def test_the_primary_contact_is_not_given_the_orders_billed_to_another_person(
    company_with_two_contacts,
):
    _company, a, b, billed_to_a, billed_to_b = company_with_two_contacts

    request = compiled_access_request(contact=b)
    document, letter, _csv = answer_of(request)

    numbers = {values(order)["number"] for order in records(document, "orders.Order")}
    assert numbers == {order.number for order in billed_to_b}
    assert billed_to_a.number not in letter
    assert squeeze(a.email) not in letter
    # B is named on the company's record as its primary contact; A is someone else there.
    [company_record] = records(document, "customers.Customer")
    assert values(company_record)["primary_contact"] == b.full_name


def test_a_private_customer_gets_every_order_of_their_own_relationship():
    person = ContactFactory(email="aino@example.com")
    customer = CustomerFactory(primary_contact=person)
    orders = [
        OrderFactory(customer=customer),
        # Billed to an old address, or to none: still the person's own orders.
        OrderFactory(customer=customer, billing_email="aino.vanha@example.com"),
        OrderFactory(customer=customer, billing_email=""),
    ]
    OrderFactory(billing_email="joku.muu@example.com")

    request = compiled_access_request(contact=person)
    document, _letter, _csv = answer_of(request)

    numbers = {values(order)["number"] for order in records(document, "orders.Order")}
    assert numbers == {order.number for order in orders}
    [relationship] = records(document, "customers.Customer")
    assert values(relationship)["customer_number"] == customer.customer_number


def test_a_private_customers_other_contact_person_stays_out_of_their_answer():
    person = ContactFactory()
    customer = CustomerFactory(primary_contact=person)
    spouse = ContactFactory(first_name="Puoliso", email="puoliso@example.com")
    CustomerContactFactory(customer=customer, contact=spouse, role="technical")
    SupportEmailFactory(customer=customer, contact=spouse, subject="Puolison kysymys")

    request = compiled_access_request(contact=person)
    document, letter, _csv = answer_of(request)

    assert records(document, "customers.CustomerContact") == []
    assert squeeze("Puolison kysymys") not in letter
    assert squeeze(spouse.email) not in json.dumps(document, ensure_ascii=False)
