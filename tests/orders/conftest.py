"""Fixtures of the order tests: a company customer and a product to order, and the browser."""

from decimal import Decimal as D

import pytest

from tests.browser import chromium, page  # noqa: F401 - fixtures
from tests.customers.factories import ContactFactory, CustomerFactory
from tests.orders.factories import ProductFactory


@pytest.fixture
def company():
    contact = ContactFactory(
        first_name="Juhani",
        last_name="Nieminen",
        email="laskutus@nieminen.example.com",
        street_address="Hämeenkatu 21 B 7",
        postal_code="33200",
        city="Tampere",
    )
    return CustomerFactory(
        company=True,
        company_name="Rakennus Nieminen Oy",
        business_id="0737546-2",
        primary_contact=contact,
    )


@pytest.fixture
def domain():
    return ProductFactory(name="Verkkotunnus .fi, 1 vuosi", price=D("19.90"), vat_rate=D("14"))
