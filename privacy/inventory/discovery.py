"""Finding a requester's data by the identifiers they gave, through the declarations.

Every declared model is searched by its declared identifiers, so a new kind of personal
data is found as soon as its app declares it. A row of the person or customer model is a
candidate of its own; rows of other models found by the same identifier value are one
candidate ("the support emails sent from aino@example.com"), since confirming that the
value is the requester's confirms them all. A name alone never makes a candidate: a
namesake at another address is not the requester.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Q

from .declarations import (
    Declaration,
    Identifier,
    IdentifierKind,
    Registry,
    is_customer_model,
    is_person_model,
    registry,
)

# A last name is one to three consecutive words of the name ("von der Leyen"); longer
# spans would only grow the query past SQLite's expression limit on a long name.
MAX_LAST_NAME_WORDS = 3


@dataclass(frozen=True)
class Requester:
    """What a person gave about themselves when they asked for their data."""

    name: str = ""
    street_address: str = ""
    postal_code: str = ""
    email: str = ""
    phone: str = ""
    customer_number: str = ""

    def value(self, kind: IdentifierKind) -> str:
        match kind:
            case IdentifierKind.EMAIL:
                return normalize(kind, self.email)
            case IdentifierKind.PHONE:
                return normalize(kind, self.phone)
            case IdentifierKind.CUSTOMER_NUMBER:
                return normalize(kind, self.customer_number)
        return ""


def normalize(kind: IdentifierKind, value: str) -> str:
    """The form in which values of an identifier are compared."""
    value = (value or "").strip()
    if kind in (IdentifierKind.EMAIL, IdentifierKind.CUSTOMER_NUMBER):
        return value.casefold()
    return value


@dataclass
class Candidate:
    """A row, or a group of rows sharing an identifier value, that may be the requester's.

    `object_id` is set for a single row; `identifier_kind` and `value` for a group.
    `reasons` are references "app_label.model:kind:field" to what matched.
    """

    data: str  # the model's label_lower
    object_id: str = ""
    identifier_kind: str = ""
    value: str = ""
    reasons: list[str] = field(default_factory=list)
    row_ids: set = field(default_factory=set, repr=False)

    @property
    def rows(self) -> int:
        """How many rows the candidate stands for."""
        return len(self.row_ids) if self.row_ids else 1

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.data, self.object_id, self.identifier_kind, self.value)


def reason(declaration: Declaration, identifier: Identifier, matched_field: str) -> str:
    return f"{declaration.label_lower}:{identifier.kind.key}:{matched_field}"


def reason_label(code: str, language: str | None = None, *, registry: Registry = registry) -> str:
    """An officer's reading of a reason reference; unknown references are shown as they are."""
    try:
        label, kind_key, matched_field = code.split(":")
        kind = IdentifierKind.from_key(kind_key)
    except (ValueError, KeyError):
        return code
    declaration = registry.for_model(label)
    if declaration is None:
        return code
    if kind is IdentifierKind.NAME_AND_ADDRESS:
        address = declaration.item_label(matched_field, language)
        return f"{declaration.model_name(language)}: {kind.label(language)} ({address})"
    return f"{declaration.model_name(language)}: {declaration.item_label(matched_field, language)}"


def _words(text: str) -> list[str]:
    return text.casefold().split()


def _is_anchor(declaration: Declaration) -> bool:
    return is_person_model(declaration.model) or is_customer_model(declaration.model)


def list_values(text: str) -> set[str]:
    """The values of a comma-separated list field, compared as identifiers are."""
    return {part.strip().casefold() for part in (text or "").split(",") if part.strip()}


def rows_with_value(
    declaration: Declaration, identifier: Identifier, value: str
) -> models.QuerySet:
    """The declaration's rows whose identifier field holds `value` (already normalised)."""
    manager = declaration.model._default_manager
    name = identifier.field
    if not value:
        return manager.none()
    if identifier.kind is IdentifierKind.PHONE:
        return manager.filter(**{name: value})
    if not identifier.is_list:
        return manager.filter(**{f"{name}__iexact": value})
    # `icontains` also finds "xaino@example.com" for "aino@example.com"; keep exact ones.
    found = manager.filter(**{f"{name}__icontains": value}).only("pk", name)
    pks = [row.pk for row in found.iterator() if value in list_values(getattr(row, name))]
    return manager.filter(pk__in=pks)


def _name_and_address_rows(
    declaration: Declaration, identifier: Identifier, requester: Requester
) -> Iterable[tuple[models.Model, str]]:
    """(row, matched address field) of rows with the requester's name at their address."""
    first, last, street, postal = identifier.fields
    words = _words(requester.name)
    address = Q()
    if requester.postal_code.strip():
        address |= Q(**{postal: requester.postal_code.strip()})
    if requester.street_address.strip():
        address |= Q(**{f"{street}__iexact": requester.street_address.strip()})
    if not (words and address):
        return
    # The database narrows by address and a last name among the words of the name; the
    # whole name is compared here, in any order ("Korhonen Aino" signs as "Aino Korhonen").
    parts = requester.name.split()
    last_name = Q()
    for start in range(len(parts)):
        for end in range(start + 1, min(start + MAX_LAST_NAME_WORDS, len(parts)) + 1):
            last_name |= Q(**{f"{last}__iexact": " ".join(parts[start:end])})
    for row in declaration.model._default_manager.filter(address & last_name):
        if sorted(_words(f"{getattr(row, first)} {getattr(row, last)}")) != sorted(words):
            continue
        if getattr(row, postal) == requester.postal_code.strip():
            yield row, postal
        row_street = getattr(row, street)
        if row_street.strip() and _words(row_street) == _words(requester.street_address):
            yield row, street


def find_candidates(requester: Requester, *, registry: Registry = registry) -> list[Candidate]:
    """Every declared row or group of rows that the requester's identifiers point at."""
    found: dict[tuple, Candidate] = {}

    def add(candidate: Candidate, code: str) -> None:
        existing = found.setdefault(candidate.key, candidate)
        if code not in existing.reasons:
            existing.reasons.append(code)

    for declaration in registry.all():
        for identifier in declaration.identifiers:
            if identifier.kind is IdentifierKind.NAME_AND_ADDRESS:
                for row, matched in _name_and_address_rows(declaration, identifier, requester):
                    add(
                        Candidate(declaration.label_lower, object_id=str(row.pk)),
                        reason(declaration, identifier, matched),
                    )
                continue
            value = requester.value(identifier.kind)
            rows = rows_with_value(declaration, identifier, value)
            code = reason(declaration, identifier, identifier.field)
            if _is_anchor(declaration):
                for pk in rows.values_list("pk", flat=True):
                    add(Candidate(declaration.label_lower, object_id=str(pk)), code)
            else:
                row_ids = set(rows.values_list("pk", flat=True))
                if row_ids:
                    group = Candidate(
                        declaration.label_lower, identifier_kind=identifier.kind.key, value=value
                    )
                    group = found.setdefault(group.key, group)
                    group.row_ids |= row_ids
                    add(group, code)

    order = {d.label_lower: index for index, d in enumerate(registry.all())}
    return sorted(
        found.values(),
        key=lambda c: (order.get(c.data, len(order)), c.object_id == "", c.object_id, c.value),
    )
