"""Letters to a requester about the handling of their request, other than the answer itself.

- the extension of the deadline (GDPR Art. 12(3)): within the first month, the requester is
  told that the answer takes longer, by how much and why;
- the refusal (GDPR Art. 12(4)): the reasons, and the right to complain to the Data
  Protection Ombudsman (tietosuojavaltuutettu) and to seek a judicial remedy;
- the outcome of a rectification, erasure, restriction or objection (Art. 12(3)): what was
  corrected, erased or restricted, and what the law requires keeping, until when and why.

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
from .wording import (
    EXTENSION_BY,
    EXTENSION_TEXTS,
    OUTCOME_DETAILS,
    OUTCOME_TEXTS,
    OUTCOME_TITLES,
    REFUSAL_TEXTS,
)


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


def _day(text: str, language: str) -> str:
    return format_date(datetime.date.fromisoformat(text), language)


def _outcome_lines(result: dict, kind: str, language: str) -> tuple[list[str], list[str]]:
    """(what was done, what is kept) as the letter lists them, from the request's result."""
    details = OUTCOME_DETAILS[kind]

    def say(key: str, **values) -> str:
        return details[key].in_language(language).format(**values)

    name = f"name_{language}"
    done, kept = [], []
    if kind == "rectification":
        for correction in result.get("corrections", []):
            done.append(
                f"{correction[f'label_{language}']}: {say('was')} “{correction['old']}”, "
                f"{say('now')} “{correction['new']}”"
            )
    elif kind == "erasure":
        for entry in result.get("categories", []):
            parts = []
            if entry["deleted"]:
                parts.append(say("deleted", count=entry["deleted"]))
            if entry["anonymised"]:
                parts.append(say("anonymised", count=entry["anonymised"]))
            if parts:
                done.append(f"{entry[name]}: {'; '.join(parts)}")
            for held in entry["kept"]:
                kept.append(
                    f"{entry[name]}: "
                    + say(
                        "kept",
                        count=held["records"],
                        until=_day(held["until"], language),
                        law=entry[f"law_{language}"],
                    )
                )
    else:
        for entry in result.get("categories", []):
            done.append(f"{entry[name]}: {say('restricted', count=entry['restricted'])}")
    return done, kept


def outcome_letter_pdf(
    access_request: AccessRequest,
    controller: RegisterDescription,
    *,
    today: datetime.date | None = None,
) -> bytes:
    """The letter telling the requester what was done on their rectification, erasure,
    restriction or objection, from what the request's step recorded."""
    kind = access_request.kind
    result = access_request.result or {}
    if kind not in OUTCOME_DETAILS or not result:
        raise ValidationError(
            _("Nothing has been carried out on the request %(reference)s yet."),
            code="not_carried_out",
            params={"reference": access_request.reference},
        )
    language = access_request.language
    details = OUTCOME_DETAILS[kind]
    done, kept = _outcome_lines(result, kind, language)
    until = result.get("until")
    context = {
        "request": access_request,
        "controller": controller,
        "kind": kind,
        "date": format_date(today or timezone.localdate(), language),
        "title": OUTCOME_TITLES[kind].in_language(language),
        "details": {key: text.in_language(language) for key, text in details.items()},
        "what_was_wrong": result.get("what_was_wrong", ""),
        "done": done,
        "kept": kept,
        "lasts": (
            details["until"].in_language(language).format(until=_day(until, language))
            if until
            else details.get("open_ended", details["lead"]).in_language(language)
        )
        if kind in ("restriction", "objection")
        else "",
        "texts": letter_texts(
            OUTCOME_TEXTS,
            language,
            received=format_date(access_request.received_on, language),
            done=_day(result["carried_out_on"], language),
            reference=access_request.reference,
        ),
    }
    return render_letter("privacy/outcome_letter.html", context, language)
