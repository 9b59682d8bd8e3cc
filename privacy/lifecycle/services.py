"""The data's lifecycle: retention applied, erasure, restriction and rectification.

Everything goes through the personal-data inventory: each declaration's retention says
when its rows expire, its erasure policy what erasing them means. Rows are deleted before
the rows they refer to, and a row that kept rows still need (a customer whose orders are
vouchers) stays until they go.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from privacy.audit.models import AuditAction
from privacy.audit.services import audit_record_by_register
from privacy.inventory import Declaration, Erasure, ErasureAction, registry
from privacy.inventory.changes import (
    anonymise,
    blocking_relations,
    deletable,
    deletion_order,
    not_anonymised,
    rectify,
    referred_ids,
    start_dates,
)
from privacy.inventory.subjects import Subject, own_customer_ids, rows_of_subject

from .models import Restriction, RestrictionReason

DELETED = "deleted"
ANONYMISED = "anonymised"
LIFTED = "restriction lifted"

# Rows a batch handles; each batch is its own transaction, so no lock is held for long.
DEFAULT_BATCH_SIZE = 500


def _erasure_of(declaration: Declaration) -> Erasure:
    return declaration.erasure or Erasure.delete()


def _row_ids(model: type[models.Model], object_ids) -> list:
    pk = model._meta.pk
    return [pk.to_python(object_id) for object_id in object_ids]


def _row_exists(model: type[models.Model]) -> Exists:
    """For a Restriction subquery: whether the row it names is still there."""
    if isinstance(model._meta.pk, models.IntegerField):
        object_id = Cast(OuterRef("object_id"), models.BigIntegerField())
    else:
        object_id = OuterRef("object_id")
    return Exists(model._base_manager.filter(pk=object_id))


def _object_id_of(model: type[models.Model]):
    """For a Restriction subquery of the model's rows: the row's id as text."""
    if isinstance(model._meta.pk, models.IntegerField):
        return Cast(OuterRef("pk"), models.CharField(max_length=64))
    return OuterRef("pk")


# Retention --------------------------------------------------------------------------------


@dataclass(frozen=True)
class RetentionCount:
    category: str
    data: str
    action: str
    rows: int


class _DryRun(Exception):
    pass


def retention_apply(
    *, today: date, dry_run: bool = False, batch_size: int = DEFAULT_BATCH_SIZE
) -> list[RetentionCount]:
    """Delete or anonymise every declared row whose retention has ended by `today`.

    Each batch is its own transaction, so a run that fails halfway leaves whole batches
    done and the next run goes on from there. Rows kept by law after an erasure go when
    their date has come. A dry run does the same work in one transaction and rolls it back,
    so its counts are what a run would do. Each category's counts go to the audit log.
    """
    if batch_size < 1:
        raise ValidationError(_("The batch size must be at least 1."), code="batch_size")
    counts: Counter = Counter()
    if dry_run:
        try:
            with transaction.atomic():
                _apply(today, batch_size, counts)
                raise _DryRun
        except _DryRun:
            pass
    else:
        _apply(today, batch_size, counts)
    result = [
        RetentionCount(
            category=registry.for_model(label).category.key, data=label, action=action, rows=n
        )
        for (label, action), n in counts.items()
        if n
    ]
    if not dry_run:
        for count in result:
            audit_record_by_register(
                action=AuditAction.DELETE if count.action == DELETED else AuditAction.CHANGE,
                target_model=count.data,
                detail=f"retention: {count.category} {count.action} {count.rows}",
            )
    return result


def _apply(today: date, batch_size: int, counts: Counter) -> None:
    order = deletion_order()
    for declaration in order:
        _expire(declaration, today, batch_size, counts)
    for declaration in order:
        _release_kept(declaration, today, batch_size, counts)


def _count_deleted(deleted: dict, counts: Counter) -> None:
    for label, n in deleted.items():
        declaration = registry.for_model(label)
        if declaration is not None:
            counts[(declaration.label_lower, DELETED)] += n


def _expire(declaration: Declaration, today: date, batch_size: int, counts: Counter) -> None:
    model = declaration.model
    erasure = _erasure_of(declaration)
    while True:
        with transaction.atomic():
            expired = declaration.retention.expired(model._base_manager.all(), today).exclude(
                # GDPR Art. 18(1)(c): a person may have their data kept past its period, for
                # their legal claims, by asking for the restriction of its processing.
                Exists(
                    Restriction.objects.filter(
                        data=declaration.label_lower,
                        object_id=_object_id_of(model),
                        reason=RestrictionReason.RESTRICTION,
                    )
                )
            )
            if erasure.action is ErasureAction.ANONYMISE:
                pending = not_anonymised(expired, erasure.fields)
            else:
                pending = deletable(expired)
            ids = list(pending.order_by("pk").values_list("pk", flat=True)[:batch_size])
            if not ids:
                return
            batch = model._base_manager.filter(pk__in=ids)
            if erasure.action is ErasureAction.ANONYMISE:
                counts[(declaration.label_lower, ANONYMISED)] += anonymise(batch, erasure.fields)
            else:
                _count_deleted(batch.delete()[1], counts)


def _release_kept(declaration: Declaration, today: date, batch_size: int, counts: Counter):
    """Delete the rows kept by law whose date has come, and forget restrictions of rows gone."""
    model = declaration.model
    restrictions = Restriction.objects.filter(data=declaration.label_lower)
    restrictions.exclude(_row_exists(model)).delete()
    last_id = None
    while True:
        with transaction.atomic():
            due = restrictions.filter(reason=RestrictionReason.KEPT_BY_LAW, until__lt=today)
            if last_id is not None:
                due = due.filter(pk__gt=last_id)
            batch = list(due.order_by("pk")[:batch_size])
            if not batch:
                break
            last_id = batch[-1].pk
            ids = _row_ids(model, [r.object_id for r in batch])
            # A row still needed by a kept row (a customer of a younger voucher) waits.
            rows = deletable(model._base_manager.filter(pk__in=ids))
            _count_deleted(rows.delete()[1], counts)
            restrictions.filter(pk__in=[r.pk for r in batch]).exclude(_row_exists(model)).delete()
    # Restrictions and objections given for a time are lifted when it is over.
    lifted = (
        restrictions.exclude(reason=RestrictionReason.KEPT_BY_LAW)
        .filter(until__lt=today)
        .delete()[0]
    )
    counts[(declaration.label_lower, LIFTED)] += lifted


# Erasure ----------------------------------------------------------------------------------


@dataclass
class ErasureEntry:
    """What erasing a person does to one declared model's rows."""

    declaration: Declaration
    deleted: list = field(default_factory=list)
    anonymised: list = field(default_factory=list)
    anonymised_fields: tuple[str, ...] = ()
    # {pk: the last day the row is kept}
    kept: dict = field(default_factory=dict)
    law: str = ""
    law_en: str = ""
    # Rows kept by an earlier erasure, with nothing left to do now.
    already_kept: int = 0

    @property
    def is_empty(self) -> bool:
        return not (self.deleted or self.anonymised or self.kept)

    def as_dict(self) -> dict:
        kept_until: Counter = Counter(self.kept.values())
        return {
            "category": self.declaration.category.key,
            "data": self.declaration.label_lower,
            "name_fi": self.declaration.model_name("fi"),
            "name_en": self.declaration.model_name("en"),
            "deleted": len(self.deleted),
            "anonymised": len(self.anonymised),
            "kept": [
                {"until": until.isoformat(), "records": n}
                for until, n in sorted(kept_until.items())
            ],
            "law_fi": self.law,
            "law_en": self.law_en,
            "already_kept": self.already_kept,
        }


@dataclass
class ErasurePlan:
    entries: list[ErasureEntry]

    @property
    def is_empty(self) -> bool:
        return all(entry.is_empty for entry in self.entries)

    def as_list(self) -> list[dict]:
        return [entry.as_dict() for entry in self.entries if not entry.is_empty]

    @property
    def digest(self) -> str:
        """Changes whenever the plan would touch other rows: a form carries it."""
        rows = [
            [
                e.declaration.label_lower,
                sorted(map(str, e.deleted)),
                sorted(map(str, e.anonymised)),
                sorted((str(pk), until.isoformat()) for pk, until in e.kept.items()),
            ]
            for e in self.entries
        ]
        return hashlib.sha256(json.dumps(rows).encode()).hexdigest()


def _already_kept(declaration: Declaration) -> set[str]:
    return set(
        Restriction.objects.filter(
            data=declaration.label_lower, reason=RestrictionReason.KEPT_BY_LAW
        ).values_list("object_id", flat=True)
    )


def _named_on_others_data(gathered: dict) -> list[str]:
    """The kinds of record, not the subject's own, that still name one of the subject's rows.

    A company's customer record names its primary contact: erasing that person would leave
    the company without one, and the row could never be deleted. The officer is asked to
    name someone else there first.
    """
    own = {d.label_lower: set(rows.values_list("pk", flat=True)) for d, rows in gathered.items()}
    found = []
    for declaration in gathered:
        ids = own[declaration.label_lower]
        if not ids:
            continue
        for relation in blocking_relations(declaration.model):
            referring = relation.model._base_manager.filter(**{f"{relation.attname}__in": ids})
            leaving = own.get(relation.model._meta.label_lower)
            if leaving:
                referring = referring.exclude(pk__in=leaving)
            if referring.exists():
                found.append(str(relation.model._meta.verbose_name))
    return sorted(set(found))


def erasure_plan(subject: Subject, *, today: date) -> ErasurePlan:
    """What erasing the subject's data would do, category by category (GDPR Art. 17)."""
    gathered = {found.declaration: found.rows for found in rows_of_subject(subject)}
    # A company's customer record may name the person (its primary contact), and so is in
    # their answer; but it is the company's, not theirs to erase.
    customers = registry.for_customer_model()
    if customers in gathered:
        gathered[customers] = gathered[customers].filter(pk__in=own_customer_ids(subject))
    named_elsewhere = _named_on_others_data(gathered)
    if named_elsewhere:
        raise ValidationError(
            _(
                "The requester is named on records that are not their own data (%(data)s), "
                "for example as a company's primary contact. Name someone else there first, "
                "then erase."
            ),
            code="named_elsewhere",
            params={"data": ", ".join(named_elsewhere)},
        )
    going: dict[str, set] = {}
    latest_kept: date | None = None
    law = ("", "")
    entries = []
    for declaration in deletion_order():
        model = declaration.model
        erasure = _erasure_of(declaration)
        entry = ErasureEntry(declaration)
        entries.append(entry)
        kept_before = _already_kept(declaration)
        ids = [
            pk
            for pk in gathered[declaration].values_list("pk", flat=True)
            if str(pk) not in kept_before
        ]
        entry.already_kept = gathered[declaration].count() - len(ids)
        rows = model._base_manager.filter(pk__in=ids)
        if not ids:
            going[declaration.label_lower] = set()
            continue
        if erasure.action is ErasureAction.ANONYMISE:
            entry.anonymised = list(
                not_anonymised(rows, erasure.fields).values_list("pk", flat=True)
            )
            entry.anonymised_fields = erasure.fields
        elif erasure.action is ErasureAction.KEEP_THEN_DELETE:
            expired = set(declaration.retention.expired(rows, today).values_list("pk", flat=True))
            starts = start_dates(declaration, rows)
            for pk in ids:
                if pk in expired:
                    entry.deleted.append(pk)
                else:
                    start = starts.get(pk, today)
                    until = declaration.retention.erasable_from(start) - timedelta(days=1)
                    entry.kept[pk] = until
                    latest_kept = max(latest_kept or until, until)
            if entry.kept:
                entry.law, entry.law_en = erasure.law.fi, erasure.law.en
                law = (entry.law, entry.law_en)
        else:
            needed = referred_ids(model, ids, going=going)
            for pk in ids:
                if pk in needed:
                    # Kept as long as the rows that need it; its own details emptied.
                    entry.kept[pk] = latest_kept or today
                else:
                    entry.deleted.append(pk)
            if entry.kept:
                entry.law, entry.law_en = law
                entry.anonymised_fields = erasure.or_anonymise
                entry.anonymised = (
                    list(
                        not_anonymised(
                            model._base_manager.filter(pk__in=list(entry.kept)),
                            erasure.or_anonymise,
                        ).values_list("pk", flat=True)
                    )
                    if erasure.or_anonymise
                    else []
                )
        going[declaration.label_lower] = set(entry.deleted)
    return ErasurePlan(entries)


def erasure_carry_out(plan: ErasurePlan, *, access_request=None) -> list[dict]:
    """Carry out an erasure plan in one transaction; returns what was done, per category.

    The caller owns the transaction: if any part fails, nothing is erased.
    """
    for entry in plan.entries:
        model = entry.declaration.model
        if entry.anonymised:
            anonymise(model._base_manager.filter(pk__in=entry.anonymised), entry.anonymised_fields)
        if entry.deleted:
            model._base_manager.filter(pk__in=entry.deleted).delete()
        for pk, until in entry.kept.items():
            Restriction.objects.update_or_create(
                data=entry.declaration.label_lower,
                object_id=str(pk),
                reason=RestrictionReason.KEPT_BY_LAW,
                defaults={
                    "until": until,
                    "law": entry.law or entry.law_en or "GDPR Art. 17(3)(b)",
                    "access_request": access_request,
                },
            )
    return plan.as_list()


# Restriction and objection ----------------------------------------------------------------


def restrict_rows(
    subject: Subject, *, reason: str, until: date | None = None, access_request=None
) -> list[dict]:
    """Mark every row of the subject restricted (GDPR Art. 18, 21); returns counts."""
    if reason not in RestrictionReason.values or reason == RestrictionReason.KEPT_BY_LAW:
        raise ValidationError(_("Choose restriction or objection."), code="reason")
    summary = []
    for found in rows_of_subject(subject):
        ids = list(found.rows.values_list("pk", flat=True))
        for pk in ids:
            Restriction.objects.update_or_create(
                data=found.declaration.label_lower,
                object_id=str(pk),
                reason=reason,
                defaults={"until": until, "access_request": access_request},
            )
        if ids:
            summary.append(
                {
                    "category": found.declaration.category.key,
                    "data": found.declaration.label_lower,
                    "name_fi": found.declaration.model_name("fi"),
                    "name_en": found.declaration.model_name("en"),
                    "restricted": len(ids),
                    "until": until.isoformat() if until else None,
                }
            )
    return summary


# Rectification ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Correction:
    data: str
    object_id: str
    field: str
    value: str


def rectification_apply(subject: Subject, corrections: list[Correction]) -> list[dict]:
    """Correct declared fields of the subject's rows, each validated as the register does.

    Only rows of the subject can be corrected. The caller owns the transaction.
    """
    if not corrections:
        raise ValidationError(_("Record at least one correction."), code="empty")
    gathered = {found.declaration.label_lower: found for found in rows_of_subject(subject)}
    done = []
    for correction in corrections:
        found = gathered.get(correction.data)
        declaration = registry.for_model(correction.data)
        if found is None or declaration is None:
            raise ValidationError(_("This data is not the requester's."), code="not_theirs")
        pk = declaration.model._meta.pk.to_python(correction.object_id)
        row = found.rows.filter(pk=pk).first()
        if row is None:
            raise ValidationError(_("This record is not the requester's."), code="not_theirs")
        old, new = rectify(row, correction.field, correction.value, declaration=declaration)
        done.append(
            {
                "category": declaration.category.key,
                "data": declaration.label_lower,
                "object_id": str(row.pk),
                "field": correction.field,
                "label_fi": declaration.item_label(correction.field, "fi"),
                "label_en": declaration.item_label(correction.field, "en"),
                "old": old,
                "new": new,
            }
        )
    return done
