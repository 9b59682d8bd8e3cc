"""Writes to the order register: an order with its lines, and the snapshots they carry."""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from customers.models import Customer

from .models import Order, OrderLine


def order_fill_billing_from_customer(*, order: Order, customer: Customer) -> None:
    """Fill each billing detail the order leaves empty from the customer's current data.

    Details already on the order are kept. The copy is a snapshot: later changes to the
    customer do not alter the order.
    """
    contact = customer.primary_contact
    current = {
        "billing_name": customer.company_name or contact.full_name,
        "billing_email": contact.email,
        "billing_street_address": contact.street_address,
        "billing_postal_code": contact.postal_code,
        "billing_city": contact.city,
        "billing_country": contact.country or "FI",
        "billing_business_id": customer.business_id,
    }
    # The country has a default, so it is never empty: it is part of the address, and goes
    # with the street address when that is copied.
    if not order.billing_street_address:
        order.billing_country = current.pop("billing_country")
    for name, value in current.items():
        if not getattr(order, name):
            setattr(order, name, value)


def order_line_fill_from_product(*, line: OrderLine) -> None:
    """Fill the name, price and VAT rate the line leaves empty from the product.

    A price or rate already on the line is kept: it may have been agreed apart from the
    list price. The copy is a snapshot, as the bookkeeping must show what was sold and at
    what price, whatever the product costs later.
    """
    product = line.product
    if not line.description:
        line.description = product.name
    if line.unit_price is None:
        line.unit_price = product.price
    if line.vat_rate is None:
        line.vat_rate = product.vat_rate


@transaction.atomic
def order_create(*, order: Order, lines: Sequence[OrderLine]) -> Order:
    """Save a new order with its lines, each with its snapshot filled in."""
    if order.pk is not None:
        raise ValidationError(_("This order has been saved already."), code="order_saved_already")
    _order_save(order)
    for line in lines:
        _line_prepare(line, order)
    OrderLine.objects.bulk_create(lines)
    return order


@transaction.atomic
def order_update(
    *,
    order: Order,
    lines: Sequence[OrderLine] = (),
    removed_lines: Sequence[OrderLine] = (),
) -> Order:
    """Save a saved order's details, the lines added or changed, and remove lines.

    Lines passed in neither list are left as they are.
    """
    if order.pk is None:
        raise ValidationError(_("This order has not been saved yet."), code="order_not_saved")
    saved_line_ids = [line.pk for line in (*lines, *removed_lines) if line.pk is not None]
    # Checked against the database: a line object may already point at this order in
    # memory while its row still belongs to another.
    if OrderLine.objects.filter(pk__in=saved_line_ids).exclude(order=order).exists():
        raise ValidationError(
            _("A line of another order cannot be changed through this one."),
            code="line_of_another_order",
        )
    _order_save(order)
    for line in lines:
        _line_prepare(line, order)
        line.save()
    OrderLine.objects.filter(
        pk__in=[line.pk for line in removed_lines if line.pk is not None]
    ).delete()
    return order


def _order_save(order: Order) -> None:
    # Without a customer there is nothing to copy; full_clean() names the missing customer.
    if order.customer_id is not None:
        order_fill_billing_from_customer(order=order, customer=order.customer)
    order.full_clean()
    order.save()


def _line_prepare(line: OrderLine, order: Order) -> None:
    line.order = order
    order_line_fill_from_product(line=line)
    line.full_clean()
