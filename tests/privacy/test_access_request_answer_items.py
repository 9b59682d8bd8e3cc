"""The answer holds everything GDPR Art. 15 lists, in Finnish and in English.

(1): the confirmation that data is processed, (a) purposes, (b) categories, (c) recipients,
(d) retention, (e) rectification, erasure, restriction and objection, (f) the complaint,
(g) the source, (h) automated decision-making; (2) transfers outside the EEA with their
safeguards; (3) the copy.
"""

import dataclasses
import json

import pytest
from django.core.exceptions import ImproperlyConfigured

from privacy.inventory import AutomatedProcessing, DataCategory, Disclosure, Text, registry
from privacy.inventory.declarations import DISCLOSURE_ONLY_FOR_ORDER_OR_BY_LAW
from tests.customers.factories import ContactFactory
from tests.privacy.factories import compiled_access_request, package_files, package_texts, squeeze
from tests.privacy.test_access_request_answer import person_with_data

pytestmark = pytest.mark.django_db

ITEMS = {
    "fi": {
        "confirmation": ["Käsittelemme teitä koskevia henkilötietoja."],
        "categories": ["Talletetut tiedot"],
        "recipients": ["Vastaanottajaryhmät"],
        "rights": [
            "Oikeus tietojen oikaisemiseen (16 artikla)",
            "Oikeus tietojen poistamiseen (17 artikla)",
            "Oikeus käsittelyn rajoittamiseen (18 artikla)",
            "Oikeus vastustaa käsittelyä (21 artikla)",
            "Oikeus tarkastaa tiedot (15 artikla)",
            "Oikeus siirtää tiedot järjestelmästä toiseen (20 artikla)",
            "Lähettäkää pyyntönne kirjallisena ja allekirjoitettuna",
        ],
        "complaint": [
            "Oikeus tehdä valitus valvontaviranomaiselle (77 artikla): tietosuojavaltuutetun",
            "tietosuoja.fi",
        ],
        "automated": [
            "Automaattinen päätöksenteko ja profilointi",
            "Emme tee teistä päätöksiä, jotka perustuvat pelkästään automaattiseen käsittelyyn",
        ],
        "transfers": [
            "Siirrot EU:n ja ETA:n ulkopuolelle",
            "15 artiklan 2 kohta",
            "Suojatoimet",
            "49 artiklan 1 kohdan b alakohta",
            "vakiosopimuslausekkeet (46 artikla)",
        ],
        "copy": ["ovat jäljennös käsittelemistämme teitä koskevista henkilötiedoista"],
    },
    "en": {
        "confirmation": ["We process personal data concerning you."],
        "categories": ["Data stored"],
        "recipients": ["Categories of recipients"],
        "rights": [
            "Right to rectification (Article 16)",
            "Right to erasure (Article 17)",
            "Right to restriction of processing (Article 18)",
            "Right to object (Article 21)",
            "Right of access (Article 15)",
            "Right to data portability (Article 20)",
            "Send your request in writing and signed",
        ],
        "complaint": [
            "Right to lodge a complaint with a supervisory authority (Article 77)",
            "tietosuoja.fi",
        ],
        "automated": [
            "Automated decision-making and profiling",
            "We take no decisions about you based solely on automated processing",
        ],
        "transfers": [
            "Transfers outside the EU and the EEA",
            "Article 15(2)",
            "Safeguards",
            "Article 49(1)(b)",
            "standard contractual clauses (Article 46)",
        ],
        "copy": ["are a copy of the personal data concerning you that we process"],
    },
}


def declared(language: str) -> dict[str, list[str]]:
    """The inventory's own wording of the items it declares, in one language."""
    declarations = registry.all()
    disclosures = [d for declaration in declarations for d in declaration.disclosures]
    return {
        "purposes": [d.purpose.in_language(language) for d in declarations],
        "categories": [c.label(language) for c in DataCategory],
        "recipients": [d.recipients.in_language(language) for d in disclosures],
        "retention": [d.retention.text.in_language(language) for d in declarations],
        "sources": [d.source.in_language(language) for d in declarations],
        "automated": [d.automated.logic.in_language(language) for d in declarations if d.automated],
        "transfers": [d.safeguard.in_language(language) for d in disclosures if d.outside_eea]
        + [d.text.in_language(language) for d in disclosures if d.outside_eea],
    }


@pytest.mark.parametrize("language", ["fi", "en"])
def test_the_letter_holds_all_eleven_items_of_article_15(language):
    contact, _customer, _order = person_with_data("kohdat")
    request = compiled_access_request(contact=contact, language=language)
    letter = package_texts(request)["letter"].casefold()

    missing = [
        (item, text)
        for items in (ITEMS[language], declared(language))
        for item, texts in items.items()
        for text in texts
        if squeeze(text).casefold() not in letter
    ]
    assert not missing


@pytest.mark.parametrize("language", ["fi", "en"])
def test_the_export_declares_the_transfers_and_the_automated_processing(language):
    contact, _customer, _order = person_with_data("vienti")
    request = compiled_access_request(contact=contact, language=language)
    document = json.loads(package_files(request)["json"])
    transfers = document["transfers_outside_eea"]
    assert {t["safeguard"] for t in transfers} == set(
        d.safeguard.in_language(language)
        for declaration in registry.all()
        for d in declaration.disclosures
        if d.outside_eea
    )
    (analytics,) = document["automated_processing"]
    assert analytics["automated_decision"] is False
    assert analytics["category"] == DataCategory.ANALYTICS.label(language)
    assert all(c["recipients"] for c in document["categories"])


def test_a_person_without_orders_or_analytics_hears_of_no_transfer_or_automated_processing():
    request = compiled_access_request(contact=ContactFactory())
    letter = package_texts(request)["letter"]
    assert squeeze("Teitä koskevia tietoja ei siirretä Euroopan unionin") in letter
    assert squeeze("Emme tee teistä päätöksiä") in letter
    assert squeeze("Automaattisesti käsitellään lisäksi") not in letter
    assert squeeze("49 artiklan") not in letter
    document = json.loads(package_files(request)["json"])
    assert document["transfers_outside_eea"] == []
    assert document["automated_processing"] == []


def test_an_automated_decision_is_told_with_its_logic_significance_and_consequences(monkeypatch):
    analytics = registry.for_model("customers.AnalyticsEvent")
    deciding = dataclasses.replace(
        analytics,
        automated=AutomatedProcessing(
            logic=Text(fi="Pisteytys käyntien määrästä.", en="A score from the visits."),
            decides=True,
            consequences=Text(fi="Tarjous evätään.", en="An offer is withheld."),
        ),
    )
    monkeypatch.setitem(registry._declarations, analytics.label_lower, deciding)
    contact, _customer, _order = person_with_data("paatos")
    letter = package_texts(compiled_access_request(contact=contact, language="en"))["letter"]
    for text in [
        "Your data is used in the following decisions based solely on automated processing",
        "The logic involved",
        "A score from the visits.",
        "Significance and envisaged consequences for you",
        "An offer is withheld.",
    ]:
        assert squeeze(text) in letter, text
    assert squeeze("We take no decisions about you") not in letter


def test_a_transfer_outside_the_eea_must_name_its_safeguard():
    text = Text(fi="Siirto.", en="A transfer.")
    with pytest.raises(ImproperlyConfigured, match="safeguard"):
        Disclosure(text=text, recipients=text, outside_eea=True)
    with pytest.raises(ImproperlyConfigured, match="outside the EEA"):
        Disclosure(text=text, recipients=text, safeguard=text)


def test_an_automated_decision_must_say_its_consequences():
    with pytest.raises(ImproperlyConfigured, match="consequences"):
        AutomatedProcessing(logic=Text(fi="Pisteytys.", en="Scoring."), decides=True)


def test_a_disclosure_is_declared_with_its_recipients():
    contacts = registry.for_model("customers.Contact")
    with pytest.raises(ImproperlyConfigured, match="Disclosure"):
        dataclasses.replace(contacts, disclosures=[DISCLOSURE_ONLY_FOR_ORDER_OR_BY_LAW.text])
