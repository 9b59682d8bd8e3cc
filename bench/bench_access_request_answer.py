"""Time compiling the answer to an access request for a requester with a lot of data.

    .venv/bin/python bench/bench_access_request_answer.py [--sizes small medium large huge]
        [--background 5000] [--database-url postgres://postgres@127.0.0.1:5432/bench_tp]

For each size of one requester's data, a fresh database is migrated and filled in a process
of its own: a background register of demo data (`seed_demo`'s, `--background` contacts)
and the requester with one customer relationship, orders with their lines, support emails
with realistic text and analytics events. The access request is logged from a signed letter
and the identity verified. A second, new process then takes the timed steps through the
services, as the admin does: finding the data (the search of every source), confirming the
requester's candidates, and compiling the answer (the letter as a PDF rendered by WeasyPrint
and the export as a ZIP of JSON and CSV, stored as the package). The sizes are in `SIZES`;
`huge` runs only when asked for, as it takes about a minute and a half and 1.5 GiB.

Peak memory is the maximum resident set size of the measuring process, Django and WeasyPrint
(imported before the timing) included; the baseline column shows it just before the search.
The compile time is split into building the answer from the database, rendering the letter
and writing the export; the rest is storing the package. The SQL column counts the statements
of the compile step (from a statement hook, DEBUG is off).

SQLite by default: a database and MEDIA_ROOT in a temporary folder. With `--database-url`
pointing to PostgreSQL, the named database is created for each size and dropped afterwards
(it must not exist beforehand). `--profile DIR` writes a cProfile file of each size's search
and compile to DIR (the profiler slows them down, so the figures of such a run are off).
"""

import argparse
import contextlib
import hashlib
import json
import os
import platform
import random
import resource
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as clock
from io import BytesIO
from pathlib import Path

from worker_process import worker_figures

PROJECT_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = "bench-access-request-answer-" + "x" * 40  # a throw-away database needs no secret


@dataclass(frozen=True)
class Size:
    orders: int
    emails: int
    events: int


SIZES = {
    "small": Size(orders=5, emails=10, events=50),
    "medium": Size(orders=50, emails=200, events=2_000),
    "large": Size(orders=100, emails=400, events=4_000),
    # Not run by default: about a minute and a half and 1.5 GiB of memory.
    "huge": Size(orders=500, emails=1_000, events=20_000),
}
DEFAULT_SIZES = ["small", "medium", "large"]

# The requester: one contact and one customer relationship; identifiers as the letter gives.
REQUESTER = {
    "first_name": "Helmi",
    "last_name": "Pääkkönen",
    "email": "helmi.paakkonen.tp@example.org",
    "phone": "+358401234567",
    "street_address": "Hämeenkatu 5 B 12",
    "postal_code": "33100",
    "city": "Tampere",
}
CUSTOMER_NUMBER = "TP-000001"

# Paragraphs of customer-service mail beyond the demo data's one-line questions and answers.
MAIL_PARAGRAPHS = (
    "Tilasimme viime kuussa uudet kotisivut ja verkkokaupan, ja nyt osa tuotekuvista ei "
    "näy mobiilissa lainkaan. Tietokoneella kaikki toimii, mutta puhelimella kuvan paikalla "
    "on harmaa laatikko. Kokeilin sekä Safarilla että Chromella.",
    "Laskulla on mielestäni kaksi kertaa sama webhotellin vuosimaksu. Voisitteko tarkistaa, "
    "onko kyse virheestä? Maksoin ensimmäisen laskun jo ennen eräpäivää.",
    "Asiakkaamme ovat kertoneet, että tilausvahvistus menee roskapostiin. Voisiko "
    "lähettäjän osoitetta tai viestin muotoa muuttaa niin, että se menisi perille?",
    "Kävimme asetukset läpi ja korjasimme palvelimen DNS-tietueet. Muutos näkyy kaikkialla "
    "viimeistään vuorokauden kuluttua. Jos ongelma jatkuu sen jälkeen, vastaathan tähän "
    "viestiin, niin katsomme asiaa uudelleen.",
    "Verkkokaupan kassalle on lisätty uusi maksutapa, ja toimitustavat näkyvät nyt "
    "hintoineen jo ostoskorissa. Testasimme tilauksen alusta loppuun ja kaikki toimi.",
    "Haluaisin myös päivittää yhteystietomme sivuston alatunnisteeseen: uusi puhelinnumero "
    "ja aukioloajat ovat liitteenä. Vanha numero lakkaa toimimasta kuun lopussa.",
    "Pahoittelemme viivettä vastauksessa. Ruuhkan vuoksi käsittelyajat ovat tällä viikolla "
    "tavallista pidempiä, mutta pyyntösi on nyt kirjattu ja työ aloitetaan huomenna.",
    "Varmenne uusitaan automaattisesti kuukautta ennen vanhenemista, joten sinun ei tarvitse "
    "tehdä mitään. Saat ilmoituksen sähköpostiisi, kun uusi varmenne on käytössä.",
)


def _peak_rss_mib() -> float:
    # ru_maxrss is in kibibytes on Linux and in bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _setup_django() -> None:
    sys.path.insert(0, str(PROJECT_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "webstrella.settings")
    import django

    django.setup()


# The requester's data, written with bulk_create as an import or years of use would leave it.


def _moment(rng: random.Random, day: date):
    from customers.demo import HELSINKI

    at = clock(rng.randint(7, 21), rng.randint(0, 59), rng.randint(0, 59))
    return datetime.combine(day, at, tzinfo=HELSINKI)


def _day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _products() -> list:
    from django.utils import timezone

    from orders.demo import CATALOG
    from orders.models import Product
    from orders.vat import general_vat_rate_on

    existing = Product.objects.in_bulk(list(CATALOG), field_name="sku")
    Product.objects.bulk_create(
        Product(
            sku=item.sku,
            name=item.name,
            kind=item.kind,
            price=item.price,
            vat_rate=general_vat_rate_on(timezone.localdate()),
        )
        for item in CATALOG.values()
        if item.sku not in existing
    )
    return list(Product.objects.filter(sku__in=CATALOG))


def _orders(rng, size: Size, customer, contact, today: date) -> tuple[list, list]:
    from orders.demo import CATALOG, LINES_PER_ORDER, ORDERS_FROM
    from orders.models import Order, OrderLine
    from orders.vat import general_vat_rate_on

    products = _products()
    orders, lines = [], []
    for number in range(1, size.orders + 1):
        ordered_at = _moment(rng, _day(rng, ORDERS_FROM, today - timedelta(days=3)))
        paid_at = ordered_at + timedelta(hours=rng.randint(0, 72))
        order = Order(
            number=f"TP-{ordered_at:%y%m%d}-{number:05d}",
            customer=customer,
            status=Order.Status.DELIVERED,
            ordered_at=ordered_at,
            paid_at=paid_at,
            delivered_at=paid_at + timedelta(hours=rng.randint(1, 48)),
            billing_name=contact.full_name,
            billing_email=contact.email,
            billing_street_address=contact.street_address,
            billing_postal_code=contact.postal_code,
            billing_city=contact.city,
        )
        orders.append(order)
        for product in rng.sample(products, LINES_PER_ORDER.pick(rng)):
            lines.append(
                OrderLine(
                    order=order,
                    product=product,
                    description=product.name,
                    quantity=rng.choice(CATALOG[product.sku].quantities),
                    unit_price=product.price,
                    vat_rate=general_vat_rate_on(ordered_at.date()),
                )
            )
    return orders, lines


def _mail_body(rng, greeting: str, core: str, regards: str, signer: str, quoted: str) -> str:
    paragraphs = [f"{greeting},", core, *rng.sample(MAIL_PARAGRAPHS, rng.randint(1, 3))]
    body = "\n\n".join([*paragraphs, f"{regards}\n{signer}"])
    if quoted:
        body += "\n\n" + "\n".join(f"> {line}" if line else ">" for line in quoted.splitlines())
    return body


def _support_emails(rng, size: Size, customer, contact, today: date) -> list:
    from customers.demo import (
        MESSAGE_ID_DOMAIN,
        SUPPORT_ADDRESS,
        SUPPORT_PHRASES,
        SUPPORT_SIGNATURE,
        SUPPORT_TOPICS,
    )
    from customers.models import SupportEmail

    greeting, regards, _thanks, _closing = SUPPORT_PHRASES["fi"]
    emails = []
    while len(emails) < size.emails:
        subject, question, answer = rng.choice(SUPPORT_TOPICS["fi"])
        sent_at = _moment(rng, _day(rng, customer.started_on, today - timedelta(days=8)))
        thread_id, previous = "", ""
        for turn in range(min(rng.randint(2, 4), size.emails - len(emails))):
            inbound = turn % 2 == 0
            message_id = f"<tp.{len(emails) + 1:07d}.{rng.getrandbits(32):08x}@{MESSAGE_ID_DOMAIN}>"
            thread_id = thread_id or message_id
            if inbound:
                body = _mail_body(rng, greeting, question, regards, contact.full_name, previous)
            else:
                signature = SUPPORT_SIGNATURE["fi"]
                hello = f"{greeting} {contact.first_name}"
                body = _mail_body(rng, hello, answer, regards, signature, previous)
            emails.append(
                SupportEmail(
                    direction=SupportEmail.Direction.INBOUND
                    if inbound
                    else SupportEmail.Direction.OUTBOUND,
                    from_address=contact.email if inbound else SUPPORT_ADDRESS,
                    to_addresses=SUPPORT_ADDRESS if inbound else contact.email,
                    subject=subject if turn == 0 else f"Re: {subject}",
                    body_text=body,
                    sent_at=sent_at,
                    message_id=message_id,
                    thread_id=thread_id,
                    contact=contact,
                    customer=customer,
                )
            )
            # Each message quotes the one before it, as mail clients do.
            previous = body.split("\n\n>", 1)[0]
            sent_at += timedelta(minutes=rng.randint(20, 36 * 60))
    return emails


EVENT_KINDS = (("page_view", 80), ("login", 10), ("order_started", 4), ("support_contact", 6))


def _analytics_events(rng, size: Size, customer, contact, today: date) -> list:
    from customers.demo import ANALYTICS_DAYS, DEVICES, PAGE_PATHS, REFERRERS
    from customers.models import AnalyticsEvent

    kinds = [kind for kind, _weight in EVENT_KINDS]
    weights = [weight for _kind, weight in EVENT_KINDS]
    first = max(customer.started_on, today - timedelta(days=ANALYTICS_DAYS))
    events = []
    while len(events) < size.events:
        session_key = f"{rng.getrandbits(128):032x}"
        session_hash = hashlib.sha256(session_key.encode()).hexdigest()
        device = DEVICES.pick(rng)
        referrer = REFERRERS.pick(rng)
        at = _moment(rng, _day(rng, first, today - timedelta(days=1)))
        for _view in range(min(rng.randint(1, 8), size.events - len(events))):
            at += timedelta(seconds=rng.randint(5, 240))
            kind = rng.choices(kinds, weights)[0]
            properties = {"device": device, "referrer": referrer}
            if kind == "login":
                properties = {"device": device, "method": "password"}
            elif kind == "support_contact":
                properties = {"channel": "form"}
            elif kind == "order_started":
                properties = {"device": device, "items": rng.randint(1, 4)}
            events.append(
                AnalyticsEvent(
                    event_type=kind,
                    occurred_at=at,
                    path={"login": "/oma-tili/kirjaudu/", "order_started": "/tilaus/"}.get(
                        kind, PAGE_PATHS.pick(rng)
                    ),
                    session_hash=session_hash,
                    contact=contact,
                    customer=customer,
                    properties=properties,
                )
            )
    return events


def requester_create(size: Size, *, seed: int) -> dict:
    """The requester's contact, customer relationship, orders, emails and events."""
    from django.db import transaction
    from django.utils import timezone

    from customers.models import AnalyticsEvent, Contact, Customer, SupportEmail
    from orders.models import Order, OrderLine

    rng = random.Random(seed)
    today = timezone.localdate()
    with transaction.atomic():
        contact = Contact.objects.create(
            **REQUESTER, preferred_language="fi", source=Contact.Source.ORDER
        )
        customer = Customer.objects.create(
            customer_number=CUSTOMER_NUMBER,
            primary_contact=contact,
            started_on=date(2018, 3, 14),
            notes="Laskut sähköpostilla. Toivoo yhteydenottoa puhelimitse aamupäivisin.",
        )
        orders, lines = _orders(rng, size, customer, contact, today)
        rows = {
            Order: orders,
            OrderLine: lines,
            SupportEmail: _support_emails(rng, size, customer, contact, today),
            AnalyticsEvent: _analytics_events(rng, size, customer, contact, today),
        }
        for model, objects in rows.items():
            model.objects.bulk_create(objects, batch_size=1000)
    return {
        "orders": len(orders),
        "lines": len(lines),
        "emails": len(rows[SupportEmail]),
        "mail_chars": sum(len(email.body_text) for email in rows[SupportEmail]),
        "events": len(rows[AnalyticsEvent]),
    }


def _scan():
    from django.core.files.base import ContentFile
    from PIL import Image

    buffer = BytesIO()
    Image.new("L", (620, 877), 250).save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name="kirje.png")


def run_setup(*, size: Size, background: int, seed: int) -> dict:
    """Migrate, fill the register and log and verify the access request (not timed)."""
    _setup_django()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.utils import timezone

    from privacy.requests.services import access_request_log, access_request_verify_identity
    from privacy.staff.groups import PRIVACY_OFFICER
    from webstrella.management.commands.seed_demo import demo_register_create

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    if background:
        demo_register_create(contacts=background, seed=seed)
    result = requester_create(size, seed=seed)
    officer = get_user_model().objects.create(username="tietosuoja", is_staff=True)
    officer.groups.add(Group.objects.get(name=PRIVACY_OFFICER))
    received = timezone.localdate() - timedelta(days=3)
    access_request = access_request_log(
        logged_by=officer,
        requester_name=f"{REQUESTER['first_name']} {REQUESTER['last_name']}",
        street_address=REQUESTER["street_address"],
        postal_code=REQUESTER["postal_code"],
        city=REQUESTER["city"],
        email=REQUESTER["email"],
        phone=REQUESTER["phone"],
        customer_number=CUSTOMER_NUMBER,
        letter_date=received - timedelta(days=2),
        received_on=received,
        scan=_scan(),
        is_signed=True,
    )
    access_request_verify_identity(
        access_request=access_request, verified_by=officer, method="register_details"
    )
    return {**result, "request": access_request.pk, "setup_seconds": time.perf_counter() - started}


class _StatementCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def _timed(function, timings: dict, key: str):
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            timings[key] = timings.get(key, 0.0) + time.perf_counter() - started

    return wrapper


def run_measure(*, request_pk: int, profile: Path | None) -> dict:
    """Search, confirm and compile in this fresh process; time and count each step."""
    _setup_django()
    import weasyprint  # noqa: F401 - imported before the baseline, as a running server has it
    from django.db import connection
    from pypdf import PdfReader

    import privacy.requests.services as services
    from customers.models import Contact, Customer
    from privacy.models import AccessRequest, AccessRequestPackage
    from privacy.staff.selectors import is_privacy_officer

    access_request = AccessRequest.objects.get(pk=request_pk)
    officer = access_request.created_by
    # The services ask whether the officer may take each step; asked here once, so that
    # the statements counted are the search's and the compilation's own.
    is_privacy_officer(officer)
    # Only the requester's own rows are confirmed; a namesake in the background is not.
    contact_pks = set(Contact.objects.filter(email=REQUESTER["email"]).values_list("pk", flat=True))
    customer_pks = set(
        Customer.objects.filter(customer_number=CUSTOMER_NUMBER).values_list("pk", flat=True)
    )
    timings: dict[str, float] = {}
    for name, key in (
        ("build_answer", "build"),
        ("answer_letter_pdf", "pdf"),
        ("answer_zip", "zip"),
    ):
        setattr(services, name, _timed(getattr(services, name), timings, key))
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
    baseline = _peak_rss_mib()

    with contextlib.ExitStack() as stack:
        if profiler:
            stack.enter_context(profiler)
        find_counter, compile_counter = _StatementCounter(), _StatementCounter()
        started = time.perf_counter()
        with connection.execute_wrapper(find_counter):
            matches = services.access_request_find_data(
                access_request=access_request, searched_by=officer
            )
        find_seconds = time.perf_counter() - started
        find_peak = _peak_rss_mib()
        confirmed = [
            match.pk
            for match in matches
            if (match.data == "customers.contact" and int(match.object_id) in contact_pks)
            or (match.data == "customers.customer" and int(match.object_id) in customer_pks)
            or (match.is_group and match.value == REQUESTER["email"].lower())
        ]
        services.access_request_confirm_matches(
            access_request=access_request,
            decided_by=officer,
            confirmed_ids=confirmed,
            shown_ids=[match.pk for match in matches],
        )
        started = time.perf_counter()
        with connection.execute_wrapper(compile_counter):
            package = services.access_request_compile(
                access_request=access_request, compiled_by=officer
            )
        compile_seconds = time.perf_counter() - started
    peak = _peak_rss_mib()
    if profiler:
        profiler.dump_stats(profile)

    package = AccessRequestPackage.objects.get(pk=package.pk)
    with package.letter.open("rb") as letter:
        letter_bytes = letter.read()
    return {
        "candidates": len(matches),
        "confirmed": len(confirmed),
        "records": sum(category["records"] for category in package.summary),
        "find_seconds": find_seconds,
        "find_statements": find_counter.count,
        "compile_seconds": compile_seconds,
        "compile_statements": compile_counter.count,
        **{f"{key}_seconds": seconds for key, seconds in timings.items()},
        "pages": len(PdfReader(BytesIO(letter_bytes)).pages),
        "pdf_bytes": len(letter_bytes),
        "zip_bytes": package.export.size,
        "baseline_mib": baseline,
        "find_peak_mib": find_peak,
        "peak_mib": peak,
    }


# The parent process: one database and two worker processes per size.


def _worker(env: dict, *args: str) -> dict:
    return worker_figures(__file__, list(args), env=env, step=f"worker {args[0]}")


@contextlib.contextmanager
def _fresh_database(database_url: str | None, folder: Path, name: str):
    """A database URL for one size: an SQLite file, or a PostgreSQL database made for it."""
    if not database_url:
        yield f"sqlite:///{folder / name}.sqlite3"
        return
    import psycopg
    from psycopg import sql
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    dbname = conninfo_to_dict(database_url).get("dbname")
    if not dbname or dbname in {"postgres", "template0", "template1"}:
        raise SystemExit("--database-url must name a new database, e.g. .../bench_tp")
    maintenance = make_conninfo(database_url, dbname="postgres")
    with psycopg.connect(maintenance, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(dbname)))
    try:
        yield database_url
    finally:
        with psycopg.connect(maintenance, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(dbname)))


def run_size(name: str, *, args, folder: Path) -> tuple[dict, dict]:
    media = folder / f"media-{name}"
    media.mkdir()
    with _fresh_database(args.database_url, folder, name) as database_url:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "webstrella.settings",
            "DATABASE_URL": database_url,
            "VAR_DIR": str(folder),
            "MEDIA_ROOT": str(media),
            "DEBUG": "0",
            "SECRET_KEY": SECRET_KEY,
        }
        setup = _worker(
            env,
            "--worker=setup",
            f"--sizes={name}",
            f"--background={args.background}",
            f"--seed={args.seed}",
        )
        profile = [f"--profile={args.profile / name}.prof"] if args.profile else []
        measured = _worker(
            env, "--worker=measure", f"--worker-request={setup['request']}", *profile
        )
    return setup, measured


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", nargs="+", choices=SIZES, default=DEFAULT_SIZES)
    parser.add_argument(
        "--background", type=int, default=5_000, help="demo contacts around the requester"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--database-url", help="postgres://... of a database to create (default: SQLite)"
    )
    parser.add_argument("--profile", type=Path, help="write cProfile files to this folder")
    parser.add_argument("--worker", choices=("setup", "measure"), help=argparse.SUPPRESS)
    parser.add_argument("--worker-request", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.worker == "setup":
        print(
            json.dumps(
                run_setup(size=SIZES[args.sizes[0]], background=args.background, seed=args.seed)
            )
        )
        return
    if args.worker == "measure":
        print(json.dumps(run_measure(request_pk=args.worker_request, profile=args.profile)))
        return

    import django

    database = "PostgreSQL" if args.database_url else "SQLite"
    print(
        f"access-request answer on {database}: Python {platform.python_version()}, "
        f"Django {django.__version__}, {os.cpu_count()} CPUs, "
        f"{args.background:,} background contacts, seed {args.seed}"
    )
    if args.profile:
        args.profile.mkdir(parents=True, exist_ok=True)
        print(f"profiling into {args.profile}: the times below include the profiler's cost")
    columns = (
        ("size", 8),
        ("orders", 7),
        ("lines", 7),
        ("emails", 7),
        ("events", 7),
        ("found", 7),
        ("records", 8),
        ("find s", 8),
        ("compile s", 10),
        ("build", 7),
        ("PDF", 7),
        ("ZIP", 7),
        ("SQL", 7),
        ("pages", 7),
        ("PDF MiB", 8),
        ("ZIP MiB", 8),
        ("base MiB", 9),
        ("peak MiB", 9),
    )
    print("".join(f"{title:>{width}}" for title, width in columns))
    with tempfile.TemporaryDirectory(prefix="bench-access-request-") as folder:
        for name in args.sizes:
            setup, result = run_size(name, args=args, folder=Path(folder))
            cells = (
                name,
                f"{setup['orders']:,}",
                f"{setup['lines']:,}",
                f"{setup['emails']:,}",
                f"{setup['events']:,}",
                f"{result['confirmed']}/{result['candidates']}",
                f"{result['records']:,}",
                f"{result['find_seconds']:.2f}",
                f"{result['compile_seconds']:.1f}",
                f"{result['build_seconds']:.1f}",
                f"{result['pdf_seconds']:.1f}",
                f"{result['zip_seconds']:.1f}",
                f"{result['compile_statements']:,}",
                f"{result['pages']:,}",
                _mib(result["pdf_bytes"]),
                _mib(result["zip_bytes"]),
                f"{result['baseline_mib']:.0f}",
                f"{result['peak_mib']:.0f}",
            )
            print(
                "".join(
                    f"{cell:>{width}}" for cell, (_title, width) in zip(cells, columns, strict=True)
                )
            )
            sys.stdout.flush()


if __name__ == "__main__":
    main()
