"""Reads of requests of data subjects."""

from datetime import date, timedelta

from .models import CLOSED_ACCESS_REQUEST_STATUSES, AccessRequest


def access_requests_open():
    return AccessRequest.objects.exclude(status__in=CLOSED_ACCESS_REQUEST_STATUSES)


def access_requests_due(*, today: date, within_days: int) -> list[AccessRequest]:
    """Open requests due within `within_days` days from `today`, overdue ones included."""
    return list(
        access_requests_open()
        .filter(due_on__lte=today + timedelta(days=within_days))
        .order_by("due_on", "pk")
    )
