"""Factories for products and orders, priced without VAT as the register stores them."""

from datetime import timedelta
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from orders.models import Order, OrderLine, Product
from tests.customers.factories import FIRST_TIMESTAMP, CustomerFactory

# (name, kind, price without VAT)
PRODUCTS = [
    ("Kotisivupaketti Perus", Product.Kind.WEB_SERVICE, Decimal("490.00")),
    ("Verkkokauppa Pro, kuukausimaksu", Product.Kind.WEB_SHOP_PLAN, Decimal("79.90")),
    ("Verkkotunnus .fi, 1 vuosi", Product.Kind.DOMAIN, Decimal("19.90")),
    ("Ylläpitosopimus, tunti", Product.Kind.OTHER, Decimal("68.00")),
]


class ProductFactory(DjangoModelFactory):
    class Meta:
        model = Product

    class Params:
        template = factory.Sequence(lambda n: PRODUCTS[n % len(PRODUCTS)])

    name = factory.LazyAttribute(lambda o: o.template[0])
    kind = factory.LazyAttribute(lambda o: o.template[1])
    price = factory.LazyAttribute(lambda o: o.template[2])
    sku = factory.Sequence(lambda n: f"WS-{n + 1:04d}")
    vat_rate = Decimal("25.5")
    is_active = True


class OrderFactory(DjangoModelFactory):
    """A new order whose billing details are those of the customer's primary contact."""

    class Meta:
        model = Order

    number = factory.Sequence(lambda n: f"TI-{100001 + n}")
    customer = factory.SubFactory(CustomerFactory)
    status = Order.Status.NEW
    ordered_at = factory.Sequence(lambda n: FIRST_TIMESTAMP + timedelta(hours=5 * n))
    billing_name = factory.LazyAttribute(
        lambda o: o.customer.company_name or o.customer.primary_contact.full_name
    )
    billing_email = factory.SelfAttribute("customer.primary_contact.email")
    billing_street_address = factory.SelfAttribute("customer.primary_contact.street_address")
    billing_postal_code = factory.SelfAttribute("customer.primary_contact.postal_code")
    billing_city = factory.SelfAttribute("customer.primary_contact.city")
    billing_country = "FI"
    billing_business_id = factory.SelfAttribute("customer.business_id")


class OrderLineFactory(DjangoModelFactory):
    """A line carrying the product's current name, price and VAT rate as its snapshot."""

    class Meta:
        model = OrderLine

    order = factory.SubFactory(OrderFactory)
    product = factory.SubFactory(ProductFactory)
    description = factory.SelfAttribute("product.name")
    quantity = Decimal("1")
    unit_price = factory.SelfAttribute("product.price")
    vat_rate = factory.SelfAttribute("product.vat_rate")
