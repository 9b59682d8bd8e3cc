"""Run every benchmark from nothing and keep the figures in docs/benchmarks.md.

    .venv/bin/python bench/run_all.py [--sizes small large] [--keep] [--no-write]

What `make bench` runs (`make bench SIZES=small` for a quick run). On the local PostgreSQL
(`BENCH_DATABASE_URL`, default postgres://postgres@127.0.0.1:5432/) it creates a database
for each size of the register (named `BENCH_DATABASE_PREFIX` and the size, by default
bench_register_small and bench_register_large), fills it with bench/generate_register.py,
and measures:

1. the generator itself (rows and seconds);
2. the public page against a minimal view, on a fresh database of its own;
3. every admin changelist and change page at each size (bench/bench_admin.py);
4. an access request at each size (bench/bench_access_request_scale.py);
5. the earlier benchmarks: demo data, compiling answers of growing size, mail import.

All sizes are measured in the same run, one after the other, so that their ratios are
taken under the same load of the shared machine. Each table is printed as it is done; at
the end the section between the markers in docs/benchmarks.md is replaced by all of them,
with the machine they ran on. The databases are dropped at the end unless `--keep` is
given; with `--reuse`, a database of a size that exists already is measured as it is.
"""

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
BENCH = PROJECT_DIR / "bench"
DOCS = PROJECT_DIR / "docs" / "benchmarks.md"
BEGIN = "<!-- make bench: begin (written by bench/run_all.py; edits here are replaced) -->"
END = "<!-- make bench: end -->"
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/"
DATABASE_PREFIX = "bench_register_"

# The public page against a minimal Django view (its own script prints a Markdown section).
PUBLIC_PAGE_SCRIPT = BENCH / "bench_public_page.py"

# The earlier benchmarks, each printing its own table; run as they are.
EARLIER = [
    ("Demo data: `seed_demo`", ["bench_seed_demo.py"], {"DEBUG": "1"}),
    (
        "Compiling answers of growing size (SQLite, 200 background contacts)",
        ["bench_access_request_answer.py", "--sizes", "large", "huge", "--background", "200"],
        {},
    ),
    ("Mail import: `import_emails`", ["bench_mail_import.py"], {}),
]


def _run(args: list[str], env: dict | None = None) -> str:
    print(f"$ {' '.join(args)}", flush=True)
    completed = subprocess.run(  # noqa: S603 - runs this project's own scripts
        [sys.executable, *args],
        check=False,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=PROJECT_DIR,
    )
    if completed.returncode:
        sys.stderr.write(completed.stdout[-4000:] + completed.stderr[-8000:])
        raise SystemExit(f"{args[0]} failed with status {completed.returncode}")
    return completed.stdout


def _database_exists(server: str, name: str) -> bool:
    import psycopg

    with psycopg.connect(server + "postgres", autocommit=True) as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return found.fetchone() is not None


def machine(server: str) -> str:
    import django
    import psycopg

    with psycopg.connect(server + "postgres") as connection:
        version = connection.execute("SHOW server_version").fetchone()[0]
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(re.search(r"MemTotal:\s+(\d+)", meminfo.read_text()).group(1))
        memory = f", {kib / 1024 / 1024:.0f} GiB RAM"
    cpu = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        model = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = f" ({model.group(1).strip()})" if model else ""
    return (
        f"{os.cpu_count()} cores{cpu}{memory}, {platform.system()} {platform.release()}, "
        f"PostgreSQL {version}, Python {platform.python_version()}, Django {django.__version__}"
    )


def _load() -> str:
    return " / ".join(f"{value:.1f}" for value in os.getloadavg())


def generated_table(generated: dict[str, dict]) -> str:
    tables = ["contacts", "customers", "orders", "support_emails", "analytics_events"]
    titles = [
        "contacts",
        "customers + contact persons",
        "orders + lines",
        "support emails",
        "analytics events",
    ]
    lines = [
        "| size | " + " | ".join(titles) + " | rows | seconds | rows/s |",
        "|---" + "|---:" * (len(tables) + 3) + "|",
    ]
    for size, result in generated.items():
        if result.get("reused"):
            lines.append(f"| {size} | " + " | ".join("–" for _ in tables) + " | reused | – | – |")
            continue
        counts = result["counts"]
        total = sum(counts.values())
        lines.append(
            f"| {size} | "
            + " | ".join(f"{counts.get(t, 0):,}" for t in tables)
            + f" | {total:,} | {result['seconds']:.0f} | {total / result['seconds']:,.0f} |"
        )
    return "\n".join(lines)


def generate(size: str, url: str) -> dict:
    started = time.perf_counter()
    output = _run(["bench/generate_register.py", "--size", size, "--database-url", url])
    counts = {
        name: int(rows.replace(",", ""))
        for name, rows in re.findall(r"^\s+(\w+): ([\d,]+) rows", output, re.MULTILINE)
    }
    print(output, flush=True)
    return {"counts": counts, "seconds": time.perf_counter() - started}


def write_docs(section: str) -> None:
    text = DOCS.read_text() if DOCS.exists() else "# Benchmarks\n"
    block = f"{BEGIN}\n{section.strip()}\n{END}"
    if BEGIN in text and END in text:
        before, rest = text.split(BEGIN, 1)
        _old, after = rest.split(END, 1)
        text = before + block + after
    else:
        heading, _sep, rest = text.partition("\n")
        text = f"{heading}\n\n{block}\n{rest}"
    DOCS.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", default=["small", "large"])
    parser.add_argument("--keep", action="store_true", help="keep the databases afterwards")
    parser.add_argument("--reuse", action="store_true", help="measure existing databases")
    parser.add_argument("--no-write", action="store_true", help="leave docs/benchmarks.md")
    parser.add_argument("--skip-earlier", action="store_true", help="only the register sizes")
    args = parser.parse_args()
    server = os.environ.get("BENCH_DATABASE_URL", DEFAULT_SERVER)
    if not server.endswith("/"):
        server += "/"
    prefix = os.environ.get("BENCH_DATABASE_PREFIX", DATABASE_PREFIX)
    urls = {size: f"{server}{prefix}{size}" for size in args.sizes}
    started_at = datetime.now(UTC)
    sections = [
        f"Measured by `make bench` on {started_at:%Y-%m-%d}: {machine(server)}. "
        f"Load average (1/5/15 min) at the start: {_load()}. The machine is shared: "
        "compare the sizes by their ratio, measured side by side in this one run, more "
        "than by their absolute times."
    ]

    def section(title: str, body: str) -> None:
        text = f"### {title}\n\n{body.strip()}"
        print("\n" + text + "\n", flush=True)
        sections.append(text)

    try:
        generated = {}
        for size, url in urls.items():
            if args.reuse and _database_exists(server, prefix + size):
                generated[size] = {"reused": True}
                continue
            generated[size] = generate(size, url)
        section(
            "1. Generating the register (`bench/generate_register.py`)", generated_table(generated)
        )

        # The public page on a fresh database of its own, as a new site serves it: the page
        # reads only the published version and the counter, not the register's size.
        from generate_register import drop_database, recreate_database

        public_url = f"{server}{prefix}public"
        recreate_database(public_url)
        try:
            section(
                "2. The public page (`bench/bench_public_page.py`)",
                _run(
                    [str(PUBLIC_PAGE_SCRIPT.relative_to(PROJECT_DIR))], {"DATABASE_URL": public_url}
                ),
            )
        finally:
            drop_database(public_url)

        databases = [f"--database={size}={url}" for size, url in urls.items()]
        section(
            "3. Every admin changelist and change page (`bench/bench_admin.py`)",
            _run(["bench/bench_admin.py", *databases]),
        )
        section(
            "4. An access request (`bench/bench_access_request_scale.py`)",
            _run(["bench/bench_access_request_scale.py", *databases]),
        )
        if not args.skip_earlier:
            for title, script, env in EARLIER:
                output = _run([f"bench/{script[0]}", *script[1:]], env=env)
                section(title, f"```\n{output.strip()}\n```")
    finally:
        if not args.keep:
            from generate_register import drop_database

            for url in urls.values():
                drop_database(url)
    sections.append(f"Load average at the end: {_load()}.")
    if not args.no_write:
        write_docs("\n\n".join(sections))
        print(f"written to {DOCS.relative_to(PROJECT_DIR)}")
    print(json.dumps({"finished": datetime.now(UTC).isoformat()}))


if __name__ == "__main__":
    sys.path.insert(0, str(BENCH))
    main()
