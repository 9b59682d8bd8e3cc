"""A request's candidates and confirmed data, through the personal-data inventory.

The search itself is the inventory's (`privacy.inventory.discovery`): this module gives it
what the requester wrote, describes the candidates for the officer, and turns the officer's
decisions into the data subject whose rows the answer holds.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from privacy.inventory import IdentifierKind, is_customer_model, registry
from privacy.inventory.discovery import Candidate, Requester, find_candidates, reason_label
from privacy.inventory.subjects import Subject

from .models import AccessRequest, AccessRequestMatch


def requester_of(access_request: AccessRequest) -> Requester:
    return Requester(
        name=access_request.requester_name,
        street_address=access_request.street_address,
        postal_code=access_request.postal_code,
        email=access_request.email,
        phone=access_request.phone,
        customer_number=access_request.customer_number,
    )


def candidates_for(access_request: AccessRequest) -> list[Candidate]:
    """Every declared row, or group of rows, that the request's identifiers point at."""
    return find_candidates(requester_of(access_request))


def subject_of(matches) -> Subject:
    """The data subject that an officer's confirmed candidates make up."""
    rows: dict[str, set] = defaultdict(set)
    identifiers = set()
    for match in matches:
        if not match.confirmed:
            continue
        if match.object_id:
            declaration = registry.for_model(match.data)
            if declaration is not None:
                pk_field = declaration.model._meta.pk
                rows[match.data].add(pk_field.to_python(match.object_id))
        else:
            identifiers.add((match.identifier_kind, match.value))
    return Subject(
        rows={label: frozenset(pks) for label, pks in rows.items()},
        identifiers=frozenset(identifiers),
    )


def reason_labels(codes) -> list[str]:
    return [reason_label(code) for code in codes]


@dataclass(frozen=True)
class CandidateView:
    """A candidate as the officer sees it: what it is, and the details to decide by."""

    match: AccessRequestMatch
    title: str
    details: tuple[str, ...]
    reasons: tuple[str, ...]


def _identifier_values(declaration, row) -> tuple[str, ...]:
    """The row's identifying details, one line each: a name with its address on two lines."""
    values = []
    for identifier in declaration.identifiers:
        if identifier.kind is IdentifierKind.NAME_AND_ADDRESS:
            first, last, street, postal = (getattr(row, f, "") for f in identifier.fields)
            lines = [f"{first} {last}".strip(), f"{street}, {postal}".strip(", ")]
        else:
            lines = [str(getattr(row, identifier.field, "") or "")]
        values.extend(line for line in lines if line and line not in values)
    return tuple(values)


def describe(matches) -> list[CandidateView]:
    """The candidates, each with the stored details that tell whether it is the requester."""
    by_data: dict[str, list] = defaultdict(list)
    for match in matches:
        if match.object_id:
            by_data[match.data].append(match.object_id)
    found_rows = {}
    companies = set()
    for label, ids in by_data.items():
        declaration = registry.for_model(label)
        if declaration is None:
            continue
        manager = declaration.model._default_manager
        pk_field = declaration.model._meta.pk
        rows = manager.filter(pk__in=[pk_field.to_python(i) for i in ids])
        for row in rows:
            found_rows[(label, str(row.pk))] = (declaration, row)
        if is_customer_model(declaration.model) and declaration.natural_person is not None:
            # A company's customer data is nobody's (privacy.inventory.subjects): the
            # officer is told, so that confirming it is not taken for finding the person.
            private = set(rows.filter(declaration.natural_person).values_list("pk", flat=True))
            companies |= {(label, str(row.pk)) for row in rows if row.pk not in private}

    views = []
    for match in matches:
        declaration = registry.for_model(match.data)
        model_name = declaration.model_name() if declaration else match.data
        if match.object_id:
            found = found_rows.get((match.data, match.object_id))
            if found is None:
                title = f"{model_name}: {_('(no longer in the register)')}"
                details: tuple[str, ...] = ()
            else:
                title = f"{model_name}: {found[1]}"
                details = _identifier_values(*found)
                if (match.data, match.object_id) in companies:
                    details += (
                        _(
                            "A company: its customer data is no one's personal data, so "
                            "confirming it adds nothing to the answer. The requester's own "
                            "data comes with their contact record."
                        ),
                    )
        else:
            kind = IdentifierKind.from_key(match.identifier_kind)
            title = f"{model_name}: {kind.label()} {match.value}"
            details = (
                ngettext("%(count)d record", "%(count)d records", match.rows)
                % {"count": match.rows},
            )
        views.append(CandidateView(match, title, details, tuple(reason_labels(match.reasons))))
    return views
