"""Time every admin changelist and change page of a generated register, and count its queries.

    .venv/bin/python bench/bench_admin.py \
        --database small=postgres://postgres@127.0.0.1:5432/bench_register_small \
        --database large=postgres://postgres@127.0.0.1:5432/bench_register_large [--json FILE]

The databases are filled beforehand by bench/generate_register.py. For each database a
process of its own signs a superuser in through Django's test client (production settings,
DEBUG off, the second factor off) and, for every model of the admin, opens:

- the changelist in its default order;
- the changelist with a search that staff of the register make (`SEARCHES`);
- the changelist with a filter: the first choice of its first filter;
- the change page of the first row of the list.

The "SQL ms" column is the time of the page's queries together, the rest of a page's time
is Django rendering it: a search that shows 60 rows at the large size and one at the small
takes longer to render, whatever its queries cost.

Each page is requested once to warm the caches and then `--repeat` times (3); the median
time is kept. The queries are counted on one request. For every page that took longer than
`--explain-above` milliseconds (100) at any size, the plan of its slowest query is printed
(EXPLAIN ANALYZE). The table puts the sizes side by side with the ratio of their times.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

from worker_process import worker_figures

PROJECT_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = "bench-admin-" + "x" * 40  # a throw-away database needs no secret

# What staff look for in each list: a surname, an address, a number, a subject word.
SEARCHES = {
    "customers.contact": ["Virtanen", "anna.korhonen", "+35840123"],
    "customers.customer": ["A0000042", "Sähkö", "Virtanen"],
    "customers.supportemail": ["verkkotunnus", "anna.korhonen"],
    "customers.analyticsevent": ["/hinnasto/", "A0000042"],
    "orders.order": ["A0000042", "Virtanen"],
    "orders.product": ["Kotisivut"],
}
DEFAULT_SEARCH = "Virtanen"


def _setup_django(database_url: str) -> None:
    os.environ.update(
        DATABASE_URL=database_url,
        SECRET_KEY=SECRET_KEY,
        DEBUG="false",
        ADMIN_REQUIRE_OTP="false",
        SECURE_SSL_REDIRECT="false",
        ALLOWED_HOSTS="testserver",
        DJANGO_SETTINGS_MODULE="webstrella.settings",
    )
    sys.path.insert(0, str(PROJECT_DIR))
    import django

    django.setup()


def _pages(client) -> list[tuple[str, str, dict]]:
    """(model label, kind of page, url and query) of every page to measure."""
    from django.contrib import admin
    from django.urls import reverse

    pages = []
    for model, model_admin in admin.site._registry.items():
        label = model._meta.label_lower
        info = (model._meta.app_label, model._meta.model_name)
        changelist = reverse("admin:{}_{}_changelist".format(*info))
        pages.append((label, "list", changelist, {}))
        if model_admin.search_fields:
            for term in SEARCHES.get(label, [DEFAULT_SEARCH]):
                pages.append((label, f"search “{term}”", changelist, {"q": term}))
        response = client.get(changelist)
        context = response.context
        if context is None or "cl" not in context:
            continue
        cl = context["cl"]
        for spec in cl.filter_specs:
            choices = [c for c in spec.choices(cl) if not c.get("selected")]
            if choices:
                query = choices[0]["query_string"].lstrip("?")
                pages.append((label, f"filter {query}", changelist, _query_dict(query)))
                break
        if cl.result_list:
            first = cl.result_list[0]
            change = reverse("admin:{}_{}_change".format(*info), args=[first.pk])
            pages.append((label, "change page", change, {}))
    return pages


def _query_dict(query: str) -> dict:
    from urllib.parse import parse_qsl

    return dict(parse_qsl(query, keep_blank_values=True))


def run_measure(*, repeat: int, explain_above: float) -> list[dict]:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings, setup_test_environment

    setup_test_environment()
    # The manifest of hashed static files needs `collectstatic`; the pages' own work does not.
    override_settings(
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ).enable()
    user, _created = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    results = []
    for label, kind, url, query in _pages(client):
        response = client.get(url, query)
        if response.status_code != 200:
            results.append({"page": f"{label} {kind}", "status": response.status_code})
            continue
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            client.get(url, query)
            times.append(time.perf_counter() - started)
        with CaptureQueriesContext(connection) as captured:
            client.get(url, query)
        result = {
            "page": f"{label} {kind}",
            "status": 200,
            "ms": statistics.median(times) * 1000,
            "queries": len(captured.captured_queries),
            "query_ms": sum(float(q["time"]) for q in captured.captured_queries) * 1000,
        }
        slowest = max(captured.captured_queries, key=lambda q: float(q["time"]))
        result["slowest_ms"] = float(slowest["time"]) * 1000
        if result["ms"] > explain_above and slowest["sql"].lstrip().upper().startswith("SELECT"):
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + slowest["sql"])
                # Long lists of ids make lines of thousands of characters.
                result["plan"] = "\n".join(
                    row[0] if len(row[0]) <= 200 else row[0][:200] + " …"
                    for row in cursor.fetchall()
                )
                result["sql"] = slowest["sql"][:2000]
        results.append(result)
    return results


def _worker(database_url: str, args) -> list[dict]:
    return worker_figures(
        __file__,
        [
            "--worker",
            database_url,
            "--repeat",
            str(args.repeat),
            "--explain-above",
            str(args.explain_above),
        ],
        env={**os.environ, "DATABASE_URL": database_url},
        step=f"measuring {database_url}",
    )


def table(measured: dict[str, list[dict]]) -> str:
    """The Markdown table of the pages, the sizes side by side, and the plans of slow ones."""
    sizes = list(measured)
    by_page: dict[str, dict[str, dict]] = {}
    for size, results in measured.items():
        for result in results:
            by_page.setdefault(result["page"], {})[size] = result
    header = ["page"]
    for size in sizes:
        header += [f"{size} ms", f"{size} queries", f"{size} SQL ms"]
    if len(sizes) > 1:
        header.append(f"{sizes[-1]} / {sizes[0]}")
    lines = ["| " + " | ".join(header) + " |", "|---" + "|---:" * (len(header) - 1) + "|"]
    plans = []
    for page, per_size in by_page.items():
        row = [page]
        for size in sizes:
            result = per_size.get(size)
            if result is None or result["status"] != 200:
                row += [str(result["status"]) if result else "–", "–", "–"]
                continue
            row += [f"{result['ms']:.0f}", str(result["queries"]), f"{result['query_ms']:.0f}"]
            if "plan" in result:
                plans.append((page, size, result))
        if len(sizes) > 1:
            first, last = per_size.get(sizes[0]), per_size.get(sizes[-1])
            if first and last and first.get("ms") and last.get("ms"):
                row.append(f"{last['ms'] / first['ms']:.1f}×")
            else:
                row.append("–")
        lines.append("| " + " | ".join(row) + " |")
    out = "\n".join(lines)
    for page, size, result in plans:
        out += (
            f"\n\n{page} at {size}: {result['ms']:.0f} ms, slowest query "
            f"{result['slowest_ms']:.0f} ms:\n\n```\n{result['plan']}\n```"
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", action="append", default=[], help="SIZE=DATABASE_URL")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--explain-above", type=float, default=100.0)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        _setup_django(args.worker)
        results = run_measure(repeat=args.repeat, explain_above=args.explain_above)
        print(json.dumps(results))
        return
    if not args.database:
        parser.error("give at least one --database SIZE=URL")
    measured = {}
    for item in args.database:
        size, _sep, url = item.partition("=")
        measured[size] = _worker(url, args)
    if args.json:
        args.json.write_text(json.dumps(measured, indent=1))
    print(table(measured))


if __name__ == "__main__":
    main()
