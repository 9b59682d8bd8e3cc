"""Fill a PostgreSQL database with a register of a real size, quickly, with COPY.

    .venv/bin/python bench/generate_register.py --size small \
        --database-url postgres://postgres@127.0.0.1:5432/bench_register_small [--seed 1]

Sizes (`SIZES`): "large" is 200,000 contacts, 100,000 customers, 1,000,000 orders with about
3,000,000 lines, 1,000,000 support emails and 5,000,000 analytics events; "small" is one
hundredth of it. The database is created (dropped first if it exists), migrated, and each
table is written with one COPY of rows generated here: the secondary indexes and foreign
keys of a table are dropped before its COPY and built again after it, which is several
times faster than keeping them up to date row by row, and still checks every foreign key.
The check constraints stay in place, so every row meets the models' rules. ANALYZE ends the
run, so the planner (and the admin's estimated counts) know the tables' sizes.

The data has the shapes of the demo register (customers/demo.py): Finnish names, streets and
postcodes, valid business IDs (Y-tunnus), addresses at the documentation domains, mobile
numbers in E.164 form, times from 2016 on, the VAT rates of the order's day.
"""

import argparse
import hashlib
import json
import os
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = "bench-generate-register-" + "x" * 40  # a throw-away database needs no secret


@dataclass(frozen=True)
class Size:
    contacts: int
    customers: int
    orders: int
    lines_per_order: float
    emails: int
    events: int


SIZES = {
    "large": Size(200_000, 100_000, 1_000_000, 3.0, 1_000_000, 5_000_000),
    "small": Size(2_000, 1_000, 10_000, 3.0, 10_000, 50_000),
}
# Rows written per COPY chunk.
CHUNK_ROWS = 5_000
CUSTOMERS_FROM = date(2016, 1, 1)
ORDERS_FROM = date(2019, 1, 1)
# Customer numbers and order numbers of the generated register; demo data uses "DEMO-".
CUSTOMER_NUMBER_FORMAT = "A{:07d}"
ORDER_NUMBER_FORMAT = "{:%y%m}-{:07d}"


def _setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("SECRET_KEY", SECRET_KEY)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "webstrella.settings")
    sys.path.insert(0, str(PROJECT_DIR))
    import django

    django.setup()


def recreate_database(database_url: str) -> None:
    """Drop the database named in the URL if it exists, and create it empty."""
    import psycopg
    from psycopg import sql
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    params = conninfo_to_dict(database_url)
    name = params["dbname"]
    admin = make_conninfo(database_url, dbname="postgres")
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_database(database_url: str) -> None:
    import psycopg
    from psycopg import sql
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    name = conninfo_to_dict(database_url)["dbname"]
    admin = make_conninfo(database_url, dbname="postgres")
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))


# COPY's text format: tab between columns, \N for NULL, and backslash escapes.
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
NULL = "\\N"


def esc(text: str) -> str:
    return text.translate(_ESCAPES)


def stamp(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).isoformat(sep=" ")


def epoch(day: date) -> float:
    return datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()


class TableWriter:
    """Writes one table with COPY: secondary indexes and foreign keys rebuilt afterwards."""

    def __init__(self, cursor, table: str, columns: list[str]) -> None:
        self.cursor, self.table, self.columns = cursor, table, columns
        self.rows = 0

    def __enter__(self):
        cursor = self.cursor
        cursor.execute(
            """SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s
               AND indexname NOT IN (SELECT conname FROM pg_constraint
                                     WHERE conrelid = %s::regclass AND contype IN ('p', 'u'))""",
            [self.table, self.table],
        )
        self.indexes = cursor.fetchall()
        cursor.execute(
            """SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
               WHERE conrelid = %s::regclass AND contype = 'f'""",
            [self.table],
        )
        self.foreign_keys = cursor.fetchall()
        for name, _definition in self.foreign_keys:
            cursor.execute(f'ALTER TABLE "{self.table}" DROP CONSTRAINT "{name}"')
        for name, _definition in self.indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        names = ", ".join(f'"{column}"' for column in self.columns)
        self._copy_context = cursor.copy(f'COPY "{self.table}" ({names}) FROM STDIN')
        self.copy = self._copy_context.__enter__()
        self._pending: list[str] = []
        return self

    def row(self, *values: str) -> None:
        self._pending.append("\t".join(values))
        if len(self._pending) >= CHUNK_ROWS:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            self.copy.write("\n".join(self._pending) + "\n")
            self.rows += len(self._pending)
            self._pending = []

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self._flush()
        self._copy_context.__exit__(exc_type, exc, tb)
        if exc_type is not None:
            return False
        for _name, definition in self.indexes:
            self.cursor.execute(definition)
        for name, definition in self.foreign_keys:
            self.cursor.execute(f'ALTER TABLE "{self.table}" ADD CONSTRAINT "{name}" {definition}')
        # The ids were written by hand: the sequence must continue after them.
        table = self.table  # this script's own names, never input
        self.cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "  # noqa: S608
            f'GREATEST((SELECT max(id) FROM "{table}"), 1))'
        )
        return False


class RegisterGenerator:
    def __init__(self, size: Size, *, seed: int, today: date) -> None:
        from customers import demo as people
        from customers.demo import business_id_with_base

        self.size, self.today = size, today
        self.rng = random.Random(seed)
        self.people = people
        self.business_id_with_base = business_id_with_base
        self.now = epoch(today) + 12 * 3600
        # What later tables copy from earlier ones.
        self.contact_rows: list[tuple] = []  # (first, last, email, street, postcode, city, lang)
        self.customer_primary: list[int] = []
        self.customer_company: list[tuple[str, str]] = []  # (company name, business id)
        self.customer_started: list[float] = []

    # Contacts: the first `customers` are the customers' primary contacts.
    def contacts(self, cursor) -> int:
        rng, people = self.rng, self.people
        columns = [
            "id", "first_name", "last_name", "email", "phone", "street_address",
            "postal_code", "city", "country", "preferred_language", "source",
            "created_at", "updated_at",
        ]  # fmt: skip
        first_at, span = epoch(CUSTOMERS_FROM), self.now - epoch(CUSTOMERS_FROM)
        phones = rng.sample(range(10_000_000), self.size.contacts)
        with TableWriter(cursor, "customers_contact", columns) as table:
            for pk in range(1, self.size.contacts + 1):
                language = people.LANGUAGES.pick(rng)
                names = language if language in ("fi", "sv") else "en"
                first = rng.choice(people.FIRST_NAMES[names])
                last = rng.choice(people.LAST_NAMES[names])
                if language == "sv":
                    postcode, city = people.SWEDISH_POSTCODES.pick(rng)
                    city = people.SWEDISH_CITY_NAMES.get(city, city)
                    street = rng.choice(people.STREETS["sv"])
                else:
                    postcode, city = people.POSTCODES.pick(rng)
                    street = rng.choice(people.STREETS["fi"])
                street = f"{street} {rng.randint(1, 60)}"
                if rng.random() < 0.4:
                    street += f" {rng.choice('ABCDEF')} {rng.randint(1, 40)}"
                local = f"{first}.{last}".lower().translate(people._ASCII)
                email = f"{local}.{pk}@{people.EMAIL_DOMAINS.pick(rng)}"
                phone = f"+35840{phones[pk - 1]:07d}" if rng.random() < 0.85 else ""
                created = stamp(first_at + rng.random() * span)
                source = (
                    "order"
                    if pk <= self.size.customers
                    else rng.choice(("customer_service", "order", "other"))
                )
                self.contact_rows.append((first, last, email, street, postcode, city))
                table.row(
                    str(pk), esc(first), esc(last), email, phone, esc(street), postcode,
                    esc(city), "FI", language, source, created, created,
                )  # fmt: skip
        return table.rows

    def customers(self, cursor) -> int:
        rng = self.rng
        columns = [
            "id", "customer_number", "kind", "company_name", "business_id", "primary_contact_id",
            "status", "started_on", "ended_on", "notes", "created_at", "updated_at",
        ]  # fmt: skip
        first_day = CUSTOMERS_FROM.toordinal()
        days = self.today.toordinal() - first_day
        base = 2_900_000
        with TableWriter(cursor, "customers_customer", columns) as table:
            for pk in range(1, self.size.customers + 1):
                first, last, *_rest = self.contact_rows[pk - 1]
                company = rng.random() < self.people.COMPANY_SHARE
                name = business_id = ""
                if company:
                    business_id = None
                    while business_id is None:
                        base += 1
                        business_id = self.business_id_with_base(f"{base:07d}")
                    genitive = self.people._genitive(last)
                    trade = rng.choice(self.people.TRADES)
                    form = self.people.COMPANY_FORMS.pick(rng)
                    name = (
                        f"{genitive} {trade} {form}"
                        if genitive and rng.random() < 0.6
                        else f"{rng.choice(self.people.REGIONS)} {trade} {form}"
                    )
                started = date.fromordinal(first_day + int(rng.random() ** 0.7 * days))
                status = rng.choices(("active", "prospect", "paused", "ended"), (75, 5, 5, 15))[0]
                ended = NULL
                if status == "ended":
                    ended = date.fromordinal(
                        rng.randint(started.toordinal(), self.today.toordinal())
                    ).isoformat()
                created = stamp(epoch(started) + 9 * 3600)
                notes = rng.choice(self.people.CUSTOMER_NOTES) if rng.random() < 0.1 else ""
                self.customer_primary.append(pk)
                self.customer_company.append((name, business_id))
                self.customer_started.append(epoch(max(started, ORDERS_FROM)))
                table.row(
                    str(pk), CUSTOMER_NUMBER_FORMAT.format(pk), "company" if company else "private",
                    esc(name), business_id, str(pk), status, started.isoformat(), ended,
                    esc(notes), created, created,
                )  # fmt: skip
        # Further contacts of company customers: a tenth of the remaining contacts.
        extra = range(self.size.customers + 1, self.size.customers + 1 + self.size.contacts // 10)
        companies = [pk for pk, (name, _b) in enumerate(self.customer_company, 1) if name]
        with TableWriter(
            cursor, "customers_customercontact", ["id", "customer_id", "contact_id", "role"]
        ) as table:
            for pk, contact in enumerate(extra, 1):
                role = self.people.EXTRA_CONTACT_ROLES.pick(rng)
                table.row(str(pk), str(rng.choice(companies)), str(contact), role)
        return self.size.customers + table.rows

    def products(self) -> list[tuple]:
        from orders.demo import demo_products_get_or_create

        products, _created = demo_products_get_or_create(today=self.today)
        return [(product.pk, product.name, product.kind, product.price) for product in products]

    def orders(self, cursor) -> int:
        from orders.demo import CATALOG
        from orders.vat import general_vat_rate_on

        rng, size = self.rng, self.size
        products = self.products()
        weights = [item.popularity for item in CATALOG.values()]
        order_columns = [
            "id", "number", "customer_id", "status", "ordered_at", "paid_at", "delivered_at",
            "currency", "billing_name", "billing_email", "billing_street_address",
            "billing_postal_code", "billing_city", "billing_country", "billing_business_id",
            "created_at", "updated_at",
        ]  # fmt: skip
        line_columns = [
            "id", "order_id", "product_id", "description", "quantity", "unit_price", "vat_rate",
        ]  # fmt: skip
        # A few customers order much, most a little: draw customers with a skewed weight.
        customers = size.customers
        line_pk = 0
        lines_needed = size.lines_per_order - 1  # beyond the first line, on average
        vat_by_year = {year: general_vat_rate_on(date(year, 12, 1)) for year in range(2016, 2030)}
        vat_by_year[2024] = None  # changed within the year: decided by the day
        # Two COPYs at once need two connections: lines go into a file first.
        lines_file = Path(tempfile.gettempdir()) / f"orderlines-{os.getpid()}.copy"
        with (
            TableWriter(cursor, "orders_order", order_columns) as table,
            lines_file.open("w", encoding="utf-8") as lines,
        ):
            for pk in range(1, size.orders + 1):
                customer = rng.randint(1, customers)
                first_at = self.customer_started[customer - 1]
                ordered = first_at + rng.random() * max(self.now - first_at - 86400, 3600)
                status = rng.choices(("delivered", "paid", "new", "cancelled"), (80, 8, 6, 6))[0]
                paid = delivered = NULL
                if status in ("paid", "delivered"):
                    paid_at = ordered + rng.randint(60, 14 * 86400)
                    paid = stamp(min(paid_at, self.now))
                    if status == "delivered":
                        delivered = stamp(min(paid_at + rng.randint(300, 20 * 86400), self.now))
                first, last, email, street, postcode, city = self.contact_rows[customer - 1]
                company, business_id = self.customer_company[customer - 1]
                ordered_day = datetime.fromtimestamp(ordered, UTC)
                table.row(
                    str(pk), ORDER_NUMBER_FORMAT.format(ordered_day, pk), str(customer), status,
                    stamp(ordered), paid, delivered, "EUR", esc(company or f"{first} {last}"),
                    email, esc(street), postcode, esc(city), "FI", business_id, stamp(ordered),
                    stamp(ordered),
                )  # fmt: skip
                vat = vat_by_year.get(ordered_day.year) or general_vat_rate_on(ordered_day.date())
                count = 1 + min(int(rng.expovariate(1 / (lines_needed + 0.5))), 7)
                for product_pk, name, _kind, price in rng.choices(products, weights, k=count):
                    line_pk += 1
                    quantity = rng.choice((1, 1, 1, 2, 3, 12))
                    lines.write(
                        f"{line_pk}\t{pk}\t{product_pk}\t{esc(name)}\t{quantity}\t{price}\t{vat}\n"
                    )
        with TableWriter(cursor, "orders_orderline", line_columns) as table:
            with lines_file.open("r", encoding="utf-8") as lines:
                while block := lines.read(1 << 20):
                    table.copy.write(block)
            table.rows = line_pk
        lines_file.unlink()
        return size.orders + line_pk

    def support_emails(self, cursor) -> int:
        rng, people = self.rng, self.people
        columns = [
            "id", "direction", "from_address", "to_addresses", "cc_addresses", "subject",
            "body_text", "sent_at", "message_id", "thread_id", "in_reply_to", "references",
            "from_name", "source", "contact_id", "customer_id", "handled_by_id", "created_at",
        ]  # fmt: skip
        support_from = epoch(people.SUPPORT_FROM)
        span = self.now - support_from - 86400
        pk = 0
        with TableWriter(cursor, "customers_supportemail", columns) as table:
            while pk < self.size.emails:
                contact = rng.randint(1, self.size.contacts)
                first, last, email, *_rest = self.contact_rows[contact - 1]
                customer = str(contact) if contact <= self.size.customers else NULL
                language = "fi" if rng.random() < 0.9 else rng.choice(("sv", "en"))
                subject, question, answer = rng.choice(people.SUPPORT_TOPICS[language])
                hello, regards, thanks, _bye = people.SUPPORT_PHRASES[language]
                signature = people.SUPPORT_SIGNATURE[language]
                sent = support_from + rng.random() * span
                thread = f"<g{pk + 1}.{contact}@{people.MESSAGE_ID_DOMAIN}>"
                previous = previous_id = ""
                parts = (
                    ("in", question, f"{first} {last}"),
                    ("out", answer, signature),
                    ("in", thanks, f"{first} {last}"),
                )
                for position, (direction, text, signer) in enumerate(parts[: rng.randint(1, 3)]):
                    if pk >= self.size.emails:
                        break
                    pk += 1
                    message_id = (
                        thread if position == 0 else f"<g{pk}.r@{people.MESSAGE_ID_DOMAIN}>"
                    )
                    body = f"{hello},\n\n{text}\n\n{regards}\n{signer}"
                    if previous:
                        quoted = "\n".join(f"> {line}" for line in previous.splitlines())
                        body = f"{body}\n\n{quoted}"
                    sender, recipient = (
                        (email, people.SUPPORT_ADDRESS)
                        if direction == "in"
                        else (people.SUPPORT_ADDRESS, email)
                    )
                    table.row(
                        str(pk), direction, sender, recipient, "",
                        esc(subject if position == 0 else f"Re: {subject}"), esc(body),
                        stamp(sent), message_id, thread, "" if position == 0 else previous_id,
                        "" if position == 0 else thread,
                        esc(f"{first} {last}" if direction == "in" else signature),
                        "imap", str(contact), customer, NULL, stamp(sent),
                    )  # fmt: skip
                    previous, previous_id = body, message_id
                    sent = min(sent + rng.randint(600, 2 * 86400), self.now)
        return table.rows

    def analytics_events(self, cursor) -> int:
        rng, people = self.rng, self.people
        columns = [
            "id", "event_type", "occurred_at", "path", "session_hash", "contact_id",
            "customer_id", "properties",
        ]  # fmt: skip
        first_at = self.now - people.ANALYTICS_DAYS * 86400
        span = self.now - first_at - 3600
        types = (("page_view", 80), ("login", 10), ("order_started", 5), ("order_placed", 3))
        type_names, type_weights = zip(*types, strict=True)
        pk = 0
        with TableWriter(cursor, "customers_analyticsevent", columns) as table:
            while pk < self.size.events:
                # A visit: a session of one to twenty events, signed in or anonymous.
                contact = rng.randint(1, self.size.contacts) if rng.random() < 0.6 else None
                customer = contact if contact and contact <= self.size.customers else None
                session = hashlib.sha256(f"{pk}.{contact}".encode()).hexdigest()
                at = first_at + rng.random() * span
                device = people.DEVICES.pick(rng)
                referrer = people.REFERRERS.pick(rng)
                for _event in range(rng.randint(1, 20)):
                    if pk >= self.size.events:
                        break
                    pk += 1
                    kind = rng.choices(type_names, type_weights)[0]
                    properties = json.dumps({"device": device, "referrer": referrer})
                    table.row(
                        str(pk), kind, stamp(at), people.PAGE_PATHS.pick(rng), session,
                        str(contact) if contact else NULL, str(customer) if customer else NULL,
                        esc(properties),
                    )  # fmt: skip
                    at = min(at + rng.randint(5, 300), self.now)
        return table.rows


def generate(size: Size, *, seed: int, report=print) -> dict:
    """Write the register into the (migrated, empty) default database; rows per table."""
    from django.db import connection, transaction
    from django.utils import timezone

    generator = RegisterGenerator(size, seed=seed, today=timezone.localdate())
    counts = {}
    connection.ensure_connection()
    for name in ("contacts", "customers", "orders", "support_emails", "analytics_events"):
        started = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            counts[name] = getattr(generator, name)(cursor.cursor)
        report(f"  {name}: {counts[name]:,} rows in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    report(f"  analyze: {time.perf_counter() - started:.1f} s")
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="small")
    parser.add_argument("--database-url", required=True, help="a PostgreSQL database to replace")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        parser.error("--database-url must name a PostgreSQL database")
    started = time.perf_counter()
    recreate_database(args.database_url)
    _setup_django(args.database_url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    print(f"{args.size}: migrated in {time.perf_counter() - started:.1f} s")
    counts = generate(SIZES[args.size], seed=args.seed)
    total = sum(counts.values())
    print(f"{args.size}: {total:,} rows in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
