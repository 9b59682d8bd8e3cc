"""Time importing a large customer-service mailbox, and watch its memory.

    .venv/bin/python bench/bench_mail_import.py [--messages 1000 10000] [--formats mbox maildir]
        [--database-url postgres://postgres@127.0.0.1:5432/bench_mail]

For each size a mailbox of that many messages is generated once, as an mbox file and as a
Maildir folder: plain-text questions, HTML-only newsletters with scripts and tracking
pixels, ISO-8859-1 mail without a declared charset, replies with In-Reply-To and
References, messages without a Message-ID, and one in ten with a 20 KB PDF attached. Each
import runs in a process of its own on a freshly migrated database holding 1,000 contacts,
whose addresses a third of the mail comes from. The process times the first import
(`customers.mail.services.mail_import_paths`, as `manage.py import_emails` runs it) and a
second import of the same mailbox, which must add nothing.

Peak memory is the maximum resident set size of the measuring process, Django included;
the baseline column shows it just before the first import.

SQLite by default: a database in a temporary folder. With `--database-url` pointing to
PostgreSQL, the named database is created for each run and dropped afterwards (it must not
exist beforehand).
"""

import argparse
import base64
import json
import mailbox
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = "bench-mail-import-" + "x" * 40  # a throw-away database needs no secret
CONTACTS = 1_000
SUPPORT = "asiakaspalvelu@webstrella.fi"
PDF = b"%PDF-1.4\n" + bytes(random.Random(1).randrange(256) for _ in range(20_000))
QUESTIONS = [
    "Hei, tilaukseni ei ole vielä saapunut. Voisitteko tarkistaa tilanteen?",
    "Laskussa on väärä osoite, korjaisitteko sen ennen eräpäivää?",
    "Verkkokaupan kassasivu antaa virheen, kun valitsen verkkopankin.",
    "Haluaisin päivittää sähköpostiosoitteeni ja puhelinnumeroni.",
]


def contact_address(number: int) -> str:
    return f"asiakas.{number}@example.fi"


def generate(count: int, seed: int = 1):
    """(bytes of each message) for a mailbox of `count` messages."""
    rng = random.Random(seed)
    start = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)
    for n in range(count):
        sent = start + timedelta(minutes=7 * n)
        date = sent.strftime("%a, %d %b %Y %H:%M:%S +0000")
        sender = (
            contact_address(rng.randrange(CONTACTS))
            if rng.random() < 0.33
            else f"tuntematon.{rng.randrange(count)}@example.net"
        )
        headers = [f"From: Asiakas {n} <{sender}>", f"To: {SUPPORT}", f"Date: {date}"]
        kind = n % 10
        if kind != 9:
            headers.append(f"Message-ID: <viesti-{n}@bench.example.fi>")
        if kind in (3, 4) and n > 10:
            parent = rng.randrange(n - 10, n)
            headers += [
                f"In-Reply-To: <viesti-{parent}@bench.example.fi>",
                f"References: <viesti-{parent}@bench.example.fi>",
            ]
        text = f"{rng.choice(QUESTIONS)}\n\nViesti {n}.\n"
        if kind == 5:
            html = (
                "<html><head><style>p{color:red}</style><script>track()</script></head>"
                f"<body><p>{text}</p><img src='https://t.example.net/p.gif?{n}'></body></html>"
            )
            body = base64.encodebytes(html.encode()).decode()
            headers += [
                "Subject: =?utf-8?q?Uutiskirje_p=C3=A4ivitys?=",
                "MIME-Version: 1.0",
                "Content-Type: text/html; charset=utf-8",
                "Content-Transfer-Encoding: base64",
            ]
            yield ("\n".join(headers) + "\n\n" + body).encode()
        elif kind == 6:
            headers.append("Subject: Kysymys laskusta")
            yield ("\n".join(headers) + "\n\n").encode() + text.encode("iso-8859-1")
        elif kind == 7:
            attachment = base64.encodebytes(PDF).decode()
            headers += [
                "Subject: Liite",
                "MIME-Version: 1.0",
                'Content-Type: multipart/mixed; boundary="raja"',
            ]
            yield (
                "\n".join(headers)
                + f"\n\n--raja\nContent-Type: text/plain; charset=utf-8\n\n{text}\n"
                + "--raja\nContent-Type: application/pdf\nContent-Disposition: attachment; "
                + f'filename="lasku-{n}.pdf"\nContent-Transfer-Encoding: base64\n\n'
                + attachment
                + "--raja--\n"
            ).encode()
        else:
            headers += [
                f"Subject: Asia {n}",
                "Content-Type: text/plain; charset=utf-8",
            ]
            yield ("\n".join(headers) + "\n\n" + text).encode()


def write_mailboxes(folder: Path, count: int) -> dict[str, Path]:
    paths = {"mbox": folder / f"{count}.mbox", "maildir": folder / f"{count}-Maildir"}
    box = mailbox.mbox(paths["mbox"], create=True)
    maildir = mailbox.Maildir(paths["maildir"], create=True)
    box.lock()
    for message in generate(count):
        box.add(message)
        maildir.add(message)
    box.flush()
    box.unlock()
    box.close()
    return paths


def peak_mib() -> float:
    # ru_maxrss is in kibibytes on Linux and in bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


def measure(path: Path) -> dict:
    """In the worker process: migrate, add the contacts, import twice."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from customers.mail.services import mail_import_paths
    from customers.models import Contact, SupportEmail, SupportEmailAttachment

    call_command("migrate", verbosity=0)
    Contact.objects.bulk_create(
        Contact(first_name="Asiakas", last_name=str(n), email=contact_address(n))
        for n in range(CONTACTS)
    )
    baseline = peak_mib()
    started = time.perf_counter()
    first = mail_import_paths([path])
    first_seconds = time.perf_counter() - started
    peak_after_first = peak_mib()
    started = time.perf_counter()
    second = mail_import_paths([path])
    second_seconds = time.perf_counter() - started
    return {
        "database": connection.vendor,
        "imported": first.imported,
        "unknown_senders": first.unknown_senders,
        "failed": first.failed,
        "first_seconds": first_seconds,
        "second_imported": second.imported,
        "second_duplicates": second.duplicates,
        "second_seconds": second_seconds,
        "rows": SupportEmail.objects.count(),
        "attachments": SupportEmailAttachment.objects.count(),
        "baseline_mib": baseline,
        "peak_first_mib": peak_after_first,
        "peak_mib": peak_mib(),
    }


def run_one(path: Path, database_url: str | None, folder: Path) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "webstrella.settings",
        "SECRET_KEY": SECRET_KEY,
        "DEBUG": "false",
        "VAR_DIR": str(folder),
        "MEDIA_ROOT": str(folder / "media"),
        "LOG_LEVEL": "WARNING",
    }
    pg = None
    if database_url:
        import psycopg

        pg = database_url.rsplit("/", 1)
        with psycopg.connect(f"{pg[0]}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{pg[1]}"')
        env["DATABASE_URL"] = database_url
    else:
        database = folder / f"bench-{time.monotonic_ns()}.sqlite3"
        env["DATABASE_URL"] = f"sqlite:///{database}"
    try:
        finished = subprocess.run(  # noqa: S603
            [sys.executable, __file__, "--worker-path", str(path)],
            env=env,
            cwd=PROJECT_DIR,
            capture_output=True,
            text=True,
            check=False,
        )
        if finished.returncode != 0:
            sys.exit(finished.stdout + finished.stderr)
        return json.loads(finished.stdout.strip().splitlines()[-1])
    finally:
        if pg:
            import psycopg

            with psycopg.connect(f"{pg[0]}/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{pg[1]}"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--messages", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--formats", nargs="+", choices=("mbox", "maildir"), default=["mbox"])
    parser.add_argument("--database-url")
    parser.add_argument("--worker-path", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, str(PROJECT_DIR))
    if args.worker_path:
        print(json.dumps(measure(args.worker_path)))
        return

    import sqlite3

    import django

    print(
        f"Python {platform.python_version()}, Django {django.get_version()}, "
        f"SQLite {sqlite3.sqlite_version}, {os.cpu_count()} cores"
    )
    print(
        "| database | format | messages | imported | first import s | messages/s "
        "| second import s | added again | baseline MiB | peak MiB |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="bench-mail-") as tmp:
        folder = Path(tmp)
        for count in args.messages:
            paths = write_mailboxes(folder, count)
            for kind in args.formats:
                result = run_one(paths[kind], args.database_url, folder)
                rate = result["imported"] / result["first_seconds"]
                print(
                    f"| {result['database']} | {kind} | {count:,} | {result['imported']:,} "
                    f"| {result['first_seconds']:.1f} | {rate:,.0f} "
                    f"| {result['second_seconds']:.1f} | {result['second_imported']} "
                    f"| {result['baseline_mib']:.0f} | {result['peak_mib']:.0f} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
