"""Access-request and register-description pages as Chromium draws them."""

import datetime
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from privacy.models import RegisterDescription
from privacy.staff.groups import PRIVACY_OFFICER
from tests.browser import admin_log_in, screenshot
from tests.customers.factories import StaffUserFactory
from tests.privacy.factories import AccessRequestFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in re.findall(r"\d+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted([luminance(foreground), luminance(background)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_links_on_overdue_and_due_soon_rows_reach_aa_contrast(live_server, page):
    today = timezone.localdate()
    AccessRequestFactory(received_on=today - timedelta(days=40))
    AccessRequestFactory(received_on=today - timedelta(days=27))
    admin_log_in(page, live_server, StaffUserFactory(groups=[PRIVACY_OFFICER]))
    page.goto(live_server.url + "/admin/privacy/accessrequest/")
    screenshot(page, "access-request-list-contrast")
    for marker in (".deadline-overdue", ".deadline-due-soon"):
        row = page.locator("#result_list tbody tr", has=page.locator(marker))
        links = row.locator("a")
        assert links.count() >= 1
        for index in range(links.count()):
            link = links.nth(index)
            colour = link.evaluate("e => getComputedStyle(e).color")
            cell = link.evaluate("e => getComputedStyle(e.closest('td, th')).backgroundColor")
            ratio = contrast(colour, cell)
            assert ratio >= 4.5, f"{marker} link {colour} on {cell}: {ratio:.2f}:1"


@pytest.fixture
def english_browser(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = context.new_page()
    yield page
    context.close()


def test_dates_are_typed_in_the_admin_language_not_the_browsers(live_server, english_browser):
    """An English-speaking Chromium against the Finnish admin: no mm/dd/yyyy box."""
    page = english_browser
    # The admin in Finnish, as the language cookie chooses it.
    page.context.add_cookies([{"name": "django_language", "value": "fi", "url": live_server.url}])
    received = timezone.localdate() - timedelta(days=3)
    request = AccessRequestFactory(received_on=received)
    admin_log_in(page, live_server, StaffUserFactory(groups=[PRIVACY_OFFICER]))
    page.goto(f"{live_server.url}/admin/privacy/accessrequest/{request.pk}/change/")
    received_input = page.locator("#id_received_on")
    assert received_input.get_attribute("type") == "text"
    assert received_input.input_value() == f"{received:%d.%m.%Y}"
    assert received_input.get_attribute("placeholder") == "pp.kk.vvvv"
    screenshot(page, "access-request-dates-en-browser")

    page.fill("#id_received_on", f"{received - timedelta(days=1):%d.%m.%Y}")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    request.refresh_from_db()
    assert request.received_on == received - timedelta(days=1)


def test_a_published_description_shows_its_text_rendered_and_a_styled_new_draft_button(
    live_server, page
):
    description = RegisterDescription.objects.get(effective_date=datetime.date(2013, 10, 1))
    admin_log_in(page, live_server, StaffUserFactory(groups=[PRIVACY_OFFICER]))
    page.goto(f"{live_server.url}/admin/privacy/registerdescription/{description.pk}/change/")
    screenshot(page, "register-description-published")
    text = page.locator("#content-main").inner_text()
    assert "<p>" not in text and "<a href" not in text
    assert page.locator("#content-main .readonly p").count() > 0
    button = page.locator("button[form=new-draft-form]")
    background = button.evaluate("e => getComputedStyle(e).backgroundColor")
    link_button = page.locator(".submit-row input, .object-tools a").first
    assert background not in ("rgba(0, 0, 0, 0)", "rgb(239, 239, 239)", "rgb(240, 240, 240)")
    assert button.evaluate("e => getComputedStyle(e).cursor") == "pointer"
    assert link_button.count() == 1
