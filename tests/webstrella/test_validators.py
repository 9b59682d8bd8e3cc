import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from webstrella.validators import normalize_phone, validate_record_time

HELSINKI = ZoneInfo("Europe/Helsinki")


# Phone numbers


@pytest.mark.parametrize(
    ("typed", "e164"),
    [
        ("040 123 4567", "+358401234567"),
        ("0401234567", "+358401234567"),
        ("040-123 4567", "+358401234567"),
        ("050 987 6543", "+358509876543"),
        ("(09) 1234 567", "+35891234567"),
        ("09 1234567", "+35891234567"),
    ],
)
def test_a_finnish_national_number_is_stored_in_e164(typed, e164):
    assert normalize_phone(typed) == e164


@pytest.mark.parametrize(
    ("typed", "e164"),
    [
        ("+358 40 123 4567", "+358401234567"),
        ("+358401234567", "+358401234567"),
        ("00358 40 123 4567", "+358401234567"),
        ("+46 70 123 45 67", "+46701234567"),
        ("+372 5123 4567", "+37251234567"),
    ],
)
def test_an_international_number_is_stored_in_e164(typed, e164):
    assert normalize_phone(typed) == e164


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "abc",
        "puhelin",
        "12",
        "112",
        "040 123",
        "+358",
        "+358 40 123 4567 890",
        "0401234567;DROP",
        "040 PUHELIN",
        "0401234567x",
    ],
)
def test_garbage_is_not_accepted_as_a_phone_number(typed):
    with pytest.raises(ValidationError) as exc:
        normalize_phone(typed)
    assert exc.value.code == "invalid_phone"


# Record times


def test_a_time_on_the_first_day_of_1990_is_accepted():
    validate_record_time(datetime.datetime(1990, 1, 1, 0, 0, tzinfo=HELSINKI))


def test_an_empty_time_is_left_to_the_field_to_judge():
    validate_record_time(None)


@pytest.mark.parametrize(
    "moment",
    [
        datetime.datetime(1989, 12, 31, 23, 59, tzinfo=HELSINKI),
        datetime.datetime(1, 1, 1, 0, 0, tzinfo=HELSINKI),
    ],
)
def test_a_time_before_1990_is_refused_as_too_early(moment):
    with pytest.raises(ValidationError) as exc:
        validate_record_time(moment)
    assert exc.value.code == "too_early"
    assert "01.01.1990" in exc.value.messages[0]
