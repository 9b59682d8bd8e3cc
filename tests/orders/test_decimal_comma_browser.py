"""Numbers typed the Finnish way in the order and product forms, in headless Chromium (fi-FI).

A browser's number input drops a typed comma, so "3,5" reached the server as "35".
"""

from decimal import Decimal

import pytest

from orders.models import OrderLine, Product
from privacy.staff.groups import SALES
from tests.browser import admin_log_in, screenshot
from tests.customers.factories import StaffUserFactory
from tests.orders.factories import OrderFactory, OrderLineFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_quantity_typed_with_a_decimal_comma_is_saved_as_typed(live_server, page):
    line = OrderLineFactory(order=OrderFactory(), quantity=Decimal("1"))
    admin_log_in(page, live_server, StaffUserFactory(groups=[SALES]))
    page.goto(f"{live_server.url}/admin/orders/order/{line.order.pk}/change/")
    assert page.input_value("#id_lines-0-unit_price") == f"{line.unit_price}".replace(".", ",")

    page.fill("#id_lines-0-quantity", "3,5")
    page.fill("#id_lines-0-unit_price", "1 234,50")
    screenshot(page, "order-decimal-comma")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")

    line.refresh_from_db()
    assert line.quantity == Decimal("3.5")
    assert line.unit_price == Decimal("1234.50")
    assert page.input_value("#id_lines-0-quantity") == "3,50"


def test_a_decimal_point_is_read_as_well(live_server, page):
    line = OrderLineFactory(order=OrderFactory())
    admin_log_in(page, live_server, StaffUserFactory(groups=[SALES]))
    page.goto(f"{live_server.url}/admin/orders/order/{line.order.pk}/change/")
    page.fill("#id_lines-0-quantity", "3.5")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    line.refresh_from_db()
    assert line.quantity == Decimal("3.5")


@pytest.mark.parametrize("typed", ["3,5,1", "1.234,50", "kolme", "3,5 h"])
def test_a_number_it_cannot_read_is_refused_not_guessed(live_server, page, typed):
    line = OrderLineFactory(order=OrderFactory(), quantity=Decimal("2"))
    admin_log_in(page, live_server, StaffUserFactory(groups=[SALES]))
    page.goto(f"{live_server.url}/admin/orders/order/{line.order.pk}/change/")
    page.fill("#id_lines-0-quantity", typed)
    page.click("input[name=_continue]")
    page.wait_for_selector(".errornote")
    assert "3,5" in page.locator(".errorlist").first.inner_text()
    line.refresh_from_db()
    assert line.quantity == Decimal("2")
    assert OrderLine.objects.count() == 1


def test_a_product_price_takes_a_decimal_comma(live_server, page):
    admin_log_in(page, live_server, StaffUserFactory(groups=[SALES]))
    page.goto(f"{live_server.url}/admin/orders/product/add/")
    page.fill("#id_name", "Ylläpitotunti")
    page.fill("#id_sku", "WS-9001")
    page.fill("#id_price", "68,50")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    assert Product.objects.get(sku="WS-9001").price == Decimal("68.50")
