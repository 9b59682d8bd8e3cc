"""Writes to the order register."""

from django.db import transaction

from customers.models import Customer

from .models import Order, OrderLine


def order_fill_billing_from_customer(*, order: Order, customer: Customer) -> None:
    """Copy the customer's current billing details into an order that has none yet.

    The copy is a snapshot: later changes to the customer do not alter the order.
    """
    if order.billing_name:
        return
    contact = customer.primary_contact
    order.billing_name = customer.company_name or contact.full_name
    order.billing_email = order.billing_email or contact.email
    order.billing_street_address = order.billing_street_address or contact.street_address
    order.billing_postal_code = order.billing_postal_code or contact.postal_code
    order.billing_city = order.billing_city or contact.city
    order.billing_country = contact.country or "FI"
    order.billing_business_id = order.billing_business_id or customer.business_id


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
