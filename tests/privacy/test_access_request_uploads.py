"""The scan of an access-request letter: PDF, JPEG or PNG by content, at most 10 MB."""

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from privacy.requests import uploads
from privacy.requests.services import access_request_log
from tests.customers.factories import StaffUserFactory
from tests.privacy.factories import AccessRequestFactory, jpeg_bytes, pdf_bytes, png_bytes
from tests.refusals import refused

ADD_URL = "/admin/privacy/accessrequest/add/"


@pytest.fixture(autouse=True)
def english_messages():
    """The assertions read the messages' English wording; the admin's default is Finnish."""
    with translation.override("en"):
        yield


def upload(name: str, content: bytes, content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("kirje.pdf", pdf_bytes(), uploads.PDF),
        ("kirje.jpg", jpeg_bytes(), uploads.JPEG),
        ("kirje.png", png_bytes(), uploads.PNG),
    ],
    ids=["pdf", "jpeg", "png"],
)
def test_a_valid_pdf_jpeg_or_png_is_accepted(name, content, kind):
    assert uploads.scan_kind(upload(name, content)) is kind


def test_the_type_comes_from_the_content_not_the_name():
    assert uploads.scan_kind(upload("kirje.pdf", png_bytes(), "application/pdf")) is uploads.PNG


def test_a_text_file_renamed_to_pdf_is_refused():
    with refused("scan_wrong_type", "The scan must be a PDF, JPEG or PNG file."):
        uploads.scan_kind(upload("kirje.pdf", b"Hei, haluan tietoni.\n"))


def test_a_file_with_the_right_first_bytes_but_no_real_content_is_refused():
    for name, content, kind in [
        ("kirje.pdf", b"%PDF-1.4\nnot really a pdf\n", "PDF"),
        ("kirje.png", png_bytes()[:40], "PNG"),
        ("kirje.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 100, "JPEG"),
    ]:
        with refused(
            "scan_damaged", f"The file looks like a {kind} file but cannot be opened as one."
        ):
            uploads.scan_kind(upload(name, content))


def test_other_types_are_refused():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, format="GIF")
    gif = buffer.getvalue()
    with refused("scan_wrong_type", "The scan must be a PDF, JPEG or PNG file."):
        uploads.scan_kind(upload("kirje.gif", gif, "image/gif"))
    with refused("scan_wrong_type", "The scan must be a PDF, JPEG or PNG file."):
        uploads.scan_kind(upload("kirje.pdf", b""))


def test_a_scan_over_10_mb_is_refused():
    too_large = pdf_bytes() + b"%" * (uploads.MAX_SCAN_BYTES + 1 - len(pdf_bytes()))
    with refused("scan_too_large", "The scan may be at most 10 MB."):
        uploads.scan_kind(upload("kirje.pdf", too_large))


def test_a_scan_of_exactly_10_mb_is_accepted():
    # A PDF may carry comments after its end; the size limit counts every byte.
    content = pdf_bytes()
    content += b"%" * (uploads.MAX_SCAN_BYTES - len(content))
    assert len(content) == uploads.MAX_SCAN_BYTES
    assert uploads.scan_kind(upload("kirje.pdf", content)) is uploads.PDF


@pytest.mark.django_db
def test_the_stored_scan_has_a_random_name_outside_the_web_root(settings):
    access_request = access_request_log(
        logged_by=StaffUserFactory(),
        requester_name="Aino Korhonen",
        street_address="Hämeenkatu 5",
        postal_code="33100",
        city="Tampere",
        received_on=AccessRequestFactory.build().received_on,
        scan=upload("Aino Korhonen tarkastuspyyntö.png", png_bytes(), "image/png"),
        is_signed=True,
    )
    name = access_request.scan.name
    assert name.startswith("access-requests/scans/") and name.endswith(".png")
    assert "aino" not in name.lower() and "korhonen" not in name.lower()
    assert len(Path(name).stem) == 32
    stored = Path(access_request.scan.path)
    assert stored.is_relative_to(Path(settings.MEDIA_ROOT))
    assert not stored.is_relative_to(Path(settings.STATIC_ROOT))
    with pytest.raises(ValueError):
        access_request.scan.url  # noqa: B018 - the storage gives no public address


@pytest.mark.django_db
def test_the_service_refuses_a_renamed_text_file_and_stores_nothing(settings):
    scans = Path(settings.MEDIA_ROOT) / uploads.SCAN_FOLDER
    before = set(scans.iterdir()) if scans.exists() else set()
    with pytest.raises(ValidationError) as caught:
        access_request_log(
            logged_by=StaffUserFactory(),
            requester_name="Aino Korhonen",
            street_address="Hämeenkatu 5",
            postal_code="33100",
            city="Tampere",
            received_on=AccessRequestFactory.build().received_on,
            scan=upload("kirje.pdf", b"just text"),
            is_signed=True,
        )
    assert "scan" in caught.value.message_dict
    assert (set(scans.iterdir()) if scans.exists() else set()) == before


def intake_data(**changes) -> dict:
    data = {
        "kind": "access",
        "requester_name": "Aino Korhonen",
        "street_address": "Hämeenkatu 5",
        "postal_code": "33100",
        "city": "Tampere",
        "country": "FI",
        "language": "fi",
        "email": "",
        "phone": "",
        "customer_number": "",
        "letter_date": "",
        "received_on": AccessRequestFactory.build().received_on.isoformat(),
        "is_signed": "on",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("kirje.pdf", b"Hei, haluan tietoni.", "PDF, JPEG or PNG"),
        ("kirje.txt", b"Hei, haluan tietoni.", "PDF, JPEG or PNG"),
        ("kirje.pdf", b"%PDF-1.7 broken", "cannot be opened"),
    ],
    ids=["renamed-text", "text", "damaged-pdf"],
)
def test_the_admin_form_shows_why_a_scan_is_refused(privacy_officer_client, name, content, message):
    response = privacy_officer_client.post(
        ADD_URL, intake_data(scan=upload(name, content)), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert message in " ".join(errors["scan"])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content", [pdf_bytes(), jpeg_bytes(), png_bytes()], ids=["pdf", "jpeg", "png"]
)
def test_the_admin_form_accepts_a_valid_scan(privacy_officer_client, content):
    response = privacy_officer_client.post(ADD_URL, intake_data(scan=upload("kirje", content)))
    assert response.status_code == 302, response.context["adminform"].form.errors
