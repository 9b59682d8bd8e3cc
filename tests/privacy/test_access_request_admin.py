"""An access request through the admin, from the letter to the answer, as an officer works."""

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from privacy.models import AccessRequest, AccessRequestMatch, AccessRequestPackage, AuditEntry
from tests.customers.factories import ContactFactory, CustomerFactory, SupportEmailFactory
from tests.orders.factories import OrderFactory
from tests.privacy.factories import (
    AccessRequestFactory,
    package_texts,
    pdf_text,
    png_bytes,
    squeeze,
)
from tests.privacy.pages import post_from_page

pytestmark = pytest.mark.django_db

BASE = "/admin/privacy/accessrequest/"


def intake(contact, scan: bytes, **changes) -> dict:
    data = {
        "kind": "access",
        "requester_name": contact.full_name,
        "street_address": contact.street_address,
        "postal_code": contact.postal_code,
        "city": contact.city,
        "country": "FI",
        "language": "fi",
        "email": contact.email.upper(),
        "phone": "",
        "customer_number": "",
        "letter_date": (timezone.localdate() - timedelta(days=5)).isoformat(),
        "received_on": (timezone.localdate() - timedelta(days=2)).isoformat(),
        "scan": SimpleUploadedFile("skannaus.png", scan, content_type="image/png"),
        "is_signed": "on",
    }
    data.update(changes)
    return data


def assert_no_inline_code(html: str) -> None:
    """The Content Security Policy forbids inline styles and scripts: none may be needed."""
    assert not re.search(r'\sstyle="', html)
    assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", html)
    assert not re.search(r'\son[a-z]+="', html)


def audit_actions(request: AccessRequest) -> list[tuple[str, str]]:
    entries = AuditEntry.objects.filter(target_model="privacy.AccessRequest", target_id=request.pk)
    return [(e.action, e.detail) for e in entries.order_by("pk")]


def test_the_whole_workflow_through_the_admin(privacy_officer_client, privacy_officer):
    privacy_officer_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the assertions' wording
    customer = CustomerFactory()
    contact = customer.primary_contact
    OrderFactory(customer=customer)
    SupportEmailFactory(customer=customer, subject="Laskun eräpäivä")
    namesake = ContactFactory(
        first_name=contact.first_name,
        last_name=contact.last_name,
        postal_code=contact.postal_code,
        street_address="Toinenkatu 99",
        email="kaima@example.com",
    )
    scan = png_bytes()
    client = privacy_officer_client

    # The letter is logged with its scan.
    assert client.get(f"{BASE}add/").status_code == 200
    response = client.post(f"{BASE}add/", intake(contact, scan))
    assert response.status_code == 302, response.context["adminform"].form.errors
    request = AccessRequest.objects.get()
    assert request.created_by == privacy_officer
    assert request.email == contact.email
    assert request.status == AccessRequest.Status.RECEIVED
    change_url = f"{BASE}{request.pk}/change/"
    assert response["Location"] in (BASE, change_url)

    page = client.get(change_url)
    assert page.status_code == 200
    html = page.content.decode()
    assert_no_inline_code(html)
    assert f"{BASE}{request.pk}/verify/" in html
    assert f"{BASE}{request.pk}/scans/{request.scans.get().pk}/" in html
    assert "/media/" not in html and request.scan.name not in html

    download = client.get(f"{BASE}{request.pk}/scan/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == scan
    assert download["Content-Type"] == "image/png"
    assert f"{request.reference}-scan.png" in download["Content-Disposition"]

    # Identity.
    assert client.get(f"{BASE}{request.pk}/verify/").status_code == 200
    response = post_from_page(
        client,
        f"{BASE}{request.pk}/verify/",
        {"method": "register_details", "notes": "Allekirjoitus."},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == AccessRequest.Status.IDENTITY_VERIFIED
    assert request.identity_verified_by == privacy_officer

    # Finding the data.
    find_url = f"{BASE}{request.pk}/find-data/"
    assert client.get(find_url).status_code == 200
    assert post_from_page(client, find_url, {"search": "1"}).status_code == 302
    matches = {(m.data, m.object_id or m.value): m for m in request.matches.all()}
    namesake_key = ("customers.contact", str(namesake.pk))
    assert set(matches) >= {
        ("customers.contact", str(contact.pk)),
        ("orders.order", contact.email),
        namesake_key,
    }
    page = client.get(find_url).content.decode()
    assert_no_inline_code(page)
    assert "contact: name and address (postal code)" in page
    mine = [m.pk for key, m in matches.items() if key != namesake_key]
    assert post_from_page(client, find_url, {"confirm": "1", "confirmed": mine}).status_code == 302
    assert set(request.matches.filter(confirmed=True).values_list("pk", flat=True)) == set(mine)
    assert (
        request.matches.get(data="customers.contact", object_id=namesake.pk).decided_by
        == privacy_officer
    )

    # Compiling, review and the answer.
    compile_url = f"{BASE}{request.pk}/compile/"
    assert post_from_page(client, change_url, {}, url=compile_url).status_code == 302
    request.refresh_from_db()
    assert request.status == AccessRequest.Status.DATA_COMPILED
    package = AccessRequestPackage.objects.get(access_request=request)
    html = client.get(change_url).content.decode()
    assert package.letter_sha256 in html and package.export_sha256 in html
    texts = package_texts(request)
    assert squeeze("Laskun eräpäivä") in texts["letter"]
    assert squeeze(namesake.email) not in texts["json"]
    assert squeeze("Toinenkatu 99") not in texts["letter"]

    package_url = f"/admin/privacy/accessrequestpackage/{package.pk}/"
    for part, content_type in [("letter", "application/pdf"), ("export", "application/zip")]:
        response = client.get(f"{package_url}download/{part}/")
        assert response.status_code == 200
        assert response["Content-Type"] == content_type
    assert client.get(f"{package_url}change/").status_code == 200

    review_url = f"{BASE}{request.pk}/review/"
    assert post_from_page(client, change_url, {}, url=review_url).status_code == 302
    request.refresh_from_db()
    assert request.status == AccessRequest.Status.REVIEWED

    assert client.get(f"{BASE}{request.pk}/answer/").status_code == 200
    response = post_from_page(
        client,
        f"{BASE}{request.pk}/answer/",
        {"answered_on": timezone.localdate().isoformat(), "channel": "post"},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == AccessRequest.Status.ANSWERED
    assert request.answer_channel == "post" and request.answered_by == privacy_officer

    # Now read-only: the page still shows, nothing changes it.
    page = client.get(change_url)
    assert page.status_code == 200
    assert 'name="requester_name"' not in page.content.decode()
    assert client.post(change_url, intake(contact, png_bytes())).status_code == 403
    for step in ["verify", "extend", "answer", "refuse", "compile", "review"]:
        assert client.post(f"{BASE}{request.pk}/{step}/", {}).status_code == 403, step
    assert client.post(find_url, {"search": "1"}).status_code == 403


def test_the_audit_log_records_views_downloads_and_searches(privacy_officer_client):
    contact = ContactFactory()
    request = AccessRequestFactory(contact=contact)
    client = privacy_officer_client

    client.get(BASE)
    client.get(f"{BASE}{request.pk}/change/")
    client.get(f"{BASE}{request.pk}/scan/")
    client.get(f"{BASE}{request.pk}/signed-request-letter/")
    post_from_page(client, f"{BASE}{request.pk}/verify/", {"method": "register_details"})
    post_from_page(client, f"{BASE}{request.pk}/find-data/", {"search": "1"})
    match = AccessRequestMatch.objects.get()
    post_from_page(
        client, f"{BASE}{request.pk}/find-data/", {"confirm": "1", "confirmed": [match.pk]}
    )
    post_from_page(client, f"{BASE}{request.pk}/change/", {}, url=f"{BASE}{request.pk}/compile/")
    package = AccessRequestPackage.objects.get()
    client.get(f"/admin/privacy/accessrequestpackage/{package.pk}/download/letter/")
    client.get(f"/admin/privacy/accessrequestpackage/{package.pk}/download/export/")

    assert AuditEntry.objects.filter(
        action="list", target_model="privacy.AccessRequest", path=BASE
    ).exists()
    actions = audit_actions(request)
    assert ("view", "") in actions
    assert ("download", "scan") in actions
    assert ("export", "letter asking for a signature") in actions
    search = [detail for action, detail in actions if action == "search"]
    assert search == [f"find data for {request.reference}"]
    assert sum(1 for action, _detail in actions if action == "change") >= 3
    downloads = AuditEntry.objects.filter(
        action="download", target_model="privacy.AccessRequestPackage", target_id=package.pk
    )
    assert sorted(downloads.values_list("detail", flat=True)) == [
        f"export of {request.reference}",
        f"letter of {request.reference}",
    ]
    # No entry repeats the requester's identifiers; the reference is enough.
    for entry in AuditEntry.objects.all():
        for value in [contact.email, contact.last_name, contact.street_address]:
            assert value not in entry.detail and value not in entry.path


def test_no_page_of_a_request_puts_personal_data_in_its_address(privacy_officer_client):
    contact = ContactFactory()
    request = AccessRequestFactory(contact=contact)
    html = privacy_officer_client.get(f"{BASE}{request.pk}/change/").content.decode()
    for href in re.findall(r'(?:href|action)="([^"]+)"', html):
        for value in [contact.email, contact.last_name, contact.postal_code]:
            assert value not in href, href


@pytest.mark.parametrize("typed", ["{ref}", "{ref_lower}", "{pk}", " tp{pk} "])
def test_the_list_is_searched_by_reference_and_never_by_name(privacy_officer_client, typed):
    wanted, other = AccessRequestFactory(), AccessRequestFactory()
    term = typed.format(ref=wanted.reference, ref_lower=wanted.reference.lower(), pk=wanted.pk)

    def found(q: str) -> set[int]:
        response = privacy_officer_client.get(BASE, {"q": q})
        assert response.status_code == 200
        return {obj.pk for obj in response.context["cl"].result_list}

    assert found(term) == {wanted.pk}
    assert found(other.requester_name) == set()
    assert found("TP-x' OR 1=1") == set()
    assert found("9" * 40) == set()


def test_the_list_shows_days_left_and_highlights_overdue_and_due_soon(privacy_officer_client):
    today = timezone.localdate()
    overdue = AccessRequestFactory(received_on=today - timedelta(days=40))
    soon = AccessRequestFactory(received_on=today - timedelta(days=27))
    later = AccessRequestFactory(received_on=today - timedelta(days=1))
    html = privacy_officer_client.get(BASE).content.decode()
    assert 'class="deadline deadline-overdue"' in html
    assert 'class="deadline deadline-due-soon"' in html
    assert 'class="deadline deadline-on-time"' in html
    assert "css/admin_privacy.css" in html
    assert_no_inline_code(html)

    def listed(query: str) -> set[int]:
        response = privacy_officer_client.get(f"{BASE}?deadline={query}")
        return {obj.pk for obj in response.context["cl"].result_list}

    assert listed("overdue") == {overdue.pk}
    assert listed("soon") == {soon.pk}
    assert listed("later") == {later.pk}
    assert listed("closed") == set()


def test_an_unsigned_letter_offers_the_letter_asking_for_a_signed_request(privacy_officer_client):
    privacy_officer_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the assertions' wording
    request = AccessRequestFactory(is_signed=False)
    html = privacy_officer_client.get(f"{BASE}{request.pk}/change/").content.decode()
    assert f"{BASE}{request.pk}/signed-request-letter/" in html
    assert f"{BASE}{request.pk}/verify/" not in html
    response = privacy_officer_client.get(f"{BASE}{request.pk}/signed-request-letter/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = squeeze(pdf_text(response.content))
    assert squeeze("allekirjoitettuna") in text
    assert squeeze(request.requester_name) in text and request.reference in text

    refused = post_from_page(
        privacy_officer_client, f"{BASE}{request.pk}/verify/", {"method": "register_details"}
    )
    assert refused.status_code == 200
    assert "unsigned request cannot be verified" in refused.content.decode()
    request.refresh_from_db()
    assert request.status == AccessRequest.Status.RECEIVED


def test_a_wrong_step_is_refused_with_a_message(privacy_officer_client):
    request = AccessRequestFactory()
    response = post_from_page(
        privacy_officer_client,
        f"{BASE}{request.pk}/change/",
        {},
        url=f"{BASE}{request.pk}/compile/",
        follow=True,
    )
    assert response.status_code == 200
    messages = [str(m) for m in response.context["messages"]]
    assert any(request.reference in m for m in messages)
    assert AccessRequest.objects.get(pk=request.pk).status == AccessRequest.Status.RECEIVED


def test_the_intake_can_be_corrected_until_identity_is_verified(privacy_officer_client):
    contact = ContactFactory()
    request = AccessRequestFactory(contact=contact)
    change_url = f"{BASE}{request.pk}/change/"
    data = intake(contact, png_bytes(), phone="040 765 4321")
    del data["scan"]
    response = post_from_page(privacy_officer_client, change_url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    request.refresh_from_db()
    assert request.phone == "+358407654321"
    assert request.scan.name.endswith(".pdf")

    post_from_page(
        privacy_officer_client, f"{BASE}{request.pk}/verify/", {"method": "register_details"}
    )
    page = privacy_officer_client.get(change_url).content.decode()
    assert 'name="phone"' not in page


def test_a_deadline_is_extended_through_the_admin(privacy_officer_client, privacy_officer):
    request = AccessRequestFactory()
    due = request.due_on
    response = post_from_page(
        privacy_officer_client,
        f"{BASE}{request.pk}/extend/",
        {"months": "2", "reason": "Laaja aineisto."},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.extension_months == 2 and request.due_on > due
    html = privacy_officer_client.get(f"{BASE}{request.pk}/change/").content.decode()
    assert "Laaja aineisto." in html
    assert f"{BASE}{request.pk}/extend/" not in html


def test_nobody_deletes_a_request_or_a_package_in_the_admin(superuser_client):
    request = AccessRequestFactory()
    assert superuser_client.get(f"{BASE}{request.pk}/delete/").status_code == 403
    assert superuser_client.post(f"{BASE}{request.pk}/delete/", {"post": "yes"}).status_code == 403
    assert AccessRequest.objects.filter(pk=request.pk).exists()


def test_the_list_takes_as_many_queries_for_ten_requests_as_for_one(
    privacy_officer_client, count_queries
):
    AccessRequestFactory()
    count_queries(privacy_officer_client, BASE)
    one = count_queries(privacy_officer_client, BASE)
    AccessRequestFactory.create_batch(9)
    assert count_queries(privacy_officer_client, BASE) == one
