"""Every scan an access request was given is kept, listed on the request and downloadable."""

import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from privacy.models import AccessRequest, AccessRequestScan, AuditEntry
from tests.customers.factories import ContactFactory
from tests.privacy.factories import AccessRequestFactory, jpeg_bytes, png_bytes
from tests.privacy.pages import post_from_page
from tests.privacy.test_access_request_admin import BASE, intake

pytestmark = pytest.mark.django_db


def scan_url(access_request, scan) -> str:
    return f"{BASE}{access_request.pk}/scans/{scan.pk}/"


@pytest.fixture
def replaced(privacy_officer_client):
    """A request logged with an unsigned letter whose signed letter then replaced it."""
    contact = ContactFactory()
    response = privacy_officer_client.post(f"{BASE}add/", intake(contact, png_bytes()))
    assert response.status_code == 302
    access_request = AccessRequest.objects.get()
    first_name = access_request.scan.name
    change_url = f"{BASE}{access_request.pk}/change/"
    signed = intake(contact, jpeg_bytes())
    signed["scan"].name = "allekirjoitettu.jpg"
    response = post_from_page(privacy_officer_client, change_url, signed)
    assert response.status_code == 302, response.context["adminform"].form.errors
    access_request.refresh_from_db()
    assert access_request.scan.name != first_name
    return access_request


def test_the_replaced_letter_is_kept_beside_the_new_one(replaced):
    first, second = replaced.scans.all()
    assert Path(first.file.path).read_bytes() == png_bytes()
    assert Path(second.file.path).read_bytes() == jpeg_bytes()
    assert second.file.name == replaced.scan.name
    assert first.uploaded_at <= second.uploaded_at


def test_the_request_page_lists_every_scan(privacy_officer_client, replaced):
    page = privacy_officer_client.get(f"{BASE}{replaced.pk}/change/").content.decode()
    for scan in replaced.scans.all():
        assert scan_url(replaced, scan) in page


def test_an_officer_downloads_the_replaced_letter_and_the_download_is_audited(
    privacy_officer_client, replaced
):
    first = replaced.scans.first()
    response = privacy_officer_client.get(scan_url(replaced, first))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == png_bytes()
    assert response["Content-Type"] == "image/png"
    entry = AuditEntry.objects.filter(action="download").latest("pk")
    assert entry.detail == f"scan {first.pk}"


def test_other_staff_get_403_on_a_scan(customer_service_client, sales_client, replaced):
    first = replaced.scans.first()
    for client in (customer_service_client, sales_client):
        assert client.get(scan_url(replaced, first)).status_code == 403


def test_a_scan_of_another_request_is_not_given_through_this_one(privacy_officer_client, replaced):
    other = AccessRequestFactory()
    assert privacy_officer_client.get(scan_url(other, replaced.scans.first())).status_code == 403


def test_a_stored_scan_is_never_deleted(replaced):
    with pytest.raises(ValidationError) as refused:
        replaced.scans.first().delete()
    assert refused.value.code == "append_only"


def test_the_migration_makes_each_stored_scan_the_first_of_its_request():
    access_request = AccessRequestFactory()
    migration = importlib.import_module("privacy.migrations.0014_access_request_scans")
    migration.keep_existing_scans(apps, None)
    scan = AccessRequestScan.objects.get()
    assert scan.access_request == access_request
    assert scan.file.name == access_request.scan.name
    assert scan.uploaded_at == access_request.created_at
