"""Reading the audit log."""

from collections.abc import Mapping

from django.db import models
from django.db.models.functions import Cast

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


def audit_entries_of_records(records: Mapping[str, models.QuerySet]) -> list[AuditEntry]:
    """The entries of staff looking at or changing the given records, oldest first.

    `records` maps a model label ("customers.Contact", as the admin's audit mixin records
    it) to a query of its records. Each model's entries are read in one statement, the ids
    matched in the database (an entry keeps the id as text), whatever the number of records;
    each entry comes with its user and their groups.
    """
    found: list[AuditEntry] = []
    for label, rows in records.items():
        ids = rows.order_by().annotate(audit_id=Cast("pk", models.CharField())).values("audit_id")
        found.extend(
            AuditEntry.objects.filter(
                target_model=label, target_id__in=ids, action__in=RECORD_ACTIONS
            )
            .select_related("user")
            .prefetch_related("user__groups")
        )
    return sorted(found, key=lambda entry: (entry.occurred_at, entry.pk))
