"""Whose data a row is (`privacy.inventory.subjects`), on small data and without an answer.

The answer's own tests compile whole PDF letters; these call the rule itself and compare
the rows it gathers, model by model, with the rows that are the subject's.
"""

import dataclasses

import pytest

from customers.models import (
    AnalyticsEvent,
    Contact,
    Customer,
    CustomerContact,
    SupportEmail,
    SupportEmailAttachment,
)
from orders.models import Order, OrderLine
from privacy.inventory import DataCategory, Registry, registry
from privacy.inventory.subjects import Subject, own_customer_ids, rows_of_subject
from tests.customers.factories import (
    AnalyticsEventFactory,
    ContactFactory,
    CustomerContactFactory,
    CustomerFactory,
    SupportEmailAttachmentFactory,
    SupportEmailFactory,
)
from tests.orders.factories import OrderFactory, OrderLineFactory

pytestmark = pytest.mark.django_db

CONTACT = "customers.contact"
CUSTOMER = "customers.customer"


def gathered(subject: Subject, *, registry: Registry = registry) -> dict:
    return {
        found.declaration.model: set(found.rows)
        for found in rows_of_subject(subject, registry=registry)
    }


def of_contact(contact) -> Subject:
    return Subject(rows={CONTACT: frozenset({contact.pk})})


def test_a_private_customer_of_the_person_is_their_own_and_a_company_or_anothers_is_not():
    aino = ContactFactory()
    private = CustomerFactory(primary_contact=aino)
    CustomerFactory(company=True, primary_contact=aino)
    CustomerFactory()  # somebody else's

    assert own_customer_ids(of_contact(aino)) == frozenset({private.pk})


def test_a_private_customer_confirmed_as_the_subjects_is_their_own_without_a_person():
    customer = CustomerFactory()
    company = CustomerFactory(company=True)

    subject = Subject(rows={CUSTOMER: frozenset({customer.pk, company.pk})})

    assert own_customer_ids(subject) == frozenset({customer.pk})


def test_an_empty_subject_has_no_customers_and_no_rows():
    CustomerFactory()
    SupportEmailFactory()

    assert own_customer_ids(Subject()) == frozenset()
    assert all(rows == set() for rows in gathered(Subject()).values())


def test_without_a_declared_customer_model_nobody_has_own_customers():
    aino = ContactFactory()
    CustomerFactory(primary_contact=aino)
    local = Registry()
    local.register(registry.for_model(Contact))

    assert own_customer_ids(of_contact(aino), registry=local) == frozenset()


def test_a_row_of_the_own_customer_about_another_person_stays_out_and_one_about_nobody_stays_in():
    aino = ContactFactory()
    ville = ContactFactory()
    customer = CustomerFactory(primary_contact=aino)
    own_role = CustomerContactFactory(customer=customer, contact=aino)
    CustomerContactFactory(customer=customer, contact=ville)
    to_aino = SupportEmailFactory(customer=customer, contact=aino)
    SupportEmailFactory(customer=customer, contact=ville)
    about_nobody = SupportEmailFactory(
        customer=customer, contact=None, from_address="x@example.com"
    )
    aino_event = AnalyticsEventFactory(customer=customer, contact=aino)
    AnalyticsEventFactory(customer=customer, contact=ville)
    customer_event = AnalyticsEventFactory(customer=customer, contact=None)

    found = gathered(of_contact(aino))

    assert found[Contact] == {aino}
    assert found[Customer] == {customer}
    assert found[CustomerContact] == {own_role}
    assert found[SupportEmail] == {to_aino, about_nobody}
    assert found[AnalyticsEvent] == {aino_event, customer_event}


def test_the_other_contact_person_gets_their_own_rows_but_not_the_customers_others():
    aino = ContactFactory()
    ville = ContactFactory()
    customer = CustomerFactory(primary_contact=aino)
    ville_role = CustomerContactFactory(customer=customer, contact=ville)
    to_ville = SupportEmailFactory(customer=customer, contact=ville)
    SupportEmailFactory(customer=customer, contact=aino)
    SupportEmailFactory(customer=customer, contact=None, from_address="x@example.com")
    OrderFactory(customer=customer)

    found = gathered(of_contact(ville))

    assert found[Contact] == {ville}
    assert found[Customer] == set()
    assert found[CustomerContact] == {ville_role}
    assert found[SupportEmail] == {to_ville}
    assert found[Order] == set()


def test_the_primary_contact_of_a_confirmed_private_customer_is_gathered_with_their_rows():
    aino = ContactFactory()
    customer = CustomerFactory(primary_contact=aino)
    event = AnalyticsEventFactory(customer=None, contact=aino)

    found = gathered(Subject(rows={CUSTOMER: frozenset({customer.pk})}))

    assert found[Contact] == {aino}
    assert found[Customer] == {customer}
    assert found[AnalyticsEvent] == {event}


def test_rows_holding_a_confirmed_identifier_are_gathered_with_their_parts_but_not_namesakes():
    customer = CustomerFactory(company=True)
    billed = OrderFactory(customer=customer, billing_email="aino@example.com")
    line = OrderLineFactory(order=billed)
    other = OrderFactory(customer=customer, billing_email="ville@example.com")
    OrderLineFactory(order=other)
    sent = SupportEmailFactory(customer=customer, from_address="aino@example.com")
    attachment = SupportEmailAttachmentFactory(email=sent)
    SupportEmailAttachmentFactory(email=SupportEmailFactory(customer=customer))

    found = gathered(Subject(identifiers=frozenset({("email", "aino@example.com")})))

    assert found[Order] == {billed}
    assert found[OrderLine] == {line}
    assert found[SupportEmail] == {sent}
    assert found[SupportEmailAttachment] == {attachment}
    # An identifier never makes a person or a customer of its own.
    assert found[Contact] == set()
    assert found[Customer] == set()


def test_an_orders_lines_are_gathered_even_when_their_declaration_comes_before_the_orders():
    aino = ContactFactory()
    customer = CustomerFactory(primary_contact=aino)
    order = OrderFactory(customer=customer)
    lines = {OrderLineFactory(order=order), OrderLineFactory(order=order)}
    OrderLineFactory()
    local = Registry()
    for model in (OrderLine, Order, Customer, Contact):
        local.register(registry.for_model(model))

    found = gathered(of_contact(aino), registry=local)

    assert found[Order] == {order}
    assert found[OrderLine] == lines
    # The answer lists the models in the registry's own order.
    assert [
        found.declaration.model for found in rows_of_subject(of_contact(aino), registry=local)
    ] == [declaration.model for declaration in local.all()]


def test_each_row_is_gathered_once_and_the_persons_are_the_subjects():
    aino = ContactFactory()
    customer = CustomerFactory(primary_contact=aino)
    email = SupportEmailFactory(customer=customer, contact=aino, from_address=aino.email)

    subject = Subject(
        rows={CONTACT: frozenset({aino.pk}), "customers.supportemail": frozenset({email.pk})},
        identifiers=frozenset({("email", aino.email.casefold())}),
    )
    results = rows_of_subject(subject)

    by_model = {found.declaration.model: list(found.rows) for found in results}
    assert by_model[SupportEmail] == [email]
    assert {found.persons for found in results} == {frozenset({aino.pk})}


def test_a_part_of_a_part_is_gathered_though_both_are_declared_before_the_whole():
    # The order is here part of its customer alone, so its lines are reached only through
    # the order, and the order only through the customer, which the registry lists last.
    order_of_customer = dataclasses.replace(
        registry.for_model(Order), customer_paths=[], identifiers=[], part_of="customer"
    )
    customer_listed_last = dataclasses.replace(
        registry.for_model(Customer), category=DataCategory.ORDERS
    )
    local = Registry()
    for declaration in (
        registry.for_model(Contact),
        registry.for_model(OrderLine),
        order_of_customer,
        customer_listed_last,
    ):
        local.register(declaration)
    assert [d.model for d in local.all()] == [Contact, OrderLine, Order, Customer]
    aino = ContactFactory()
    order = OrderFactory(customer=CustomerFactory(primary_contact=aino))
    line = OrderLineFactory(order=order)
    OrderLineFactory()

    found = gathered(of_contact(aino), registry=local)

    assert found[Order] == {order}
    assert found[OrderLine] == {line}


def test_declarations_part_of_each_other_are_still_gathered_each_by_its_own_rules():
    # A cycle the system check refuses: the order part of its lines, the lines of the order.
    order_of_its_lines = dataclasses.replace(registry.for_model(Order), part_of="lines")
    local = Registry()
    for declaration in (
        registry.for_model(Contact),
        registry.for_model(Customer),
        order_of_its_lines,
        registry.for_model(OrderLine),
    ):
        local.register(declaration)
    aino = ContactFactory()
    order = OrderFactory(customer=CustomerFactory(primary_contact=aino))
    OrderLineFactory(order=order)

    found = gathered(of_contact(aino), registry=local)

    assert found[Customer] == {order.customer}
    assert found[Order] == {order}


def test_a_row_confirmed_as_the_subjects_is_gathered_though_nothing_else_leads_to_it():
    company = CustomerFactory(company=True)
    email = SupportEmailFactory(customer=company, contact=None, from_address="x@example.com")
    SupportEmailFactory(customer=company, contact=None, from_address="y@example.com")
    aino = ContactFactory()

    subject = Subject(
        rows={CONTACT: frozenset({aino.pk}), "customers.supportemail": frozenset({email.pk})}
    )

    assert gathered(subject)[SupportEmail] == {email}


def test_a_person_holding_a_confirmed_email_is_not_gathered_by_the_email_alone():
    ContactFactory(email="aino@example.com")
    order = OrderFactory(customer=CustomerFactory(company=True), billing_email="aino@example.com")

    found = gathered(Subject(identifiers=frozenset({("email", "aino@example.com")})))

    assert found[Contact] == set()
    assert found[Order] == {order}


def test_without_a_declared_customer_model_a_confirmed_customer_reaches_nobody():
    aino = ContactFactory()
    customer = CustomerFactory(primary_contact=aino)
    SupportEmailFactory(customer=customer, contact=aino)
    local = Registry()
    local.register(registry.for_model(Contact))
    local.register(registry.for_model(SupportEmail))

    found = gathered(Subject(rows={CUSTOMER: frozenset({customer.pk})}), registry=local)

    assert found == {Contact: set(), SupportEmail: set()}


def test_without_a_declared_person_model_the_confirmed_customers_rows_are_gathered():
    aino = ContactFactory()
    customer = CustomerFactory(primary_contact=aino)
    order = OrderFactory(customer=customer)
    OrderFactory()
    local = Registry()
    local.register(registry.for_model(Customer))
    local.register(registry.for_model(Order))
    subject = Subject(rows={CUSTOMER: frozenset({customer.pk})})

    assert own_customer_ids(subject, registry=local) == frozenset({customer.pk})
    results = rows_of_subject(subject, registry=local)
    assert {found.declaration.model: set(found.rows) for found in results} == {
        Customer: {customer},
        Order: {order},
    }
    assert {found.persons for found in results} == {frozenset()}


def test_a_row_of_the_own_customer_about_another_person_through_another_row_stays_out():
    # Attachments declared by the paths of their email rather than as a part of it.
    attachments = dataclasses.replace(
        registry.for_model(SupportEmailAttachment),
        part_of=None,
        person_paths=["email__contact"],
        customer_paths=["email__customer"],
    )
    local = Registry()
    for model in (Contact, Customer):
        local.register(registry.for_model(model))
    local.register(attachments)
    aino = ContactFactory()
    ville = ContactFactory()
    customer = CustomerFactory(primary_contact=aino)
    to_aino = SupportEmailAttachmentFactory(email__customer=customer, email__contact=aino)
    SupportEmailAttachmentFactory(email__customer=customer, email__contact=ville)
    about_nobody = SupportEmailAttachmentFactory(
        email__customer=customer, email__contact=None, email__from_address="x@example.com"
    )

    found = gathered(of_contact(aino), registry=local)

    assert found[SupportEmailAttachment] == {to_aino, about_nobody}
