"""Finding the data of an access request's requester: candidates, and why each matched.

Every identifier the requester gave is looked up where the personal-data inventory keeps
it: the email address in contacts, order billing details and the support-email log; the
phone number and the name with the postal address in contacts; the customer number in
customers. A name alone never makes a candidate: a namesake at another address is not
the requester.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from customers.models import Contact, Customer, SupportEmail
from orders.models import Order

from .models import AccessRequest, MatchKind

MAX_LAST_NAME_WORDS = 3

REASONS = {
    "email": _("email address of the contact"),
    "phone": _("phone number of the contact"),
    "name_postal_code": _("name and postal code of the contact"),
    "name_street": _("name and street address of the contact"),
    "customer_number": _("customer number"),
    "billing_email": _("billing email address of an order"),
    "support_email": _("sender or recipient of support emails"),
}


def reason_labels(codes: Iterable[str]) -> list[str]:
    return [str(REASONS.get(code, code)) for code in codes]


@dataclass
class Candidate:
    kind: str
    contact: Contact | None = None
    customer: Customer | None = None
    email_address: str = ""
    reasons: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple:
        return (self.kind, self.contact and self.contact.pk, self.customer and self.customer.pk)


def _words(text: str) -> list[str]:
    return text.casefold().split()


def _same_name(contact: Contact, requester_name: str) -> bool:
    # "Aino Korhonen" and "Korhonen Aino" are the same name; letters are often signed so.
    return sorted(_words(f"{contact.first_name} {contact.last_name}")) == sorted(
        _words(requester_name)
    )


def _same_street(a: str, b: str) -> bool:
    return bool(a.strip()) and _words(a) == _words(b)


def support_emails_by_address(address: str):
    """Support emails sent from, to or copied to an address (exact address, any case)."""
    address = address.strip().lower()
    if not address:
        return SupportEmail.objects.none()
    found = SupportEmail.objects.filter(
        Q(from_address__iexact=address)
        | Q(to_addresses__icontains=address)
        | Q(cc_addresses__icontains=address)
    )
    # `icontains` also finds "xaino@example.com" for "aino@example.com"; keep exact ones.
    pks = [
        message.pk
        for message in found.only("pk", "from_address", "to_addresses", "cc_addresses")
        if address
        in {
            part.strip().lower()
            for part in [
                message.from_address,
                *message.to_addresses.split(","),
                *message.cc_addresses.split(","),
            ]
        }
    ]
    return SupportEmail.objects.filter(pk__in=pks)


def find_candidates(access_request: AccessRequest) -> list[Candidate]:
    """Contacts, customers and email addresses that may be the requester's, with reasons."""
    found: dict[tuple, Candidate] = {}

    def add(candidate: Candidate, reason: str) -> None:
        existing = found.setdefault(candidate.key, candidate)
        if reason not in existing.reasons:
            existing.reasons.append(reason)

    def add_contact(contact: Contact, reason: str) -> None:
        add(Candidate(MatchKind.CONTACT, contact=contact), reason)

    def add_customer(customer: Customer, reason: str) -> None:
        add(Candidate(MatchKind.CUSTOMER, customer=customer), reason)

    email = access_request.email.strip().lower()
    if email:
        for contact in Contact.objects.filter(email__iexact=email):
            add_contact(contact, "email")
        orders = Order.objects.filter(billing_email__iexact=email).select_related("customer")
        for order in orders:
            add_customer(order.customer, "billing_email")
        if support_emails_by_address(email).exists():
            add(Candidate(MatchKind.EMAIL_ADDRESS, email_address=email), "support_email")

    if access_request.phone:
        for contact in Contact.objects.filter(phone=access_request.phone):
            add_contact(contact, "phone")

    if access_request.customer_number:
        for customer in Customer.objects.filter(
            customer_number__iexact=access_request.customer_number.strip()
        ):
            add_customer(customer, "customer_number")

    words = _words(access_request.requester_name)
    address = Q()
    if access_request.postal_code.strip():
        address |= Q(postal_code=access_request.postal_code.strip())
    if access_request.street_address.strip():
        address |= Q(street_address__iexact=access_request.street_address.strip())
    if words and address:
        # The database narrows by address and a last name among the words of the name;
        # the exact comparison of the whole name is made here, case-insensitively.
        # A last name is one to three consecutive words ("von der Leyen"); longer spans
        # would only grow the query past SQLite's expression limit on a long name.
        parts = access_request.requester_name.split()
        last_name = Q()
        for start in range(len(parts)):
            for end in range(start + 1, min(start + MAX_LAST_NAME_WORDS, len(parts)) + 1):
                last_name |= Q(last_name__iexact=" ".join(parts[start:end]))
        for contact in Contact.objects.filter(address & last_name):
            if not _same_name(contact, access_request.requester_name):
                continue
            if contact.postal_code == access_request.postal_code.strip():
                add_contact(contact, "name_postal_code")
            if _same_street(contact.street_address, access_request.street_address):
                add_contact(contact, "name_street")

    order = [MatchKind.CONTACT, MatchKind.CUSTOMER, MatchKind.EMAIL_ADDRESS]
    return sorted(found.values(), key=lambda c: (order.index(c.kind), str(c.key)))
