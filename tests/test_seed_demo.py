"""The `seed_demo` command and the demo register that the apps' demo.py modules build."""

import json
import re
from datetime import datetime, timedelta
from decimal import Decimal
from io import StringIO

import phonenumbers
import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError
from django.utils import timezone, translation
from stdnum.fi import ytunnus

from customers.demo import (
    DEMO_PREFIX,
    HELSINKI,
    MAX_CONTACTS,
    POSTCODE_WEIGHTS,
    SWEDISH_CITY_NAMES,
    business_id_with_base,
)
from customers.models import AnalyticsEvent, Contact, Customer, CustomerContact, SupportEmail
from orders.demo import CATALOG
from orders.models import Order, OrderLine, Product
from orders.services import order_fill_billing_from_customer
from orders.vat import general_vat_rate_on
from privacy.models import AccessRequest
from privacy.requests import uploads

# Late enough that the orders straddle the VAT change of 1 September 2024.
NOW = datetime(2025, 6, 16, 14, 30, tzinfo=HELSINKI)
CONTACTS = 150
SEED = 7
EXAMPLE_DOMAINS = {"example.com", "example.org", "example.net"}
REGISTER_MODELS = (
    Contact,
    Customer,
    CustomerContact,
    Order,
    OrderLine,
    SupportEmail,
    AnalyticsEvent,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def debug_on(settings):
    # The command refuses to run in production; the test settings keep DEBUG off.
    settings.DEBUG = True


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(NOW, tick=False):
        yield


def seed_demo(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def register() -> str:
    return seed_demo("--contacts", str(CONTACTS), "--seed", str(SEED))


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in (*REGISTER_MODELS, Product)}


def delete_demo_register() -> None:
    AnalyticsEvent.objects.all().delete()
    SupportEmail.objects.all().delete()
    Order.objects.all().delete()
    Customer.objects.all().delete()
    Contact.objects.all().delete()


def register_snapshot() -> dict[str, list]:
    """Everything the generator decides, without database ids or creation times."""
    return {
        "contacts": list(
            Contact.objects.order_by("pk").values_list(
                "first_name",
                "last_name",
                "email",
                "phone",
                "street_address",
                "postal_code",
                "city",
                "preferred_language",
                "source",
            )
        ),
        "customers": list(
            Customer.objects.order_by("pk").values_list(
                "customer_number",
                "kind",
                "company_name",
                "business_id",
                "status",
                "started_on",
                "ended_on",
                "notes",
                "primary_contact__email",
            )
        ),
        "customer_contacts": list(
            CustomerContact.objects.order_by("pk").values_list(
                "customer__customer_number", "contact__email", "role"
            )
        ),
        "orders": list(
            Order.objects.order_by("pk").values_list(
                "number",
                "customer__customer_number",
                "status",
                "ordered_at",
                "paid_at",
                "delivered_at",
                "billing_name",
                "billing_email",
                "billing_street_address",
                "billing_postal_code",
                "billing_city",
                "billing_business_id",
            )
        ),
        "order_lines": list(
            OrderLine.objects.order_by("pk").values_list(
                "order__number",
                "product__sku",
                "description",
                "quantity",
                "unit_price",
                "vat_rate",
            )
        ),
        "support_emails": list(
            SupportEmail.objects.order_by("pk").values_list(
                "message_id",
                "thread_id",
                "direction",
                "from_address",
                "to_addresses",
                "subject",
                "body_text",
                "sent_at",
                "customer__customer_number",
            )
        ),
        "analytics_events": list(
            AnalyticsEvent.objects.order_by("pk").values_list(
                "event_type",
                "occurred_at",
                "path",
                "session_hash",
                "properties",
                "contact__email",
                "customer__customer_number",
            )
        ),
    }


def every_nth(queryset, wanted: int = 30) -> list:
    rows = list(queryset.order_by("pk"))
    return rows[:: max(1, len(rows) // wanted)]


# What it builds


def test_it_builds_the_requested_number_of_contacts(register):
    assert Contact.objects.count() == CONTACTS


def test_it_reports_what_it_built_in_one_line(register):
    assert register.count("\n") == 1
    assert register.startswith(f"Created {CONTACTS} contacts, {Customer.objects.count()} customers")
    assert f"{Order.objects.count()} orders" in register


def test_it_builds_every_part_of_the_register(register):
    counts = row_counts()
    assert all(counts[name] > 0 for name in counts), counts
    assert counts["Product"] == len(CATALOG)


def test_it_logs_three_access_requests_at_different_steps(register):
    requests = list(AccessRequest.objects.order_by("received_on"))
    assert [(r.status, r.is_signed) for r in requests] == [
        ("received", True),
        ("identity_verified", True),
        ("received", False),
    ]
    today = NOW.astimezone(HELSINKI).date()
    assert requests[0].due_on < today <= requests[1].due_on <= today + timedelta(days=7)
    customers = Customer.objects.filter(customer_number__startswith=DEMO_PREFIX)
    for request in requests:
        assert customers.filter(primary_contact__email=request.email).exists()
        assert uploads.scan_kind(request.scan) is uploads.PNG
    assert "and 3 access requests" in register


def test_about_a_fifth_of_the_customers_are_companies(register):
    share = Customer.objects.filter(kind=Customer.Kind.COMPANY).count() / Customer.objects.count()
    assert 0.1 <= share <= 0.3


def test_each_contact_belongs_to_at_most_one_customer(register):
    primaries = list(Customer.objects.values_list("primary_contact_id", flat=True))
    further = list(CustomerContact.objects.values_list("contact_id", flat=True))
    assert len(primaries + further) == len(set(primaries + further))


def test_customer_numbers_are_unique_and_carry_the_demo_prefix(register):
    numbers = list(Customer.objects.values_list("customer_number", flat=True))
    assert len(numbers) == len(set(numbers))
    assert all(re.fullmatch(rf"{DEMO_PREFIX}\d{{6}}", number) for number in numbers)


def test_most_contacts_prefer_finnish_and_some_swedish_or_english():
    seed_demo("--contacts", "1000", "--seed", str(SEED))
    languages = {
        language: Contact.objects.filter(preferred_language=language).count()
        for language in Contact.Language.values
    }
    assert languages["fi"] > 800
    assert languages["sv"] > 0 and languages["en"] > 0


def test_names_include_finnish_letters(register):
    names = " ".join(Contact.objects.values_list("last_name", flat=True))
    assert "ä" in names and "ö" in names


# Idempotency and determinism


def test_a_second_run_creates_nothing_and_says_so(register):
    before = row_counts()
    output = seed_demo("--contacts", str(CONTACTS), "--seed", str(SEED))
    assert row_counts() == before
    assert "nothing created" in output
    assert f"{Customer.objects.count()} customers numbered {DEMO_PREFIX}" in output


def test_a_second_run_with_another_seed_creates_nothing_either(register):
    before = row_counts()
    seed_demo("--contacts", "20", "--seed", "99")
    assert row_counts() == before


def test_leftover_demo_email_also_counts_as_existing_demo_data(register):
    Order.objects.all().delete()
    Customer.objects.all().delete()
    output = seed_demo()
    assert "nothing created" in output
    assert Customer.objects.count() == 0


def test_existing_catalog_products_are_reused_not_duplicated():
    Product.objects.create(sku="WEB-START", name="Kotisivut Start", price=Decimal("650.00"))
    seed_demo("--contacts", "40")
    assert Product.objects.filter(sku="WEB-START").count() == 1
    assert Product.objects.count() == len(CATALOG)
    assert set(
        OrderLine.objects.filter(product__sku="WEB-START").values_list("unit_price", flat=True)
    ) <= {Decimal("650.00")}


def test_the_same_seed_builds_the_same_register(register):
    first = register_snapshot()
    delete_demo_register()
    seed_demo("--contacts", str(CONTACTS), "--seed", str(SEED))
    assert register_snapshot() == first


def test_another_seed_builds_another_register(register):
    first = register_snapshot()
    delete_demo_register()
    seed_demo("--contacts", str(CONTACTS), "--seed", str(SEED + 1))
    second = register_snapshot()
    assert second["contacts"] != first["contacts"]
    assert second["orders"] != first["orders"]


# Validity


def test_a_sample_of_every_model_passes_full_clean(register):
    for model in (*REGISTER_MODELS, Product):
        sample = every_nth(model.objects.all())
        assert sample, model.__name__
        for row in sample:
            row.full_clean()


def test_company_customers_have_valid_unique_business_ids(register):
    companies = Customer.objects.filter(kind=Customer.Kind.COMPANY)
    business_ids = list(companies.values_list("business_id", flat=True))
    assert all(ytunnus.is_valid(business_id) for business_id in business_ids)
    assert all(re.fullmatch(r"\d{7}-\d", business_id) for business_id in business_ids)
    assert len(business_ids) == len(set(business_ids))
    assert not companies.filter(company_name="").exists()


def test_private_customers_have_no_business_id(register):
    private = Customer.objects.filter(kind=Customer.Kind.PRIVATE)
    assert set(private.values_list("business_id", "company_name")) == {("", "")}


def test_company_names_carry_a_finnish_company_form(register):
    names = Customer.objects.filter(kind=Customer.Kind.COMPANY).values_list(
        "company_name", flat=True
    )
    assert all(re.search(r"(^Tmi | Oy$| Ay$| Ky$)", name) for name in names)


def test_the_demos_business_ids_pass_stdnum_validation():
    seed_demo("--contacts", "1000", "--seed", str(SEED))
    business_ids = list(
        Customer.objects.filter(kind=Customer.Kind.COMPANY).values_list("business_id", flat=True)
    )
    assert len(business_ids) > 100
    for business_id in business_ids:
        assert ytunnus.format(ytunnus.validate(business_id)) == business_id
    # Every check digit occurs, 0 (a weighted sum divisible by 11 already) included.
    assert {business_id[-1] for business_id in business_ids} == set("0123456789")


def test_a_base_gets_the_one_business_id_stdnum_accepts_on_it_or_none():
    for number in range(9_000_000, 9_000_200):
        base = f"{number:07d}"
        valid = [f"{base}-{digit}" for digit in range(10) if ytunnus.is_valid(f"{base}-{digit}")]
        assert [business_id_with_base(base)] == (valid or [None])


def test_phone_numbers_are_valid_finnish_mobiles_in_e164(register):
    phones = list(Contact.objects.exclude(phone="").values_list("phone", flat=True))
    assert phones
    for phone in phones:
        number = phonenumbers.parse(phone)
        assert phonenumbers.is_valid_number(number), phone
        assert phonenumbers.region_code_for_number(number) == "FI"
        assert phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.MOBILE
        assert phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) == phone


def test_postcodes_have_five_digits_and_belong_to_their_city(register):
    known = {pair for pair, _weight in POSTCODE_WEIGHTS}
    known |= {
        (postcode, SWEDISH_CITY_NAMES[city])
        for postcode, city in known
        if city in SWEDISH_CITY_NAMES
    }
    addresses = set(Contact.objects.exclude(postal_code="").values_list("postal_code", "city"))
    addresses |= set(Order.objects.values_list("billing_postal_code", "billing_city"))
    assert addresses
    assert all(re.fullmatch(r"\d{5}", postcode) for postcode, _city in addresses)
    assert addresses <= known


def test_every_email_address_uses_a_reserved_example_domain(register):
    addresses = set(Contact.objects.exclude(email="").values_list("email", flat=True))
    addresses |= set(
        Order.objects.exclude(billing_email="").values_list("billing_email", flat=True)
    )
    for from_address, to_addresses in SupportEmail.objects.values_list(
        "from_address", "to_addresses"
    ):
        addresses |= {from_address, *to_addresses.split(",")}
    assert addresses
    assert {address.strip().rsplit("@", 1)[1] for address in addresses} <= EXAMPLE_DOMAINS


def test_email_addresses_of_contacts_are_unique_and_lower_case(register):
    emails = list(Contact.objects.exclude(email="").values_list("email", flat=True))
    assert len(emails) == len(set(emails))
    assert all(email == email.lower() and email.isascii() for email in emails)


# Customers and orders over time


def test_customer_dates_match_their_status(register):
    today = timezone.localdate()
    for customer in Customer.objects.all():
        assert customer.started_on < today
        if customer.status == Customer.Status.ENDED:
            assert customer.started_on <= customer.ended_on < today
        else:
            assert customer.ended_on is None
    assert set(Customer.objects.values_list("status", flat=True)) == set(Customer.Status.values)


def test_prospects_have_no_orders(register):
    assert not Order.objects.filter(customer__status=Customer.Status.PROSPECT).exists()


def test_orders_run_from_2019_to_now_with_one_to_four_lines(register):
    ordered = list(Order.objects.values_list("ordered_at", flat=True))
    assert min(ordered).astimezone(HELSINKI).year == 2019
    assert max(ordered) < timezone.now()
    line_counts = {order.lines.count() for order in Order.objects.prefetch_related("lines")}
    assert line_counts <= {1, 2, 3, 4}


def test_order_dates_match_their_status(register):
    for order in Order.objects.select_related("customer"):
        if order.status in (Order.Status.NEW, Order.Status.CANCELLED):
            assert order.paid_at is None and order.delivered_at is None
        elif order.status == Order.Status.PAID:
            assert order.ordered_at <= order.paid_at < timezone.now()
            assert order.delivered_at is None
        else:
            assert order.ordered_at <= order.paid_at <= order.delivered_at < timezone.now()
        if order.customer.ended_on:
            assert order.ordered_at.astimezone(HELSINKI).date() <= order.customer.ended_on
        assert order.ordered_at.astimezone(HELSINKI).date() >= order.customer.started_on


def test_order_lines_carry_the_vat_rate_in_force_on_the_order_date(register):
    rates_seen = set()
    for line in OrderLine.objects.select_related("order"):
        ordered_on = line.order.ordered_at.astimezone(HELSINKI).date()
        assert line.vat_rate == general_vat_rate_on(ordered_on), (line.order.number, ordered_on)
        rates_seen.add(line.vat_rate)
    # NOW is late enough for orders on both sides of the change of 1 September 2024.
    assert rates_seen == {Decimal("24"), Decimal("25.5")}


def test_catalog_products_carry_the_current_general_vat_rate(register):
    assert set(Product.objects.values_list("vat_rate", flat=True)) == {Decimal("25.5")}
    assert set(Product.objects.values_list("kind", flat=True)) == set(Product.Kind.values)


def test_order_lines_copy_the_product_name_and_price(register):
    for line in OrderLine.objects.select_related("product"):
        assert line.description == line.product.name
        assert line.unit_price == line.product.price
        assert line.quantity >= 1


def test_billing_details_are_copied_from_the_customer(register):
    for order in Order.objects.select_related("customer__primary_contact"):
        customer, contact = order.customer, order.customer.primary_contact
        assert order.billing_name == (customer.company_name or contact.full_name)
        assert order.billing_business_id == customer.business_id
        assert order.billing_email == contact.email
        assert (order.billing_street_address, order.billing_postal_code, order.billing_city) == (
            contact.street_address,
            contact.postal_code,
            contact.city,
        )


def test_billing_details_are_what_the_billing_service_gives(register):
    billing_fields = [f.name for f in Order._meta.fields if f.name.startswith("billing_")]
    for order in Order.objects.select_related("customer__primary_contact"):
        expected = Order()
        order_fill_billing_from_customer(order=expected, customer=order.customer)
        assert {name: getattr(order, name) for name in billing_fields} == {
            name: getattr(expected, name) for name in billing_fields
        }, order.number


def test_order_numbers_carry_the_demo_prefix_and_order_date(register):
    for number, ordered_at in Order.objects.values_list("number", "ordered_at"):
        assert number.startswith(f"{DEMO_PREFIX}{ordered_at.astimezone(HELSINKI):%y%m%d}-")


# Customer service and analytics


def test_support_threads_alternate_questions_and_answers(register):
    threads: dict[str, list[SupportEmail]] = {}
    for email in SupportEmail.objects.order_by("sent_at", "pk"):
        threads.setdefault(email.thread_id, []).append(email)
    assert threads
    for thread_id, emails in threads.items():
        assert emails[0].message_id == thread_id
        assert [email.direction for email in emails] == ["in", "out"] * (len(emails) // 2)
        assert len({email.contact_id for email in emails}) == 1
        assert emails[-1].sent_at < timezone.now()


def test_support_emails_have_unique_message_ids_on_the_mail_domain(register):
    message_ids = list(SupportEmail.objects.values_list("message_id", flat=True))
    assert len(message_ids) == len(set(message_ids))
    assert all(
        re.fullmatch(r"<demo\.\d{7}\.[0-9a-f]{8}@mail\.example\.com>", m) for m in message_ids
    )


def test_support_emails_are_linked_to_the_contacts_customer(register):
    customer_of = dict(Customer.objects.values_list("primary_contact_id", "pk"))
    customer_of |= dict(CustomerContact.objects.values_list("contact_id", "customer_id"))
    for contact_id, customer_id in SupportEmail.objects.values_list("contact_id", "customer_id"):
        assert customer_id == customer_of.get(contact_id)


def test_analytics_events_hash_their_session_and_keep_properties_small(register):
    events = AnalyticsEvent.objects.all()
    assert set(events.values_list("event_type", flat=True)) == set(AnalyticsEvent.EventType.values)
    for session_hash, properties in events.values_list("session_hash", "properties"):
        assert re.fullmatch(r"[0-9a-f]{64}", session_hash)
        assert isinstance(properties, dict)
        assert len(json.dumps(properties).encode()) < 200


def test_order_placed_events_name_an_existing_order(register):
    placed = AnalyticsEvent.objects.filter(event_type=AnalyticsEvent.EventType.ORDER_PLACED)
    numbers = {event.properties["order_number"] for event in placed}
    assert numbers
    assert Order.objects.filter(number__in=numbers).count() == len(numbers)


# Bad input, safety and speed


@pytest.mark.parametrize("contacts", ["0", "-5", str(MAX_CONTACTS + 1)])
def test_an_unreasonable_number_of_contacts_is_refused(contacts):
    with translation.override("en"), pytest.raises(CommandError, match="between 1 and"):
        seed_demo("--contacts", contacts)
    assert Contact.objects.count() == 0


@pytest.mark.parametrize("argument", [("--contacts", "many"), ("--seed", "x1")])
def test_a_non_number_is_refused(argument):
    with pytest.raises(CommandError):
        seed_demo(*argument)
    assert Contact.objects.count() == 0


def test_it_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        seed_demo()
    assert Contact.objects.count() == 0


def test_a_failure_half_way_leaves_nothing_saved(monkeypatch):
    def failing_insert(*args, **kwargs):
        raise IntegrityError("disk full")

    monkeypatch.setattr(AnalyticsEvent.objects, "bulk_create", failing_insert)
    with pytest.raises(IntegrityError):
        seed_demo("--contacts", "40")
    assert all(count == 0 for count in row_counts().values()), row_counts()


def test_it_writes_in_batches_not_row_by_row(django_assert_max_num_queries):
    # About 5,700 rows. SQLite takes at most 999 parameters per statement, so about a
    # hundred rows go into each INSERT there; PostgreSQL takes a thousand. The three demo
    # access requests go through the workflow's services, about twenty statements each
    # (full_clean checks each of the request's check constraints with a statement), and
    # each stores its scan as a row of its own.
    with django_assert_max_num_queries(175):
        seed_demo("--contacts", "300")
