"""Writes to the customer register. Each function validates fully and owns its transaction."""

from datetime import date

from django.db import transaction

from .models import Contact, Customer, CustomerKind, CustomerStatus


def contact_create(
    *,
    first_name: str,
    last_name: str,
    email: str = "",
    phone: str = "",
    street_address: str = "",
    postal_code: str = "",
    city: str = "",
    country: str = "FI",
    preferred_language: str = Contact.Language.FINNISH,
    source: str = Contact.Source.ORDER,
) -> Contact:
    contact = Contact(
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email.strip(),
        phone=phone,
        street_address=street_address.strip(),
        postal_code=postal_code.strip(),
        city=city.strip(),
        country=country,
        preferred_language=preferred_language,
        source=source,
    )
    contact.full_clean()
    contact.save()
    return contact


@transaction.atomic
def customer_create(
    *,
    customer_number: str,
    primary_contact: Contact,
    started_on: date,
    kind: str = CustomerKind.PRIVATE,
    company_name: str = "",
    business_id: str = "",
    status: str = CustomerStatus.ACTIVE,
    ended_on: date | None = None,
    notes: str = "",
) -> Customer:
    customer = Customer(
        customer_number=customer_number.strip(),
        primary_contact=primary_contact,
        started_on=started_on,
        kind=kind,
        company_name=company_name.strip(),
        business_id=business_id,
        status=status,
        ended_on=ended_on,
        notes=notes,
    )
    customer.full_clean()
    customer.save()
    return customer
