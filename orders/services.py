"""Writes to the order register."""

from django.db import transaction

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
    for name, value in current.items():
        if not getattr(order, name):
            setattr(order, name, value)


@transaction.atomic
def order_create(*, order: Order, lines: list[OrderLine]) -> Order:
    """Save a new order with its lines; lines take their price snapshot from the product."""
    order_fill_billing_from_customer(order=order, customer=order.customer)
    order.full_clean()
    order.save()
    for line in lines:
        line.order = order
        line.fill_snapshot_from_product()
        line.full_clean()
    OrderLine.objects.bulk_create(lines)
    return order
