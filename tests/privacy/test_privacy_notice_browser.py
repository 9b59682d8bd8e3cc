"""The published privacy notice as a visitor reads it in Chromium, in Finnish and English."""

import datetime

import pytest

from privacy.description.services import description_create_notice_draft, description_publish
from privacy.models import RegisterDescription
from privacy.staff.groups import PRIVACY_OFFICER
from tests.browser import admin_log_in, screenshot
from tests.customers.factories import StaffUserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def published_notice():
    officer = StaffUserFactory(groups=[PRIVACY_OFFICER])
    draft = description_create_notice_draft(
        created_by=officer, effective_date=datetime.date(2025, 6, 1)
    )
    return description_publish(description=draft, published_by=officer)


def _headings(page) -> list[str]:
    return page.locator("article h2").all_inner_texts()


def test_a_visitor_reads_the_notice_in_finnish_and_english(live_server, page, published_notice):
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Tietosuojaseloste"
    assert page.title() == "Tietosuojaseloste – Webstrella"
    headings = _headings(page)
    assert headings[0] == "1 Rekisterinpitäjä ja yhteyshenkilö"
    assert "2 Henkilötietojen käsittelyn tarkoitukset ja oikeusperusteet" in headings
    assert "11 Oikeus valittaa valvontaviranomaiselle" in headings
    assert headings[-1] == "12 Tietojen suojaus"
    rights = page.locator("#section-rights").locator("xpath=..").inner_text()
    assert "Oikeus peruuttaa suostumuksesi" in rights
    complaint = page.get_by_role("link", name="tietosuoja.fi")
    assert complaint.get_attribute("href") == "https://tietosuoja.fi/"
    # No raw markup reaches the reader.
    assert "<" not in page.locator("article").inner_text()
    screenshot(page, "privacy-notice-fi")

    page.get_by_role("link", name="In English").click()
    page.wait_for_url(live_server.url + "/en/")
    assert page.locator("h1").inner_text() == "Privacy notice"
    headings = _headings(page)
    assert "2 Purposes of processing and their legal bases" in headings
    assert "10 Your rights" in headings
    assert "Right to data portability" in page.locator("article").inner_text()
    screenshot(page, "privacy-notice-en")

    page.get_by_role("link", name="01.10.2013").click()
    page.wait_for_url(live_server.url + "/en/register-description/2013-10-01/")
    assert page.locator("h1").inner_text() == "Register description"
    assert "7 Right of access" in _headings(page)


def test_the_notice_reads_on_a_phone(live_server, chromium, published_notice):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale="fi-FI")
    page = context.new_page()
    page.goto(live_server.url + "/")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )
    assert not overflow, "nothing runs off the side of a phone's screen"
    screenshot(page, "privacy-notice-fi-phone")
    context.close()


def test_a_privacy_officer_drafts_and_publishes_the_notice_in_the_admin(live_server, page):
    admin_log_in(page, live_server, StaffUserFactory(groups=[PRIVACY_OFFICER]))
    page.goto(live_server.url + "/admin/privacy/registerdescription/")
    page.get_by_role("button", name="Laadi tietosuojaselosteen luonnos").click()
    page.wait_for_selector(".messagelist .success")
    assert "Ei mitään: kaikki tietosuoja-asetuksen" in page.locator("#content-main").inner_text()
    screenshot(page, "privacy-notice-draft-admin")
    draft = RegisterDescription.objects.get(status="draft")

    page.goto(f"{live_server.url}/admin/privacy/registerdescription/{draft.pk}/publish/")
    date_box = page.locator("#id_effective_date")
    assert date_box.get_attribute("type") == "text", "typed as the admin's language writes it"
    date_box.fill("01.09.2025")
    screenshot(page, "privacy-notice-publish-admin")
    page.get_by_role("button", name="Kyllä, julkaise").click()
    page.wait_for_selector(".messagelist .success")
    draft.refresh_from_db()
    assert draft.is_published and draft.effective_date == datetime.date(2025, 9, 1)

    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Tietosuojaseloste"
