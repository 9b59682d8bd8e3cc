"""The privacy notice (GDPR Art. 13 and 14) that succeeds the register description of 2013.

Its data sections are generated from the personal-data inventory, so the expectations here
are read from the inventory too: whatever a declaration says must be in the notice.
"""

import dataclasses
import datetime
import html
import importlib
import io

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import translation

from privacy.description.checks import OUTDATED_NOTICE, check_published_notice_is_current
from privacy.description.notice import (
    GDPR_APPLIES_FROM,
    NOTICE_ITEM_KEYS,
    REQUIRED_RIGHTS,
    notice_missing_items,
    notice_sections_snapshot,
)
from privacy.description.selectors import description_current
from privacy.description.services import (
    description_create_draft,
    description_create_notice_draft,
    description_publish,
)
from privacy.inventory import LegalBasis, PurposeBasis, Registry, Text, registry
from privacy.models import RegisterDescription
from privacy.requests.workflow import RequestKind
from privacy.visits.selectors import visit_counts
from tests.privacy.factories import compiled_access_request, package_files, pdf_text, squeeze
from tests.refusals import refused

pytestmark = pytest.mark.django_db

FIRST_DATE = datetime.date(2013, 10, 1)
NOTICE_DATE = datetime.date(2025, 6, 1)


@pytest.fixture
def first_version() -> RegisterDescription:
    return RegisterDescription.objects.get(effective_date=FIRST_DATE)


@pytest.fixture
def notice_draft(privacy_officer) -> RegisterDescription:
    return description_create_notice_draft(created_by=privacy_officer, effective_date=NOTICE_DATE)


def _sections(snapshot: dict, language: str) -> dict[str, str]:
    """{key: the section's text with entities decoded}, to compare with the inventory's."""
    return {s["key"]: html.unescape(s["html"]) for s in snapshot[language]}


def _frozen_first_version():
    return importlib.import_module("privacy.migrations.0004_first_register_description")


@pytest.mark.parametrize("language", ["fi", "en"])
def test_a_notice_drafted_on_a_fresh_database_holds_every_art_13_item(notice_draft, language):
    snapshot = notice_sections_snapshot()
    assert notice_missing_items(notice_draft, snapshot) == []
    sections = _sections(snapshot, language)
    assert list(sections) == NOTICE_ITEM_KEYS
    declarations = registry.all()
    assert declarations

    for declaration in declarations:
        assert declaration.bases, declaration.label
        for purpose_basis in declaration.bases:
            purposes = sections["purposes"]
            assert purpose_basis.purpose.in_language(language) in purposes
            assert purpose_basis.basis.label(language) in purposes
            assert purpose_basis.basis.citation(language) in purposes
            for given in (purpose_basis.interest, purpose_basis.law, purpose_basis.withdrawal):
                if given is not None:
                    assert given.in_language(language) in purposes
        for item in declaration.labels(language):
            assert item in sections["categories"]
        assert declaration.source.in_language(language) in sections["sources"]
        if declaration.other_source:
            assert declaration.other_source.in_language(language) in sections["sources"]
        for disclosure in declaration.disclosures:
            assert disclosure.recipients.in_language(language) in sections["recipients"]
            if disclosure.outside_eea:
                assert disclosure.safeguard.in_language(language) in sections["transfers"]
        assert declaration.retention.text.in_language(language) in sections["retention"]
        assert declaration.requirement.kind.text(language) in sections["requirement"]
        assert declaration.requirement.consequence.in_language(language) in sections["requirement"]
        if declaration.automated:
            assert declaration.automated.logic.in_language(language) in sections["automated"]

    # Art. 22: the inventory declares no automated decision, and the notice says so.
    assert not any(d.automated and d.automated.decides for d in declarations)
    assert "22" in sections["automated"]
    # The rights: every request kind the register handles, portability and consent.
    rights = {s["key"]: s for s in snapshot[language]}["rights"]["covers"]
    assert {kind.value for kind in RequestKind} <= set(rights)
    assert set(REQUIRED_RIGHTS) <= set(rights)
    assert "withdrawal" in rights
    for article in ("15", "16", "17", "18", "20", "21", "7"):
        assert f"{article} art" in sections["rights"] or f"Article {article}" in sections["rights"]
    assert "Tietosuojavaltuutetun toimisto" in sections["complaint"]
    assert (
        'href="https://tietosuoja.fi/"'
        in {s["key"]: s for s in snapshot[language]}["complaint"]["html"]
    )


def test_the_notice_names_the_legal_bases_the_inventory_uses():
    used = {pb.basis for d in registry.all() for pb in d.bases}
    # Orders and the customer relationship, bookkeeping, analytics, and consent.
    assert {
        LegalBasis.CONTRACT,
        LegalBasis.LEGAL_OBLIGATION,
        LegalBasis.LEGITIMATE_INTERESTS,
        LegalBasis.CONSENT,
    } <= used
    purposes = _sections(notice_sections_snapshot(), "fi")["purposes"]
    assert "rekisterinpitäjän oikeutettu etu" in purposes
    assert "kirjanpitolaki 1336/1997" in purposes


def test_the_test_only_app_appears_with_consent_as_its_basis(notice_draft):
    consenting = [
        d for d in registry.all() if any(pb.basis is LegalBasis.CONSENT for pb in d.bases)
    ]
    assert [d.model._meta.app_label for d in consenting] == ["newsletter"]
    (declaration,) = consenting
    (purpose_basis,) = declaration.bases
    assert purpose_basis.basis is LegalBasis.CONSENT
    snapshot = notice_sections_snapshot()
    for language, consent in (("fi", "suostumus"), ("en", "consent")):
        purposes = _sections(snapshot, language)["purposes"]
        entry = purposes[purposes.index(purpose_basis.purpose.in_language(language)) :]
        entry = entry[: entry.index("</li>")]
        assert consent in entry
        assert "6 artiklan 1 kohdan a alakohta" in entry or "Article 6(1)(a)" in entry
        assert purpose_basis.withdrawal.in_language(language) in entry


def test_a_draft_takes_the_free_text_over_from_the_version_in_force(notice_draft, first_version):
    assert notice_draft.is_privacy_notice and not notice_draft.is_published
    for name in ("controller_name", "controller_street_address", "contact_person"):
        assert getattr(notice_draft, name) == getattr(first_version, name)
    assert notice_draft.protection_fi == first_version.protection_fi
    assert notice_draft.protection_en == first_version.protection_en
    # The repealed Act's sections are not carried over; the inventory's take their place.
    assert notice_draft.access_fi == "" and notice_draft.basis_en == ""
    assert "523/1999" not in notice_draft.legal_basis_fi
    assert "2016/679" in notice_draft.legal_basis_fi
    assert description_current() == first_version, "drafting publishes nothing"


def test_publishing_freezes_the_generated_sections(notice_draft, privacy_officer, monkeypatch):
    description_publish(description=notice_draft, published_by=privacy_officer)
    notice_draft.refresh_from_db()
    assert notice_draft.is_published
    assert notice_draft.notice_sections == notice_sections_snapshot()
    frozen = notice_draft.notice_sections

    # A later change of the inventory does not change what was published.
    analytics = next(d for d in registry.all() if d.model._meta.model_name == "analyticsevent")
    monkeypatch.setitem(
        registry._declarations,
        analytics.label_lower,
        dataclasses.replace(analytics, bases=()),
    )
    notice_draft.refresh_from_db()
    assert notice_draft.notice_sections == frozen


def test_publishing_a_notice_lacking_an_item_is_refused_with_the_list(
    notice_draft, privacy_officer
):
    notice_draft.protection_en = ""
    notice_draft.contact_person = ""
    notice_draft.save()
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        description_publish(description=notice_draft, published_by=privacy_officer)
    assert refused.value.code == "notice_incomplete"
    with translation.override("en"):
        message = " ".join(refused.value.messages)
    assert "security of the data (English)" in message
    assert "contact person" in message
    assert "(Finnish)" not in message
    notice_draft.refresh_from_db()
    assert not notice_draft.is_published
    assert notice_draft.notice_sections == {}


def test_a_declaration_without_a_legal_basis_keeps_the_notice_from_being_published(
    notice_draft, privacy_officer, monkeypatch
):
    analytics = next(d for d in registry.all() if d.model._meta.model_name == "analyticsevent")
    monkeypatch.setitem(
        registry._declarations, analytics.label_lower, dataclasses.replace(analytics, bases=())
    )
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        description_publish(description=notice_draft, published_by=privacy_officer)
    assert refused.value.code == "notice_incomplete"
    with translation.override("en"):
        assert "legal basis of Event and user analytics data" in " ".join(refused.value.messages)
    assert not RegisterDescription.objects.get(pk=notice_draft.pk).is_published


def test_a_notice_cannot_take_effect_before_the_gdpr_applied(notice_draft, privacy_officer):
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        description_publish(
            description=notice_draft,
            published_by=privacy_officer,
            effective_date=GDPR_APPLIES_FROM - datetime.timedelta(days=1),
        )
    assert refused.value.code == "notice_incomplete"
    assert not RegisterDescription.objects.get(pk=notice_draft.pk).is_published


def test_the_2013_version_stays_byte_for_byte_as_the_migration_froze_it(
    client, first_version, notice_draft, privacy_officer
):
    frozen = _frozen_first_version()
    description_publish(description=notice_draft, published_by=privacy_officer)
    assert description_current() == notice_draft

    stored = RegisterDescription.objects.get(pk=first_version.pk)
    for name, text in frozen.FIRST_VERSION.items():
        assert getattr(stored, name) == text, name
    assert stored.data_categories == frozen.DATA_CATEGORIES
    assert stored.kind == RegisterDescription.Kind.REGISTER_DESCRIPTION
    assert stored.notice_sections == {}
    page = client.get("/rekisteriseloste/2013-10-01/").content.decode()
    assert "Henkilötietolain (523/1999) 10 §:n mukainen rekisteriseloste." in page
    assert "7 Tarkastusoikeus" in page


def _check():
    with translation.override("en"):
        return check_published_notice_is_current(databases=["default"])


def test_the_warning_fires_while_the_2013_version_is_in_force(first_version):
    (warning,) = _check()
    assert warning.id == OUTDATED_NOTICE == "privacy.W001"
    assert warning.obj == first_version
    assert "01.10.2013" in warning.msg
    assert "repealed" in warning.msg
    assert "25.05.2018" in warning.msg
    assert "Draft a privacy notice" in warning.hint
    assert "/admin/privacy/registerdescription/" in warning.hint
    assert check_published_notice_is_current(databases=None) == [], "a database check"


def test_the_warning_points_to_the_draft_that_would_fix_it(notice_draft):
    (warning,) = _check()
    assert f"/admin/privacy/registerdescription/{notice_draft.pk}/change/" in warning.hint
    assert "01.06.2025" in warning.hint


def test_the_warning_is_silent_once_a_complete_notice_is_in_force(
    notice_draft, privacy_officer, time_machine
):
    description_publish(description=notice_draft, published_by=privacy_officer)
    time_machine.move_to(datetime.datetime(2025, 5, 31, 12, tzinfo=datetime.UTC))
    assert len(_check()) == 1, "the notice takes effect on its date, not before"
    time_machine.move_to(datetime.datetime(2025, 6, 1, 12, tzinfo=datetime.UTC))
    assert _check() == []


def test_the_warning_fires_for_a_notice_in_force_that_lacks_an_item(first_version):
    RegisterDescription.objects.create(
        kind=RegisterDescription.Kind.PRIVACY_NOTICE,
        status=RegisterDescription.Status.PUBLISHED,
        published_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC),
        effective_date=datetime.date(2020, 1, 1),
        register_name_fi="x",
        register_name_en="x",
        controller_name="Webstrella",
        controller_street_address="Esimerkkikatu 1",
        controller_postal_code="00100",
        controller_city="Helsinki",
        contact_person="Jyri Tähtelä",
        protection_fi="<p>x</p>",
        protection_en="<p>x</p>",
        notice_sections={},
    )
    (warning,) = _check()
    assert "01.01.2020" in warning.msg
    assert "purposes and legal bases (fi)" in warning.msg
    assert "right to data portability" not in warning.msg, "no rights section to judge"


def test_after_publishing_the_public_pages_show_the_notice_and_keep_the_rest(
    client, first_version, notice_draft, privacy_officer
):
    description_publish(description=notice_draft, published_by=privacy_officer)

    client.defaults["HTTP_USER_AGENT"] = (
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"
    )
    finnish = client.get("/").content.decode()
    assert "<h1>Tietosuojaseloste</h1>" in finnish
    assert "Vierailuja: Tänään: 1 | Yhteensä: 62589" in finnish
    assert "Henkilötietojen käsittelyn tarkoitukset ja oikeusperusteet" in finnish
    assert "Tietosuojavaltuutetun toimisto" in finnish
    assert "01.06.2025" in finnish
    assert 'href="/rekisteriseloste/2013-10-01/"' in finnish, "the versions list"
    english = client.get("/en/").content.decode()
    assert "<h1>Privacy notice</h1>" in english
    assert "Purposes of processing and their legal bases" in english
    assert 'href="/en/register-description/2013-10-01/"' in english
    dated = client.get("/rekisteriseloste/2025-06-01/")
    assert dated.status_code == 200 and "Tietosuojaseloste" in dated.content.decode()

    form = client.get("/tarkastuspyynto/").content.decode()
    assert "Esimerkkikatu 1" in form
    assert client.get("/tarkastuspyynto.pdf").status_code == 200
    assert "Jyri Tähtelä" in client.get("/yhteystiedot/").content.decode()
    assert visit_counts().today == 5, "every page but the PDF counted, as before"


def test_the_answer_letter_takes_the_controller_from_the_notice(notice_draft, privacy_officer):
    notice_draft.controller_street_address = "Uusikatu 5"
    notice_draft.save()
    description_publish(description=notice_draft, published_by=privacy_officer)

    letter = squeeze(pdf_text(package_files(compiled_access_request())["letter"]))
    assert squeeze("Uusikatu 5") in letter


def test_a_new_draft_from_a_published_notice_is_a_notice_again(notice_draft, privacy_officer):
    notice_draft.protection_fi = "<p>Uusi suojausteksti.</p>"
    notice_draft.save()
    published = description_publish(description=notice_draft, published_by=privacy_officer)
    successor = description_create_notice_draft(created_by=privacy_officer)
    assert successor.is_privacy_notice and successor.pk != published.pk
    assert successor.protection_fi == "<p>Uusi suojausteksti.</p>"
    assert successor.notice_sections == {}, "generated again, frozen only when published"
    copied = description_create_draft(created_by=privacy_officer, based_on=published)
    assert copied.is_privacy_notice


def test_the_warning_is_registered_as_a_database_check(first_version):
    err = io.StringIO()
    call_command("check", "--database", "default", stderr=err, stdout=io.StringIO())
    assert "privacy.W001" in err.getvalue()
    quiet = io.StringIO()
    call_command("check", stderr=quiet, stdout=io.StringIO())
    assert "privacy.W001" not in quiet.getvalue()


def test_a_notice_whose_rights_leave_one_out_is_incomplete(notice_draft):
    snapshot = notice_sections_snapshot()
    for section in snapshot["en"]:
        if section["key"] == "rights":
            section["covers"] = [
                c for c in section["covers"] if c not in ("objection", "withdrawal")
            ]
    with translation.override("en"):
        missing = notice_missing_items(notice_draft, snapshot)
    assert missing == ["right to object (en)", "right to withdraw consent (en)"]


def test_markup_in_the_inventory_reaches_the_notice_as_text():
    analytics = next(d for d in registry.all() if d.model._meta.model_name == "analyticsevent")
    hostile = Text(fi='<script>alert("fi")</script>', en='<img src=x onerror="alert(1)">')
    local = Registry()
    local.register(
        dataclasses.replace(analytics, bases=[PurposeBasis(hostile, LegalBasis.CONTRACT)])
    )
    for language in ("fi", "en"):
        purposes = {s["key"]: s for s in notice_sections_snapshot(local)[language]}["purposes"]
        assert "<script" not in purposes["html"] and "<img" not in purposes["html"]
        assert hostile.in_language(language) in html.unescape(purposes["html"])


def _navigation_label(page: str) -> str:
    nav = page.split('<nav aria-label="', 1)[1].split("</nav>", 1)[0]
    return nav.split("<li><a ", 1)[1].split(">", 1)[1].split("</a>", 1)[0]


@pytest.mark.parametrize(
    ("address", "before", "after"),
    [
        ("/", "Rekisteriseloste", "Tietosuojaseloste"),
        ("/en/", "Register description", "Privacy notice"),
        ("/yhteystiedot/", "Rekisteriseloste", "Tietosuojaseloste"),
        ("/en/access-request/", "Register description", "Privacy notice"),
        ("/rekisteriseloste/2013-10-01/", "Rekisteriseloste", "Tietosuojaseloste"),
    ],
)
def test_the_navigation_names_the_version_in_force_by_its_kind(
    client, first_version, notice_draft, privacy_officer, address, before, after
):
    # The link leads to the version in force, so it carries that version's name on every
    # page, an older version's dated page included.
    assert _navigation_label(client.get(address).content.decode()) == before
    description_publish(description=notice_draft, published_by=privacy_officer)
    assert _navigation_label(client.get(address).content.decode()) == after


def test_an_older_versions_page_renames_the_navigation_on_the_day_the_notice_takes_effect(
    client, first_version, notice_draft, privacy_officer
):
    # Nothing is published that day: the kept page is rendered again because the version
    # in force is one of the stamps it is kept by.
    with time_machine.travel("2026-11-30 12:00 +02:00", tick=False):
        description_publish(
            description=notice_draft,
            published_by=privacy_officer,
            effective_date=datetime.date(2026, 12, 1),
        )
        page = client.get("/rekisteriseloste/2013-10-01/").content.decode()
        assert _navigation_label(page) == "Rekisteriseloste"
    with time_machine.travel("2026-12-01 00:01 +02:00", tick=False):
        page = client.get("/rekisteriseloste/2013-10-01/").content.decode()
        assert _navigation_label(page) == "Tietosuojaseloste"


def test_a_2013_format_draft_cannot_follow_a_published_notice(
    first_version, notice_draft, privacy_officer
):
    # Drafted before the notice was published, it would put the Personal Data Act's
    # format back in force after the notice.
    old_format = description_create_draft(
        created_by=privacy_officer, based_on=first_version, effective_date=NOTICE_DATE
    )
    description_publish(description=notice_draft, published_by=privacy_officer)
    with refused(
        "superseded_format",
        "A privacy notice has been published, so a version in the 2013 register description "
        "format cannot follow it. Draft a privacy notice instead.",
    ):
        description_publish(
            description=old_format,
            published_by=privacy_officer,
            effective_date=datetime.date(2026, 1, 1),
        )
    old_format.refresh_from_db()
    assert not old_format.is_published
    assert description_current() == notice_draft
    with translation.override("fi"), pytest.raises(ValidationError) as caught:
        description_publish(
            description=old_format,
            published_by=privacy_officer,
            effective_date=datetime.date(2026, 1, 1),
        )
    assert caught.value.messages == [
        "Tietosuojaseloste on jo julkaistu, joten vuoden 2013 rekisteriselosteen muotoista "
        "versiota ei voi julkaista sen jälkeen. Laadi tietosuojaseloste."
    ]


def test_a_2013_format_version_is_published_while_no_notice_is(first_version, privacy_officer):
    draft = description_create_draft(
        created_by=privacy_officer, based_on=first_version, effective_date=NOTICE_DATE
    )
    description_publish(description=draft, published_by=privacy_officer)
    assert description_current() == draft and not draft.is_privacy_notice
