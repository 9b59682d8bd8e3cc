import io

import html5lib
import pytest
from django.contrib.staticfiles import finders
from pypdf import PdfReader

from tests.privacy.printed import assert_the_form_leaves_room_to_write, printed_pages

PAGES = ["/", "/en/", "/yhteystiedot/", "/en/contact/", "/tarkastuspyynto/", "/en/access-request/"]


def parse_strictly(html: str):
    """Parse as an HTML5 browser would, failing on any parse error."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(html)


@pytest.mark.parametrize("url", PAGES)
def test_public_pages_are_well_formed_html5_in_their_language(client, db, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    document = parse_strictly(response.content.decode())
    expected_language = "en" if url.startswith("/en/") else "fi"
    assert document.get("lang") == expected_language
    headings = [int(el.tag[1]) for el in document.iter() if el.tag in {"h1", "h2", "h3", "h4"}]
    assert headings[0] == 1 and headings.count(1) == 1, "one h1, first"
    assert all(b - a <= 1 for a, b in zip(headings, headings[1:], strict=False)), headings
    assert not document.findall(".//script"), "the pages work without JavaScript"


def test_the_english_page_shows_the_translation_and_english_categories(client, db):
    page = client.get("/en/").content.decode()
    assert "Register description" in page
    assert "1 Basis for keeping the register" in page
    assert "7 Right of access" in page
    assert "Processing of personal data in connection with the web service" in page
    assert "Contact details" in page
    assert "Webstrellan web-kauppa" not in page


def test_each_page_links_to_its_counterpart_in_the_other_language(client, db):
    assert 'href="/en/"' in client.get("/").content.decode()
    assert 'href="/"' in client.get("/en/").content.decode()
    assert 'href="/en/contact/"' in client.get("/yhteystiedot/").content.decode()
    assert 'href="/tarkastuspyynto/"' in client.get("/en/access-request/").content.decode()


def test_section_three_lists_the_categories_the_system_stores(client, db):
    page = client.get("/").content.decode()
    for category in (
        "Yhteystiedot",
        "Tapahtuma-, ja käyttäjäanalyysitiedot",
        "Asiakkuuteen liittyvät tiedot",
        "Asiakaspalvelutilanteisiin sähköpostilla liittyvä viestinnän tallennus",
        "Asiakas / tilausrekisteri",
    ):
        assert category in page


def test_the_contact_page_gives_the_postal_address_for_requests(client, db):
    page = client.get("/yhteystiedot/").content.decode()
    assert "Jyri Tähtelä" in page
    assert "Esimerkkikatu 1" in page
    assert "00100 Helsinki" in page


def test_the_access_request_form_has_the_fields_a_request_needs(client, db):
    page = client.get("/tarkastuspyynto/").content.decode()
    for label in ("Nimi", "Lähiosoite", "Postinumero", "Sähköposti", "Puhelin", "Allekirjoitus"):
        assert label in page


@pytest.mark.parametrize("url", ["/tarkastuspyynto.pdf", "/en/access-request.pdf"])
def test_the_access_request_pdf_is_one_a4_page(client, db, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    text = reader.pages[0].extract_text()
    assert ("Allekirjoitus" if url.startswith("/tark") else "Signature") in text


def test_public_pages_refuse_posts(client, db):
    assert client.post("/").status_code == 405
    assert client.post("/tarkastuspyynto/").status_code == 405


def head_of(client, url: str):
    response = client.get(url)
    assert response.status_code == 200
    return parse_strictly(response.content.decode()).find("head")


@pytest.mark.parametrize("url", PAGES)
def test_each_page_describes_itself_in_its_own_language(client, db, url):
    descriptions = [
        meta.get("content")
        for meta in head_of(client, url).findall("meta")
        if meta.get("name") == "description"
    ]
    assert len(descriptions) == 1
    (description,) = descriptions
    # What search engines show in full: about 50 to 160 characters.
    assert 50 <= len(description) <= 160, description
    assert ("register" if url.startswith("/en/") else "rekisteri") in description


def test_no_two_pages_share_a_description(client, db):
    descriptions = {
        meta.get("content")
        for url in PAGES
        for meta in head_of(client, url).findall("meta")
        if meta.get("name") == "description"
    }
    assert len(descriptions) == len(PAGES)


@pytest.mark.parametrize(
    ("url", "finnish", "english"),
    [
        ("/", "/", "/en/"),
        ("/en/", "/", "/en/"),
        ("/yhteystiedot/", "/yhteystiedot/", "/en/contact/"),
        ("/en/access-request/", "/tarkastuspyynto/", "/en/access-request/"),
        (
            "/rekisteriseloste/2013-10-01/",
            "/rekisteriseloste/2013-10-01/",
            "/en/register-description/2013-10-01/",
        ),
    ],
)
def test_each_page_names_both_language_versions_by_absolute_address(
    client, db, url, finnish, english
):
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in head_of(client, url).findall("link")
        if link.get("rel") == "alternate"
    }
    # Itself included: search engines ignore a pair of hreflang links that is not mutual.
    assert alternates == {
        "fi": "http://testserver" + finnish,
        "en": "http://testserver" + english,
        "x-default": "http://testserver" + finnish,
    }


def test_the_favicon_is_linked_and_answers_at_the_address_browsers_try(client, db):
    icons = [
        link.get("href")
        for link in head_of(client, "/").findall("link")
        if link.get("rel") == "icon"
    ]
    assert icons == ["/static/favicon.ico", "/static/favicon.svg"]
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/favicon.ico"
    with open(finders.find("favicon.ico"), "rb") as ico:
        assert ico.read(4) == b"\x00\x00\x01\x00", "an ICO file"
    with open(finders.find("favicon.svg"), encoding="utf-8") as svg:
        assert svg.read().startswith("<svg")


@pytest.mark.parametrize(
    ("url", "language"), [("/tarkastuspyynto.pdf", "fi"), ("/en/access-request.pdf", "en")]
)
def test_the_pdf_form_gives_room_to_write_on_its_one_page(client, db, url, language):
    (page,) = printed_pages(client.get(url).content)
    assert_the_form_leaves_room_to_write(page, language)
