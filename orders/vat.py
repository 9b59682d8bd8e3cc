"""Money arithmetic for orders: Decimal throughout, VAT by the Finnish rates.

Prices are stored without VAT. Each line's net amount is rounded to the cent; VAT is
computed once per rate on the sum of the lines at that rate and rounded half up, as on a
Finnish invoice's VAT breakdown (arvonlisäverierittely).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

CENT = Decimal("0.01")
# Amounts and quantities below this fit any order line with room to spare (the database
# holds ten digits); the bound keeps every product within the decimal context's 28 digits.
MAX_AMOUNT = Decimal("1e12")

# Rates in force since 1 September 2024 (general rate 25.5 %) and 1 January 2025.
CURRENT_VAT_RATES = (Decimal("25.5"), Decimal("14"), Decimal("10"), Decimal("0"))
# The general rate before 1 September 2024; older order lines keep it as their snapshot.
HISTORICAL_VAT_RATES = (Decimal("24"),)
VAT_RATES = CURRENT_VAT_RATES + HISTORICAL_VAT_RATES


def _rate_label(rate: Decimal) -> str:
    return f"{number_format(rate, use_l10n=True)} %"


# Labels in the reader's language, read when shown: "25,5 %" in a Finnish page or letter.
VAT_RATE_CHOICES = [(rate, lazy(_rate_label, str)(rate)) for rate in VAT_RATES]

# Arvonlisäverolaki (1501/1993) § 84: each general rate with the day it came into force. The
# rate before 24 % (23 %, until 31 December 2012) is not one of VAT_RATES.
GENERAL_VAT_RATE_CHANGES = (
    (date(2013, 1, 1), Decimal("24")),
    (date(2024, 9, 1), Decimal("25.5")),
)


def general_vat_rate_on(day: date) -> Decimal:
    """The general VAT rate in force on `day`."""
    for since, rate in reversed(GENERAL_VAT_RATE_CHANGES):
        if day >= since:
            return rate
    raise ValueError(f"No general VAT rate is known before {GENERAL_VAT_RATE_CHANGES[0][0]}.")


def round_cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def _as_decimal(value, field: str) -> Decimal:
    """`value` as a Decimal; `field` names it in the error, in the reader's language."""
    if isinstance(value, float):
        # Floats cannot hold cents exactly; refusing them keeps rounding errors out.
        raise ValidationError(
            _("%(field)s must be a Decimal, not a float."), code="float", params={"field": field}
        )
    try:
        result = Decimal(value)
    except (InvalidOperation, TypeError, ValueError) as exc:
        raise ValidationError(
            _("%(field)s is not a number: %(value)r."),
            code="not_a_number",
            params={"field": field, "value": value},
        ) from exc
    if not result.is_finite():
        raise ValidationError(
            _("%(field)s must be a finite number."), code="not_finite", params={"field": field}
        )
    if result.copy_abs() >= MAX_AMOUNT:  # copy_abs, unlike abs, cannot overflow
        raise ValidationError(
            _("%(field)s is too large."), code="too_large", params={"field": field}
        )
    return result


def validate_vat_rate(rate) -> Decimal:
    rate = _as_decimal(rate, _("VAT rate"))
    if rate not in VAT_RATES:
        raise ValidationError(
            _("%(rate)s %% is not a Finnish VAT rate."), params={"rate": rate}, code="vat_rate"
        )
    return rate


def line_net(quantity, unit_price) -> Decimal:
    """Net amount of one order line, rounded to the cent."""
    quantity = _as_decimal(quantity, _("Quantity"))
    unit_price = _as_decimal(unit_price, _("Unit price"))
    if quantity < 0:
        raise ValidationError(_("Quantity cannot be negative."), code="negative_quantity")
    if unit_price < 0:
        raise ValidationError(_("Unit price cannot be negative."), code="negative_price")
    return round_cents(quantity * unit_price)


@dataclass(frozen=True)
class VatGroup:
    rate: Decimal
    net: Decimal
    vat: Decimal

    @property
    def gross(self) -> Decimal:
        return self.net + self.vat


@dataclass(frozen=True)
class Totals:
    groups: tuple[VatGroup, ...]

    @property
    def net(self) -> Decimal:
        return sum((g.net for g in self.groups), Decimal("0.00"))

    @property
    def vat(self) -> Decimal:
        return sum((g.vat for g in self.groups), Decimal("0.00"))

    @property
    def gross(self) -> Decimal:
        return self.net + self.vat


def compute_totals(lines: Iterable[tuple]) -> Totals:
    """Totals of `(quantity, unit_price, vat_rate)` lines, grouped by VAT rate."""
    net_by_rate: dict[Decimal, Decimal] = {}
    for quantity, unit_price, rate in lines:
        rate = validate_vat_rate(rate)
        net_by_rate[rate] = net_by_rate.get(rate, Decimal("0.00")) + line_net(quantity, unit_price)
    groups = tuple(
        VatGroup(rate=rate, net=net, vat=round_cents(net * rate / 100))
        for rate, net in sorted(net_by_rate.items(), reverse=True)
    )
    return Totals(groups=groups)
