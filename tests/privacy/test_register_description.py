import datetime

import pytest
from django.urls import reverse

from privacy.description.selectors import description_current
from privacy.description.services import description_create_draft, description_publish
from privacy.models import RegisterDescription
from tests.refusals import refused

SEED_FINNISH_PHRASES = [
    "Webstrella verkkopalveluiden asiakasrekisteri.",
    "Henkilötietolain (523/1999) 10 §:n mukainen rekisteriseloste.",
    "Jyri Tähtelä",
    "Webstrellan web-kauppa palvelun käyttäjän tai asiakassuhteen perusteella tapahtuvan "
    "verkkopalvelun sekä siihen kulloinkin kuuluvien palveluiden liittyvä henkilötietojen "
    "käsittely.",
    "Palveluissa käsitellään seuraaviin ryhmiin kuuluvia tietoja:",
    "Käyttäjää koskevia tietoja voidaan käsitellä henkilötietolain sallimissa rajoissa "
    "Webstrellan omissa rekistereissä.",
    "Henkilötietoja kerätään käyttäjältä palvelun tai tuotteen tilaamisen ja "
    "asiakaspalvelutilanteiden yhteydessä.",
    "Ellei lainsäädäntö siihen pakota, Webstrella ei luovuta näitä tietoja ilman lupaasi "
    "kolmannelle osapuolelle, ellei se ole tarpeen tilauksen käsittelemiseksi.",
    "Tietokannat sijaitsevat lukituissa tiloissa ja tietoihin pääsevät käsiksi vain tietyt "
    "ennalta määritellyt henkilöt.",
    "Käyttäjällä on henkilötietolain 26 §:n mukaisesti oikeus tarkastaa, mitä häntä koskevia "
    "tietoja henkilörekisteriin on talletettu.",
]


@pytest.fixture
def first_version(db) -> RegisterDescription:
    return RegisterDescription.objects.get(effective_date=datetime.date(2013, 10, 1))


@pytest.fixture
def officer(django_user_model):
    return django_user_model.objects.create_superuser("officer", password="x" * 16)


def test_the_migration_published_the_first_version_of_2013(first_version):
    assert first_version.is_published
    assert description_current() == first_version
    text = " ".join(
        first_version.section_text(key, "fi")
        for key in ("basis", "purpose", "contents", "sources", "disclosures", "protection")
    )
    assert "Webstrellan web-kauppa" in text
    assert first_version.data_categories, "section 3 lists the inventory's categories"


def test_the_front_page_shows_the_seed_text_word_for_word(client, first_version):
    page = client.get("/").content.decode()
    for phrase in SEED_FINNISH_PHRASES:
        assert phrase in page
    assert "01.10.2013" in page
    for title in (
        "1 Rekisterin pitämisen peruste",
        "2 Rekisterin käyttötarkoitus",
        "3 Rekisterin sisältämät tiedot",
        "4 Säännönmukaiset tietolähteet",
        "5 Tietojen luovutus",
        "6 Rekisterin suojaus",
        "7 Tarkastusoikeus",
    ):
        assert title in page


def test_a_published_version_cannot_be_changed_or_deleted(first_version):
    first_version.purpose_fi = "<p>Muutettu</p>"
    with refused(
        "published",
        "A published register description cannot be changed; create a new version.",
    ):
        first_version.save()
    with refused("published", "A published register description cannot be deleted."):
        first_version.delete()
    first_version.refresh_from_db()
    assert "Muutettu" not in first_version.purpose_fi


def test_a_new_version_supersedes_the_old_one_which_stays_at_its_dated_address(
    client, first_version, officer
):
    draft = description_create_draft(
        created_by=officer, based_on=first_version, effective_date=datetime.date(2025, 5, 1)
    )
    draft.purpose_fi = "<p>Uusi käyttötarkoitus.</p>"
    draft.save()
    assert description_current() == first_version, "a draft is not shown to visitors"

    description_publish(description=draft, published_by=officer)

    assert description_current() == draft
    front = client.get("/").content.decode()
    assert "Uusi käyttötarkoitus." in front
    assert "01.05.2025" in front
    old = client.get(reverse("description_dated", kwargs={"effective_date": "2013-10-01"}))
    assert old.status_code == 200
    assert "Uusi käyttötarkoitus." not in old.content.decode()
    assert "Käyttäjän henkilötietoja käsitellään" in old.content.decode()


def test_a_future_version_takes_effect_on_its_date(first_version, officer):
    draft = description_create_draft(
        created_by=officer, based_on=first_version, effective_date=datetime.date(2099, 1, 1)
    )
    description_publish(description=draft, published_by=officer)
    assert description_current() == first_version
    assert description_current(today=datetime.date(2099, 1, 1)) == draft


def test_publishing_refuses_an_earlier_date_than_the_latest_version(first_version, officer):
    draft = description_create_draft(
        created_by=officer, based_on=first_version, effective_date=datetime.date(2012, 1, 1)
    )
    with refused(
        "not_after_latest",
        "The effective date must be after that of the latest published version "
        f"({first_version.effective_date:%d.%m.%Y}).",
    ):
        description_publish(description=draft, published_by=officer)
    draft.refresh_from_db()
    assert not draft.is_published


def test_publishing_refuses_a_version_with_an_empty_section(first_version, officer):
    draft = description_create_draft(
        created_by=officer, based_on=first_version, effective_date=datetime.date(2025, 1, 1)
    )
    draft.disclosures_en = ""
    draft.save()
    with refused(
        "sections_missing",
        "Every section needs its text in Finnish and English before publishing: disclosures_en",
    ):
        description_publish(description=draft, published_by=officer)


def test_publishing_twice_is_refused(first_version, officer):
    with refused("published", "This version is already published."):
        description_publish(description=first_version, published_by=officer)


def test_an_unknown_dated_address_is_404(client, db):
    assert client.get("/rekisteriseloste/2001-01-01/").status_code == 404
    assert client.get("/rekisteriseloste/2013-02-30/").status_code == 404


@pytest.mark.parametrize(
    "hostile",
    [
        '<script>alert("x")</script><p>ok</p>',
        '<p onclick="alert(1)">ok</p>',
        '<a href="javascript:alert(1)">ok</a>',
        "<style>body{display:none}</style><p>ok</p>",
        '<p style="position:fixed">ok</p>',
        '<img src=x onerror="alert(1)"><p>ok</p>',
        '<iframe src="https://evil.example"></iframe><p>ok</p>',
    ],
)
def test_hostile_rich_text_never_reaches_a_visitor(client, first_version, officer, hostile):
    draft = description_create_draft(
        created_by=officer, based_on=first_version, effective_date=datetime.date(2025, 2, 1)
    )
    draft.purpose_fi = hostile
    draft.save()
    draft.refresh_from_db()
    for needle in ("<script", "onclick", "javascript:", "<style", "style=", "onerror", "<iframe"):
        assert needle not in draft.purpose_fi
    description_publish(description=draft, published_by=officer)
    page = client.get("/").content.decode()
    for needle in ("alert", "onclick", "javascript:", "<style", 'style="', "onerror", "<iframe"):
        assert needle not in page
    assert ">ok<" in page


def test_links_and_lists_survive_sanitising(first_version, officer):
    draft = description_create_draft(
        created_by=officer, based_on=first_version, effective_date=datetime.date(2025, 3, 1)
    )
    draft.purpose_en = '<ul><li>One</li></ul><p><a href="https://webstrella.fi/">site</a></p>'
    draft.save()
    draft.refresh_from_db()
    assert "<ul><li>One</li></ul>" in draft.purpose_en
    assert 'href="https://webstrella.fi/"' in draft.purpose_en
    assert 'rel="noopener noreferrer"' in draft.purpose_en


def test_a_new_version_lists_each_categorys_retention_from_the_inventory(
    client, first_version, officer
):
    draft = description_create_draft(
        created_by=officer, based_on=first_version, effective_date=datetime.date(2025, 5, 1)
    )
    description_publish(description=draft, published_by=officer)

    front = client.get("/").content.decode()
    assert "Kuusi vuotta tilausvuoden päättymisestä" in front
    assert "26 kuukautta tapahtumasta." in front
    english = client.get("/en/").content.decode()
    assert "Six years from the end of the year of the order" in english


def test_the_published_2013_version_stays_without_the_retention_lines(client, first_version):
    page = client.get("/").content.decode()
    assert "Kuusi vuotta tilausvuoden päättymisestä" not in page
    assert "retention" not in str(first_version.data_categories)
