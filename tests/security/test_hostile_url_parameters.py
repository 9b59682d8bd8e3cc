"""Hostile query strings on every list of the admin: a 400, a redirect with Django's
"wrong filter" flag, or the list; never a server error.

PostgreSQL refuses NUL characters in text and invalid regular expressions with an error
that, unhandled, is a 500; SQLite is more forgiving, so the suite is run on both. Every
registered ModelAdmin is tried, Django's own and third-party ones included.
"""

import pytest
from django.contrib import admin
from django.contrib.admin.views.main import ERROR_FLAG
from django.db import models
from django.urls import reverse

from tests.customers.factories import ContactFactory

pytestmark = pytest.mark.django_db

ADMINS = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)
# From the security review: a regex that does not compile, NUL in a value, NUL compared.
REVIEWED = [{"email__regex": "("}, {"email": "\x00x"}, {"phone__gt": "\x00"}]
BEYOND_64_BITS = "9" * 40


def changelist_url(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def field_queries(model) -> list[dict[str, str]]:
    """The reviewed attacks aimed at the model's own fields, and a few of their relatives."""
    queries = []
    for field in model._meta.concrete_fields:
        name = field.name
        queries += [
            {f"{name}__regex": "("},
            {f"{name}__iregex": "(a+)+$"},
            {name: "\x00x"},
            {f"{name}__gt": "\x00"},
            {f"{name}__in": "\x00,1"},
        ]
        if isinstance(field, (models.IntegerField, models.ForeignKey)):
            queries.append({name: BEYOND_64_BITS})
    return queries


def filter_queries(model_admin, request) -> list[dict[str, str]]:
    """Hostile values in the filters the list offers."""
    names = set()
    if hasattr(model_admin, "offered_filter_parameters"):
        names = model_admin.offered_filter_parameters(request)
    return [
        {name: value}
        for name in sorted(names)
        for value in ("\x00", "x\x00y", BEYOND_64_BITS, "-1", "2025-02-30", "' OR 1=1 --", "")
    ]


def assert_no_server_error(client, url, query):
    # The test client raises what would be a 500, so reaching the assertion says enough.
    response = client.get(url, query)
    assert response.status_code in (200, 302, 400), (url, query, response.status_code)
    if response.status_code == 302:
        assert f"{ERROR_FLAG}=1" in response["Location"], (url, query)
    return response


@pytest.mark.parametrize(
    ("model", "model_admin"), ADMINS, ids=[model._meta.label for model, _ in ADMINS]
)
def test_hostile_query_parameters_never_give_a_server_error(
    superuser_client, superuser, rf, model, model_admin
):
    ContactFactory()
    url = changelist_url(model)
    request = rf.get(url)
    request.user = superuser
    for query in REVIEWED + field_queries(model) + filter_queries(model_admin, request):
        assert_no_server_error(superuser_client, url, query)


@pytest.mark.parametrize("query", REVIEWED, ids=["regex", "nul-value", "nul-compared"])
def test_the_reviewed_parameters_are_refused_on_the_contact_list(superuser_client, query):
    response = superuser_client.get(reverse("admin:customers_contact_changelist"), query)
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("model", "model_admin"), ADMINS, ids=[model._meta.label for model, _ in ADMINS]
)
def test_a_regular_expression_from_the_address_is_refused_on_every_list(
    superuser_client, model, model_admin
):
    # A pattern from the address could fail to compile, or backtrack for minutes.
    field = next(f.name for f in model._meta.concrete_fields if not f.is_relation)
    response = superuser_client.get(changelist_url(model), {f"{field}__regex": "(a+)+$"})
    assert response.status_code == 400


def test_a_nul_character_in_an_offered_filter_is_dropped_before_the_database(
    customer_service_client,
):
    ContactFactory(source="order", last_name="Heikkinen")
    response = customer_service_client.get(
        reverse("admin:customers_contact_changelist"), {"source__exact": "ord\x00er"}
    )
    assert response.status_code == 200
    assert [c.last_name for c in response.context["cl"].result_list] == ["Heikkinen"]


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ({"source__exact": "order"}, ["Heikkinen"]),
        ({"source__exact": "' OR 1=1 --"}, []),
        ({"source__exact": "order' OR '1'='1"}, []),
        ({"source__exact": "%"}, []),
        ({"source__exact": "_rder"}, []),
        ({"source__exact": "ord\x00er"}, ["Heikkinen"]),
        ({"source__lt": "order"}, ["Virtanen"]),
    ],
    ids=["plain", "or-true", "quoted-or", "percent", "underscore", "nul", "compared"],
)
def test_an_offered_filter_shows_only_the_rows_it_names(superuser_client, query, shown):
    ContactFactory(last_name="Heikkinen", source="order")
    ContactFactory(last_name="Virtanen", source="customer_service")
    response = superuser_client.get(reverse("admin:customers_contact_changelist"), query)
    assert response.status_code == 200
    assert [c.last_name for c in response.context["cl"].result_list] == shown


@pytest.mark.parametrize(
    "query",
    [{"last_name": "Heikkinen"}, {"last_name__contains": "%"}, {"id__gt": "0"}],
)
def test_a_filter_the_list_does_not_offer_is_refused(superuser_client, query):
    ContactFactory(last_name="Heikkinen")
    response = superuser_client.get(reverse("admin:customers_contact_changelist"), query)
    assert response.status_code == 400
