"""Letters to a requester about the handling of their request, other than the answer itself.

- the extension of the deadline (GDPR Art. 12(3)): within the first month, the requester is
  told that the answer takes longer, by how much and why;
- the refusal (GDPR Art. 12(4)): the reasons, and the right to complain to the Data
  Protection Ombudsman (tietosuojavaltuutettu) and to seek a judicial remedy.

Their wording is in `wording`, with the answer's. The officer's own words (the reason of an
extension or a refusal) go into the letter as they were recorded.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from privacy.description.models import RegisterDescription

from .answers import format_date, letter_texts, render_letter
from .models import AccessRequest
from .wording import EXTENSION_BY, EXTENSION_TEXTS, REFUSAL_TEXTS


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
