"""The inventory's registry and declarations, built here from a few declarations of its own.

A registry of the test's own makes every expected list complete and exact: what the
register page lists per category, which models are exempt and why, and which retention
periods a declaration may have.
"""

import pytest
from django.core.exceptions import ImproperlyConfigured

from customers.models import AnalyticsEvent, Contact, SupportEmail
from orders.models import Order, OrderLine
from privacy.inventory import (
    AlreadyRegistered,
    DataCategory,
    DataItem,
    Declaration,
    Registry,
    Retention,
    Text,
)

A_YEAR = Retention(Text("Vuosi.", "A year."), months=12, counted_from="created_at")


def declared(model, category, *fields, **overrides) -> Declaration:
    return Declaration(
        model=model,
        category=category,
        fields=fields,
        purpose=Text("Tarkoitus.", "Purpose."),
        retention=overrides.pop("retention", A_YEAR),
        **overrides,
    )


@pytest.fixture
def local_registry() -> Registry:
    local = Registry()
    # Registered out of section-3 order, to see the registry put them in order.
    local.register(
        declared(
            Order,
            DataCategory.ORDERS,
            DataItem("billing_email", label_fi="laskutusosoite", label_en="billing address"),
            retention=Retention(Text("Kuusi vuotta.", "Six years."), 72, "ordered_at"),
        )
    )
    local.register(
        declared(
            Contact,
            DataCategory.CONTACT_DETAILS,
            DataItem("first_name", label_fi="etunimi", label_en="first name"),
            DataItem("email", label_fi="sähköposti", label_en="email"),
        )
    )
    local.register(
        declared(
            OrderLine,
            DataCategory.ORDERS,
            DataItem("description", label_fi="tuote", label_en="product"),
            DataItem("quantity", label_fi="laskutusosoite", label_en="billing address"),
            retention=Retention(Text("Kuusi vuotta.", "Six years."), 72, "order__ordered_at"),
        )
    )
    return local


def test_labels_by_category_lists_the_categories_in_use_in_section_3_order(local_registry):
    assert local_registry.labels_by_category("fi") == {
        DataCategory.CONTACT_DETAILS: ["etunimi", "sähköposti"],
        DataCategory.ORDERS: ["laskutusosoite", "tuote"],
    }
    assert local_registry.labels_by_category("en") == {
        DataCategory.CONTACT_DETAILS: ["first name", "email"],
        DataCategory.ORDERS: ["billing address", "product"],
    }
    assert list(local_registry.labels_by_category("en")) == [
        DataCategory.CONTACT_DETAILS,
        DataCategory.ORDERS,
    ]


def test_labels_by_category_of_an_empty_registry_is_empty():
    assert Registry().labels_by_category("fi") == {}


def test_the_registry_lists_declarations_by_category_then_as_registered(local_registry):
    assert [d.label for d in local_registry.all()] == [
        "customers.Contact",
        "orders.Order",
        "orders.OrderLine",
    ]
    assert [d.label for d in local_registry.for_category(DataCategory.ORDERS)] == [
        "orders.Order",
        "orders.OrderLine",
    ]
    assert local_registry.for_category(DataCategory.ANALYTICS) == []
    assert local_registry.categories_in_use() == [
        DataCategory.CONTACT_DETAILS,
        DataCategory.ORDERS,
    ]


def test_exemptions_name_each_exempt_model_with_its_reason():
    local = Registry()
    local.exempt(SupportEmail, reason="Kept by the mail system.")
    local.exempt("customers.AnalyticsEvent", reason="Counts only.")

    assert local.exemptions() == {
        "customers.supportemail": "Kept by the mail system.",
        "customers.analyticsevent": "Counts only.",
    }
    assert local.is_exempt(AnalyticsEvent)
    assert local.is_exempt("customers.SupportEmail")
    assert not local.is_exempt(Contact)
    assert local.for_model(SupportEmail) is None


def test_the_exemptions_handed_out_are_a_copy():
    local = Registry()
    local.exempt(SupportEmail, reason="Kept by the mail system.")

    local.exemptions()["customers.contact"] = "Slipped in."

    assert local.exemptions() == {"customers.supportemail": "Kept by the mail system."}
    assert not local.is_exempt(Contact)


def test_an_exemption_needs_a_reason():
    local = Registry()
    with pytest.raises(ImproperlyConfigured, match="Say why customers.SupportEmail holds no"):
        local.exempt("customers.SupportEmail", reason="  ")
    assert local.exemptions() == {}


def test_a_model_is_exempt_once_and_then_cannot_be_declared(local_registry):
    local_registry.exempt(SupportEmail, reason="Kept by the mail system.")

    with pytest.raises(AlreadyRegistered, match="already declared or exempt"):
        local_registry.exempt(SupportEmail, reason="Again.")
    with pytest.raises(AlreadyRegistered, match="already declared or exempt"):
        local_registry.exempt(Contact, reason="Declared already.")
    with pytest.raises(AlreadyRegistered, match="customers.SupportEmail is exempt"):
        local_registry.register(declared(SupportEmail, DataCategory.SUPPORT_EMAIL, "subject"))
    assert local_registry.exemptions() == {"customers.supportemail": "Kept by the mail system."}


def test_a_model_is_declared_once(local_registry):
    with pytest.raises(AlreadyRegistered, match="customers.Contact is already declared"):
        local_registry.register(declared(Contact, DataCategory.CONTACT_DETAILS, "last_name"))
    assert local_registry.for_model(Contact).field_names == ("first_name", "email")


@pytest.mark.parametrize("months", [0, -1])
def test_a_retention_period_of_no_months_is_refused(months):
    with pytest.raises(ImproperlyConfigured, match=f"must be positive: {months}"):
        Retention(Text("Ei lainkaan.", "Not at all."), months=months, counted_from="created_at")


def test_a_retention_period_of_one_month_is_accepted():
    assert Retention(Text("Kuukausi.", "A month."), months=1, counted_from="created_at").months == 1
