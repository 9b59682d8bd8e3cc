from functools import partial

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from customers.models import AnalyticsEvent, Contact, Customer, MailImport, SupportEmail
from tests.customers.factories import (
    AnalyticsEventFactory,
    ContactFactory,
    CustomerContactFactory,
    CustomerFactory,
    MailImportFactory,
    SupportEmailFactory,
)
from tests.orders.factories import OrderFactory

pytestmark = pytest.mark.django_db

FACTORIES = {
    Contact: ContactFactory,
    Customer: CustomerFactory,
    SupportEmail: SupportEmailFactory,
    AnalyticsEvent: AnalyticsEventFactory,
    MailImport: MailImportFactory,
}
MODELS = pytest.mark.parametrize("model", FACTORIES, ids=lambda m: m._meta.model_name)

# Upper bounds measured on the pages as they are, with a little room; a page that needs
# more has grown an N+1 query.
MAX_CHANGELIST_QUERIES = 10
MAX_ADD_PAGE_QUERIES = 4
# The change page includes the audit-log entry of the look at the record.
MAX_CHANGE_PAGE_QUERIES = 11


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def search(client, model, term: str, **filters) -> set[int]:
    response = client.get(admin_url(model, "changelist"), {"q": term, **filters})
    assert response.status_code == 200
    return {obj.pk for obj in response.context["cl"].result_list}


def test_every_customers_model_in_the_admin_is_covered_here():
    registered = {
        model
        for model in apps.get_app_config("customers").get_models()
        if admin.site.is_registered(model)
    }
    assert registered == set(FACTORIES)


# Every page renders


@MODELS
def test_the_changelist_renders_for_a_superuser(
    superuser_client, model, django_assert_max_num_queries
):
    FACTORIES[model].create_batch(3)
    with django_assert_max_num_queries(MAX_CHANGELIST_QUERIES):
        response = superuser_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count == model.objects.count()


@MODELS
def test_the_changelist_costs_the_same_queries_for_30_rows_as_for_5(
    superuser_client, count_queries, model
):
    url = admin_url(model, "changelist")
    FACTORIES[model].create_batch(5)
    count_queries(superuser_client, url)  # fills the content-type cache
    with_5_rows = count_queries(superuser_client, url)
    FACTORIES[model].create_batch(25)
    with_30_rows = count_queries(superuser_client, url)
    assert with_30_rows == with_5_rows


@MODELS
def test_the_add_page_renders_for_a_superuser(
    superuser_client, model, django_assert_max_num_queries
):
    with django_assert_max_num_queries(MAX_ADD_PAGE_QUERIES):
        response = superuser_client.get(admin_url(model, "add"))
    assert response.status_code == 200


@MODELS
def test_the_change_page_renders_for_a_superuser(
    superuser_client, model, django_assert_max_num_queries
):
    obj = FACTORIES[model]()
    with django_assert_max_num_queries(MAX_CHANGE_PAGE_QUERIES):
        response = superuser_client.get(admin_url(model, "change", obj.pk))
    assert response.status_code == 200


# Search


def test_contacts_are_found_by_last_name(superuser_client):
    virtanen = ContactFactory(first_name="Maija", last_name="Virtanen")
    ContactFactory(first_name="Maija", last_name="Korhonen")
    assert search(superuser_client, Contact, "virtanen") == {virtanen.pk}


def test_contacts_are_found_by_first_and_last_name(superuser_client):
    maija = ContactFactory(first_name="Maija", last_name="Virtanen")
    ContactFactory(first_name="Eero", last_name="Virtanen")
    assert search(superuser_client, Contact, "Maija Virtanen") == {maija.pk}


def test_contacts_are_found_by_email(superuser_client):
    contact = ContactFactory(email="kirjanpito@leipomo-virtanen.fi")
    ContactFactory()
    assert search(superuser_client, Contact, "kirjanpito@leipomo-virtanen.fi") == {contact.pk}


def test_contacts_are_found_by_a_phone_number_typed_as_spoken(superuser_client):
    contact = ContactFactory(phone="+358401234567")
    ContactFactory(phone="+358401234568")
    assert search(superuser_client, Contact, "040 123 4567") == {contact.pk}


def test_customers_are_found_by_customer_number(superuser_client):
    customer = CustomerFactory(customer_number="AS-31337")
    CustomerFactory(customer_number="AS-31338")
    assert search(superuser_client, Customer, "AS-31337") == {customer.pk}


def test_customers_are_found_by_company_name(superuser_client):
    customer = CustomerFactory(company=True, company_name="Pohjolan Putkityö Oy")
    CustomerFactory(company=True, company_name="Rakennus Nieminen Oy")
    assert search(superuser_client, Customer, "putkityö") == {customer.pk}


def test_customers_are_found_by_the_name_of_their_contact_person(superuser_client):
    customer = CustomerFactory(primary_contact=ContactFactory(last_name="Hämäläinen"))
    CustomerFactory(primary_contact=ContactFactory(last_name="Laine"))
    assert search(superuser_client, Customer, "Hämäläinen") == {customer.pk}


def test_customers_are_found_by_the_email_of_their_contact_person(superuser_client):
    customer = CustomerFactory(primary_contact=ContactFactory(email="otto.laine@example.com"))
    CustomerFactory()
    assert search(superuser_client, Customer, "otto.laine@example.com") == {customer.pk}


def test_customers_are_found_by_a_phone_number_typed_as_spoken(superuser_client):
    customer = CustomerFactory(primary_contact=ContactFactory(phone="+358401234567"))
    CustomerFactory()
    assert search(superuser_client, Customer, "040 123 4567") == {customer.pk}


def test_a_phone_search_stays_within_the_active_filter(superuser_client):
    CustomerFactory(primary_contact=ContactFactory(phone="+358401234567"))
    assert search(superuser_client, Customer, "040 123 4567", kind__exact="company") == set()


# The customer page


def test_the_customer_page_shows_the_orders_and_email_history(superuser_client):
    customer = CustomerFactory()
    OrderFactory(customer=customer, number="TI-200001")
    SupportEmailFactory(customer=customer, subject="Verkkokaupan kassa ei aukea")
    OrderFactory(number="TI-999999")
    SupportEmailFactory(subject="Toisen asiakkaan viesti")

    response = superuser_client.get(admin_url(Customer, "change", customer.pk))

    content = response.content.decode()
    assert "TI-200001" in content
    assert "Verkkokaupan kassa ei aukea" in content
    assert "TI-999999" not in content
    assert "Toisen asiakkaan viesti" not in content


def test_the_customer_page_costs_the_same_queries_for_30_orders_and_emails_as_for_5(
    superuser_client, count_queries
):
    customer = CustomerFactory(company=True)
    url = admin_url(Customer, "change", customer.pk)
    OrderFactory.create_batch(5, customer=customer)
    SupportEmailFactory.create_batch(5, customer=customer)
    count_queries(superuser_client, url)  # fills the content-type cache
    with_5_each = count_queries(superuser_client, url)
    OrderFactory.create_batch(25, customer=customer)
    SupportEmailFactory.create_batch(25, customer=customer)
    assert count_queries(superuser_client, url) == with_5_each


def test_the_customer_page_costs_at_most_one_query_per_contact_person(
    superuser_client, queries_per_inline_row
):
    # One query a row is the autocomplete widget looking up its selected contact.
    customer = CustomerFactory(company=True)
    url = admin_url(Customer, "change", customer.pk)
    add_row = partial(CustomerContactFactory, customer=customer)
    assert queries_per_inline_row(superuser_client, url, add_row) <= 1


def test_the_contact_page_costs_at_most_one_query_per_customer_role(
    superuser_client, queries_per_inline_row
):
    contact = ContactFactory()
    url = admin_url(Contact, "change", contact.pk)
    add_row = partial(CustomerContactFactory, contact=contact)
    assert queries_per_inline_row(superuser_client, url, add_row) <= 1


# Saving through the admin


def customer_form(primary_contact, **overrides) -> dict[str, str]:
    return {
        "customer_number": "AS-40001",
        "kind": Customer.Kind.COMPANY,
        "company_name": "Saariston Veneveistämö Ay",
        "business_id": "0737546-2",
        "primary_contact": str(primary_contact.pk),
        "status": Customer.Status.ACTIVE,
        "started_on": "2025-03-04",
        "ended_on": "",
        "notes": "",
        **overrides,
    }


def contact_form(**overrides) -> dict[str, str]:
    return {
        "first_name": "Kaisa",
        "last_name": "Heikkinen",
        "preferred_language": Contact.Language.FINNISH,
        "email": "kaisa.heikkinen@example.com",
        "phone": "040 765 4321",
        "street_address": "Puijonkatu 7",
        "postal_code": "70100",
        "city": "Kuopio",
        "country": "FI",
        "source": Contact.Source.CUSTOMER_SERVICE,
        **overrides,
    }


def post_add_form(client, model, fields: dict, inline_management_data):
    url = admin_url(model, "add")
    data = {**inline_management_data(client.get(url)), **fields}
    return client.post(url, data)


def test_a_customer_added_in_the_admin_gets_a_normalised_business_id(
    superuser_client, inline_management_data
):
    contact = ContactFactory()
    response = post_add_form(
        superuser_client,
        Customer,
        customer_form(contact, business_id="07375462"),
        inline_management_data,
    )
    assert response.status_code == 302
    assert Customer.objects.get(customer_number="AS-40001").business_id == "0737546-2"


def test_an_invalid_business_id_is_a_form_error_and_saves_nothing(
    superuser_client, inline_management_data
):
    contact = ContactFactory()
    response = post_add_form(
        superuser_client,
        Customer,
        customer_form(contact, business_id="0737546-3"),
        inline_management_data,
    )
    assert response.status_code == 200
    assert "business_id" in response.context["adminform"].form.errors
    assert not Customer.objects.exists()


def test_a_company_without_a_name_is_a_form_error_and_saves_nothing(
    superuser_client, inline_management_data
):
    contact = ContactFactory()
    response = post_add_form(
        superuser_client, Customer, customer_form(contact, company_name=""), inline_management_data
    )
    assert response.status_code == 200
    assert "company_name" in response.context["adminform"].form.errors
    assert not Customer.objects.exists()


def test_a_contact_added_in_the_admin_gets_an_e164_phone(superuser_client, inline_management_data):
    response = post_add_form(superuser_client, Contact, contact_form(), inline_management_data)
    assert response.status_code == 302
    assert Contact.objects.get().phone == "+358407654321"


def test_a_bad_phone_is_a_form_error_and_saves_nothing(superuser_client, inline_management_data):
    response = post_add_form(
        superuser_client, Contact, contact_form(phone="040 765"), inline_management_data
    )
    assert response.status_code == 200
    assert "phone" in response.context["adminform"].form.errors
    assert not Contact.objects.exists()


def test_a_bad_postal_code_is_a_form_error_and_saves_nothing(
    superuser_client, inline_management_data
):
    response = post_add_form(
        superuser_client, Contact, contact_form(postal_code="7010"), inline_management_data
    )
    assert response.status_code == 200
    assert "postal_code" in response.context["adminform"].form.errors
    assert not Contact.objects.exists()
