from contextlib import suppress
from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from orders.vat import (
    CURRENT_VAT_RATES,
    GENERAL_VAT_RATE_CHANGES,
    VAT_RATES,
    VatGroup,
    compute_totals,
    general_vat_rate_on,
    line_net,
    round_cents,
    validate_vat_rate,
)
from tests.refusals import refused
from tests.security.hostile import ANY_TEXT, HOSTILE_STRINGS, PURE_EXAMPLES


@pytest.mark.parametrize(
    ("quantity", "unit_price", "net"),
    [
        (D("1"), D("0.005"), D("0.01")),
        (D("1"), D("0.015"), D("0.02")),
        (D("1"), D("0.025"), D("0.03")),
        (D("3"), D("0.335"), D("1.01")),
        (D("1"), D("0.0049"), D("0.00")),
        (D("2.5"), D("19.90"), D("49.75")),
        (D("0.5"), D("68.01"), D("34.01")),
    ],
)
def test_a_line_is_rounded_half_up_to_the_cent(quantity, unit_price, net):
    assert line_net(quantity, unit_price) == net


def test_a_line_amount_keeps_two_decimals():
    assert str(line_net(D("2"), D("10"))) == "20.00"


def test_strings_of_decimal_numbers_are_accepted():
    assert line_net("2", "19.90") == D("39.80")


def test_vat_is_computed_per_rate_at_each_finnish_rate():
    totals = compute_totals(
        [
            (D("1"), D("100.00"), D("25.5")),
            (D("2"), D("10.00"), D("14")),
            (D("1"), D("30.00"), D("10")),
            (D("1"), D("5.00"), D("0")),
            (D("1"), D("50.00"), D("25.5")),
        ]
    )
    assert totals.groups == (
        VatGroup(rate=D("25.5"), net=D("150.00"), vat=D("38.25")),
        VatGroup(rate=D("14"), net=D("20.00"), vat=D("2.80")),
        VatGroup(rate=D("10"), net=D("30.00"), vat=D("3.00")),
        VatGroup(rate=D("0"), net=D("5.00"), vat=D("0.00")),
    )
    assert totals.net == D("205.00")
    assert totals.vat == D("44.05")
    assert totals.gross == D("249.05")


def test_the_historical_24_percent_rate_forms_its_own_group():
    totals = compute_totals([(D("1"), D("100.00"), D("24")), (D("1"), D("100.00"), D("25.5"))])
    assert [(g.rate, g.vat) for g in totals.groups] == [
        (D("25.5"), D("25.50")),
        (D("24"), D("24.00")),
    ]


def test_group_vat_is_rounded_half_up():
    # 10.10 × 25.5 % = 2.5755 → 2.58
    (group,) = compute_totals([(D("1"), D("10.10"), D("25.5"))]).groups
    assert group.vat == D("2.58")
    assert group.gross == D("12.68")


def test_vat_is_rounded_once_per_rate_not_once_per_line():
    # Three lines of 0.10 at 25.5 %: per line 0.0255 → 0.03, three times 0.09;
    # on the group's 0.30 it is 0.0765 → 0.08, as on the invoice's VAT breakdown.
    lines = [(D("1"), D("0.10"), D("25.5"))] * 3
    per_line = sum(compute_totals([line]).vat for line in lines)
    totals = compute_totals(lines)
    assert per_line == D("0.09")
    assert totals.vat == D("0.08")
    assert totals.gross == D("0.38")


def test_no_lines_make_zero_totals():
    totals = compute_totals([])
    assert totals.groups == ()
    assert (totals.net, totals.vat, totals.gross) == (D("0.00"), D("0.00"), D("0.00"))


@pytest.mark.parametrize("rate", [*CURRENT_VAT_RATES, D("24"), "25.5", D("25.50"), 14])
def test_finnish_vat_rates_are_known(rate):
    assert validate_vat_rate(rate) == D(str(rate))


@pytest.mark.parametrize("rate", [D("25"), D("22"), D("13"), D("-24"), "100"])
def test_an_unknown_vat_rate_is_refused(rate):
    with pytest.raises(ValidationError) as exc:
        validate_vat_rate(rate)
    assert exc.value.code == "vat_rate"


def test_compute_totals_refuses_a_line_at_an_unknown_rate():
    with refused("vat_rate", "22 % is not a Finnish VAT rate."):
        compute_totals([(D("1"), D("10.00"), D("22"))])


@pytest.mark.parametrize(
    ("quantity", "unit_price", "field"),
    [(0.1, D("1.00"), "Quantity"), (D("1"), 19.9, "Unit price"), (1.0, 1.0, "Quantity")],
)
def test_floats_are_refused(quantity, unit_price, field):
    with refused("float", f"{field} must be a Decimal, not a float."):
        line_net(quantity, unit_price)


def test_a_float_vat_rate_is_refused():
    with refused("float", "VAT rate must be a Decimal, not a float."):
        validate_vat_rate(25.5)


def test_a_negative_quantity_is_refused():
    with pytest.raises(ValidationError) as exc:
        line_net(D("-1"), D("10.00"))
    assert exc.value.code == "negative_quantity"


def test_a_negative_unit_price_is_refused():
    with pytest.raises(ValidationError) as exc:
        line_net(D("1"), D("-0.01"))
    assert exc.value.code == "negative_price"


@pytest.mark.parametrize(
    "garbage",
    ["", "abc", "12,50", "1.2.3", "12 €", None, [], object()],
)
def test_garbage_is_refused_as_an_amount(garbage):
    with refused("not_a_number", f"Quantity is not a number: {garbage!r}."):
        line_net(garbage, D("10.00"))
    with refused("not_a_number", f"Unit price is not a number: {garbage!r}."):
        line_net(D("1"), garbage)


@pytest.mark.parametrize("infinite", ["NaN", "Infinity", "-Infinity", D("sNaN")])
def test_an_amount_that_is_not_finite_is_refused(infinite):
    with refused("not_finite", "Quantity must be a finite number."):
        line_net(infinite, D("10.00"))
    with refused("not_finite", "Unit price must be a finite number."):
        line_net(D("1"), infinite)


@pytest.mark.parametrize(
    ("garbage", "code", "message"),
    [
        ("", "not_a_number", "VAT rate is not a number: ''."),
        ("25,5", "not_a_number", "VAT rate is not a number: '25,5'."),
        ("yleinen", "not_a_number", "VAT rate is not a number: 'yleinen'."),
        (None, "not_a_number", "VAT rate is not a number: None."),
        ("NaN", "not_finite", "VAT rate must be a finite number."),
    ],
)
def test_garbage_is_refused_as_a_vat_rate(garbage, code, message):
    with refused(code, message):
        validate_vat_rate(garbage)


@pytest.mark.parametrize(
    ("quantity", "unit_price"),
    [(10**30, 1), ("1e40", "1"), (D("1e999999"), D("1e999999"))],
    ids=["int", "text", "overflow"],
)
def test_line_net_refuses_an_amount_beyond_precision_with_validation_error(quantity, unit_price):
    with refused("too_large", "Quantity is too large."):
        line_net(quantity, unit_price)


# Properties

GARBAGE_NUMBERS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.decimals(),
    st.sampled_from([D("NaN"), D("sNaN"), D("Infinity"), -D("Infinity")]),
    st.sampled_from(HOSTILE_STRINGS),
    ANY_TEXT,
    st.lists(st.integers(), max_size=2),
    st.complex_numbers(max_magnitude=10),
)


@PURE_EXAMPLES
@given(quantity=GARBAGE_NUMBERS, unit_price=GARBAGE_NUMBERS)
def test_line_net_raises_only_validation_error(quantity, unit_price):
    try:
        net = line_net(quantity, unit_price)
    except ValidationError:
        return
    assert net == round_cents(net) and net >= 0


@PURE_EXAMPLES
@given(lines=st.lists(st.tuples(GARBAGE_NUMBERS, GARBAGE_NUMBERS, GARBAGE_NUMBERS), max_size=4))
def test_compute_totals_raises_only_validation_error(lines):
    with suppress(ValidationError):
        compute_totals(lines)


AMOUNTS = st.decimals(min_value=0, max_value=D("99999999.99"), places=2)
VALID_LINES = st.lists(
    st.tuples(AMOUNTS, AMOUNTS, st.sampled_from(VAT_RATES).map(lambda r: str(r))), max_size=8
)


def is_in_cents(amount: D) -> bool:
    return amount.as_tuple().exponent == -2


@PURE_EXAMPLES
@given(lines=VALID_LINES)
def test_compute_totals_is_the_sum_of_its_groups_in_cents(lines):
    totals = compute_totals(lines)

    rates = [group.rate for group in totals.groups]
    assert rates == sorted(set(rates), reverse=True)
    for group in totals.groups:
        on_this_rate = [line_net(q, p) for q, p, rate in lines if D(rate) == group.rate]
        assert group.net == sum(on_this_rate, D("0.00"))
        assert group.vat == round_cents(group.net * group.rate / 100)
        assert all(map(is_in_cents, (group.net, group.vat, group.gross)))
    assert totals.net == sum((g.net for g in totals.groups), D("0.00"))
    assert totals.vat == sum((g.vat for g in totals.groups), D("0.00"))
    assert totals.gross == totals.net + totals.vat == sum(g.gross for g in totals.groups)
    assert all(map(is_in_cents, (totals.net, totals.vat, totals.gross)))


@pytest.mark.parametrize(
    ("day", "rate"),
    [
        (date(2013, 1, 1), D("24")),
        (date(2019, 6, 1), D("24")),
        (date(2024, 8, 31), D("24")),
        (date(2024, 9, 1), D("25.5")),
        (date(2025, 1, 1), D("25.5")),
    ],
)
def test_the_general_rate_is_the_one_in_force_on_the_day(day, rate):
    assert general_vat_rate_on(day) == rate


def test_the_latest_general_rate_is_a_current_rate_and_every_earlier_one_is_known():
    assert general_vat_rate_on(date(2100, 1, 1)) == CURRENT_VAT_RATES[0]
    assert {rate for _since, rate in GENERAL_VAT_RATE_CHANGES} <= set(VAT_RATES)


def test_no_general_rate_is_given_for_a_day_before_the_known_rates():
    with pytest.raises(ValueError, match="2013-01-01"):
        general_vat_rate_on(date(2012, 12, 31))
