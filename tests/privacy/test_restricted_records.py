"""Restricted records vanish from customer service's and sales' admin; privacy officers see them."""

import pytest
from django.urls import reverse

from privacy.lifecycle.models import Restriction
from tests.customers.factories import ContactFactory, CustomerFactory
from tests.orders.factories import OrderFactory

pytestmark = pytest.mark.django_db


def restrict(row, reason="restriction") -> None:
    Restriction.objects.create(
        data=row._meta.label_lower,
        object_id=str(row.pk),
        reason=reason,
        **({"until": "2030-01-01", "law": "Kirjanpitolaki"} if reason == "kept_by_law" else {}),
    )


@pytest.fixture
def restricted_contact():
    contact = ContactFactory(first_name="Rajoitettu", last_name="Henkilö")
    restrict(contact)
    return contact


@pytest.fixture
def other_contact():
    return ContactFactory(first_name="Tavallinen", last_name="Henkilö")


def changelist(client, search=""):
    return client.get(
        reverse("admin:customers_contact_changelist"), {"q": search}, HTTP_ACCEPT_LANGUAGE="en"
    )


def test_customer_service_does_not_list_a_restricted_contact(
    customer_service_client, restricted_contact, other_contact
):
    response = changelist(customer_service_client)
    assert list(response.context["cl"].result_list) == [other_contact]


def test_customer_service_does_not_find_a_restricted_contact_by_search(
    customer_service_client, restricted_contact
):
    response = changelist(customer_service_client, "Rajoitettu")
    assert list(response.context["cl"].result_list) == []


def test_customer_service_cannot_open_a_restricted_contact(
    customer_service_client, restricted_contact
):
    url = reverse("admin:customers_contact_change", args=[restricted_contact.pk])
    response = customer_service_client.get(url)
    # The admin answers as for a record that does not exist.
    assert response.status_code == 302


def test_customer_service_does_not_get_a_restricted_contact_in_autocomplete(
    customer_service_client, restricted_contact, other_contact
):
    response = customer_service_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "customers",
            "model_name": "customer",
            "field_name": "primary_contact",
            "term": "Henkilö",
        },
    )
    assert [row["id"] for row in response.json()["results"]] == [str(other_contact.pk)]


def test_sales_does_not_see_an_order_kept_by_law(sales_client):
    kept = OrderFactory()
    shown = OrderFactory()
    restrict(kept, "kept_by_law")
    response = sales_client.get(reverse("admin:orders_order_changelist"))
    assert list(response.context["cl"].result_list) == [shown]


def test_sales_does_not_get_a_restricted_customer_in_autocomplete(sales_client):
    customer = CustomerFactory(company=True, company_name="Rajoitettu Oy")
    restrict(customer)
    response = sales_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "orders",
            "model_name": "order",
            "field_name": "customer",
            "term": "Rajoitettu",
        },
    )
    assert response.json()["results"] == []


def test_privacy_officer_sees_a_restricted_contact_marked(
    privacy_officer_client, restricted_contact, other_contact
):
    response = changelist(privacy_officer_client)
    assert set(response.context["cl"].result_list) == {restricted_contact, other_contact}
    assert "Restricted" in response.content.decode()

    url = reverse("admin:customers_contact_change", args=[restricted_contact.pk])
    assert privacy_officer_client.get(url).status_code == 200
