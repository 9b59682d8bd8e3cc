"""Deadlines of access requests (tarkastuspyyntö).

GDPR Art. 12(3): the controller answers "without undue delay and in any event within one
month of receipt of the request"; the period "may be extended by two further months where
necessary", and the requester must be told of the extension and its reasons within the
first month. A month is a calendar month: a request received on 31 January is due on the
last day of February.
"""

import calendar
from datetime import date
from enum import Enum

from django.urls import reverse
from django.utils import translation

ANSWER_MONTHS = 1
MAX_EXTENSION_MONTHS = 2
# The admin list and `privacy_deadlines` call a request "due soon" this many days ahead.
DUE_SOON_DAYS = 7


def add_months(day: date, months: int) -> date:
    """The same day `months` calendar months later (or earlier), clamped to the month's end.

    31 January + 1 month is 28 February (29 in a leap year); 31 March + 1 is 30 April.
    """
    year, month_index = divmod(day.year * 12 + (day.month - 1) + months, 12)
    month = month_index + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_date(received_on: date, extension_months: int = 0) -> date:
    """When the answer is due: one month after receipt, plus the extension in months."""
    if not 0 <= extension_months <= MAX_EXTENSION_MONTHS:
        raise ValueError(f"An extension is 0 to {MAX_EXTENSION_MONTHS} months: {extension_months}")
    return add_months(received_on, ANSWER_MONTHS + extension_months)


class Urgency(Enum):
    OVERDUE = "overdue"
    DUE_SOON = "due-soon"
    ON_TIME = "on-time"


def days_left(due_on: date, today: date) -> int:
    """Days until the due date; 0 on the day itself, negative once it has passed."""
    return (due_on - today).days


def urgency(due_on: date, today: date, *, soon_days: int = DUE_SOON_DAYS) -> Urgency:
    left = days_left(due_on, today)
    if left < 0:
        return Urgency.OVERDUE
    if left <= soon_days:
        return Urgency.DUE_SOON
    return Urgency.ON_TIME


def report_lines(access_requests, *, today: date) -> list[str]:
    """One line per request for operators: reference, due date, days, status, admin path.

    The requester's name or other details never appear: the lines go to cron mail.
    """
    lines = []
    for access_request in access_requests:
        left = days_left(access_request.due_on, today)
        if left < 0:
            when = f"OVERDUE by {-left} day{'s' if left != -1 else ''}"
        elif left == 0:
            when = "due today"
        else:
            when = f"{left} day{'s' if left != 1 else ''} left"
        with translation.override("en"):
            status = access_request.get_status_display()
        path = reverse("admin:privacy_accessrequest_change", args=[access_request.pk])
        lines.append(
            f"{access_request.reference}  due {access_request.due_on:%d.%m.%Y}  {when}  "
            f"({status})  {path}"
        )
    return lines
