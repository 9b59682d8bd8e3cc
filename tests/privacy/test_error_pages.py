"""The not-found and server-error pages, as visitors get them with DEBUG off."""

import logging

import pytest
from django.test import Client

from privacy.visits.selectors import visit_counts
from tests.privacy.test_public_pages import parse_strictly

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"


def text_of(element) -> str:
    return " ".join("".join(element.itertext()).split())


def error_page(response, status: int):
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    return parse_strictly(response.content.decode())


@pytest.mark.parametrize(
    ("url", "language", "heading", "home"),
    [
        ("/ei-ole/", "fi", "Sivua ei löytynyt", "Rekisteriseloste"),
        ("/tarkastuspyynto/vanha/", "fi", "Sivua ei löytynyt", "Rekisteriseloste"),
        ("/en/nothing-here/", "en", "Page not found", "Register description"),
        ("/en/contact/old/", "en", "Page not found", "Register description"),
    ],
)
def test_an_unknown_address_gets_the_sites_not_found_page_in_its_language(
    client, url, language, heading, home
):
    # No database: the page is drawn from the address alone.
    document = error_page(client.get(url, HTTP_USER_AGENT=BROWSER), 404)
    assert document.get("lang") == language
    assert text_of(document.find(".//h1")) == heading
    assert document.find(".//header[@class='site-header']") is not None
    links = {text_of(a): a.get("href") for a in document.iter("a")}
    assert links[home] == ("/en/" if language == "en" else "/")


def test_the_language_comes_from_the_address_not_from_the_browser(client):
    finnish = error_page(client.get("/ei-ole/", HTTP_ACCEPT_LANGUAGE="en"), 404)
    english = error_page(client.get("/en/ei-ole/", HTTP_ACCEPT_LANGUAGE="fi"), 404)
    assert finnish.get("lang") == "fi"
    assert english.get("lang") == "en"


@pytest.mark.parametrize(
    ("url", "language", "heading"),
    [
        ("/rekisteriseloste/2000-01-01/", "fi", "Sivua ei löytynyt"),
        ("/en/register-description/2000-01-01/", "en", "Page not found"),
    ],
)
def test_a_page_that_is_not_there_gets_the_same_page(client, db, url, language, heading):
    response = client.get(url, HTTP_USER_AGENT=BROWSER)
    document = error_page(response, 404)
    assert document.get("lang") == language
    assert response["Content-Language"] == language
    assert text_of(document.find(".//h1")) == heading
    assert visit_counts().today == 0, "a missing page is not a visit"


@pytest.mark.urls("tests.privacy.broken_page_urls")
@pytest.mark.parametrize(
    ("url", "language", "heading"),
    [
        ("/rikki/", "fi", "Palvelussa tapahtui virhe"),
        ("/en/broken/", "en", "Something went wrong"),
    ],
)
def test_a_failing_page_gets_the_sites_error_page_without_the_database(
    url, language, heading, caplog
):
    # No database access is allowed in this test: the error page must not need one,
    # since a database that is down is a common reason for it.
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.CRITICAL, logger="django.request"):
        response = client.get(url)
    document = error_page(response, 500)
    assert document.get("lang") == language
    assert response["Content-Language"] == language
    assert text_of(document.find(".//h1")) == heading
    assert document.find(".//header[@class='site-header']") is not None
