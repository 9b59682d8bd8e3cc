from decimal import Decimal as D
from functools import partial

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from orders.admin import BILLING_FIELDS
from orders.models import Order, OrderLine, Product
from tests.customers.factories import HELSINKI, ContactFactory, CustomerFactory
from tests.orders.factories import OrderFactory, OrderLineFactory, ProductFactory
from webstrella.admin_inputs import ROW_STAMP_FIELD, row_stamp

pytestmark = pytest.mark.django_db


def order_with_lines(**kwargs) -> Order:
    order = OrderFactory(**kwargs)
    OrderLineFactory(order=order, vat_rate=D("25.5"))
    OrderLineFactory(order=order, vat_rate=D("14"))
    return order


FACTORIES = {Product: ProductFactory, Order: order_with_lines}
MODELS = pytest.mark.parametrize("model", FACTORIES, ids=lambda m: m._meta.model_name)

# Upper bounds measured on the pages as they are, with a little room.
MAX_CHANGELIST_QUERIES = 10
MAX_ADD_PAGE_QUERIES = 4
# The change page includes the audit-log entry of the look at the record.
MAX_CHANGE_PAGE_QUERIES = 11

ORDERS = reverse("admin:orders_order_changelist")
ADD_ORDER = reverse("admin:orders_order_add")


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:orders_{model._meta.model_name}_{view}", args=args)


def test_every_orders_model_in_the_admin_is_covered_here():
    registered = {
        model
        for model in apps.get_app_config("orders").get_models()
        if admin.site.is_registered(model)
    }
    assert registered == set(FACTORIES)


# Every page renders


@MODELS
def test_the_changelist_renders_for_a_superuser(
    superuser_client, model, django_assert_max_num_queries
):
    for _ in range(3):
        FACTORIES[model]()
    with django_assert_max_num_queries(MAX_CHANGELIST_QUERIES):
        response = superuser_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count == 3


@MODELS
def test_the_changelist_costs_the_same_queries_for_30_rows_as_for_5(
    superuser_client, count_queries, model
):
    url = admin_url(model, "changelist")
    for _ in range(5):
        FACTORIES[model]()
    count_queries(superuser_client, url)  # fills the content-type cache
    with_5_rows = count_queries(superuser_client, url)
    for _ in range(25):
        FACTORIES[model]()
    assert count_queries(superuser_client, url) == with_5_rows


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


def test_the_order_page_costs_at_most_one_query_per_line(superuser_client, queries_per_inline_row):
    # The one query is the product autocomplete widget looking up its selected product.
    order = OrderFactory()
    url = admin_url(Order, "change", order.pk)
    add_line = partial(OrderLineFactory, order=order)
    assert queries_per_inline_row(superuser_client, url, add_line) <= 1


def test_the_order_page_shows_the_vat_breakdown(superuser_client):
    order = OrderFactory()
    OrderLineFactory(order=order, quantity=D("2"), unit_price=D("79.90"), vat_rate=D("25.5"))
    OrderLineFactory(order=order, quantity=D("1"), unit_price=D("35.00"), vat_rate=D("14"))
    response = superuser_client.get(admin_url(Order, "change", order.pk))
    content = response.content.decode()
    # 159.80 × 25.5 % = 40.749 → 40.75; 35.00 × 14 % = 4.90; amounts in Finnish notation.
    assert "40,75" in content
    assert "4,90" in content
    assert "240,45" in content


# Search


def found_orders(client, term: str) -> set[int]:
    response = client.get(ORDERS, {"q": term})
    assert response.status_code == 200
    return {order.pk for order in response.context["cl"].result_list}


def test_orders_are_found_by_order_number(superuser_client):
    order = OrderFactory(number="TI-123456")
    OrderFactory(number="TI-654321")
    assert found_orders(superuser_client, "TI-123456") == {order.pk}


def test_orders_are_found_by_customer_number(superuser_client):
    order = OrderFactory(customer=CustomerFactory(customer_number="AS-55555"))
    OrderFactory()
    assert found_orders(superuser_client, "AS-55555") == {order.pk}


def test_orders_are_found_by_company_name(superuser_client):
    order = OrderFactory(
        customer=CustomerFactory(company=True, company_name="Lahden Lukkoliike Oy")
    )
    OrderFactory(customer=CustomerFactory(company=True, company_name="Kuopion Kirjakauppa Oy"))
    assert found_orders(superuser_client, "lukkoliike") == {order.pk}


def test_products_are_found_by_name_and_sku(superuser_client):
    product = ProductFactory(name="Verkkotunnus .fi, 1 vuosi", sku="DOM-FI-1")
    ProductFactory(name="Kotisivupaketti Perus", sku="WEB-PERUS")
    url = admin_url(Product, "changelist")
    for term in ("verkkotunnus", "DOM-FI-1"):
        response = superuser_client.get(url, {"q": term})
        assert [p.pk for p in response.context["cl"].result_list] == [product.pk]


# Adding an order


def order_form(customer, product, line: dict | None = None, **overrides) -> dict[str, str]:
    line = {"product": str(product.pk), "description": "", "quantity": "2", **(line or {})}
    return {
        "number": "TI-300001",
        "customer": str(customer.pk),
        "status": Order.Status.NEW,
        "ordered_at_0": "2025-03-04",
        "ordered_at_1": "10:00:00",
        "paid_at_0": "",
        "paid_at_1": "",
        "delivered_at_0": "",
        "delivered_at_1": "",
        "billing_name": "",
        "billing_email": "",
        "billing_street_address": "",
        "billing_postal_code": "",
        "billing_city": "",
        "billing_country": "FI",
        "billing_business_id": "",
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "1000",
        **{f"lines-0-{name}": value for name, value in line.items()},
        **overrides,
    }


def test_a_line_left_without_a_price_gets_the_product_price(superuser_client, company, domain):
    form = order_form(company, domain, line={"unit_price": "", "vat_rate": "14"})
    response = superuser_client.post(ADD_ORDER, form)
    assert response.status_code == 302
    line = OrderLine.objects.get()
    assert (line.description, line.quantity, line.unit_price, line.vat_rate) == (
        "Verkkotunnus .fi, 1 vuosi",
        D("2"),
        D("19.90"),
        D("14"),
    )


def test_a_line_left_without_price_and_vat_rate_gets_both_from_the_product(
    superuser_client, company, domain
):
    form = order_form(company, domain, line={"unit_price": "", "vat_rate": ""})
    response = superuser_client.post(ADD_ORDER, form)
    assert response.status_code == 302
    line = OrderLine.objects.get()
    assert (line.unit_price, line.vat_rate) == (D("19.90"), D("14"))


def test_a_price_typed_on_the_line_is_kept(superuser_client, company, domain):
    form = order_form(company, domain, line={"unit_price": "15.00", "vat_rate": "14"})
    assert superuser_client.post(ADD_ORDER, form).status_code == 302
    assert OrderLine.objects.get().unit_price == D("15.00")


def test_billing_details_left_empty_are_copied_from_the_customer(superuser_client, company, domain):
    form = order_form(company, domain, line={"unit_price": "", "vat_rate": "14"})
    assert superuser_client.post(ADD_ORDER, form).status_code == 302
    order = Order.objects.get()
    assert (
        order.billing_name,
        order.billing_email,
        order.billing_street_address,
        order.billing_postal_code,
        order.billing_city,
        order.billing_country,
        order.billing_business_id,
    ) == (
        "Rakennus Nieminen Oy",
        "laskutus@nieminen.example.com",
        "Hämeenkatu 21 B 7",
        "33200",
        "Tampere",
        "FI",
        "0737546-2",
    )
    assert order.currency == "EUR"


def test_billing_details_stay_when_the_customer_moves_later(superuser_client, company, domain):
    form = order_form(company, domain, line={"unit_price": "", "vat_rate": "14"})
    superuser_client.post(ADD_ORDER, form)
    company.primary_contact.city = "Oulu"
    company.primary_contact.save()
    assert Order.objects.get().billing_city == "Tampere"


def test_a_billing_email_typed_in_is_kept_when_the_rest_is_copied(
    superuser_client, company, domain
):
    form = order_form(
        company,
        domain,
        line={"unit_price": "", "vat_rate": "14"},
        billing_email="reskontra@nieminen.example.com",
    )
    assert superuser_client.post(ADD_ORDER, form).status_code == 302
    assert Order.objects.get().billing_email == "reskontra@nieminen.example.com"


def test_a_billing_address_left_empty_is_copied_when_a_billing_name_is_typed(
    superuser_client, company, domain
):
    form = order_form(
        company,
        domain,
        line={"unit_price": "", "vat_rate": "14"},
        billing_name="Nieminen Juhani",
    )
    superuser_client.post(ADD_ORDER, form)
    order = Order.objects.get()
    assert (order.billing_street_address, order.billing_city) == ("Hämeenkatu 21 B 7", "Tampere")


def test_an_order_paid_before_it_was_placed_is_a_form_error_and_saves_nothing(
    superuser_client, company, domain
):
    form = order_form(
        company,
        domain,
        line={"unit_price": "", "vat_rate": "14"},
        paid_at_0="2025-03-03",
        paid_at_1="09:00:00",
    )
    response = superuser_client.post(ADD_ORDER, form)
    assert response.status_code == 200
    assert "paid_at" in response.context["adminform"].form.errors
    assert not Order.objects.exists()
    assert not OrderLine.objects.exists()


def test_a_negative_quantity_is_a_form_error_and_saves_nothing(superuser_client, company, domain):
    form = order_form(company, domain, line={"quantity": "-1", "unit_price": "", "vat_rate": "14"})
    response = superuser_client.post(ADD_ORDER, form)
    assert response.status_code == 200
    (lines,) = response.context["inline_admin_formsets"]
    assert "quantity" in lines.formset.forms[0].errors
    assert not Order.objects.exists()


def test_a_product_cannot_be_added_at_the_old_24_percent_rate(superuser_client):
    response = superuser_client.post(
        admin_url(Product, "add"),
        {
            "name": "Ylläpitosopimus, tunti",
            "sku": "YLL-1",
            "kind": Product.Kind.OTHER,
            "price": "68.00",
            "vat_rate": "24",
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert "vat_rate" in response.context["adminform"].form.errors
    assert not Product.objects.exists()


def test_a_billing_address_the_customer_lacks_too_is_asked_for(superuser_client, domain):
    customer = CustomerFactory(
        primary_contact=ContactFactory(street_address="", postal_code="", city="")
    )
    form = order_form(customer, domain)
    response = superuser_client.post(ADD_ORDER, form)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert {"billing_street_address", "billing_postal_code", "billing_city"} <= set(errors)
    assert "billing_name" not in errors
    assert not Order.objects.exists()

    typed = {
        "billing_street_address": "Kauppakatu 1",
        "billing_postal_code": "40100",
        "billing_city": "Jyväskylä",
    }
    assert superuser_client.post(ADD_ORDER, {**form, **typed}).status_code == 302
    assert Order.objects.get().billing_city == "Jyväskylä"


# Changing an order


def order_change_form(order: Order, lines: list[OrderLine], **overrides) -> dict[str, str]:
    form = {
        "number": order.number,
        "customer": str(order.customer_id),
        "status": order.status,
        "ordered_at_0": order.ordered_at.astimezone(HELSINKI).strftime("%Y-%m-%d"),
        "ordered_at_1": order.ordered_at.astimezone(HELSINKI).strftime("%H:%M:%S"),
        "paid_at_0": "",
        "paid_at_1": "",
        "delivered_at_0": "",
        "delivered_at_1": "",
        **{name: getattr(order, name) for name in BILLING_FIELDS},
        "lines-TOTAL_FORMS": str(len(lines)),
        "lines-INITIAL_FORMS": str(len(lines)),
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "1000",
        ROW_STAMP_FIELD: row_stamp(Order, order.pk),
    }
    for i, line in enumerate(lines):
        form.update(
            {
                f"lines-{i}-id": str(line.pk),
                f"lines-{i}-order": str(order.pk),
                f"lines-{i}-product": str(line.product_id),
                f"lines-{i}-description": line.description,
                f"lines-{i}-quantity": str(line.quantity),
                f"lines-{i}-unit_price": str(line.unit_price),
                f"lines-{i}-vat_rate": str(line.vat_rate),
            }
        )
    return {**form, **overrides}


def test_a_line_added_on_the_order_page_gets_the_product_price(superuser_client, domain):
    order = OrderFactory()
    line = OrderLineFactory(order=order)
    form = order_change_form(
        order,
        [line],
        **{
            "lines-TOTAL_FORMS": "2",
            "lines-1-product": str(domain.pk),
            "lines-1-description": "",
            "lines-1-quantity": "3",
            "lines-1-unit_price": "",
            "lines-1-vat_rate": "",
        },
    )
    response = superuser_client.post(admin_url(Order, "change", order.pk), form)
    assert response.status_code == 302
    assert [(x.pk, x.description, x.quantity, x.unit_price) for x in order.lines.all()] == [
        (line.pk, line.description, line.quantity, line.unit_price),
        (order.lines.last().pk, "Verkkotunnus .fi, 1 vuosi", D("3"), D("19.90")),
    ]


def test_a_line_deleted_on_the_order_page_is_removed_and_the_others_kept(superuser_client):
    order = OrderFactory()
    removed, kept = OrderLineFactory.create_batch(2, order=order)
    form = order_change_form(order, [removed, kept], **{"lines-0-DELETE": "on"})
    response = superuser_client.post(admin_url(Order, "change", order.pk), form)
    assert response.status_code == 302
    assert list(order.lines.all()) == [kept]


def test_a_quantity_changed_on_the_order_page_is_saved(superuser_client):
    order = OrderFactory()
    line = OrderLineFactory(order=order, quantity=D("1"))
    form = order_change_form(order, [line], **{"lines-0-quantity": "5"})
    assert superuser_client.post(admin_url(Order, "change", order.pk), form).status_code == 302
    line.refresh_from_db()
    assert line.quantity == D("5")


# The customer page


def test_the_customer_page_lists_the_orders_between_contact_persons_and_email_history(
    superuser_client,
):
    customer = CustomerFactory()
    OrderFactory(customer=customer, number="TI-200001")
    response = superuser_client.get(reverse("admin:customers_customer_change", args=[customer.pk]))
    prefixes = [formset.formset.prefix for formset in response.context["inline_admin_formsets"]]
    assert prefixes == ["contact_roles", "orders", "support_emails"]
    (orders,) = (f for f in response.context["inline_admin_formsets"] if f.formset.model is Order)
    assert [form.instance.number for form in orders.formset.forms] == ["TI-200001"]
