"""Deadlines of access requests: one calendar month from receipt, up to two more (Art. 12(3))."""

from datetime import date

import pytest
import time_machine

from privacy.requests.deadlines import Urgency, add_months, days_left, due_date, urgency
from privacy.requests.services import access_request_extend
from privacy.staff.groups import PRIVACY_OFFICER
from tests.customers.factories import StaffUserFactory
from tests.privacy.factories import AccessRequestFactory
from tests.refusals import refused


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (date(2025, 1, 31), date(2025, 2, 28)),
        (date(2024, 1, 31), date(2024, 2, 29)),
        (date(2025, 3, 31), date(2025, 4, 30)),
        (date(2025, 1, 15), date(2025, 2, 15)),
        (date(2025, 12, 31), date(2026, 1, 31)),
        (date(2025, 2, 28), date(2025, 3, 28)),
    ],
    ids=str,
)
def test_a_request_is_due_one_calendar_month_after_receipt(received, due):
    assert due_date(received) == due


def test_the_month_is_clamped_to_the_last_day_even_over_a_year_end():
    assert add_months(date(2025, 11, 30), 3) == date(2026, 2, 28)
    assert add_months(date(2027, 11, 29), 3) == date(2028, 2, 29)


def test_an_extension_of_two_months_counts_three_months_from_receipt():
    assert due_date(date(2025, 1, 31), 2) == date(2025, 4, 30)
    assert due_date(date(2025, 3, 31), 1) == date(2025, 5, 31)


def test_more_than_two_months_of_extension_is_not_a_due_date():
    with pytest.raises(ValueError):
        due_date(date(2025, 1, 31), 3)


def test_days_left_and_urgency_around_the_due_date():
    due = date(2025, 2, 28)
    assert days_left(due, date(2025, 2, 28)) == 0
    assert urgency(due, date(2025, 2, 28)) is Urgency.DUE_SOON
    assert urgency(due, date(2025, 2, 21)) is Urgency.DUE_SOON
    assert urgency(due, date(2025, 2, 20)) is Urgency.ON_TIME
    assert urgency(due, date(2025, 3, 1)) is Urgency.OVERDUE
    assert days_left(due, date(2025, 3, 3)) == -3


@pytest.mark.django_db
@time_machine.travel(date(2025, 2, 3), tick=False)
def test_a_logged_request_stores_its_due_date():
    access_request = AccessRequestFactory(received_on=date(2025, 1, 31))
    assert access_request.due_on == date(2025, 2, 28)


@pytest.mark.django_db
@time_machine.travel(date(2025, 2, 10), tick=False)
def test_the_deadline_can_be_extended_twice_by_a_month_with_reasons():
    officer = StaffUserFactory(groups=[PRIVACY_OFFICER])
    access_request = AccessRequestFactory(received_on=date(2025, 1, 31))
    access_request_extend(
        access_request=access_request, extended_by=officer, months=1, reason="Paljon aineistoa."
    )
    access_request.refresh_from_db()
    assert access_request.due_on == date(2025, 3, 31)
    access_request_extend(
        access_request=access_request, extended_by=officer, months=1, reason="Arkistohaku."
    )
    access_request.refresh_from_db()
    assert access_request.due_on == date(2025, 4, 30)
    assert access_request.extension_months == 2
    assert [(e.months, e.reason, e.decided_by) for e in access_request.extensions.all()] == [
        (1, "Paljon aineistoa.", officer),
        (1, "Arkistohaku.", officer),
    ]


@pytest.mark.django_db
@time_machine.travel(date(2025, 2, 10), tick=False)
def test_the_deadline_cannot_be_extended_by_more_than_two_months_in_all():
    officer = StaffUserFactory(groups=[PRIVACY_OFFICER])
    access_request = AccessRequestFactory(received_on=date(2025, 1, 31))
    with refused("too_long", "The deadline can be extended by 2 months in all; 0 already used."):
        access_request_extend(
            access_request=access_request, extended_by=officer, months=3, reason="Liikaa."
        )
    access_request_extend(
        access_request=access_request, extended_by=officer, months=2, reason="Paljon aineistoa."
    )
    with refused(
        "too_long", "The deadline has already been extended by the two months the law allows."
    ):
        access_request_extend(
            access_request=access_request, extended_by=officer, months=1, reason="Vielä."
        )
    access_request.refresh_from_db()
    assert access_request.extension_months == 2
    assert access_request.due_on == date(2025, 4, 30)


@pytest.mark.django_db
@time_machine.travel(date(2025, 2, 10), tick=False)
def test_an_extension_needs_a_reason():
    access_request = AccessRequestFactory(received_on=date(2025, 1, 31))
    with refused("no_reason", "Give the reason for the extension."):
        access_request_extend(
            access_request=access_request,
            extended_by=StaffUserFactory(groups=[PRIVACY_OFFICER]),
            months=1,
            reason=" ",
        )
    assert access_request.extensions.count() == 0


@pytest.mark.django_db
def test_an_extension_must_be_decided_within_the_first_month():
    with time_machine.travel(date(2025, 2, 3), tick=False):
        access_request = AccessRequestFactory(received_on=date(2025, 1, 31))
    with (
        time_machine.travel(date(2025, 3, 1), tick=False),
        refused("too_late", "An extension must be decided within the first month, by 28.02.2025."),
    ):
        access_request_extend(
            access_request=access_request,
            extended_by=StaffUserFactory(groups=[PRIVACY_OFFICER]),
            months=1,
            reason="Myöhässä.",
        )
    with time_machine.travel(date(2025, 2, 28), tick=False):
        access_request_extend(
            access_request=access_request,
            extended_by=StaffUserFactory(groups=[PRIVACY_OFFICER]),
            months=1,
            reason="Viimeisenä päivänä.",
        )
