"""Demo access requests for development, so that the workflow has letters to work on.

Three letters, each at a point of the workflow worth seeing: one overdue and not yet
verified, one verified and due within a week, one unsigned. The writers are people of the
demo register, given as plain details by `seed_demo`, which picks them. The scans are
drawn images of the letters; nothing here runs outside `seed_demo`.
"""

import io
from collections.abc import Sequence
from datetime import date, timedelta
from typing import NamedTuple

from django.core.files.base import ContentFile
from django.db import transaction

from .requests.models import AccessRequest
from .requests.services import access_request_log, access_request_verify_identity

# (days since the letter arrived, signed, identity verified)
DEMO_LETTERS = [(40, True, False), (26, True, True), (2, False, False)]


class DemoRequester(NamedTuple):
    """The writer of a demo letter, with the details the register holds of them."""

    name: str
    street_address: str
    postal_code: str
    city: str
    email: str
    language: str  # the one they prefer; the answer is in English or else in Finnish


def _letter_scan(requester: DemoRequester, letter_date: date, signed: bool) -> ContentFile:
    from PIL import Image, ImageDraw

    lines = [
        f"{requester.name}",
        f"{requester.street_address}",
        f"{requester.postal_code} {requester.city}",
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
        f"Sähköposti: {requester.email}",
        "",
        "Ystävällisin terveisin",
        "",
        "",
        requester.name if signed else "(allekirjoitus puuttuu)",
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
def demo_access_requests_create(
    *, requesters: Sequence[DemoRequester], today: date
) -> list[AccessRequest]:
    """A demo letter from each of the first requesters, as many as there are DEMO_LETTERS."""
    created = []
    for requester, (days_ago, signed, verified) in zip(requesters, DEMO_LETTERS, strict=False):
        received_on = today - timedelta(days=days_ago)
        letter_date = received_on - timedelta(days=2)
        language = requester.language
        if language not in AccessRequest.Language.values:
            language = AccessRequest.Language.FINNISH
        access_request = access_request_log(
            logged_by=None,
            requester_name=requester.name,
            street_address=requester.street_address,
            postal_code=requester.postal_code,
            city=requester.city,
            email=requester.email,
            language=language,
            received_on=received_on,
            letter_date=letter_date,
            scan=_letter_scan(requester, letter_date, signed),
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
