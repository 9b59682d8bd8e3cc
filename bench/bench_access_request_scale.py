"""An access request in a register of a real size: finding a person's data, building the answer.

    .venv/bin/python bench/bench_access_request_scale.py \
        --database small=postgres://postgres@127.0.0.1:5432/bench_register_small \
        --database large=postgres://postgres@127.0.0.1:5432/bench_register_large

Each database is filled beforehand by bench/generate_register.py. Into each, the requester of
bench/bench_access_request_answer.py is added with its "huge" history (500 orders with about
1,000 lines, 1,000 support emails, 20,000 analytics events: about 22,500 records), and the
access request is logged from a signed letter and verified. A new process then finds the
data (every source of the inventory searched), confirms the requester's own candidates and
compiles the answer (letter, export, package), as that script's measuring step does. The
requester's data is the same at both sizes, so the ratio shows what the register's size
adds. The requester is removed again before and after (`--worker-cleanup`), so that a
kept database can be measured again.
"""

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from worker_process import run_worker, worker_figures

PROJECT_DIR = Path(__file__).resolve().parent.parent
ANSWER_BENCH = PROJECT_DIR / "bench" / "bench_access_request_answer.py"
SECRET_KEY = "bench-access-request-scale-" + "x" * 40  # a throw-away database needs no secret


def _worker(env: dict, *args: str) -> dict:
    return worker_figures(ANSWER_BENCH, list(args), env=env, step=f"worker {args[0]}")


def cleanup() -> int:
    """Remove the requester, the access request and its officer that `measure` added."""
    sys.path.insert(0, str(PROJECT_DIR / "bench"))
    sys.path.insert(0, str(PROJECT_DIR))
    import django

    django.setup()
    from bench_access_request_answer import CUSTOMER_NUMBER, REQUESTER
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from customers.models import AnalyticsEvent, Contact, Customer, SupportEmail
    from orders.models import Order
    from privacy.models import AccessRequest

    removed = 0
    with transaction.atomic():
        officers = get_user_model().objects.filter(username="tietosuoja")
        requests = AccessRequest.objects.filter(created_by__in=officers)
        # The package and the letter's scan are kept for good by the register's own code;
        # a benchmark's go.
        ids = list(requests.values_list("pk", flat=True))
        with connection.cursor() as cursor:
            for table in ("privacy_accessrequestpackage", "privacy_accessrequestscan"):
                cursor.execute(
                    f"DELETE FROM {table} WHERE access_request_id = ANY(%s)",  # noqa: S608
                    [ids],
                )
        removed += requests.delete()[0]
        contacts = Contact.objects.filter(email=REQUESTER["email"])
        customers = Customer.objects.filter(customer_number=CUSTOMER_NUMBER)
        removed += Order.objects.filter(customer__in=customers).delete()[0]
        removed += SupportEmail.objects.filter(contact__in=contacts).delete()[0]
        removed += AnalyticsEvent.objects.filter(contact__in=contacts).delete()[0]
        removed += customers.delete()[0] + contacts.delete()[0] + officers.delete()[0]
    return removed


def measure(database_url: str, folder: Path) -> dict:
    media = folder / "media"
    media.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "webstrella.settings",
        "DATABASE_URL": database_url,
        "VAR_DIR": str(folder),
        "MEDIA_ROOT": str(media),
        "DEBUG": "0",
        "SECRET_KEY": SECRET_KEY,
    }
    _cleanup(env)
    setup = _worker(env, "--worker=setup", "--sizes=huge", "--background=0")
    measured = _worker(env, "--worker=measure", f"--worker-request={setup['request']}")
    _cleanup(env)
    return {**setup, **measured}


def _cleanup(env: dict) -> None:
    run_worker(__file__, ["--worker-cleanup"], env=env, step="removing the requester")


ROWS = (
    ("candidates found / confirmed", lambda r: f"{r['candidates']} / {r['confirmed']}"),
    ("records in the answer", lambda r: f"{r['records']:,}"),
    ("finding the data, s", lambda r: f"{r['find_seconds']:.2f}"),
    ("finding: SQL statements", lambda r: f"{r['find_statements']}"),
    ("compiling the answer, s", lambda r: f"{r['compile_seconds']:.1f}"),
    ("– building it from the database, s", lambda r: f"{r['build_seconds']:.1f}"),
    ("– the letter (PDF), s", lambda r: f"{r['pdf_seconds']:.1f}"),
    ("– the export (ZIP), s", lambda r: f"{r['zip_seconds']:.1f}"),
    ("compiling: SQL statements", lambda r: f"{r['compile_statements']}"),
    ("letter pages", lambda r: f"{r['pages']}"),
    ("memory before the search, MiB", lambda r: f"{r['baseline_mib']:.0f}"),
    ("peak memory, MiB", lambda r: f"{r['peak_mib']:.0f}"),
)
RATIOS = {"finding the data, s": "find_seconds", "compiling the answer, s": "compile_seconds"}


def table(measured: dict[str, dict]) -> str:
    sizes = list(measured)
    header = ["", *sizes] + ([f"{sizes[-1]} / {sizes[0]}"] if len(sizes) > 1 else [])
    lines = ["| " + " | ".join(header) + " |", "|---" + "|---:" * (len(header) - 1) + "|"]
    for title, cell in ROWS:
        row = [title, *(cell(measured[size]) for size in sizes)]
        if len(sizes) > 1:
            key = RATIOS.get(title)
            first, last = measured[sizes[0]], measured[sizes[-1]]
            row.append(f"{last[key] / first[key]:.1f}×" if key else "")
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", action="append", default=[], help="SIZE=DATABASE_URL")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--worker-cleanup", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker_cleanup:
        print(json.dumps({"removed": cleanup()}))
        return
    if not args.database:
        parser.error("give at least one --database SIZE=URL")
    measured = {}
    with tempfile.TemporaryDirectory(prefix="bench-access-request-scale-") as folder:
        for item in args.database:
            size, _sep, url = item.partition("=")
            measured[size] = measure(url, Path(folder) / size)
    if args.json:
        args.json.write_text(json.dumps(measured, indent=1))
    print(table(measured))


if __name__ == "__main__":
    main()
