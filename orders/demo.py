"""Demo data of the order register: the product catalog, and orders with their lines.

`DemoOrdersBuilder` draws the orders of demo customers that customers/demo.py has built and
saved, and writes them with their lines. Orders run from 2019 to yesterday, each dated
within its customer's relationship, and every order line keeps the price and the VAT rate
in force on its order date. Order numbers start with the demo prefix and the order date
(`DEMO-240901-000001`). Products are shared with the real catalog and found by SKU.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import NamedTuple

from customers.demo import (
    BATCH_SIZE,
    DEMO_PREFIX,
    HELSINKI,
    Purchase,
    Weighted,
    day_between,
    moment,
)
from customers.models import Customer

from .models import Order, OrderLine, Product
from .services import order_fill_billing_from_customer, order_line_fill_from_product
from .vat import compute_totals, general_vat_rate_on

ORDERS_FROM = date(2019, 1, 1)


class CatalogItem(NamedTuple):
    sku: str
    name: str
    kind: str
    price: Decimal  # without VAT
    quantities: tuple[int, ...]  # months, years, hours or pieces sold in one line
    popularity: int


_WEB, _SHOP, _DOMAIN, _OTHER = (
    Product.Kind.WEB_SERVICE,
    Product.Kind.WEB_SHOP_PLAN,
    Product.Kind.DOMAIN,
    Product.Kind.OTHER,
)
CATALOG = {
    item.sku: item
    for item in (
        CatalogItem("WEB-START", "Kotisivut Start", _WEB, Decimal("590.00"), (1,), 6),
        CatalogItem("WEB-PRO", "Kotisivut Pro", _WEB, Decimal("1490.00"), (1,), 3),
        CatalogItem("WEB-CARE", "Ylläpitosopimus, kuukausi", _WEB, Decimal("39.00"), (1, 3, 12), 8),
        CatalogItem("WEB-SEO", "Hakukoneoptimointi", _WEB, Decimal("450.00"), (1,), 3),
        CatalogItem(
            "WEB-HOUR",
            "Suunnittelu- ja kehitystyö, tunti",
            _WEB,
            Decimal("85.00"),
            (1, 2, 3, 4, 6, 8, 12),
            7,
        ),
        CatalogItem("WEB-HOSTING", "Webhotelli, vuosi", _WEB, Decimal("120.00"), (1,), 9),
        CatalogItem("SHOP-S", "Verkkokauppa S, kuukausi", _SHOP, Decimal("29.00"), (1, 6, 12), 5),
        CatalogItem("SHOP-M", "Verkkokauppa M, kuukausi", _SHOP, Decimal("59.00"), (1, 6, 12), 4),
        CatalogItem("SHOP-L", "Verkkokauppa L, kuukausi", _SHOP, Decimal("119.00"), (1, 12), 2),
        CatalogItem("SHOP-SETUP", "Verkkokaupan käyttöönotto", _SHOP, Decimal("390.00"), (1,), 3),
        CatalogItem(
            "DOM-FI", ".fi-verkkotunnus, vuosi", _DOMAIN, Decimal("15.00"), (1, 2, 3, 5), 10
        ),
        CatalogItem("DOM-COM", ".com-verkkotunnus, vuosi", _DOMAIN, Decimal("18.00"), (1, 2, 3), 6),
        CatalogItem("DOM-EU", ".eu-verkkotunnus, vuosi", _DOMAIN, Decimal("16.00"), (1, 2), 2),
        CatalogItem("DOM-TRANSFER", "Verkkotunnuksen siirto", _DOMAIN, Decimal("20.00"), (1,), 3),
        CatalogItem(
            "MAIL-BOX", "Sähköpostilaatikko, vuosi", _OTHER, Decimal("36.00"), (1, 2, 3, 5, 10), 6
        ),
        CatalogItem("SSL-EV", "EV-varmenne, vuosi", _OTHER, Decimal("149.00"), (1,), 1),
    )
}
# How long after payment each kind of product is typically delivered, in minutes.
DELIVERY_MINUTES = {
    Product.Kind.DOMAIN: (5, 240),
    Product.Kind.OTHER: (5, 24 * 60),
    Product.Kind.WEB_SHOP_PLAN: (60, 3 * 24 * 60),
    Product.Kind.WEB_SERVICE: (2 * 24 * 60, 45 * 24 * 60),
}
LINES_PER_ORDER = Weighted(((1, 40), (2, 30), (3, 20), (4, 10)))


def demo_products_get_or_create(*, today: date) -> tuple[list[Product], int]:
    """The catalog's products, found by SKU or created; also how many were created.

    New products are sold at the general VAT rate in force today.
    """
    existing = Product.objects.in_bulk(list(CATALOG), field_name="sku")
    missing = [
        Product(
            sku=item.sku,
            name=item.name,
            kind=item.kind,
            price=item.price,
            vat_rate=general_vat_rate_on(today),
        )
        for item in CATALOG.values()
        if item.sku not in existing
    ]
    Product.objects.bulk_create(missing, batch_size=BATCH_SIZE)
    products = {**existing, **{product.sku: product for product in missing}}
    return [products[sku] for sku in CATALOG], len(missing)


def demo_orders_exist() -> bool:
    return Order.objects.filter(number__startswith=DEMO_PREFIX).exists()


@dataclass
class OrdersRound:
    orders: list[Order] = field(default_factory=list)
    order_lines: list[OrderLine] = field(default_factory=list)
    # The orders as the web shop's analytics record them.
    purchases: list[Purchase] = field(default_factory=list)


class DemoOrdersBuilder:
    """Draws demo orders from a random generator of its own, in a fixed order."""

    def __init__(self, *, seed: int, today: date, products: list[Product]) -> None:
        self.rng = random.Random(f"orders-{seed}")
        self.last_day = today - timedelta(days=1)
        self.general_vat_rate = general_vat_rate_on(today)
        # Every timestamp lies before the start of today, so one day's runs agree.
        self.cutoff = datetime.combine(today, time.min, tzinfo=HELSINKI)
        self.products = Weighted(
            [(product, CATALOG[product.sku].popularity) for product in products]
        )
        self.order_count = 0

    def create_orders(self, customers: list[Customer]) -> OrdersRound:
        """Draw and save the orders of these saved customers, with their lines."""
        batch = OrdersRound()
        for customer in customers:
            for order, lines in self._orders(customer):
                batch.orders.append(order)
                batch.order_lines.extend(lines)
                totals = compute_totals(
                    (line.quantity, line.unit_price, line.vat_rate) for line in lines
                )
                batch.purchases.append(
                    Purchase(
                        customer=customer,
                        number=order.number,
                        ordered_at=order.ordered_at,
                        items=len(lines),
                        total=totals.gross,
                    )
                )
        Order.objects.bulk_create(batch.orders, batch_size=BATCH_SIZE)
        OrderLine.objects.bulk_create(batch.order_lines, batch_size=BATCH_SIZE)
        return batch

    def _orders(self, customer: Customer) -> list[tuple[Order, list[OrderLine]]]:
        if customer.status == Customer.Status.PROSPECT:
            return []
        first = max(customer.started_on, ORDERS_FROM)
        last = min(customer.ended_on or self.last_day, self.last_day)
        if first > last:
            return []
        years = ((last - first).days + 1) / 365
        count = min(self.rng.randint(1, max(1, round(1 + years * 1.2))), 10)
        days = sorted(day_between(self.rng, first, last) for _ in range(count))
        return [self._order(customer, day) for day in days]

    def _order(self, customer: Customer, day: date) -> tuple[Order, list[OrderLine]]:
        rng = self.rng
        self.order_count += 1
        ordered_at = moment(rng, day, 7, 22)
        products: list[Product] = []
        wanted = LINES_PER_ORDER.pick(rng)
        while len(products) < wanted:
            product = self.products.pick(rng)
            if product not in products:
                products.append(product)
        lines = []
        for product in products:
            line = OrderLine(
                product=product, quantity=Decimal(rng.choice(CATALOG[product.sku].quantities))
            )
            if product.vat_rate == self.general_vat_rate:
                # A product sold at the general rate was sold at the rate then in force.
                line.vat_rate = general_vat_rate_on(day)
            order_line_fill_from_product(line=line)
            lines.append(line)

        status = Order.Status.DELIVERED
        paid_at = delivered_at = None
        if rng.random() < 0.04:
            status = Order.Status.CANCELLED
        else:
            if rng.random() < 0.6:
                # Card or online-bank payment at the checkout.
                paid_at = ordered_at + timedelta(minutes=rng.randint(1, 30))
            else:
                # Invoice with 14 days' terms, paid early, on time or a little late.
                paid_at = ordered_at + timedelta(days=rng.randint(3, 21), hours=rng.randint(0, 8))
            slowest = max(DELIVERY_MINUTES[product.kind][1] for product in products)
            fastest = min(DELIVERY_MINUTES[product.kind][0] for product in products)
            delivered_at = paid_at + timedelta(minutes=rng.randint(fastest, slowest))
            if paid_at >= self.cutoff:
                status, paid_at, delivered_at = Order.Status.NEW, None, None
            elif delivered_at >= self.cutoff:
                status, delivered_at = Order.Status.PAID, None

        order = Order(
            # The order date leads, so numbers sort roughly by time as in a live shop.
            number=f"{DEMO_PREFIX}{ordered_at:%y%m%d}-{self.order_count:06d}",
            customer=customer,
            status=status,
            ordered_at=ordered_at,
            paid_at=paid_at,
            delivered_at=delivered_at,
        )
        order_fill_billing_from_customer(order=order, customer=customer)
        for line in lines:
            line.order = order
        return order, lines
