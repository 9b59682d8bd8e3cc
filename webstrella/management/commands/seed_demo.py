"""The demo register: customers/demo.py, orders/demo.py and privacy/demo.py in turn.

Each app builds and saves its own rows. The customers come first, a round of contacts at a
time; the orders of each round's customers follow, then the web-shop visits in which those
orders were placed. The access requests come last, written by the primary contacts of the
first demo customers, whose details privacy/demo.py gets as plain data.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from customers import demo as customers_demo
from customers.demo import (
    CONTACTS_PER_ROUND,
    DEFAULT_CONTACTS,
    DEFAULT_SEED,
    DEMO_PREFIX,
    HELSINKI,
    MAX_CONTACTS,
)
from customers.models import Contact, Customer
from orders import demo as orders_demo
from privacy import demo as privacy_demo


@dataclass
class DemoResult:
    created: bool
    seed: int
    contacts: int = 0
    customers: int = 0
    companies: int = 0
    customer_contacts: int = 0
    products: int = 0
    orders: int = 0
    order_lines: int = 0
    support_emails: int = 0
    analytics_events: int = 0
    access_requests: int = 0
    existing_customers: int = 0


def _requester(contact: Contact) -> privacy_demo.DemoRequester:
    return privacy_demo.DemoRequester(
        name=contact.full_name,
        street_address=contact.street_address,
        postal_code=contact.postal_code,
        city=contact.city,
        email=contact.email,
        language=contact.preferred_language,
    )


def demo_register_create(
    *,
    contacts: int = DEFAULT_CONTACTS,
    seed: int = DEFAULT_SEED,
    now: datetime | None = None,
) -> DemoResult:
    """Build the demo register with `contacts` people, unless demo data exists already.

    All in one transaction: a failure leaves nothing behind.
    """
    if not 1 <= contacts <= MAX_CONTACTS:
        raise ValidationError(
            _("The number of contacts must be between 1 and %(max)d (got %(count)d)."),
            code="contacts_out_of_range",
            params={"max": MAX_CONTACTS, "count": contacts},
        )
    today = timezone.localdate(now or timezone.now(), HELSINKI)
    with transaction.atomic():
        if customers_demo.demo_customers_exist() or orders_demo.demo_orders_exist():
            return DemoResult(
                created=False,
                seed=seed,
                existing_customers=customers_demo.demo_customer_count(),
            )
        products, new_products = orders_demo.demo_products_get_or_create(today=today)
        people = customers_demo.DemoCustomersBuilder(seed=seed, today=today)
        sales = orders_demo.DemoOrdersBuilder(seed=seed, today=today, products=products)
        result = DemoResult(created=True, seed=seed, products=new_products)
        first_customers: list[Customer] = []
        remaining = contacts
        while remaining:
            size = min(remaining, CONTACTS_PER_ROUND)
            remaining -= size
            people_round = people.create_round(size)
            orders_round = sales.create_orders(people_round.customers)
            purchase_events = people.create_purchase_events(orders_round.purchases)
            first_customers += people_round.customers[: len(privacy_demo.DEMO_LETTERS)]
            result.contacts += len(people_round.contacts)
            result.customers += len(people_round.customers)
            result.companies += sum(
                customer.kind == Customer.Kind.COMPANY for customer in people_round.customers
            )
            result.customer_contacts += len(people_round.customer_contacts)
            result.orders += len(orders_round.orders)
            result.order_lines += len(orders_round.order_lines)
            result.support_emails += len(people_round.support_emails)
            result.analytics_events += len(people_round.analytics_events) + len(purchase_events)
        access_requests = privacy_demo.demo_access_requests_create(
            requesters=[
                _requester(customer.primary_contact)
                for customer in first_customers[: len(privacy_demo.DEMO_LETTERS)]
            ],
            today=today,
        )
        result.access_requests = len(access_requests)
    return result


class Command(BaseCommand):
    help = (
        "Development only: fill the register with invented Finnish demo data (contacts, "
        "customers, products, orders, support email, analytics and three access requests). "
        "The same seed gives the same data; nothing is created when customers numbered "
        f"{DEMO_PREFIX}… exist already."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--contacts",
            type=int,
            default=DEFAULT_CONTACTS,
            help=f"How many people to create (default {DEFAULT_CONTACTS}).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"Seed of the random generator (default {DEFAULT_SEED}).",
        )

    def handle(self, *args, contacts: int, seed: int, **options) -> None:
        if not settings.DEBUG:
            # The register holds real people's data in production; invented people must
            # not mix with them.
            raise CommandError("seed_demo runs only with DEBUG on.")
        try:
            result = demo_register_create(contacts=contacts, seed=seed)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if not result.created:
            self.stdout.write(
                f"Demo data exists already ({result.existing_customers} customers numbered "
                f"{DEMO_PREFIX}…); nothing created."
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {result.contacts} contacts, {result.customers} customers "
                f"({result.companies} companies), {result.customer_contacts} further customer "
                f"contacts, {result.products} products, {result.orders} orders with "
                f"{result.order_lines} lines, {result.support_emails} support emails, "
                f"{result.analytics_events} analytics events and {result.access_requests} "
                f"access requests (seed {seed})."
            )
        )
