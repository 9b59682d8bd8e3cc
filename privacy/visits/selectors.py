"""Reads of the visit counter."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, Sum
from django.utils import timezone

from .models import VisitCounterSettings, VisitDay


@dataclass(frozen=True)
class VisitCounts:
    today: int
    total: int


def visit_counts(*, today: date | None = None) -> VisitCounts:
    today = today or timezone.localdate()
    counts = VisitDay.objects.aggregate(
        total=Sum("count", default=0), today=Sum("count", filter=Q(date=today), default=0)
    )
    carried_over = (
        VisitCounterSettings.objects.filter(pk=1)
        .values_list("carried_over_total", flat=True)
        .first()
        or 0
    )
    return VisitCounts(today=counts["today"], total=counts["total"] + carried_over)
