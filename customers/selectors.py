from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from webstrella.validators import normalize_phone

from .models import Contact, Customer


def contact_ids_matching_phone(search_term: str) -> list[int] | None:
    """Ids of contacts whose phone equals the number typed, or None if it is not a number.

    "040 123 4567", "+358 40 1234567" and "0401234567" all find +358401234567.
    """
    digits = sum(ch.isdigit() for ch in search_term)
    if digits < 6 or any(ch.isalpha() for ch in search_term):
        return None
    try:
        phone = normalize_phone(search_term)
    except ValidationError:
        return None
    return list(Contact.objects.filter(phone=phone).values_list("pk", flat=True))


def customers_with_contact() -> QuerySet[Customer]:
    return Customer.objects.select_related("primary_contact")
