from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from customers.models import AnalyticsEvent, Contact, Customer, CustomerContact, SupportEmail
from orders.models import Order, OrderLine, Product
from privacy.inventory import (
    AlreadyRegistered,
    DataCategory,
    DataItem,
    Declaration,
    Registry,
    Retention,
    Text,
    customer_model_label,
    path_target,
    person_model_label,
    registry,
)
from privacy.inventory.checks import personal_fields
from privacy.inventory.subjects import Subject, rows_of_subject

HELSINKI = ZoneInfo("Europe/Helsinki")

# Section 3 of the published register description, word for word.
SECTION_3 = [
    "Yhteystiedot",
    "Tapahtuma-, ja käyttäjäanalyysitiedot",
    "Asiakkuuteen liittyvät tiedot",
    "Asiakaspalvelutilanteisiin sähköpostilla liittyvä viestinnän tallennus",
    "Asiakas / tilausrekisteri",
]

EXPECTED_CATEGORIES = {
    Contact: DataCategory.CONTACT_DETAILS,
    Customer: DataCategory.CUSTOMER_RELATIONSHIP,
    CustomerContact: DataCategory.CUSTOMER_RELATIONSHIP,
    SupportEmail: DataCategory.SUPPORT_EMAIL,
    AnalyticsEvent: DataCategory.ANALYTICS,
    Order: DataCategory.ORDERS,
    OrderLine: DataCategory.ORDERS,
}


def _declaration(model=Contact, fields=("first_name",), **overrides) -> Declaration:
    attrs = {
        "model": model,
        "category": DataCategory.CONTACT_DETAILS,
        "fields": fields,
        "purpose": Text("Tarkoitus.", "Purpose."),
        "retention": Retention(Text("Vuosi.", "A year."), months=12, counted_from="created_at"),
    }
    return Declaration(**{**attrs, **overrides})


def test_the_categories_are_those_of_section_3_in_its_order():
    assert [category.name_fi for category in DataCategory] == SECTION_3
    assert [category.number for category in DataCategory] == [1, 2, 3, 4, 5]


def test_category_keys_are_stable():
    assert [category.key for category in DataCategory] == [
        "contact_details",
        "analytics",
        "customer_relationship",
        "support_email",
        "orders",
    ]
    assert DataCategory.from_key("orders") is DataCategory.ORDERS


def test_a_category_is_named_in_finnish_and_english():
    assert DataCategory.ORDERS.label("fi") == "Asiakas / tilausrekisteri"
    assert DataCategory.ORDERS.label("en") == "Customer / order register"
    assert all(category.name_en != category.name_fi for category in DataCategory)


def test_every_category_of_section_3_is_in_use_in_its_order():
    assert registry.categories_in_use() == list(DataCategory)


def test_each_model_is_declared_under_its_category():
    for model, category in EXPECTED_CATEGORIES.items():
        declaration = registry.for_model(model)
        assert declaration is not None, model
        assert declaration.category is category, model
        assert registry.for_model(model._meta.label) is declaration


def test_every_declared_field_exists_on_its_model():
    for declaration in registry.all():
        for name in declaration.field_names:
            declaration.model._meta.get_field(name)


def test_every_model_of_customers_and_orders_holding_personal_data_is_declared():
    for label in ("customers", "orders"):
        for model in apps.get_app_config(label).get_models():
            if personal_fields(model):
                assert registry.for_model(model) is not None, model
                declared = set(registry.for_model(model).field_names)
                assert {f.name for f in personal_fields(model)} <= declared, model


def test_product_is_not_declared():
    assert registry.for_model(Product) is None


def test_every_data_item_has_a_finnish_and_an_english_label():
    for declaration in registry.all():
        for item in declaration.fields:
            assert item.label_fi and item.label_en, (declaration.label, item.field)
            assert declaration.item_label(item, "fi") == item.label_fi
            assert declaration.item_label(item, "en") == item.label_en


def test_a_label_defaults_to_the_fields_verbose_name():
    declaration = _declaration(
        fields=[DataItem("first_name"), DataItem("email", label_en="e-mail")]
    )

    assert declaration.item_label("first_name", "en") == "first name"
    assert declaration.item_label("first_name", "fi") == "etunimi"
    assert declaration.item_label("email", "en") == "e-mail"
    with pytest.raises(KeyError, match=r"^\"customers\.Contact declares no field 'phone'\.\"$"):
        declaration.item_label("phone", "en")


def test_item_labels_list_a_category_in_both_languages():
    assert registry.item_labels(DataCategory.CONTACT_DETAILS, "fi")[:3] == [
        "etunimi",
        "sukunimi",
        "sähköpostiosoite",
    ]
    assert registry.item_labels(DataCategory.CONTACT_DETAILS, "en")[:3] == [
        "first name",
        "last name",
        "email address",
    ]
    relationship = registry.item_labels(DataCategory.CUSTOMER_RELATIONSHIP, "fi")
    assert relationship.count("muut yhteyshenkilöt") == 1, "repeated labels appear once"
    for language, contact_details in [
        ("fi", ["etunimi", "sukunimi", "sähköpostiosoite"]),
        ("en", ["first name", "last name", "email address"]),
    ]:
        by_category = registry.labels_by_category(language)
        assert list(by_category) == list(DataCategory)
        assert by_category[DataCategory.CONTACT_DETAILS][:3] == contact_details
        for category, labels in by_category.items():
            assert labels == registry.item_labels(category, language), (language, category)


def test_every_declaration_says_why_how_long_and_from_where():
    for declaration in registry.all():
        for text in (declaration.purpose, declaration.source, declaration.retention.text):
            assert text.fi.strip() and text.en.strip()
            assert text.fi != text.en, f"{declaration.label} has one text for both languages"
            assert text.in_language("fi") == text.fi and text.in_language("en") == text.en
        assert declaration.disclosures
        assert declaration.retention.months > 0


def test_every_declared_row_can_be_reached_from_a_person():
    contact_model = apps.get_model(person_model_label())
    customer_model = apps.get_model(customer_model_label())
    for declaration in registry.all():
        assert declaration.reaches_a_person, declaration.label
        for path in declaration.person_paths:
            assert path_target(declaration.model, path) is contact_model, (declaration.label, path)
        for path in declaration.customer_paths:
            assert path_target(declaration.model, path) is customer_model, (
                declaration.label,
                path,
            )


def _person(first_name: str, last_name: str) -> Contact:
    return Contact.objects.create(
        first_name=first_name, last_name=last_name, email=f"{first_name.lower()}@example.fi"
    )


@pytest.mark.django_db
def test_the_declared_relations_find_every_row_of_a_person():
    aino = _person("Aino", "Virtanen")
    other = _person("Eero", "Mäkinen")
    customer = Customer.objects.create(
        customer_number="A-1001", primary_contact=aino, started_on=date(2024, 1, 1)
    )
    other_customer = Customer.objects.create(
        customer_number="A-1002", primary_contact=other, started_on=date(2024, 1, 1)
    )
    role = CustomerContact.objects.create(customer=other_customer, contact=aino)
    sent = datetime(2025, 3, 1, 12, tzinfo=HELSINKI)
    email = SupportEmail.objects.create(
        direction=SupportEmail.Direction.INBOUND,
        from_address="aino@example.fi",
        to_addresses="tuki@webstrella.fi",
        sent_at=sent,
        message_id="<1@example.fi>",
        contact=aino,
        customer=customer,
    )
    SupportEmail.objects.create(
        direction=SupportEmail.Direction.INBOUND,
        from_address="eero@example.fi",
        to_addresses="tuki@webstrella.fi",
        sent_at=sent,
        message_id="<2@example.fi>",
        contact=other,
    )
    event = AnalyticsEvent.objects.create(
        event_type=AnalyticsEvent.EventType.LOGIN, occurred_at=sent, contact=aino
    )
    order = Order.objects.create(
        number="T-1",
        customer=customer,
        ordered_at=sent,
        billing_name="Aino Virtanen",
        billing_street_address="Mannerheimintie 1",
        billing_postal_code="00100",
        billing_city="Helsinki",
    )
    product = Product.objects.create(name="Kotisivu", sku="WEB-1", price=Decimal("100"))
    line = OrderLine.objects.create(
        order=order, product=product, unit_price=Decimal("100"), vat_rate=Decimal("25.5")
    )

    found = {
        found.declaration.model: set(found.rows)
        for found in rows_of_subject(Subject(rows={"customers.contact": frozenset({aino.pk})}))
    }

    assert found[Contact] == {aino}
    # Her own customer relationship. The other customer's record is not her data; her role
    # in it is.
    assert found[Customer] == {customer}
    assert found[CustomerContact] == {role}
    assert found[SupportEmail] == {email}
    assert found[AnalyticsEvent] == {event}
    assert found[Order] == {order}
    assert found[OrderLine] == {line}

    by_customer = {
        found.declaration.model: set(found.rows)
        for found in rows_of_subject(Subject(rows={"customers.customer": frozenset({customer.pk})}))
    }
    assert by_customer[Contact] == {aino}
    assert by_customer[Customer] == {customer}
    assert by_customer[SupportEmail] == {email}
    assert by_customer[Order] == {order}
    assert by_customer[OrderLine] == {line}


def test_registering_a_model_twice_is_an_error():
    local = Registry()
    local.register(_declaration())

    with pytest.raises(AlreadyRegistered):
        local.register(_declaration(fields=("last_name",)))


def test_the_project_registry_refuses_a_second_declaration():
    with pytest.raises(AlreadyRegistered):
        registry.register(_declaration(model=Contact))


def test_an_exempt_model_cannot_be_declared():
    local = Registry()
    local.exempt(Contact, reason="For the test.")

    with pytest.raises(AlreadyRegistered):
        local.register(_declaration())
    assert local.is_exempt("customers.contact")


def test_a_declaration_needs_its_fields_once_each():
    with pytest.raises(ImproperlyConfigured):
        _declaration(fields=())
    with pytest.raises(ImproperlyConfigured):
        _declaration(fields=("email", DataItem("email", "sähköposti", "email")))


def test_bookkeeping_data_is_kept_six_years_after_the_year_of_the_order():
    retention = registry.for_model(Order).retention

    assert retention.counted_from == "ordered_at"
    # An order of 2020 must be kept to the end of 2026.
    assert retention.cutoff(date(2026, 12, 31)) == date(2020, 1, 1)
    assert retention.cutoff(date(2027, 1, 1)) == date(2021, 1, 1)


def test_support_email_is_kept_three_years_from_sending():
    retention = registry.for_model(SupportEmail).retention

    assert retention.counted_from == "sent_at"
    assert retention.cutoff(date(2025, 5, 31)) == date(2022, 5, 31)


def test_a_retention_period_counts_calendar_months():
    retention = Retention(Text("Kuukausi.", "A month."), months=1, counted_from="sent_at")

    assert retention.cutoff(date(2025, 3, 31)) == date(2025, 2, 28)
    assert retention.cutoff(date(2025, 1, 15)) == date(2024, 12, 15)
