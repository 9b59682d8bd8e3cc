"""Reads of the visit counter."""

from dataclasses import dataclass
from datetime import date

from django.db.models import F, Subquery
from django.utils import timezone

from .models import VisitCounterSettings, VisitDay


@dataclass(frozen=True)
class VisitCounts:
    today: int
    total: int


def visit_counts(*, today: date | None = None) -> VisitCounts:
    """Today's views and the total, in one query: the total is kept, not summed over days."""
    today = today or timezone.localdate()
    row = (
        VisitCounterSettings.objects.filter(pk=1)
        .annotate(
            total=F("carried_over_total") + F("counted_total"),
            today=Subquery(VisitDay.objects.filter(date=today).values("count")[:1]),
        )
        .values("total", "today")
        .first()
    )
    if row is None:
        return VisitCounts(today=0, total=0)
    return VisitCounts(today=row["today"] or 0, total=row["total"])
