"""Namesakes in the choices of an autocomplete field are told apart by city and email."""

import pytest
from django.urls import reverse

from privacy.models import AuditEntry
from tests.customers.factories import ContactFactory, CustomerFactory

pytestmark = pytest.mark.django_db

ORDER_CUSTOMER = {"app_label": "orders", "model_name": "order", "field_name": "customer"}
CUSTOMER_CONTACT = {
    "app_label": "customers",
    "model_name": "customer",
    "field_name": "primary_contact",
}


def jyrki(city: str, email: str):
    return ContactFactory(first_name="Jyrki", last_name="Virtanen", city=city, email=email)


def texts(client, params) -> list[str]:
    response = client.get(reverse("admin:autocomplete"), {**params, "term": "Virtanen"})
    assert response.status_code == 200
    return sorted(row["text"] for row in response.json()["results"])


def test_two_contacts_of_the_same_name_are_told_apart(customer_service_client):
    jyrki("Kuopio", "jyrki.virtanen@example.com")
    jyrki("Oulu", "jv@example.org")
    assert texts(customer_service_client, CUSTOMER_CONTACT) == [
        "Jyrki Virtanen (Kuopio, j…@example.com)",
        "Jyrki Virtanen (Oulu, j…@example.org)",
    ]


def test_two_customers_of_the_same_name_are_told_apart(sales_client):
    first = CustomerFactory(primary_contact=jyrki("Kuopio", "a@example.com"))
    second = CustomerFactory(primary_contact=jyrki("Oulu", "b@example.org"))
    found = texts(sales_client, ORDER_CUSTOMER)
    assert len(found) == 2
    assert any("Kuopio, a…@example.com" in text and first.customer_number in text for text in found)
    assert any("Oulu, b…@example.org" in text and second.customer_number in text for text in found)


def test_the_search_stays_in_the_audit_log(sales_client):
    CustomerFactory(primary_contact=jyrki("Kuopio", "a@example.com"))
    texts(sales_client, ORDER_CUSTOMER)
    assert AuditEntry.objects.filter(action="search", detail="Virtanen").exists()


def test_the_choices_take_one_query_for_the_contacts(sales_client, django_assert_max_num_queries):
    for city in ("Kuopio", "Oulu", "Turku", "Vaasa"):
        CustomerFactory(primary_contact=jyrki(city, "x@example.com"))
    with django_assert_max_num_queries(12):
        texts(sales_client, ORDER_CUSTOMER)
