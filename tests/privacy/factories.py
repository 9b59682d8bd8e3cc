"""Factories for access requests, and small valid scan files made in the test.

`pdf_bytes`, `png_bytes` and `jpeg_bytes` build real files (a one-page PDF written by hand,
images drawn with Pillow), so the upload checks parse what a scanner would send.
"""

import io
from datetime import timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from factory.django import DjangoModelFactory

from privacy.models import AccessRequest


def pdf_bytes() -> bytes:
    """A minimal one-page PDF with a correct cross-reference table."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
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


def _image_bytes(image_format: str) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 60), (250, 250, 245)).save(buffer, format=image_format)
    return buffer.getvalue()


def png_bytes() -> bytes:
    return _image_bytes("PNG")


def jpeg_bytes() -> bytes:
    return _image_bytes("JPEG")


def scan_file(name: str = "kirje.pdf", content: bytes | None = None) -> ContentFile:
    return ContentFile(pdf_bytes() if content is None else content, name=name)


class AccessRequestFactory(DjangoModelFactory):
    """A signed letter, just received; `AccessRequestFactory(contact=c)` copies c's details."""

    class Meta:
        model = AccessRequest

    class Params:
        contact = None

    requester_name = factory.LazyAttribute(
        lambda o: o.contact.full_name if o.contact else "Aino Korhonen"
    )
    street_address = factory.LazyAttribute(
        lambda o: o.contact.street_address if o.contact else "Hämeenkatu 5"
    )
    postal_code = factory.LazyAttribute(lambda o: o.contact.postal_code if o.contact else "33100")
    city = factory.LazyAttribute(lambda o: o.contact.city if o.contact else "Tampere")
    country = "FI"
    email = factory.LazyAttribute(lambda o: o.contact.email if o.contact else "")
    phone = ""
    customer_number = ""
    language = AccessRequest.Language.FINNISH
    received_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=3))
    letter_date = factory.LazyAttribute(lambda o: o.received_on - timedelta(days=2))
    scan = factory.LazyFunction(scan_file)
    is_signed = True


# Reading an answer package back: the letter's text, the JSON and the CSV.


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def package_files(access_request) -> dict:
    import zipfile

    from privacy.models import AccessRequestPackage

    package = AccessRequestPackage.objects.get(access_request=access_request)
    with package.letter.open("rb") as letter:
        files = {"letter": letter.read()}
    with package.export.open("rb") as export, zipfile.ZipFile(export) as archive:
        files["names"] = sorted(archive.namelist())
        files["json"] = archive.read("data.json")
        files["csv"] = archive.read("data.csv")
    return files


def package_texts(access_request) -> dict[str, str]:
    """The letter, JSON and CSV as text, whitespace removed so wrapped lines still match."""
    files = package_files(access_request)
    texts = {
        "letter": pdf_text(files["letter"]),
        "json": files["json"].decode(),
        "csv": files["csv"].decode(),
    }
    return {name: squeeze(text) for name, text in texts.items()}


def squeeze(text: str) -> str:
    return "".join(str(text).split())


def logged_letter(officer, **fields):
    """A letter logged through the service with the details a request needs and a scan;
    `fields` change or add any of them."""
    from privacy.requests.services import access_request_log

    letter = {
        "requester_name": "Aino Korhonen",
        "street_address": "Hämeenkatu 5",
        "postal_code": "33100",
        "city": "Tampere",
        "received_on": timezone.localdate() - timedelta(days=3),
        "scan": scan_file(),
        "is_signed": True,
        **fields,
    }
    return access_request_log(logged_by=officer, **letter)


def confirm_every_candidate(access_request, officer) -> list:
    """Search every source for the request and confirm every candidate as the requester's."""
    from privacy.requests.services import (
        access_request_confirm_matches,
        access_request_find_data,
    )

    matches = access_request_find_data(access_request=access_request, searched_by=officer)
    access_request_confirm_matches(
        access_request=access_request,
        decided_by=officer,
        confirmed_ids=[m.pk for m in matches],
        shown_ids=[m.pk for m in matches],
    )
    return matches


def compiled_access_request(*, officer=None, **fields):
    """A request taken through the services to a compiled package, every candidate confirmed."""
    from privacy.requests.services import (
        access_request_compile,
        access_request_verify_identity,
    )
    from privacy.staff.groups import PRIVACY_OFFICER
    from tests.customers.factories import ContactFactory, StaffUserFactory

    officer = officer or StaffUserFactory(groups=[PRIVACY_OFFICER])
    fields.setdefault("contact", ContactFactory())
    access_request = AccessRequestFactory(**fields)
    access_request_verify_identity(
        access_request=access_request, verified_by=officer, method="register_details"
    )
    confirm_every_candidate(access_request, officer)
    access_request_compile(access_request=access_request, compiled_by=officer)
    access_request.refresh_from_db()
    return access_request
