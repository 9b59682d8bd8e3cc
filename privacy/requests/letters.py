"""Letters to a requester about the handling of their request, other than the answer itself.

- the extension of the deadline (GDPR Art. 12(3)): within the first month, the requester is
  told that the answer takes longer, by how much and why;
- the refusal (GDPR Art. 12(4)): the reasons, and the right to complain to the Data
  Protection Ombudsman (tietosuojavaltuutettu) and to seek a judicial remedy.

Their wording is kept here in both languages as data, like the answer letter's, so that a
letter reads the same whatever the staff's admin language. The officer's own words (the
reason of an extension or a refusal) go into the letter as they were recorded.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from privacy.description.models import RegisterDescription
from privacy.inventory import Text

from .answers import LETTER_TEXTS, format_date, letter_texts, render_letter
from .models import AccessRequest

# GDPR Art. 77 and 79; Data Protection Act (tietosuojalaki 1050/2018), section 8: the
# Data Protection Ombudsman is the national supervisory authority.
COMPLAINT = Text(
    fi=(
        "Teillä on oikeus tehdä valitus valvontaviranomaiselle, tietosuojavaltuutetun "
        "toimistolle (PL 800, 00531 Helsinki, tietosuoja.fi), jos katsotte, että "
        "henkilötietojenne käsittelyssä rikotaan tietosuoja-asetusta (77 artikla)."
    ),
    en=(
        "You have the right to lodge a complaint with the supervisory authority, the Office "
        "of the Data Protection Ombudsman (tietosuojavaltuutettu, PO Box 800, 00531 Helsinki, "
        "Finland, tietosuoja.fi), if you consider that the processing of your personal data "
        "infringes the General Data Protection Regulation (Article 77)."
    ),
)
JUDICIAL_REMEDY = Text(
    fi=(
        "Lisäksi teillä on oikeus saattaa asia tuomioistuimen käsiteltäväksi "
        "(tietosuoja-asetus, 79 artikla): kanne rekisterinpitäjää vastaan voidaan nostaa "
        "käräjäoikeudessa."
    ),
    en=(
        "You also have the right to an effective judicial remedy (Article 79 of the "
        "Regulation): you may bring proceedings against the controller before a court, in "
        "Finland a district court (käräjäoikeus)."
    ),
)

EXTENSION_BY = {
    1: Text(fi="yhdellä kuukaudella", en="by one month"),
    2: Text(fi="kahdella kuukaudella", en="by two months"),
}

EXTENSION_TEXTS = {
    "title": Text(
        fi="Tarkastuspyyntönne käsittelyaikaa pidennetään",
        en="The time to answer your access request is extended",
    ),
    "reference": LETTER_TEXTS["reference"],
    "date": LETTER_TEXTS["date"],
    "body": Text(
        fi=(
            "Olemme vastaanottaneet tarkastuspyyntönne {received}. Vastaamme pyyntöön "
            "tavallisesti kuukauden kuluessa sen saapumisesta. EU:n yleisen "
            "tietosuoja-asetuksen 12 artiklan 3 kohdan mukaan määräaikaa voidaan tarvittaessa "
            "jatkaa enintään kahdella kuukaudella, kun otetaan huomioon pyyntöjen "
            "monimutkaisuus ja määrä."
        ),
        en=(
            "We received your access request on {received}. We normally answer within one "
            "month of receiving a request. Under Article 12(3) of the EU General Data "
            "Protection Regulation, that period may be extended by two further months where "
            "necessary, taking into account the complexity and number of the requests."
        ),
    ),
    "extended": Text(
        fi="Pidennämme vastausaikaa {by}. Saatte vastauksen viimeistään {due}.",
        en="We extend the time to answer {by}. You will receive the answer by {due} at the latest.",
    ),
    "reason": Text(fi="Pidennyksen syy:", en="The reason for the extension:"),
    "reasons": Text(fi="Pidennysten syyt:", en="The reasons for the extensions:"),
    "reference_line": Text(
        fi="Mainitkaa yhteydenotoissanne viite {reference}.",
        en="Please quote the reference {reference} if you contact us about the request.",
    ),
    "complaint": COMPLAINT,
    "judicial_remedy": JUDICIAL_REMEDY,
    "regards": LETTER_TEXTS["regards"],
}

REFUSAL_TEXTS = {
    "title": Text(fi="Päätös tarkastuspyyntöönne", en="Decision on your access request"),
    "reference": LETTER_TEXTS["reference"],
    "date": LETTER_TEXTS["date"],
    "body": Text(
        fi=(
            "Olemme vastaanottaneet tarkastuspyyntönne {received}. Emme toimita pyytämiänne "
            "tietoja (EU:n yleinen tietosuoja-asetus, 12 artiklan 4 kohta). Syy on seuraava:"
        ),
        en=(
            "We received your access request on {received}. We will not provide the data you "
            "asked for (EU General Data Protection Regulation, Article 12(4)), for the "
            "following reason:"
        ),
    ),
    "remedies": Text(fi="Oikeusturvakeinot", en="Your remedies"),
    "complaint": COMPLAINT,
    "judicial_remedy": JUDICIAL_REMEDY,
    "again": Text(
        fi=(
            "Voitte myös tehdä uuden tarkastuspyynnön rekisteriselosteemme kohdan 7 "
            "mukaisesti. Mainitkaa yhteydenotoissanne viite {reference}."
        ),
        en=(
            "You may also make a new access request as section 7 of our register description "
            "says. Please quote the reference {reference} if you contact us."
        ),
    ),
    "regards": LETTER_TEXTS["regards"],
}


def extension_letter_pdf(
    access_request: AccessRequest,
    controller: RegisterDescription,
    *,
    today: datetime.date | None = None,
) -> bytes:
    """The letter telling the requester of the extensions of their request's deadline."""
    extensions = list(access_request.extensions.all())
    if not extensions:
        raise ValidationError(
            _("The deadline of %(reference)s has not been extended."),
            code="not_extended",
            params={"reference": access_request.reference},
        )
    language = access_request.language
    months = sum(extension.months for extension in extensions)
    context = {
        "request": access_request,
        "controller": controller,
        "date": format_date(today or timezone.localdate(), language),
        "reasons": [extension.reason for extension in extensions],
        "texts": letter_texts(
            EXTENSION_TEXTS,
            language,
            received=format_date(access_request.received_on, language),
            by=EXTENSION_BY[months].in_language(language),
            due=format_date(access_request.due_on, language),
            reference=access_request.reference,
        ),
    }
    return render_letter("privacy/extension_letter.html", context, language)


def refusal_letter_pdf(
    access_request: AccessRequest,
    controller: RegisterDescription,
    *,
    today: datetime.date | None = None,
) -> bytes:
    """The letter telling the requester why their request is refused, and their remedies."""
    if access_request.status != AccessRequest.Status.REFUSED:
        raise ValidationError(
            _("The request %(reference)s has not been refused."),
            code="not_refused",
            params={"reference": access_request.reference},
        )
    language = access_request.language
    context = {
        "request": access_request,
        "controller": controller,
        "date": format_date(today or timezone.localdate(), language),
        "texts": letter_texts(
            REFUSAL_TEXTS,
            language,
            received=format_date(access_request.received_on, language),
            reference=access_request.reference,
        ),
    }
    return render_letter("privacy/refusal_letter.html", context, language)
