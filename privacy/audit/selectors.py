"""Reading the audit log."""

from collections.abc import Iterable, Mapping

from django.db.models import Q

from .models import AuditAction, AuditEntry

# What was done to one record: looks at it and changes of it. A list or a search names no
# record, so it is not counted here.
RECORD_ACTIONS = (
    AuditAction.VIEW,
    AuditAction.CHANGE,
    AuditAction.ADD,
    AuditAction.DELETE,
    AuditAction.EXPORT,
    AuditAction.DOWNLOAD,
)
# Record ids asked for in one statement: well below the bound parameters SQLite allows.
_BATCH = 500


def audit_entries_of_records(records: Mapping[str, Iterable]) -> list[AuditEntry]:
    """The entries of staff looking at or changing the given records, oldest first.

    `records` maps a model label ("customers.Contact", as the admin's audit mixin records
    it) to the primary keys of its records. Each entry comes with its user and their groups.
    """
    conditions = []
    for label, pks in records.items():
        ids = sorted({str(pk) for pk in pks})
        for start in range(0, len(ids), _BATCH):
            conditions.append(Q(target_model=label, target_id__in=ids[start : start + _BATCH]))
    if not conditions:
        return []
    found: dict[int, AuditEntry] = {}
    # One statement for each batch of ids, not one for all: a long OR of IN lists is slow
    # to plan, and SQLite bounds the parameters of one statement.
    for condition in conditions:
        for entry in (
            AuditEntry.objects.filter(condition, action__in=RECORD_ACTIONS)
            .select_related("user")
            .prefetch_related("user__groups")
        ):
            found[entry.pk] = entry
    return sorted(found.values(), key=lambda entry: (entry.occurred_at, entry.pk))
