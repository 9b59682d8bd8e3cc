import io

import pytest
from pypdf import PdfReader

from privacy.models import VisitDay
from tests.browser import screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_visitor_reads_the_description_and_switches_language(live_server, page):
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "fi"
    assert page.locator("h1").inner_text() == "Rekisteriseloste"
    assert page.get_by_role("heading", name="7 Tarkastusoikeus").is_visible()
    assert "Vierailuja: Tänään: 1 | Yhteensä: 62589" in page.locator("footer").inner_text()
    screenshot(page, "description-fi")

    page.get_by_role("link", name="In English").click()
    page.wait_for_url(live_server.url + "/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Register description"
    assert "Visits: Today: 2 | Total: 62590" in page.locator("footer").inner_text()
    screenshot(page, "description-en")
    assert sum(VisitDay.objects.values_list("count", flat=True)) == 2


def test_the_keyboard_reaches_the_skip_link_and_navigation_first(live_server, page):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Siirry sisältöön"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused is not None


def test_the_contact_page_and_the_printable_form(live_server, page):
    page.goto(live_server.url + "/yhteystiedot/")
    assert page.locator("h1").inner_text() == "Yhteystiedot"
    assert "Jyri Tähtelä" in page.locator("main").inner_text()
    screenshot(page, "contact-fi")

    page.get_by_role("link", name="tulosta tarkastuspyyntölomake").click()
    assert page.locator("h1").inner_text() == "Tarkastuspyyntö"
    screenshot(page, "access-request-fi")
    page.emulate_media(media="print")
    assert not page.locator("header.site-header").is_visible()
    assert page.locator(".signature-line").is_visible()
    screenshot(page, "access-request-fi-print")
    printed = PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
    assert len(printed.pages) == 1, "the printed form fits one A4 page"
