"""The order form in a 1,280 px window, in headless Chromium (fi-FI)."""

import pytest

from privacy.staff.groups import SALES
from tests.browser import admin_log_in, screenshot
from tests.customers.factories import StaffUserFactory
from tests.orders.factories import OrderFactory, OrderLineFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_order_form_fits_a_1280_px_window(live_server, page):
    order = OrderFactory()
    OrderLineFactory(order=order)
    OrderLineFactory(order=order)
    admin_log_in(page, live_server, StaffUserFactory(groups=[SALES]))
    page.goto(f"{live_server.url}/admin/orders/order/{order.pk}/change/")
    page.click("#lines-group .add-row a")
    screenshot(page, "order-form-1280")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1280, f"the page is {width} px wide"
    table = page.locator("#lines-group table").bounding_box()
    assert table["x"] + table["width"] <= 1280
