"""Demo access requests for development, so that the workflow has letters to work on.

Three letters from demo customers, each at a point of the workflow worth seeing: one
overdue and not yet verified, one verified and due within a week, one unsigned. The
scans are drawn images of the letters; nothing here runs outside `seed_demo`.
"""

import io
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.db import transaction

from customers.demo import DEMO_PREFIX
from customers.models import Contact

from .requests.models import AccessRequest
from .requests.services import access_request_log, access_request_verify_identity

# (days since the letter arrived, signed, identity verified)
DEMO_LETTERS = [(40, True, False), (26, True, True), (2, False, False)]


def _letter_scan(contact: Contact, letter_date: date, signed: bool) -> ContentFile:
    from PIL import Image, ImageDraw

    lines = [
        f"{contact.full_name}",
        f"{contact.street_address}",
        f"{contact.postal_code} {contact.city}",
        "",
        f"{letter_date:%d.%m.%Y}",
        "",
        "Webstrella",
        "",
        "TARKASTUSPYYNTÖ",
        "",
        "Pyydän saada tietää, mitä minua koskevia tietoja",
        "asiakasrekisteriinne on talletettu.",
        "",
        f"Sähköposti: {contact.email}",
        "",
        "Ystävällisin terveisin",
        "",
        "",
        contact.full_name if signed else "(allekirjoitus puuttuu)",
    ]
    # A sheet of A4 at a low resolution, as a quick office scan would be.
    image = Image.new("L", (496, 702), color=255)
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(lines):
        draw.text((48, 48 + number * 18), line, fill=0)
    if signed:
        # A signature stroke under the closing.
        draw.line([(48, 396), (110, 380), (150, 400), (210, 384)], fill=0, width=2)
    content = io.BytesIO()
    image.save(content, format="PNG")
    return ContentFile(content.getvalue(), name="kirje.png")


@transaction.atomic
def demo_access_requests_create(*, today: date) -> list[AccessRequest]:
    """The demo letters, from the primary contacts of the first demo customers."""
    contacts = Contact.objects.filter(
        primary_for_customers__customer_number__startswith=DEMO_PREFIX
    ).order_by("primary_for_customers__customer_number")[: len(DEMO_LETTERS)]
    created = []
    for contact, (days_ago, signed, verified) in zip(contacts, DEMO_LETTERS, strict=False):
        received_on = today - timedelta(days=days_ago)
        letter_date = received_on - timedelta(days=2)
        access_request = access_request_log(
            logged_by=None,
            requester_name=contact.full_name,
            street_address=contact.street_address,
            postal_code=contact.postal_code,
            city=contact.city,
            email=contact.email,
            language=contact.preferred_language if contact.preferred_language == "en" else "fi",
            received_on=received_on,
            letter_date=letter_date,
            scan=_letter_scan(contact, letter_date, signed),
            is_signed=signed,
        )
        if verified:
            access_request = access_request_verify_identity(
                access_request=access_request,
                verified_by=None,
                method=AccessRequest.IdentityMethod.REGISTER_DETAILS,
                notes="Allekirjoitus, nimi ja osoite täsmäävät rekisteriin.",
            )
        created.append(access_request)
    return created
