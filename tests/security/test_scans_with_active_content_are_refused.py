"""A scan is handed out to privacy officers as it was uploaded: a PDF that runs JavaScript,
acts when opened or launches programs is refused at upload, however its names are spelt."""

import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from privacy.models import AccessRequest
from privacy.requests import uploads
from tests.privacy.factories import pdf_bytes

PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"
CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
ALERT = b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>"


def pdf_of(catalog: bytes = CATALOG, page: bytes = PAGE, *extra: bytes) -> bytes:
    """A one-page PDF of the given catalog (object 1), page (object 3) and further objects
    (4, 5, ...), with a correct cross-reference table."""
    objects = [catalog, PAGES, page, *extra]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


def pdf_with_a_compressed_action() -> bytes:
    """PDF 1.5: the JavaScript action (object 4) deflated inside an object stream (object 5),
    listed by a cross-reference stream (object 6), so no byte of it shows in the file."""
    action = ALERT
    header = b"4 0 "
    packed = zlib.compress(header + action)
    out = bytearray(b"%PDF-1.5\n")
    offsets = {}
    plain = [
        (1, b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>"),
        (2, PAGES),
        (3, PAGE),
        (
            5,
            b"<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
            % (len(header), len(packed))
            + packed
            + b"\nendstream",
        ),
    ]
    for number, body in plain:
        offsets[number] = len(out)
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    offsets[6] = len(out)
    rows = [struct.pack(">BIH", 0, 0, 65535)]
    for number in range(1, 7):
        if number == 4:
            rows.append(struct.pack(">BIH", 2, 5, 0))
        else:
            rows.append(struct.pack(">BIH", 1, offsets[number], 0))
    table = b"".join(rows)
    out += (
        b"6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n"
        % len(table)
        + table
        + b"\nendstream\nendobj\n"
    )
    out += b"startxref\n%d\n%%%%EOF\n" % offsets[6]
    return bytes(out)


ACTIVE = {
    "document-javascript": pdf_of(
        b"<< /Type /Catalog /Pages 2 0 R /Names << /JavaScript << /Names [(a) 4 0 R] >> >> >>",
        PAGE,
        ALERT,
    ),
    "compressed-in-an-object-stream": pdf_with_a_compressed_action(),
    "open-action-javascript": pdf_of(
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction " + ALERT + b">>"
    ),
    "open-action-launch": pdf_of(
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /Launch /F (calc.exe) >> >>"
    ),
    "document-additional-actions": pdf_of(
        b"<< /Type /Catalog /Pages 2 0 R /AA << /WC " + ALERT + b" >> >>"
    ),
    "page-additional-actions": pdf_of(
        CATALOG,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /AA << /O 4 0 R >> >>",
        ALERT,
    ),
    "link-launches-a-program": pdf_of(
        CATALOG,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [4 0 R] >>",
        b"<< /Type /Annot /Subtype /Link /Rect [0 0 99 99] /A << /S /Launch /F (cmd.exe) >> >>",
    ),
    "link-runs-javascript": pdf_of(
        CATALOG,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [4 0 R] >>",
        b"<< /Type /Annot /Subtype /Link /Rect [0 0 99 99] /A 5 0 R >>",
        ALERT,
    ),
    "names-spelt-in-hex": pdf_of(
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /J#61vaScript /J#53 (x) >> >>"
    ),
}


@pytest.fixture(autouse=True)
def english_messages():
    with translation.override("en"):
        yield


def upload(content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("kirje.pdf", content, content_type="application/pdf")


@pytest.mark.parametrize("content", ACTIVE.values(), ids=ACTIVE.keys())
def test_a_pdf_with_active_content_is_refused(content):
    with pytest.raises(ValidationError, match="JavaScript") as refused:
        uploads.scan_kind(upload(content))
    assert refused.value.code == "scan_active_content"


def test_the_refusal_is_explained_in_finnish_too():
    with translation.override("fi"), pytest.raises(ValidationError, match="JavaScriptiä"):
        uploads.scan_kind(upload(ACTIVE["document-javascript"]))


def test_a_plain_pdf_and_one_that_opens_at_its_first_page_are_accepted():
    # Scanners often say which page to show first: a destination, not an action.
    opens_at_first_page = pdf_of(b"<< /Type /Catalog /Pages 2 0 R /OpenAction [3 0 R /Fit] >>")
    assert uploads.scan_kind(upload(pdf_bytes())) is uploads.PDF
    assert uploads.scan_kind(upload(opens_at_first_page)) is uploads.PDF


@pytest.mark.django_db
def test_the_admin_shows_why_and_stores_nothing(privacy_officer_client):
    response = privacy_officer_client.post(
        reverse("admin:privacy_accessrequest_add"),
        {
            "requester_name": "Kaisa Heikkinen",
            "street_address": "Rantakatu 4",
            "postal_code": "90100",
            "city": "Oulu",
            "country": "FI",
            "letter_date": "2026-11-20",
            "received_on": "2026-11-23",
            "scan": upload(ACTIVE["open-action-javascript"]),
            "is_signed": "on",
            "language": "fi",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["scan"]
    assert any("JavaScript" in error for error in errors)
    assert not AccessRequest.objects.exists()
