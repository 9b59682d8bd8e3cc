from datetime import datetime, timedelta
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from orders.models import Order, OrderLine
from orders.services import (
    order_create,
    order_fill_billing_from_customer,
    order_line_fill_from_product,
    order_update,
)
from tests.customers.factories import HELSINKI, ContactFactory, CustomerFactory
from tests.orders.factories import OrderFactory, OrderLineFactory, ProductFactory

pytestmark = pytest.mark.django_db

BILLING_FIELDS = [
    "billing_name",
    "billing_email",
    "billing_street_address",
    "billing_postal_code",
    "billing_city",
    "billing_country",
    "billing_business_id",
]


def billing_of(order: Order) -> tuple[str, ...]:
    return tuple(getattr(order, name) for name in BILLING_FIELDS)


def error_codes(exc: ValidationError) -> dict[str, list[str]]:
    return {name: [error.code for error in errors] for name, errors in exc.error_dict.items()}


def new_order(customer, **kwargs) -> Order:
    return Order(
        number="TI-300001",
        customer=customer,
        ordered_at=datetime(2025, 3, 4, 10, 0, tzinfo=HELSINKI),
        **kwargs,
    )


# The billing snapshot


def test_empty_billing_details_are_copied_from_the_company_and_its_contact(company):
    order = Order()
    order_fill_billing_from_customer(order=order, customer=company)
    assert billing_of(order) == (
        "Rakennus Nieminen Oy",
        "laskutus@nieminen.example.com",
        "Hämeenkatu 21 B 7",
        "33200",
        "Tampere",
        "FI",
        "0737546-2",
    )


def test_a_private_customer_is_billed_by_the_name_of_the_person():
    customer = CustomerFactory(primary_contact=ContactFactory(first_name="Aino", last_name="Koski"))
    order = Order()
    order_fill_billing_from_customer(order=order, customer=customer)
    assert (order.billing_name, order.billing_business_id) == ("Aino Koski", "")


def test_billing_details_already_on_the_order_are_kept(company):
    order = Order(billing_email="reskontra@nieminen.example.com", billing_city="Pirkkala")
    order_fill_billing_from_customer(order=order, customer=company)
    assert (order.billing_email, order.billing_city, order.billing_street_address) == (
        "reskontra@nieminen.example.com",
        "Pirkkala",
        "Hämeenkatu 21 B 7",
    )


# The price snapshot


def test_an_empty_line_takes_the_product_name_price_and_vat_rate(domain):
    line = OrderLine(product=domain, quantity=D("2"))
    order_line_fill_from_product(line=line)
    assert (line.description, line.unit_price, line.vat_rate) == (
        "Verkkotunnus .fi, 1 vuosi",
        D("19.90"),
        D("14"),
    )
    assert line.net_amount == D("39.80")


def test_a_line_keeps_a_price_agreed_apart_from_the_product_price():
    product = ProductFactory(price=D("490.00"))
    line = OrderLine(product=product, unit_price=D("400.00"), vat_rate=D("25.5"))
    order_line_fill_from_product(line=line)
    assert (line.unit_price, line.vat_rate, line.description) == (
        D("400.00"),
        D("25.5"),
        product.name,
    )


def test_a_line_keeps_a_description_typed_for_it(domain):
    line = OrderLine(product=domain, description="Verkkotunnus nieminen.fi")
    order_line_fill_from_product(line=line)
    assert line.description == "Verkkotunnus nieminen.fi"


# Creating an order


def test_a_new_order_is_saved_with_its_lines_priced_from_the_products(company, domain):
    hosting = ProductFactory(name="Ylläpitosopimus, tunti", price=D("68.00"), vat_rate=D("25.5"))
    lines = [
        OrderLine(product=domain, quantity=D("2")),
        OrderLine(product=hosting, quantity=D("3"), unit_price=D("60.00")),
    ]

    order = order_create(order=new_order(company), lines=lines)

    saved = Order.objects.get()
    assert saved.pk == order.pk
    assert billing_of(saved)[:2] == ("Rakennus Nieminen Oy", "laskutus@nieminen.example.com")
    assert [
        (line.description, line.quantity, line.unit_price, line.vat_rate)
        for line in saved.lines.all()
    ] == [
        ("Verkkotunnus .fi, 1 vuosi", D("2"), D("19.90"), D("14")),
        ("Ylläpitosopimus, tunti", D("3"), D("60.00"), D("25.5")),
    ]
    assert saved.totals.gross == D("271.27")


def test_a_new_order_keeps_its_billing_details_when_the_customer_moves_later(company):
    order_create(order=new_order(company), lines=[])
    company.primary_contact.city = "Oulu"
    company.primary_contact.save()
    assert Order.objects.get().billing_city == "Tampere"


def test_an_order_paid_before_it_was_placed_is_refused_and_nothing_is_saved(company, domain):
    order = new_order(company, paid_at=datetime(2025, 3, 3, 9, 0, tzinfo=HELSINKI))
    with pytest.raises(ValidationError) as exc:
        order_create(order=order, lines=[OrderLine(product=domain)])
    assert error_codes(exc.value) == {"paid_at": ["paid_before_ordered"]}
    assert not Order.objects.exists()
    assert not OrderLine.objects.exists()


def test_a_line_with_a_negative_quantity_is_refused_and_the_order_is_not_saved(company, domain):
    with pytest.raises(ValidationError) as exc:
        order_create(order=new_order(company), lines=[OrderLine(product=domain, quantity=D("-1"))])
    assert error_codes(exc.value) == {"quantity": ["min_value"]}
    assert not Order.objects.exists()


def test_an_order_for_a_customer_without_an_address_needs_the_address_typed(domain):
    customer = CustomerFactory(
        primary_contact=ContactFactory(street_address="", postal_code="", city="")
    )
    with pytest.raises(ValidationError) as exc:
        order_create(order=new_order(customer), lines=[OrderLine(product=domain)])
    assert error_codes(exc.value) == {
        "billing_street_address": ["blank"],
        "billing_postal_code": ["blank"],
        "billing_city": ["blank"],
    }
    assert not Order.objects.exists()

    order = new_order(
        customer,
        billing_street_address="Kauppakatu 1",
        billing_postal_code="40100",
        billing_city="Jyväskylä",
    )
    order_create(order=order, lines=[OrderLine(product=domain)])
    assert Order.objects.get().billing_city == "Jyväskylä"


def test_an_order_without_a_customer_is_refused_on_the_customer_field():
    with pytest.raises(ValidationError) as exc:
        order_create(order=new_order(None), lines=[])
    assert "null" in error_codes(exc.value)["customer"]


def test_creating_an_order_saved_already_is_refused():
    order = OrderFactory()
    with pytest.raises(ValidationError) as exc:
        order_create(order=order, lines=[])
    assert exc.value.code == "order_saved_already"


# Changing an order


def test_a_changed_order_saves_its_details_and_its_added_and_changed_lines(domain):
    order = OrderFactory(status=Order.Status.NEW)
    kept = OrderLineFactory(order=order, description="Kotisivupaketti")
    changed = OrderLineFactory(order=order, quantity=D("1"))

    order.status = Order.Status.PAID
    order.paid_at = order.ordered_at + timedelta(days=1)
    changed.quantity = D("4")
    order_update(order=order, lines=[changed, OrderLine(product=domain)])

    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert [(line.pk, line.description, line.quantity) for line in order.lines.all()] == [
        (kept.pk, "Kotisivupaketti", D("1")),
        (changed.pk, changed.description, D("4")),
        (order.lines.last().pk, "Verkkotunnus .fi, 1 vuosi", D("1")),
    ]
    assert order.lines.last().unit_price == D("19.90")


def test_lines_given_as_removed_are_deleted_and_the_others_kept():
    order = OrderFactory()
    removed, kept = OrderLineFactory.create_batch(2, order=order)
    order_update(order=order, removed_lines=[removed])
    assert list(order.lines.all()) == [kept]


def test_billing_details_emptied_on_a_changed_order_are_copied_again(company):
    order = OrderFactory(customer=company, billing_email="vanha@nieminen.example.com")
    order.billing_email = ""
    order_update(order=order)
    order.refresh_from_db()
    assert order.billing_email == "laskutus@nieminen.example.com"


def test_a_change_that_breaks_a_rule_is_refused_and_nothing_is_saved(domain):
    order = OrderFactory()
    line = OrderLineFactory(order=order)
    order.delivered_at = datetime(2019, 1, 1, tzinfo=HELSINKI)
    with pytest.raises(ValidationError) as exc:
        order_update(order=order, removed_lines=[line], lines=[OrderLine(product=domain)])
    assert error_codes(exc.value) == {"delivered_at": ["delivered_before_ordered"]}
    assert list(OrderLine.objects.all()) == [line]
    assert Order.objects.get().delivered_at is None


def test_a_line_of_another_order_is_refused(domain):
    order, other = OrderFactory.create_batch(2)
    stray = OrderLineFactory(order=other)
    stray.order = order
    for lines in ({"lines": [stray]}, {"removed_lines": [stray]}):
        with pytest.raises(ValidationError) as exc:
            order_update(order=order, **lines)
        assert exc.value.code == "line_of_another_order"
    stray.refresh_from_db()
    assert stray.order == other


def test_changing_an_order_never_saved_is_refused(company):
    with pytest.raises(ValidationError) as exc:
        order_update(order=new_order(company))
    assert exc.value.code == "order_not_saved"
    assert not Order.objects.exists()


def test_a_customer_abroad_is_billed_at_their_own_country():
    contact = ContactFactory(
        street_address="Drottninggatan 1", postal_code="111 51", city="Stockholm", country="SE"
    )
    order = new_order(CustomerFactory(primary_contact=contact))

    order_fill_billing_from_customer(order=order, customer=order.customer)

    assert (order.billing_street_address, order.billing_city, order.billing_country) == (
        "Drottninggatan 1",
        "Stockholm",
        "SE",
    )


def test_an_address_typed_on_the_order_keeps_its_own_country():
    contact = ContactFactory(country="SE")
    order = new_order(
        CustomerFactory(primary_contact=contact),
        billing_street_address="Aleksanterinkatu 1",
        billing_postal_code="00100",
        billing_city="Helsinki",
        billing_country="FI",
    )

    order_fill_billing_from_customer(order=order, customer=order.customer)

    assert order.billing_country == "FI"
