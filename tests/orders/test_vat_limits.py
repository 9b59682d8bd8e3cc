"""The VAT arithmetic's limits and the errors it gives, with their codes and their words.

The messages are shown to whoever enters an amount, in English or Finnish, so each is
checked with its parameters filled in, in both languages.
"""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from orders.vat import MAX_AMOUNT, VAT_RATE_CHOICES, line_net, validate_vat_rate

JUST_BELOW_THE_LIMIT = MAX_AMOUNT - D("0.01")


def refusal(function, *args) -> ValidationError:
    with pytest.raises(ValidationError) as exc:
        function(*args)
    return exc.value


def messages_in(language: str, error: ValidationError) -> list[str]:
    with translation.override(language):
        return [str(message) for message in error.messages]


def test_an_amount_just_below_the_limit_is_accepted_as_quantity_and_as_unit_price():
    assert line_net(JUST_BELOW_THE_LIMIT, D("1")) == D("999999999999.99")
    assert line_net(D("1"), JUST_BELOW_THE_LIMIT) == D("999999999999.99")


@pytest.mark.parametrize(
    ("quantity", "unit_price", "field", "kenttä"),
    [
        (MAX_AMOUNT, D("1"), "Quantity", "Määrä"),
        (D("1"), MAX_AMOUNT, "Unit price", "Yksikköhinta"),
        (-MAX_AMOUNT, D("1"), "Quantity", "Määrä"),
    ],
)
def test_an_amount_at_the_limit_is_refused_as_too_large(quantity, unit_price, field, kenttä):
    error = refusal(line_net, quantity, unit_price)
    assert error.code == "too_large"
    assert messages_in("en", error) == [f"{field} is too large."]
    assert messages_in("fi", error) == [f"{kenttä} on liian suuri."]


def test_a_vat_rate_at_the_limit_is_refused_as_too_large():
    error = refusal(validate_vat_rate, MAX_AMOUNT)
    assert error.code == "too_large"
    assert messages_in("en", error) == ["VAT rate is too large."]
    assert messages_in("fi", error) == ["ALV-kanta on liian suuri."]


def test_a_float_quantity_is_refused_by_name():
    error = refusal(line_net, 0.5, D("10.00"))
    assert error.code == "float"
    assert messages_in("en", error) == ["Quantity must be a Decimal, not a float."]
    assert messages_in("fi", error) == [
        "Määrä on annettava Decimal-arvona, ei liukulukuna (float)."
    ]


def test_a_float_unit_price_is_refused_by_name():
    error = refusal(line_net, D("1"), 19.9)
    assert error.code == "float"
    assert messages_in("en", error) == ["Unit price must be a Decimal, not a float."]


def test_a_float_vat_rate_is_refused_by_name():
    error = refusal(validate_vat_rate, 25.5)
    assert error.code == "float"
    assert messages_in("en", error) == ["VAT rate must be a Decimal, not a float."]


def test_text_that_is_no_number_is_refused_and_quoted():
    error = refusal(line_net, D("1"), "12,50")
    assert error.code == "not_a_number"
    assert messages_in("en", error) == ["Unit price is not a number: '12,50'."]
    assert messages_in("fi", error) == ["Yksikköhinta ei ole luku: '12,50'."]


def test_a_vat_rate_that_is_no_number_is_refused_and_quoted():
    error = refusal(validate_vat_rate, "yleinen")
    assert error.code == "not_a_number"
    assert messages_in("en", error) == ["VAT rate is not a number: 'yleinen'."]
    assert messages_in("fi", error) == ["ALV-kanta ei ole luku: 'yleinen'."]


@pytest.mark.parametrize("infinite", ["NaN", "Infinity", "-Infinity"])
def test_a_quantity_that_is_not_finite_is_refused(infinite):
    error = refusal(line_net, infinite, D("1"))
    assert error.code == "not_finite"
    assert messages_in("en", error) == ["Quantity must be a finite number."]
    assert messages_in("fi", error) == ["Määrä on oltava äärellinen luku."]


def test_an_unknown_vat_rate_is_named_in_the_refusal():
    error = refusal(validate_vat_rate, D("22"))
    assert error.code == "vat_rate"
    assert messages_in("en", error) == ["22 % is not a Finnish VAT rate."]
    assert messages_in("fi", error) == ["22 % ei ole Suomen ALV-kanta."]


def test_a_negative_quantity_is_refused_in_words():
    error = refusal(line_net, D("-0.01"), D("10.00"))
    assert error.code == "negative_quantity"
    assert messages_in("en", error) == ["Quantity cannot be negative."]
    assert messages_in("fi", error) == ["Määrä ei voi olla negatiivinen."]


def test_a_negative_unit_price_is_refused_in_words():
    error = refusal(line_net, D("1"), D("-0.01"))
    assert error.code == "negative_price"
    assert messages_in("en", error) == ["Unit price cannot be negative."]
    assert messages_in("fi", error) == ["Yksikköhinta ei voi olla negatiivinen."]


def test_zero_quantity_and_zero_price_make_a_zero_line():
    assert line_net(D("0"), D("10.00")) == D("0.00")
    assert line_net(D("3"), D("0")) == D("0.00")


def test_the_rate_choices_read_as_the_readers_numbers():
    labels = dict(VAT_RATE_CHOICES)
    with translation.override("fi"):
        assert [str(labels[rate]) for rate in (D("25.5"), D("14"), D("24"))] == [
            "25,5 %",
            "14 %",
            "24 %",
        ]
    with translation.override("en"):
        assert str(labels[D("25.5")]) == "25.5 %"
