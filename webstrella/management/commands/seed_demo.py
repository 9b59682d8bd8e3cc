from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from customers.demo import DEFAULT_CONTACTS, DEFAULT_SEED, DEMO_PREFIX, demo_data_create
from privacy.demo import demo_access_requests_create


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
            result = demo_data_create(contacts=contacts, seed=seed)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if not result.created:
            self.stdout.write(
                f"Demo data exists already ({result.existing_customers} customers numbered "
                f"{DEMO_PREFIX}…); nothing created."
            )
            return
        access_requests = demo_access_requests_create(today=timezone.localdate())
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {result.contacts} contacts, {result.customers} customers "
                f"({result.companies} companies), {result.customer_contacts} further customer "
                f"contacts, {result.products} products, {result.orders} orders with "
                f"{result.order_lines} lines, {result.support_emails} support emails, "
                f"{result.analytics_events} analytics events and {len(access_requests)} access "
                f"requests (seed {seed})."
            )
        )
