"""Changing declared rows the way their declarations allow: emptying, deleting, correcting.

Retention and erasure both work through these helpers, so a row is anonymised, kept for a
row that needs it, or corrected by the same rules whichever of them asks.
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .declarations import Declaration, Registry, registry

# Deleting a row that these refer to fails: the referring rows must go first.
_BLOCKING = (models.PROTECT, models.RESTRICT)


def empty_value(field: models.Field):
    """What a field holds once a person's data is taken out of it."""
    if field.null:
        return None
    if field.has_default():
        return field.get_default()
    return ""


def anonymised_values(model: type[models.Model], fields) -> dict:
    return {
        model._meta.get_field(name).attname: empty_value(model._meta.get_field(name))
        for name in fields
    }


def not_anonymised(rows: models.QuerySet, fields) -> models.QuerySet:
    """The rows that still hold something in one of `fields`."""
    values = anonymised_values(rows.model, fields)
    still_held = Q()
    for attname, value in values.items():
        still_held |= (
            Q(**{f"{attname}__isnull": False}) if value is None else ~Q(**{attname: value})
        )
    return rows.filter(still_held)


def anonymise(rows: models.QuerySet, fields) -> int:
    """Empty `fields` on every row of `rows`; returns how many rows changed."""
    return not_anonymised(rows, fields).update(**anonymised_values(rows.model, fields))


def blocking_relations(model: type[models.Model]) -> list[models.ForeignKey]:
    """The foreign keys of other models that keep a row of `model` from being deleted."""
    return [
        relation.field
        for relation in model._meta.related_objects
        if relation.one_to_many and relation.on_delete in _BLOCKING
    ]


def deletable(rows: models.QuerySet) -> models.QuerySet:
    """The rows that no other row still needs (a customer with orders is needed)."""
    for field in blocking_relations(rows.model):
        referring = field.model._base_manager.filter(**{field.attname: OuterRef("pk")})
        rows = rows.exclude(Exists(referring))
    return rows


def referred_ids(model: type[models.Model], ids, *, going: dict[str, set]) -> set:
    """Which of `ids` rows of other models refer to so that they cannot be deleted.

    `going` maps a model's label_lower to the ids that will be deleted: those rows do not
    count as needing their parent.
    """
    needed = set()
    for field in blocking_relations(model):
        referring = field.model._base_manager.filter(**{f"{field.attname}__in": ids})
        leaving = going.get(field.model._meta.label_lower)
        if leaving:
            referring = referring.exclude(pk__in=leaving)
        needed.update(referring.values_list(field.attname, flat=True))
    return needed


def deletion_order(registry: Registry = registry) -> list[Declaration]:
    """Every declaration, each before the declared models its rows refer to."""
    declared = {d.label_lower: d for d in registry.all()}

    def refers_to(declaration: Declaration) -> set[str]:
        return {
            field.related_model._meta.label_lower
            for field in declaration.model._meta.get_fields()
            if field.many_to_one and field.concrete and field.related_model is not None
        } & set(declared) - {declaration.label_lower}

    ordered: list[Declaration] = []
    placed: set[str] = set()
    pending = list(registry.all())
    while pending:
        # A declaration goes once nothing still pending refers to it.
        ready = [
            d
            for d in pending
            if not any(d.label_lower in refers_to(other) for other in pending if other is not d)
        ]
        if not ready:  # a cycle of references: keep the declared order
            ready = pending[:1]
        for declaration in ready:
            ordered.append(declaration)
            placed.add(declaration.label_lower)
            pending.remove(declaration)
    return ordered


def start_dates(declaration: Declaration, rows: models.QuerySet) -> dict:
    """{pk: the date the row's retention runs from}, for rows with a counted_from date."""
    path = declaration.retention.counted_from
    if path is None:
        return {}
    starts = {}
    for pk, value in rows.values_list("pk", path):
        if isinstance(value, datetime):
            value = timezone.localdate(value)
        if isinstance(value, date):
            starts[pk] = value
    return starts


def rectify(row: models.Model, field: str, value, *, declaration: Declaration) -> tuple[str, str]:
    """Correct one declared field of a row, validated as the register validates it.

    Returns the old and new value as text. Raises ValidationError for a field that is not
    declared personal data of the row's model, or a value the model does not accept.
    """
    if field not in declaration.field_names:
        raise ValidationError(
            _("%(field)s is not a declared field of this data."),
            code="undeclared_field",
            params={"field": field},
        )
    model_field = row._meta.get_field(field)
    if model_field.is_relation or not model_field.editable:
        raise ValidationError(
            _("%(field)s cannot be corrected here."),
            code="not_correctable",
            params={"field": field},
        )
    old = model_field.value_to_string(row)
    try:
        setattr(row, model_field.attname, model_field.to_python(value))
        row.full_clean()
    except ValidationError as exc:
        # The messages alone: the form asking for the correction has no such field.
        raise ValidationError(exc.messages, code="invalid") from exc
    row.save()
    return old, model_field.value_to_string(row)
