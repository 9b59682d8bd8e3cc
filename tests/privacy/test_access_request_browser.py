"""A privacy officer handles a signed access request in the admin, in headless Chromium."""

from datetime import timedelta

import pytest
from django.utils import timezone

from privacy.models import AccessRequest, AccessRequestPackage
from privacy.staff.groups import PRIVACY_OFFICER
from tests.browser import screenshot
from tests.customers.factories import (
    STAFF_PASSWORD,
    AnalyticsEventFactory,
    ContactFactory,
    CustomerFactory,
    StaffUserFactory,
    SupportEmailFactory,
)
from tests.orders.factories import OrderFactory, OrderLineFactory
from tests.privacy.factories import AccessRequestFactory, png_bytes

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def log_in(page, live_server, user) -> None:
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", STAFF_PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")


def test_an_officer_walks_a_request_from_the_letter_to_the_answer(live_server, page):
    officer = StaffUserFactory(groups=[PRIVACY_OFFICER])
    customer = CustomerFactory(
        primary_contact=ContactFactory(
            first_name="Helmi",
            last_name="Virtanen",
            email="helmi.virtanen@example.com",
            street_address="Puijonkatu 12",
            postal_code="70100",
            city="Kuopio",
        )
    )
    OrderLineFactory(order=OrderFactory(customer=customer))
    SupportEmailFactory(customer=customer)
    AnalyticsEventFactory(customer=customer)
    ContactFactory(first_name="Helmi", last_name="Virtanen", postal_code="70100")  # a namesake
    today = timezone.localdate()
    # Requests already waiting, so the list shows an overdue and a due-soon one.
    AccessRequestFactory(received_on=today - timedelta(days=40), requester_name="Otto Laine")
    AccessRequestFactory(received_on=today - timedelta(days=27), requester_name="Sanna Mäkelä")

    log_in(page, live_server, officer)
    page.goto(live_server.url + "/admin/privacy/accessrequest/")
    assert page.locator(".deadline-overdue").count() == 1
    assert page.locator(".deadline-due-soon").count() == 1
    overdue_row = page.locator("#result_list tbody tr", has=page.locator(".deadline-overdue"))
    background = overdue_row.locator("td").first.evaluate(
        "e => getComputedStyle(e).backgroundColor"
    )
    assert background == "rgb(253, 236, 234)", "the overdue row is highlighted by the stylesheet"
    screenshot(page, "access-request-list")

    # The letter arrives and is logged with its scan.
    page.goto(live_server.url + "/admin/privacy/accessrequest/add/")
    page.fill("#id_requester_name", "Helmi Virtanen")
    page.fill("#id_street_address", "Puijonkatu 12")
    page.fill("#id_postal_code", "70100")
    page.fill("#id_city", "Kuopio")
    page.fill("#id_email", "helmi.virtanen@example.com")
    page.fill("#id_letter_date", (today - timedelta(days=4)).isoformat())
    page.fill("#id_received_on", (today - timedelta(days=2)).isoformat())
    page.set_input_files(
        "#id_scan", files=[{"name": "kirje.png", "mimeType": "image/png", "buffer": png_bytes()}]
    )
    page.check("#id_is_signed")
    screenshot(page, "access-request-intake")
    page.click("input[name=_save]")
    request = AccessRequest.objects.get(requester_name="Helmi Virtanen")
    change_url = f"{live_server.url}/admin/privacy/accessrequest/{request.pk}/change/"

    page.goto(change_url)
    assert page.locator(".access-request-workflow").is_visible()
    screenshot(page, "access-request-received")

    # Identity.
    page.click(f'a[href$="/accessrequest/{request.pk}/verify/"]')
    page.check('input[name=method][value="register_details"]')
    page.fill("#id_notes", "Allekirjoitus ja osoite täsmäävät rekisteriin.")
    screenshot(page, "access-request-verify")
    page.click("input[name=submit-verify]")
    page.wait_for_url(change_url)

    # Finding the data: every candidate shown with its reasons; the namesake left out.
    page.click(f'.workflow-actions a[href$="/accessrequest/{request.pk}/find-data/"]')
    page.click("input[name=search]")
    page.wait_for_selector("table.candidates")
    contacts = request.matches.filter(data="customers.contact")
    contact_match = contacts.get(object_id=customer.primary_contact.pk)
    namesake_match = contacts.exclude(object_id=customer.primary_contact.pk).get()
    for match in request.matches.exclude(pk=namesake_match.pk):
        page.check(f'input[name=confirmed][value="{match.pk}"]')
    assert not page.is_checked(f'input[name=confirmed][value="{namesake_match.pk}"]')
    assert contact_match.pk
    screenshot(page, "access-request-find-data")
    page.click("input[name=confirm]")
    page.wait_for_selector("tr.match-confirmed")
    assert page.locator("tr.match-rejected").count() == 1
    screenshot(page, "access-request-decided")

    # Compile, review, answer.
    page.goto(change_url)
    page.click("button[form=compile-form]")
    page.wait_for_selector(".package-files")
    package = AccessRequestPackage.objects.get(access_request=request)
    assert package.letter_sha256 in page.locator(".package-files").inner_text()
    screenshot(page, "access-request-compiled")
    with page.expect_download() as download:
        page.click(f'a[href$="/accessrequestpackage/{package.pk}/download/letter/"]')
    assert download.value.suggested_filename == f"{request.reference}-letter.pdf"

    page.click("button[form=review-form]")
    page.wait_for_selector(f'a[href$="/accessrequest/{request.pk}/answer/"]')
    page.click(f'a[href$="/accessrequest/{request.pk}/answer/"]')
    page.check('input[name=channel][value="post"]')
    page.click("input[name=submit-answer]")
    page.wait_for_url(change_url)
    screenshot(page, "access-request-answered")
    assert page.locator("input[name=_save]").count() == 0
    assert page.locator(".workflow-actions a, .workflow-actions button").count() == 0
    request.refresh_from_db()
    assert request.status == AccessRequest.Status.ANSWERED
