"""Permission boundaries of the staff groups, seen from outside through the admin pages."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from customers.models import AnalyticsEvent, Contact, Customer, SupportEmail
from orders.models import Order, Product
from privacy.staff.groups import CUSTOMER_SERVICE, PRIVACY_OFFICER, SALES
from tests.customers.factories import (
    AnalyticsEventFactory,
    CustomerFactory,
    SupportEmailFactory,
)
from tests.orders.factories import OrderFactory, OrderLineFactory, ProductFactory

pytestmark = pytest.mark.django_db

CUSTOMER_MODELS = [Contact, Customer, SupportEmail, AnalyticsEvent]
ORDER_MODELS = [Product, Order]
ALL_MODELS = CUSTOMER_MODELS + ORDER_MODELS
VIEWS = ["changelist", "add", "change"]


def page_id(value) -> str:
    return value._meta.model_name if hasattr(value, "_meta") else str(value)


def pages(models, views=VIEWS):
    return pytest.mark.parametrize(
        ("model", "view"), [(m, v) for m in models for v in views], ids=page_id
    )


@pytest.fixture
def one_of_each():
    """One saved object of every model, for the change pages."""
    customer = CustomerFactory(company=True)
    order = OrderFactory(customer=customer)
    OrderLineFactory(order=order)
    return {
        Contact: customer.primary_contact,
        Customer: customer,
        SupportEmail: SupportEmailFactory(customer=customer),
        AnalyticsEvent: AnalyticsEventFactory(customer=customer),
        Product: ProductFactory(),
        Order: order,
    }


@pytest.fixture
def url_of(one_of_each):
    def url(model, view: str) -> str:
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}"
        args = [one_of_each[model].pk] if view in ("change", "delete") else []
        return reverse(name, args=args)

    return url


def status(client: Client, url: str, method: str = "get") -> int:
    return getattr(client, method)(url).status_code


# The groups


def test_the_migration_created_exactly_the_three_staff_groups():
    assert set(Group.objects.values_list("name", flat=True)) == {
        CUSTOMER_SERVICE,
        SALES,
        PRIVACY_OFFICER,
    }


# Customer service


@pages(ORDER_MODELS, ["changelist", "change"])
def test_customer_service_may_view_products_and_orders(
    customer_service_client, url_of, model, view
):
    assert status(customer_service_client, url_of(model, view)) == 200


@pages(ORDER_MODELS, ["add"])
def test_customer_service_gets_403_on_adding_products_and_orders(
    customer_service_client, url_of, model, view
):
    assert status(customer_service_client, url_of(model, view)) == 403


def test_customer_service_gets_403_on_saving_an_order(customer_service_client, url_of, one_of_each):
    order = one_of_each[Order]
    response = customer_service_client.post(url_of(Order, "change"), {"number": "TI-999999"})
    assert response.status_code == 403
    order.refresh_from_db()
    assert order.number != "TI-999999"


@pages([Contact, Customer, SupportEmail])
def test_customer_service_works_with_contacts_customers_and_support_emails(
    customer_service_client, url_of, model, view
):
    assert status(customer_service_client, url_of(model, view)) == 200


@pages([AnalyticsEvent], ["changelist", "change"])
def test_customer_service_may_view_analytics_events(customer_service_client, url_of, model, view):
    assert status(customer_service_client, url_of(model, view)) == 200


def test_customer_service_gets_403_on_adding_analytics_events(customer_service_client, url_of):
    assert status(customer_service_client, url_of(AnalyticsEvent, "add")) == 403


def test_customer_service_sees_the_orders_on_the_customer_page(
    customer_service_client, url_of, one_of_each
):
    response = customer_service_client.get(url_of(Customer, "change"))
    assert response.status_code == 200
    assert one_of_each[Order].number in response.content.decode()


# Sales


@pages([Contact, Customer])
def test_sales_may_add_and_view_contacts_and_customers(sales_client, url_of, model, view):
    assert status(sales_client, url_of(model, view)) == 200


def test_sales_sees_the_contact_details_of_a_customer(sales_client, url_of, one_of_each):
    response = sales_client.get(url_of(Contact, "change"))
    assert one_of_each[Contact].email in response.content.decode()


@pages([Contact, Customer], ["delete"])
def test_sales_gets_403_on_deleting_contacts_and_customers(sales_client, url_of, model, view):
    assert status(sales_client, url_of(model, view), "post") == 403
    assert model.objects.exists()


@pages([SupportEmail])
def test_sales_gets_403_on_support_emails(sales_client, url_of, model, view):
    assert status(sales_client, url_of(model, view)) == 403


@pages([AnalyticsEvent])
def test_sales_gets_403_on_analytics_events(sales_client, url_of, model, view):
    assert status(sales_client, url_of(model, view)) == 403


@pages(ORDER_MODELS)
def test_sales_works_with_products_and_orders(sales_client, url_of, model, view):
    assert status(sales_client, url_of(model, view)) == 200


def test_sales_can_look_up_the_customer_of_an_order(sales_client, one_of_each):
    customer = one_of_each[Customer]
    response = sales_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "orders",
            "model_name": "order",
            "field_name": "customer",
            "term": customer.company_name,
        },
    )
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [str(customer.pk)]


# Privacy officer


@pages(ALL_MODELS, ["changelist", "change"])
def test_privacy_officer_can_view_every_page(privacy_officer_client, url_of, model, view):
    assert status(privacy_officer_client, url_of(model, view)) == 200


@pages(ALL_MODELS, ["add"])
def test_privacy_officer_gets_403_on_add_pages(privacy_officer_client, url_of, model, view):
    assert status(privacy_officer_client, url_of(model, view)) == 403


@pages(ALL_MODELS, ["change"])
def test_privacy_officer_gets_403_on_saving_a_change(privacy_officer_client, url_of, model, view):
    assert status(privacy_officer_client, url_of(model, view), "post") == 403


@pages(ALL_MODELS, ["delete"])
def test_privacy_officer_gets_403_on_deleting(privacy_officer_client, url_of, model, view):
    assert status(privacy_officer_client, url_of(model, view), "post") == 403
    assert model.objects.exists()


# Staff without a group, and strangers


@pages(ALL_MODELS)
def test_staff_without_a_group_gets_403_on_every_model_page(
    staff_without_group_client, url_of, model, view
):
    assert status(staff_without_group_client, url_of(model, view)) == 403


def test_staff_without_a_group_sees_no_models_on_the_admin_index(staff_without_group_client):
    response = staff_without_group_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert response.context["app_list"] == []


@pages(ALL_MODELS)
def test_an_anonymous_user_is_redirected_to_the_login_page(client, url_of, model, view):
    url = url_of(model, view)
    response = client.get(url)
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == reverse("admin:login")
    assert parse_qs(location.query)["next"] == [url]
