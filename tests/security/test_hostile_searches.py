"""Garbage typed into the admin's search boxes and autocomplete fields.

Property-based with Hypothesis. Every searchable change list is searched with terms drawn
from the pool of garbage in `hostile.py`, and so is each autocomplete the register's forms
use: the list, or the JSON of the autocomplete, comes back; never a server error. Every row
the list shows has each word of the term in one of the fields searched: a wildcard or a
quote in the term is searched for as itself, and never widens the search.
"""

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from django.utils.text import smart_split, unescape_string_literal
from hypothesis import given

from privacy.models import AuditEntry
from tests.customers.factories import (
    AnalyticsEventFactory,
    ContactFactory,
    CustomerFactory,
    SupportEmailFactory,
)
from tests.orders.factories import OrderFactory, ProductFactory
from tests.security.hostile import HOSTILE, REQUEST_EXAMPLES, rolled_back
from webstrella.admin_inputs import bounded_search_term

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


@pytest.fixture
def register():
    """A few rows for every list searched, so that a search that widens shows them."""
    virtanen = ContactFactory(
        first_name="Ville", last_name="Virtanen", email="ville.virtanen@example.com"
    )
    ContactFactory(first_name="Kaisa", last_name="Heikkinen", email="kaisa@example.fi")
    customer = CustomerFactory(primary_contact=virtanen)
    SupportEmailFactory(customer=customer, contact=virtanen, subject="Laskun eräpäivä")
    AnalyticsEventFactory(customer=customer, contact=virtanen)
    ProductFactory(name="Kotisivupaketti", sku="KOTI-1")
    OrderFactory(customer=customer)
    AuditEntry.objects.create(username="tuula", action="view", detail="contact 1")
    return virtanen


def search_words(term: str) -> list[str]:
    """The words the admin looks for, split and unquoted as Django's search does."""
    words = []
    for bit in smart_split(bounded_search_term(term)):
        if bit.startswith(('"', "'")) and bit[0] == bit[-1]:
            bit = unescape_string_literal(bit)
        words.append(bit.casefold())
    return words


def field_text(obj, path: str) -> str:
    for name in path.lstrip("^=@").split("__"):
        obj = getattr(obj, name, None)
        if obj is None:
            return ""
    return str(obj).casefold()


def searched(client: Client, changelist: str, term: str) -> list:
    """The rows the list shows for `term`, each checked to hold every word of it."""
    with rolled_back():
        response = client.get(reverse(changelist), {"q": term})
        assert response.status_code == 200
        found = list(response.context["cl"].result_list)
        model_admin = admin.site._registry[response.context["cl"].model]
        fields = model_admin.get_search_fields(response.wsgi_request)
        for obj in found:
            texts = [field_text(obj, path) for path in fields]
            for word in search_words(term):
                assert any(word in text for text in texts), (changelist, term, obj, word)
        return found


def search_status(client: Client, changelist: str, term: str) -> int:
    with rolled_back():
        return client.get(reverse(changelist), {"q": term}).status_code


@REQUEST_EXAMPLES
@given(term=SEARCH_TERMS)
@pytest.mark.parametrize("changelist", SEARCHABLE)
def test_a_hostile_search_shows_only_rows_that_hold_its_words(
    superuser_client, register, changelist, term
):
    searched(superuser_client, changelist, term)


@pytest.mark.parametrize("changelist", SEARCHABLE)
@pytest.mark.parametrize("term", ["%", "_", "\\", "' OR '1'='1", "%00", "*", ".*"])
def test_wildcards_and_quotes_find_nothing_in_a_register_without_them(
    superuser_client, register, changelist, term
):
    assert searched(superuser_client, changelist, term) == []


def test_the_search_finds_what_it_is_asked_for(superuser_client, register):
    url = "admin:customers_contact_changelist"
    assert searched(superuser_client, url, "virtanen") == [register]
    assert searched(superuser_client, url, "VILLE virta") == [register]


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
def test_a_hostile_autocomplete_term_offers_only_rows_that_hold_its_words(
    superuser_client, register, source, term
):
    response = superuser_client.get(reverse("admin:autocomplete"), {**source, "term": term})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    target = (
        apps.get_model(source["app_label"], source["model_name"])
        ._meta.get_field(source["field_name"])
        .related_model
    )
    fields = admin.site._registry[target].search_fields
    for result in response.json()["results"]:
        obj = target._default_manager.get(pk=result["id"])
        texts = [field_text(obj, path) for path in fields]
        for word in search_words(term):
            assert any(word in text for text in texts), (term, obj, word)


@pytest.mark.parametrize(
    "changelist", ["admin:customers_contact_changelist", "admin:orders_order_changelist"]
)
def test_a_search_with_a_nul_byte_searches_without_it(superuser_client, register, changelist):
    # The NUL is dropped, as PostgreSQL's text cannot hold it: "virta\x00nen" is "virtanen".
    found = searched(superuser_client, changelist, "virta\x00nen")
    assert len(found) == 1
    assert found == searched(superuser_client, changelist, "virtanen")


@pytest.mark.parametrize(
    "changelist", ["admin:customers_contact_changelist", "admin:orders_order_changelist"]
)
def test_a_search_of_a_thousand_words_answers_with_the_list(superuser_client, register, changelist):
    # The first twelve words are searched: here "virtanen" twelve times, which finds what
    # the word once finds.
    found = searched(superuser_client, changelist, "virtanen " * 1000)
    assert len(found) == 1
    assert found == searched(superuser_client, changelist, "virtanen")


@pytest.mark.parametrize(
    ("term", "offered"), [("virta", True), ("%", False), ("' OR '1'='1", False)]
)
def test_the_contact_autocomplete_offers_what_it_is_asked_for(
    superuser_client, register, term, offered
):
    response = superuser_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "customers",
            "model_name": "customer",
            "field_name": "primary_contact",
            "term": term,
        },
    )
    ids = [result["id"] for result in response.json()["results"]]
    assert ids == ([str(register.pk)] if offered else [])
