"""Garbage typed into the admin's search boxes and autocomplete fields.

Property-based with Hypothesis. Every searchable change list is searched with terms drawn
from the pool of garbage in `hostile.py`, and so is each autocomplete the register's forms
use: the list, or the JSON of the autocomplete, comes back; never a server error.
"""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given

from tests.security.hostile import HOSTILE, REQUEST_EXAMPLES, rolled_back

pytestmark = pytest.mark.django_db

SEARCHABLE = [
    "admin:customers_contact_changelist",
    "admin:customers_customer_changelist",
    "admin:customers_supportemail_changelist",
    "admin:customers_analyticsevent_changelist",
    "admin:orders_product_changelist",
    "admin:orders_order_changelist",
    "admin:privacy_auditentry_changelist",
]
SEARCH_TERMS = HOSTILE


def search_status(client: Client, changelist: str, term: str) -> int:
    with rolled_back():
        return client.get(reverse(changelist), {"q": term}).status_code


@REQUEST_EXAMPLES
@given(term=SEARCH_TERMS)
@pytest.mark.parametrize("changelist", SEARCHABLE)
def test_a_hostile_search_answers_with_the_list(superuser_client, changelist, term):
    assert search_status(superuser_client, changelist, term) == 200


@REQUEST_EXAMPLES
@given(term=SEARCH_TERMS)
@pytest.mark.parametrize(
    "source",
    [
        {"app_label": "customers", "model_name": "customer", "field_name": "primary_contact"},
        {"app_label": "orders", "model_name": "order", "field_name": "customer"},
        {"app_label": "orders", "model_name": "orderline", "field_name": "product"},
    ],
    ids=["contact", "customer", "product"],
)
def test_a_hostile_autocomplete_term_answers_with_json(superuser_client, source, term):
    response = superuser_client.get(reverse("admin:autocomplete"), {**source, "term": term})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    "changelist", ["admin:customers_contact_changelist", "admin:orders_order_changelist"]
)
def test_a_search_with_a_nul_byte_answers_with_the_list(superuser_client, changelist):
    assert search_status(superuser_client, changelist, "virta\x00nen") == 200


@pytest.mark.parametrize(
    "changelist", ["admin:customers_contact_changelist", "admin:orders_order_changelist"]
)
def test_a_search_of_a_thousand_words_answers_with_the_list(superuser_client, changelist):
    assert search_status(superuser_client, changelist, "a " * 1000) == 200
