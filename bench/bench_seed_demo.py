"""Time `seed_demo` on a fresh SQLite database.

    DEBUG=1 .venv/bin/python bench/bench_seed_demo.py [--sizes 1000 10000] [--seed 1]

Each run has its own process and its own freshly migrated database in a temporary folder,
so that one run's memory and caches do not colour the next. Only the seeding is timed, not
the migrations. Peak memory is the process's maximum resident set size, which includes
Django itself (the baseline column shows it just before seeding).

Two ways are timed: the command as `make run` uses it, with DEBUG on, and the generator
behind it, `demo_register_create` in webstrella/management/commands/seed_demo.py, with
DEBUG off. With DEBUG on, Django keeps the text of the last 9,000 SQL statements in memory,
which costs time and memory of its own.
"""

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
WAYS = {"command": "command, DEBUG on", "generator": "generator, DEBUG off"}
COUNTED_MODELS = (
    "customers.Contact",
    "customers.Customer",
    "customers.CustomerContact",
    "customers.SupportEmail",
    "customers.AnalyticsEvent",
    "orders.Product",
    "orders.Order",
    "orders.OrderLine",
)


def _setup_django(database: Path, *, debug: bool) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["DEBUG"] = "1" if debug else "0"
    # With DEBUG off the settings demand a secret key; this throw-away database needs none.
    os.environ.setdefault("SECRET_KEY", "bench-seed-demo-" + "x" * 40)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "webstrella.settings")
    sys.path.insert(0, str(PROJECT_DIR))
    import django

    django.setup()


def _peak_rss_mib() -> float:
    # ru_maxrss is in kibibytes on Linux and in bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def run_one(*, way: str, contacts: int, seed: int, database: Path) -> dict:
    """Migrate a new database, then time one seeding on it."""
    _setup_django(database, debug=way == "command")
    from django.apps import apps
    from django.core.management import call_command

    from webstrella.management.commands.seed_demo import demo_register_create

    call_command("migrate", verbosity=0, interactive=False)
    baseline = _peak_rss_mib()
    started = time.perf_counter()
    if way == "command":
        call_command("seed_demo", contacts=contacts, seed=seed, stdout=StringIO())
    else:
        demo_register_create(contacts=contacts, seed=seed)
    seconds = time.perf_counter() - started
    rows = sum(apps.get_model(label).objects.count() for label in COUNTED_MODELS)
    return {
        "rows": rows,
        "seconds": seconds,
        "baseline_mib": baseline,
        "peak_mib": _peak_rss_mib(),
    }


def _run_in_own_process(*, way: str, contacts: int, seed: int, database: Path) -> dict:
    completed = subprocess.run(  # noqa: S603 - runs this same script
        [
            sys.executable,
            __file__,
            f"--seed={seed}",
            f"--sizes={contacts}",
            f"--worker-way={way}",
            f"--worker-database={database}",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--worker-way", choices=WAYS, help=argparse.SUPPRESS)
    parser.add_argument("--worker-database", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.worker_way:
        result = run_one(
            way=args.worker_way,
            contacts=args.sizes[0],
            seed=args.seed,
            database=args.worker_database,
        )
        print(json.dumps(result))
        return

    import django

    print(
        f"seed_demo on SQLite: Python {platform.python_version()}, Django {django.__version__}, "
        f"{os.cpu_count()} CPUs, seed {args.seed}"
    )
    header = ("contacts", "rows", "seconds", "rows/s", "baseline MiB", "peak MiB")
    print(f"{'way':<22}" + "".join(f"{title:>14}" for title in header))
    with tempfile.TemporaryDirectory(prefix="bench-seed-demo-") as folder:
        for way, way_title in WAYS.items():
            for contacts in args.sizes:
                result = _run_in_own_process(
                    way=way,
                    contacts=contacts,
                    seed=args.seed,
                    database=Path(folder) / f"{way}-{contacts}.sqlite3",
                )
                cells = (
                    f"{contacts:,}",
                    f"{result['rows']:,}",
                    f"{result['seconds']:.1f}",
                    f"{result['rows'] / result['seconds']:,.0f}",
                    f"{result['baseline_mib']:.0f}",
                    f"{result['peak_mib']:.0f}",
                )
                print(f"{way_title:<22}" + "".join(f"{cell:>14}" for cell in cells))


if __name__ == "__main__":
    main()
