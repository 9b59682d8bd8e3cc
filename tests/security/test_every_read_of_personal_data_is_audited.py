"""Reads of personal data that used to escape the audit log: the autocomplete of choice
fields, filters typed into the address, and the delete confirmation page.
"""

import pytest
from django.urls import reverse

from privacy.models import AuditEntry
from tests.customers.factories import ContactFactory, CustomerFactory
from tests.orders.factories import ProductFactory
from tests.privacy.factories import AccessRequestFactory
from webstrella.admin_inputs import MAX_SEARCH_CHARS

pytestmark = pytest.mark.django_db

CONTACTS = reverse("admin:customers_contact_changelist")
ACCESS_REQUESTS = reverse("admin:privacy_accessrequest_changelist")
ORDER_CUSTOMER = {"app_label": "orders", "model_name": "order", "field_name": "customer"}
LINE_PRODUCT = {"app_label": "orders", "model_name": "orderline", "field_name": "product"}


def entries() -> list[tuple[str, str, str, str]]:
    return list(
        AuditEntry.objects.order_by("pk").values_list(
            "action", "target_model", "target_id", "detail"
        )
    )


# Autocomplete


def test_an_autocomplete_search_of_customers_is_recorded_with_its_term(sales_client):
    CustomerFactory(company=True, company_name="Heikkisen Puutarha Oy")
    response = sales_client.get(reverse("admin:autocomplete"), {**ORDER_CUSTOMER, "term": "Heikk"})
    assert response.status_code == 200
    assert "Heikkisen Puutarha" in response.content.decode()
    assert entries() == [("search", "customers.Customer", "", "Heikk")]


def test_an_autocomplete_without_a_term_is_recorded_as_a_list(sales_client):
    CustomerFactory()
    assert sales_client.get(reverse("admin:autocomplete"), ORDER_CUSTOMER).status_code == 200
    assert entries() == [("list", "customers.Customer", "", "")]


def test_an_autocomplete_term_is_recorded_as_the_search_used_it(sales_client):
    term = "  Heikk\x00inen  " + "x" * 1000
    assert (
        sales_client.get(
            reverse("admin:autocomplete"), {**ORDER_CUSTOMER, "term": term}
        ).status_code
        == 200
    )
    [(action, _model, _id, detail)] = entries()
    assert action == "search"
    assert detail.startswith("Heikkinen x")
    assert "\x00" not in detail and len(detail) <= MAX_SEARCH_CHARS


def test_an_autocomplete_of_products_is_not_personal_data_and_leaves_no_entry(superuser_client):
    ProductFactory(name="Kotisivupaketti")
    response = superuser_client.get(reverse("admin:autocomplete"), {**LINE_PRODUCT, "term": "Koti"})
    assert response.status_code == 200
    assert entries() == []


def test_a_refused_autocomplete_leaves_no_entry(
    customer_service_client, staff_without_group_client
):
    # Customer service chooses contacts; staff without a group may not choose products.
    response = customer_service_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "customers", "model_name": "customer", "field_name": "primary_contact"},
    )
    assert response.status_code == 200
    response = staff_without_group_client.get(reverse("admin:autocomplete"), LINE_PRODUCT)
    assert response.status_code == 403
    assert entries() == [("list", "customers.Contact", "", "")]


# Filters typed into the address


@pytest.mark.parametrize(
    "query",
    [
        {"email": "kaisa.heikkinen@example.fi"},
        {"phone__endswith": "4468285"},
        {"last_name__startswith": "Heikk"},
        {"source__exact": "order", "first_name__icontains": "Kai"},
    ],
    ids=["email", "phone-end", "name-start", "declared-and-typed"],
)
def test_a_filter_that_the_list_does_not_offer_is_refused(superuser_client, query):
    ContactFactory(last_name="Heikkinen", first_name="Kaisa", email="kaisa.heikkinen@example.fi")
    response = superuser_client.get(CONTACTS, query)
    assert response.status_code == 400
    assert "Heikkinen" not in response.content.decode()
    assert entries() == []


def test_access_requests_cannot_be_filtered_by_the_requesters_name(privacy_officer_client):
    AccessRequestFactory(requester_name="Kaisa Heikkinen")
    response = privacy_officer_client.get(ACCESS_REQUESTS, {"requester_name__icontains": "Heik"})
    assert response.status_code == 400
    assert entries() == []


def test_the_lists_own_filters_work_and_are_recorded(customer_service_client):
    ContactFactory(source="order", last_name="Heikkinen")
    ContactFactory(source="other", last_name="Virtanen")
    response = customer_service_client.get(CONTACTS, {"source__exact": "order"})
    assert response.status_code == 200
    assert [c.last_name for c in response.context["cl"].result_list] == ["Heikkinen"]

    response = customer_service_client.get(
        CONTACTS, {"q": "Heikkinen", "preferred_language__exact": "fi", "o": "2"}
    )
    assert response.status_code == 200
    assert entries() == [
        ("list", "customers.Contact", "", "source__exact=order"),
        ("search", "customers.Contact", "", "Heikkinen; preferred_language__exact=fi"),
    ]


def test_the_date_hierarchy_and_a_list_filter_of_its_own_still_work(privacy_officer_client):
    AccessRequestFactory()
    assert privacy_officer_client.get(CONTACTS, {"created_at__year": "2025"}).status_code == 200
    assert privacy_officer_client.get(ACCESS_REQUESTS, {"deadline": "overdue"}).status_code == 200
    assert [detail for *_rest, detail in entries()] == [
        "created_at__year=2025",
        "deadline=overdue",
    ]


def test_a_filter_value_is_recorded_bounded(customer_service_client):
    response = customer_service_client.get(CONTACTS, {"source__exact": "x" * 2000})
    assert response.status_code == 200
    [(_action, _model, _id, detail)] = entries()
    assert detail.startswith("source__exact=xxx") and len(detail) <= 500


# The delete confirmation page


def test_opening_the_delete_page_of_a_contact_is_recorded(customer_service_client):
    contact = ContactFactory(last_name="Heikkinen")
    response = customer_service_client.get(
        reverse("admin:customers_contact_delete", args=[contact.pk])
    )
    assert response.status_code == 200
    assert "Heikkinen" in response.content.decode()
    assert entries() == [("view", "customers.Contact", str(contact.pk), "delete page")]


def test_a_refused_delete_page_leaves_no_entry(sales_client):
    contact = ContactFactory()
    response = sales_client.get(reverse("admin:customers_contact_delete", args=[contact.pk]))
    assert response.status_code == 403
    assert entries() == []


def test_the_confirmation_of_deleting_selected_contacts_is_recorded(customer_service_client):
    chosen = [ContactFactory(last_name="Heikkinen"), ContactFactory(last_name="Virtanen")]
    response = customer_service_client.post(
        CONTACTS, {"action": "delete_selected", "_selected_action": [c.pk for c in chosen]}
    )
    assert response.status_code == 200
    assert "Heikkinen" in response.content.decode()
    assert sorted(entries()) == sorted(
        ("view", "customers.Contact", str(c.pk), "delete page") for c in chosen
    )
