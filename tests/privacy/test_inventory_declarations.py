"""The inventory's building blocks: what a declaration refuses, and how it reads to people.

A declaration that cannot work is refused when the app loads, with a message that names
what to fix; the labels are what an officer reads beside each candidate and each answer.
"""

import warnings
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation

from customers.models import Contact, Customer
from orders.models import Order, OrderLine
from privacy.inventory import (
    DISCLOSURE_ONLY_FOR_ORDER_OR_BY_LAW,
    AutomatedProcessing,
    DataCategory,
    Declaration,
    Disclosure,
    Erasure,
    ErasureAction,
    Identifier,
    IdentifierKind,
    LegalBasis,
    PurposeBasis,
    Requirement,
    RequirementKind,
    Retention,
    Text,
    is_customer_model,
    is_person_model,
    path_field,
    registry,
)
from tests.customers.factories import ContactFactory
from tests.orders.factories import OrderFactory, OrderLineFactory

HELSINKI = ZoneInfo("Europe/Helsinki")

A_YEAR = Retention(Text("Vuosi.", "A year."), months=12, counted_from="created_at")


def declaration(**overrides) -> Declaration:
    attrs = {
        "model": Contact,
        "category": DataCategory.CONTACT_DETAILS,
        "fields": ("first_name",),
        "purpose": Text("Tarkoitus.", "Purpose."),
        "retention": A_YEAR,
    }
    return Declaration(**{**attrs, **overrides})


@pytest.mark.parametrize(("fi", "en"), [("", "Purpose."), ("Tarkoitus.", " "), (" ", "")])
def test_a_text_needs_both_languages(fi, en):
    with pytest.raises(ImproperlyConfigured, match="Both the Finnish and English wording"):
        Text(fi, en)


def test_a_transfer_outside_the_eea_needs_its_safeguard_and_only_it_has_one():
    text = Text("Luovutus.", "Disclosure.")
    recipients = Text("Kumppanit.", "Partners.")
    safeguard = Text("Vakiolausekkeet.", "Standard contractual clauses.")
    with pytest.raises(ImproperlyConfigured, match="outside the EEA needs its safeguard"):
        Disclosure(text, recipients, outside_eea=True)
    with pytest.raises(ImproperlyConfigured, match="A safeguard is for transfers outside"):
        Disclosure(text, recipients, safeguard=safeguard)
    assert Disclosure(text, recipients, outside_eea=True, safeguard=safeguard).safeguard
    assert Disclosure(text, recipients).safeguard is None


def test_an_automated_decision_needs_its_consequences():
    logic = Text("Pisteytys.", "Scoring.")
    with (
        translation.override("en"),
        pytest.raises(
            ImproperlyConfigured,
            match=r"^An automated decision needs its significance and consequences \(GDPR Art\. "
            r"15\(1\)\(h\)\): Scoring\.$",
        ),
    ):
        AutomatedProcessing(logic, decides=True)
    assert AutomatedProcessing(logic).consequences is None


@pytest.mark.parametrize(
    ("kind", "fields", "message"),
    [
        (IdentifierKind.EMAIL, ("email", "phone"), "email is identified by 1 field(s)."),
        (IdentifierKind.NAME_AND_ADDRESS, ("a", "b", "c"), "name_and_address is identified by 4"),
        (IdentifierKind.NAME_AND_ADDRESS, ("a", "b", "c", "d", "e"), "identified by 4"),
    ],
)
def test_an_identifier_has_its_number_of_fields(kind, fields, message):
    with pytest.raises(ImproperlyConfigured) as exc:
        Identifier(kind, fields)
    assert message in str(exc.value)


def test_the_identifier_shorthands_make_identifiers_of_their_kind():
    assert Identifier.email("to", is_list=True) == Identifier(IdentifierKind.EMAIL, ("to",), True)
    assert Identifier.email("from") == Identifier(IdentifierKind.EMAIL, ("from",), False)
    assert Identifier.phone("phone") == Identifier(IdentifierKind.PHONE, ("phone",))
    assert Identifier.customer_number("number") == Identifier(
        IdentifierKind.CUSTOMER_NUMBER, ("number",)
    )
    both = Identifier.name_and_address(
        first_name="f", last_name="l", street_address="s", postal_code="p"
    )
    assert both == Identifier(IdentifierKind.NAME_AND_ADDRESS, ("f", "l", "s", "p"))
    assert both.field == "f"


def test_identifier_kinds_are_named_in_both_languages_and_found_by_key():
    assert [kind.label("fi") for kind in IdentifierKind] == [
        "sähköpostiosoite",
        "puhelinnumero",
        "asiakasnumero",
        "nimi ja osoite",
    ]
    assert IdentifierKind.NAME_AND_ADDRESS.label("en") == "name and address"
    assert IdentifierKind.from_key("phone") is IdentifierKind.PHONE
    with pytest.raises(KeyError, match="fax"):
        IdentifierKind.from_key("fax")
    with pytest.raises(KeyError, match="sales"):
        DataCategory.from_key("sales")


def test_an_erasure_names_what_it_empties_or_the_law_that_keeps_the_rows():
    with pytest.raises(ImproperlyConfigured, match="^Name the fields that anonymising empties.$"):
        Erasure(ErasureAction.ANONYMISE)
    with pytest.raises(ImproperlyConfigured, match="^Name the law that requires keeping the"):
        Erasure(ErasureAction.KEEP_THEN_DELETE)
    assert Erasure.delete() == Erasure(ErasureAction.DELETE, or_anonymise=())
    assert Erasure.delete(or_anonymise=["name"]) == Erasure(
        ErasureAction.DELETE, or_anonymise=("name",)
    )
    assert Erasure.anonymise("ip", "agent").fields == ("ip", "agent")


def test_a_declaration_refuses_what_cannot_work():
    with pytest.raises(ImproperlyConfigured, match="^customers.Contact: category must be a Dat"):
        declaration(category="contact_details")
    with pytest.raises(ImproperlyConfigured, match="^customers.Contact: declare at least one"):
        declaration(fields=())
    with pytest.raises(
        ImproperlyConfigured, match=r"^customers.Contact: fields declared twice: \['email'\]$"
    ):
        declaration(fields=("email", "first_name", "email"))
    with pytest.raises(ImproperlyConfigured, match="each disclosure must be a Disclosure"):
        declaration(disclosures=["Ei luovuteta."])
    with pytest.raises(
        ImproperlyConfigured, match=r"^customers\.Contact: each basis must be a PurposeBasis\.$"
    ):
        declaration(bases=[LegalBasis.CONTRACT])


def test_a_requirement_refuses_a_kind_it_does_not_know():
    with (
        translation.override("en"),
        pytest.raises(
            ImproperlyConfigured, match=r"^The kind must be a RequirementKind: No order\.$"
        ),
    ):
        Requirement("contractual", Text("Ei tilausta.", "No order."))


def test_a_declaration_keeps_its_sequences_as_tuples():
    declared = declaration(
        person_paths=["pk"],
        customer_paths=["customers"],
        identifiers=[Identifier.email("email")],
        disclosures=[DISCLOSURE_ONLY_FOR_ORDER_OR_BY_LAW],
        bases=[PurposeBasis(Text("Tilaus.", "The order."), LegalBasis.CONTRACT)],
    )
    assert declared.person_paths == ("pk",)
    assert declared.customer_paths == ("customers",)
    assert declared.identifiers == (Identifier.email("email"),)
    assert declared.disclosures == (DISCLOSURE_ONLY_FOR_ORDER_OR_BY_LAW,)
    assert declared.bases == (PurposeBasis(Text("Tilaus.", "The order."), LegalBasis.CONTRACT),)


def test_models_and_their_identifiers_are_named_in_the_officers_language():
    contacts = registry.for_model(Contact)
    orders = registry.for_model(Order)
    by_kind = {identifier.kind: identifier for identifier in contacts.identifiers}

    assert contacts.model_name("fi") == "yhteyshenkilö"
    assert contacts.model_name("en") == "contact"
    assert orders.identifier_label(orders.identifiers[0], "fi") == (
        "tilaus: laskutussähköpostiosoite"
    )
    assert orders.identifier_label(orders.identifiers[0], "en") == "order: billing email address"
    assert contacts.identifier_label(by_kind[IdentifierKind.NAME_AND_ADDRESS], "fi") == (
        "yhteyshenkilö: nimi ja osoite"
    )
    assert contacts.identifier_label(by_kind[IdentifierKind.PHONE], "en") == (
        "contact: phone number"
    )
    with translation.override("fi"):
        assert contacts.identifier_label(by_kind[IdentifierKind.NAME_AND_ADDRESS], "en") == (
            "contact: name and address"
        )


def test_a_row_may_be_erased_the_day_after_its_period_ends():
    retention = Retention(Text("Vuosi.", "A year."), months=12, counted_from="created_at")
    assert retention.erasable_from(date(2024, 1, 31)) == date(2025, 2, 1)
    assert retention.erasable_from(datetime(2024, 2, 29, 23, 30)) == date(2025, 3, 1)


def test_a_period_counted_from_the_end_of_the_year_ends_with_a_year():
    retention = Retention(
        Text("Kuusi vuotta.", "Six years."),
        months=72,
        counted_from="ordered_at",
        from_end_of_year=True,
    )
    assert retention.erasable_from(date(2024, 3, 15)) == date(2031, 1, 1)
    assert retention.erasable_from(date(2024, 12, 31)) == date(2031, 1, 1)
    assert retention.erasable_from(date(2025, 1, 1)) == date(2032, 1, 1)


@pytest.mark.django_db
def test_a_period_from_an_event_no_date_records_expires_nothing_without_its_rule():
    ContactFactory()
    retention = Retention(Text("Tapahtumasta.", "From an event."), months=1, counted_from=None)

    assert list(retention.expired(Contact.objects.all(), date(2100, 1, 1))) == []


def test_wording_is_finnish_when_no_language_is_active():
    with translation.override(None):
        assert Text("Vuosi.", "A year.").in_language() == "Vuosi."
        assert DataCategory.ORDERS.label() == "Asiakas / tilausrekisteri"


def test_the_lawful_bases_are_named_and_cited_in_both_languages():
    interests = LegalBasis.LEGITIMATE_INTERESTS
    assert interests.label("fi") == "rekisterinpitäjän oikeutettu etu"
    assert interests.label("en") == "the legitimate interests of the controller"
    assert interests.citation("fi") == "tietosuoja-asetuksen 6 artiklan 1 kohdan f alakohta"
    assert interests.citation("en") == "Article 6(1)(f) of the Regulation"
    with translation.override("fi"):
        assert LegalBasis.CONSENT.label() == "suostumus"
        assert LegalBasis.CONSENT.citation() == (
            "tietosuoja-asetuksen 6 artiklan 1 kohdan a alakohta"
        )
    with translation.override("en"):
        assert LegalBasis.CONSENT.label() == "consent"
        assert LegalBasis.CONSENT.citation() == "Article 6(1)(a) of the Regulation"


def test_whether_data_must_be_given_reads_in_both_languages():
    statutory = RequirementKind.STATUTORY
    assert statutory.text("fi") == "Tietojen antaminen on lakisääteinen vaatimus."
    assert statutory.text("en") == "Giving the data is a statutory requirement."
    with translation.override("fi"):
        assert RequirementKind.VOLUNTARY.text() == (
            "Tietojen antaminen ei ole lakisääteinen eikä sopimukseen perustuva vaatimus."
        )
    with translation.override("en"):
        assert RequirementKind.VOLUNTARY.text() == (
            "Giving the data is neither a statutory nor a contractual requirement."
        )


def test_the_person_and_customer_models_are_known_by_class_or_label_in_any_case():
    assert is_person_model(Contact)
    assert is_person_model("Customers.CONTACT")
    assert not is_person_model(Customer)
    assert is_customer_model("customers.customer")
    assert not is_customer_model(Contact)


def test_a_lookup_path_ends_at_its_field_or_at_none_where_it_breaks():
    assert path_field(OrderLine, "order__ordered_at") == Order._meta.get_field("ordered_at")
    assert path_field(Order, "customer") == Order._meta.get_field("customer")
    assert path_field(Order, "billing_email__domain") is None
    assert path_field(Order, "customer__nickname") is None


@pytest.mark.django_db
def test_a_period_counted_from_a_time_ends_with_the_day_of_that_time():
    before = OrderLineFactory(
        order=OrderFactory(ordered_at=datetime(2024, 3, 31, 23, 59, tzinfo=HELSINKI))
    )
    OrderLineFactory(order=OrderFactory(ordered_at=datetime(2024, 4, 1, 0, 1, tzinfo=HELSINKI)))
    retention = Retention(Text("Vuosi.", "A year."), months=12, counted_from="order__ordered_at")

    # A naive midnight in place of the day would compare the times in a zone of its own
    # choosing, and Django warns of it.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        expired = list(retention.expired(OrderLine.objects.all(), date(2025, 4, 1)))

    assert expired == [before]
