import pytest
from django.core.exceptions import ValidationError
from hypothesis import given

from customers.validators import format_phone_for_display, normalize_business_id
from tests.customers.factories import business_id, business_id_remainder, mobile_phone
from tests.refusals import refused
from tests.security.hostile import HOSTILE_TEXT, PURE_EXAMPLES
from webstrella.validators import normalize_phone

# Business IDs


@pytest.mark.parametrize("business_id", ["0737546-2", "2077474-0", "1572860-0"])
def test_a_valid_business_id_is_accepted_as_is(business_id):
    assert normalize_business_id(business_id) == business_id


@pytest.mark.parametrize("typed", ["07375462", "0737546 2", " 0737546-2 "])
def test_a_business_id_is_normalised_to_seven_digits_dash_check_digit(typed):
    assert normalize_business_id(typed) == "0737546-2"


@pytest.mark.parametrize("business_id", ["0737546-3", "2077474-1", "1572860-9"])
def test_a_business_id_with_a_wrong_check_digit_is_rejected(business_id):
    with pytest.raises(ValidationError) as exc:
        normalize_business_id(business_id)
    assert exc.value.code == "invalid_business_id"


@pytest.mark.parametrize("body", ["0000006", "1234568", "2077488"])
@pytest.mark.parametrize("check_digit", range(10))
def test_a_business_id_whose_remainder_is_1_is_rejected_with_any_check_digit(body, check_digit):
    # Remainder 1 would need check digit 10, so such numbers are never issued.
    assert business_id_remainder(body) == 1
    with refused(
        "invalid_business_id",
        f"{body}-{check_digit} is not a valid Finnish business ID (Y-tunnus).",
    ):
        normalize_business_id(f"{body}-{check_digit}")


@pytest.mark.parametrize("business_id", ["737546-2", "00737546-2", "0737546-", "", "-"])
def test_a_business_id_of_the_wrong_length_is_rejected(business_id):
    with refused("invalid_business_id"):
        normalize_business_id(business_id)


@pytest.mark.parametrize("business_id", ["073754A-2", "0737546-X", "O737546-2", "Y-tunnus"])
def test_a_business_id_with_letters_is_rejected(business_id):
    with refused("invalid_business_id"):
        normalize_business_id(business_id)


def test_the_business_id_error_names_the_value_typed():
    with pytest.raises(ValidationError) as exc:
        normalize_business_id("0737546-3")
    assert "0737546-3" in exc.value.messages[0]


@PURE_EXAMPLES
@given(value=HOSTILE_TEXT)
def test_normalize_business_id_raises_only_validation_error(value):
    try:
        normalized = normalize_business_id(value)
    except ValidationError:
        return
    assert len(normalized) == 9 and normalized[7] == "-"
    assert normalize_business_id(normalized) == normalized


# Phone numbers as shown


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("+358401234567", "040 1234567"),
        ("+46701234567", "+46 70 123 45 67"),
        ("", ""),
    ],
)
def test_a_stored_number_is_shown_in_national_form_for_finland_only(stored, shown):
    assert format_phone_for_display(stored) == shown


@PURE_EXAMPLES
@given(value=HOSTILE_TEXT)
def test_normalize_phone_raises_only_validation_error(value):
    try:
        phone = normalize_phone(value)
    except ValidationError:
        return
    assert phone.startswith("+") and phone[1:].isdigit() and phone[1:].isascii()
    assert normalize_phone(phone) == phone


# The factories' identifiers


def test_the_factories_make_distinct_valid_business_ids():
    ids = [business_id(n) for n in range(500)]
    assert [normalize_business_id(i) for i in ids] == ids
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("n", [0, 1, 999, 8_999_999])
def test_the_factories_make_valid_e164_mobile_numbers(n):
    assert normalize_phone(mobile_phone(n)) == mobile_phone(n)
