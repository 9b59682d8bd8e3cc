from datetime import datetime, timedelta
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from orders.models import Order
from tests.customers.factories import HELSINKI
from tests.orders.factories import OrderFactory, OrderLineFactory, ProductFactory

pytestmark = pytest.mark.django_db


def errors_of(instance) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as exc:
        instance.full_clean()
    return exc.value.message_dict


# Product


def test_a_product_from_the_factory_is_valid():
    ProductFactory().full_clean()


@pytest.mark.parametrize("rate", ["25.5", "14", "10", "0"])
def test_a_product_may_have_a_vat_rate_in_force(rate):
    ProductFactory(vat_rate=D(rate)).full_clean()


def test_a_product_may_not_be_sold_at_the_old_24_percent_rate():
    assert "vat_rate" in errors_of(ProductFactory.build(vat_rate=D("24")))


def test_the_database_refuses_a_product_with_an_invalid_vat_rate():
    with pytest.raises(IntegrityError), transaction.atomic():
        ProductFactory(vat_rate=D("22"))


def test_the_database_refuses_a_negative_product_price():
    with pytest.raises(IntegrityError), transaction.atomic():
        ProductFactory(price=D("-1.00"))


# Order


def test_an_order_is_in_euros():
    order = OrderFactory()
    order.refresh_from_db()
    assert order.currency == "EUR"


def test_the_database_refuses_an_order_in_another_currency():
    with pytest.raises(IntegrityError), transaction.atomic():
        OrderFactory(currency="SEK")


def test_an_order_cannot_be_paid_before_it_was_placed():
    order = OrderFactory()
    order.paid_at = order.ordered_at - timedelta(minutes=1)
    assert "paid_at" in errors_of(order)


def test_the_database_refuses_an_order_paid_before_it_was_placed():
    ordered_at = datetime(2025, 3, 4, 10, 0, tzinfo=HELSINKI)
    with pytest.raises(IntegrityError), transaction.atomic():
        OrderFactory(ordered_at=ordered_at, paid_at=ordered_at - timedelta(seconds=1))


def test_an_order_cannot_be_delivered_before_it_was_placed():
    order = OrderFactory()
    order.delivered_at = order.ordered_at - timedelta(days=1)
    assert "delivered_at" in errors_of(order)


def test_the_database_refuses_an_order_delivered_before_it_was_placed():
    ordered_at = datetime(2025, 3, 4, 10, 0, tzinfo=HELSINKI)
    with pytest.raises(IntegrityError), transaction.atomic():
        OrderFactory(ordered_at=ordered_at, delivered_at=ordered_at - timedelta(days=1))


def test_an_order_paid_and_delivered_on_the_spot_is_valid():
    order = OrderFactory()
    order.paid_at = order.delivered_at = order.ordered_at
    order.full_clean()


def test_order_totals_group_the_lines_by_vat_rate():
    order = OrderFactory()
    OrderLineFactory(order=order, quantity=D("2"), unit_price=D("79.90"), vat_rate=D("25.5"))
    OrderLineFactory(order=order, quantity=D("1"), unit_price=D("19.90"), vat_rate=D("25.5"))
    OrderLineFactory(order=order, quantity=D("1"), unit_price=D("35.00"), vat_rate=D("14"))
    OrderLineFactory(order=order, quantity=D("1"), unit_price=D("100.00"), vat_rate=D("24"))

    totals = order.totals

    assert [(g.rate, g.net, g.vat) for g in totals.groups] == [
        (D("25.5"), D("179.70"), D("45.82")),
        (D("24"), D("100.00"), D("24.00")),
        (D("14"), D("35.00"), D("4.90")),
    ]
    assert totals.net == D("314.70")
    assert totals.vat == D("74.72")
    assert totals.gross == D("389.42")


def test_order_totals_use_the_prefetched_lines(django_assert_num_queries):
    for order in OrderFactory.create_batch(3):
        OrderLineFactory.create_batch(2, order=order)
    with django_assert_num_queries(2):
        orders = list(Order.objects.prefetch_related("lines"))
        grosses = [order.totals.gross for order in orders]
    assert len(grosses) == 3


def test_an_order_without_lines_totals_zero():
    assert OrderFactory().totals.gross == D("0.00")


# Order line


def test_the_database_refuses_a_negative_quantity():
    with pytest.raises(IntegrityError), transaction.atomic():
        OrderLineFactory(quantity=D("-1"))


def test_the_database_refuses_a_negative_unit_price():
    with pytest.raises(IntegrityError), transaction.atomic():
        OrderLineFactory(unit_price=D("-0.01"))


def test_the_database_refuses_a_line_with_an_invalid_vat_rate():
    with pytest.raises(IntegrityError), transaction.atomic():
        OrderLineFactory(vat_rate=D("22"))


def test_an_old_line_keeps_the_24_percent_rate_of_its_time():
    OrderLineFactory(vat_rate=D("24")).full_clean()


def test_a_negative_quantity_is_a_validation_error_before_it_reaches_the_database():
    line = OrderLineFactory()
    line.quantity = D("-1")
    assert "quantity" in errors_of(line)


def test_a_line_keeps_its_price_when_the_product_price_changes():
    line = OrderLineFactory(unit_price=D("79.90"))
    line.product.price = D("89.90")
    line.product.save()
    line.refresh_from_db()
    assert line.unit_price == D("79.90")
