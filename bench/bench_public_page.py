"""Benchmark: the public page against a minimal Django view, on the same server in one run.

    python bench/bench_public_page.py                    # SQLite in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python bench/bench_public_page.py
    python bench/bench_public_page.py --output var/public-page.md

Migrates the database, starts gunicorn with production settings (DEBUG off) and the
bench-only URLs of bench/page_urls.py, which add a view returning a fixed 16 KB page. wrk,
Debian's HTTP load generator, then drives the minimal view and the register description
(`/`) in turn with the same connections and a browser's User-Agent, so every view of the
description is a visit to count.

Prints a Markdown section: requests per second and latency percentiles of both, their
ratio, and the visit-counter check. It fails (exit 1) unless no request failed and the
counter grew by exactly the number of views of the description that the server answered,
as its access log lists them (wrk stops with requests in flight that the server still
answers and counts).
"""

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from site_server import BROWSER, counter_total, environment, free_port, gunicorn, manage

MINIMAL_URL, PAGE_URL = "/bench/minimal/", "/"
WRK = shutil.which("wrk")
TARGET_RATIO = 0.7


@dataclass
class WrkResult:
    requests: int
    seconds: float
    per_second: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    non_2xx: int
    socket_errors: int


def _milliseconds(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def parse_wrk(output: str) -> WrkResult:
    percentiles = {
        p: _milliseconds(v) for p, v in re.findall(r"^\s+(50|90|99)%\s+(\S+)\s*$", output, re.M)
    }
    done = re.search(r"(\d+) requests in ([\d.]+)(m?s)", output)
    seconds = float(done.group(2)) * (0.001 if done.group(3) == "ms" else 1)
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return WrkResult(
        requests=int(done.group(1)),
        seconds=seconds,
        per_second=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50_ms=percentiles["50"],
        p90_ms=percentiles["90"],
        p99_ms=percentiles["99"],
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=sum(int(n) for n in errors.groups()) if errors else 0,
    )


def wrk(port: int, path: str, *, duration: float, connections: int, threads: int) -> WrkResult:
    result = subprocess.run(  # noqa: S603
        [
            WRK,
            f"--threads={threads}",
            f"--connections={connections}",
            f"--duration={max(1, round(duration))}s",
            "--timeout=10s",
            "--latency",
            f"--header=User-Agent: {BROWSER}",
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    try:
        return parse_wrk(result.stdout)
    except (AttributeError, KeyError):
        sys.exit(f"wrk's output could not be read:\n{result.stdout}{result.stderr}")


def answered(access_log: Path, offset: int, path: str) -> tuple[int, int]:
    """Requests for `path` in the access log after `offset`: (answered 200, answered otherwise)."""
    with access_log.open() as log:
        log.seek(offset)
        statuses = re.findall(rf'"GET {re.escape(path)} HTTP/[\d.]+" (\d+)', log.read())
    ok = statuses.count("200")
    return ok, len(statuses) - ok


def settle(access_log: Path) -> None:
    """Wait until the server has answered what wrk left in flight: the log stops growing."""
    size, still_since = -1, time.monotonic()
    while time.monotonic() - still_since < 2:
        time.sleep(0.25)
        current = access_log.stat().st_size if access_log.exists() else 0
        if current != size:
            size, still_since = current, time.monotonic()


def machine() -> str:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.M)
        model = found.group(1).strip() if found else ""
    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    return (
        f"{os.cpu_count()} cores{f' ({model})' if model else ''}, Python "
        f"{platform.python_version()}, load average {load} at the start"
    )


def database_description(env: dict[str, str]) -> str:
    return manage(
        env,
        "shell",
        "-c",
        "from django.db import connection as c; import django; "
        "v = c.Database.sqlite_version if c.vendor == 'sqlite' else "
        "'.'.join(str(c.pg_version // k % 100) for k in (10000, 1)); "
        "print(f'{c.display_name} {v}, Django {django.get_version()}')",
    ).splitlines()[-1]


def markdown(
    *,
    database: str,
    minimal: WrkResult,
    page: WrkResult,
    counter_growth: int,
    page_answered: int,
    args: argparse.Namespace,
) -> str:
    ratio = page.per_second / minimal.per_second if minimal.per_second else 0.0
    exact = "exact" if counter_growth == page_answered else "NOT exact"
    lines = [
        f"### The public page against a minimal view: {database}",
        "",
        "| view | requests | requests/s | p50 ms | p90 ms | p99 ms | errors |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, result in (("minimal view (16 KB)", minimal), ("register description `/`", page)):
        lines.append(
            f"| {name} | {result.requests:,} | {result.per_second:,.0f} | {result.p50_ms:.1f} "
            f"| {result.p90_ms:.1f} | {result.p99_ms:.1f} "
            f"| {result.non_2xx + result.socket_errors} |"
        )
    lines += [
        "",
        f"Ratio: the public page runs at **{ratio:.2f}×** the minimal view's throughput "
        f"(target {TARGET_RATIO}×).",
        f"Visit counter: grew by {counter_growth:,}; the server answered {page_answered:,} "
        f"views of `/` with 200 ({exact}).",
        "",
        f"Settings: gunicorn {args.workers} sync workers, wrk {args.threads} threads "
        f"{args.connections} connections {args.duration:g} s per view after "
        f"{args.warmup:g} s of warm-up, production settings (DEBUG off), {database}. "
        f"Machine: {machine()}; wrk and the server share the cores.",
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=15.0, help="seconds of load per view")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds of warm-up per view")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--output", type=Path, help="also write the Markdown section here")
    args = parser.parse_args()
    if args.duration < 1 or args.warmup < 1 or args.connections < 1 or args.workers < 1:
        parser.error("durations must be at least 1 s, connections and workers at least 1")
    if args.threads > args.connections:
        parser.error("wrk needs at least as many connections as threads")
    if WRK is None:
        sys.exit("wrk is not installed: apt-get install wrk")

    workdir = Path(tempfile.mkdtemp(prefix="webstrella-bench-page-"))
    try:
        env = environment(
            workdir, os.environ.get("DATABASE_URL"), settings_module="bench.page_settings"
        )
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "collectstatic", "--noinput", "-v0")
        database = database_description(env)
        access_log = workdir / "access.log"
        port = free_port()
        load = {"duration": args.duration, "connections": args.connections}
        with gunicorn(
            env, port, workers=args.workers, threads=1, access_log=str(access_log)
        ) as server:
            for path in (MINIMAL_URL, PAGE_URL):
                wrk(port, path, **{**load, "duration": args.warmup}, threads=args.threads)
            settle(access_log)
            before = counter_total(env)
            offset = access_log.stat().st_size
            minimal = wrk(port, MINIMAL_URL, **load, threads=args.threads)
            page = wrk(port, PAGE_URL, **load, threads=args.threads)
            settle(access_log)
            page_ok, page_failed = answered(access_log, offset, PAGE_URL)
            if server.poll() is not None:
                sys.exit("gunicorn stopped during the benchmark")
        after = counter_total(env)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    report = markdown(
        database=database,
        minimal=minimal,
        page=page,
        counter_growth=after - before,
        page_answered=page_ok,
        args=args,
    )
    print(report)
    if args.output:
        args.output.write_text(report)

    failures = []
    errors = minimal.non_2xx + minimal.socket_errors + page.non_2xx + page.socket_errors
    if errors or page_failed:
        failures.append(f"{errors} failed requests in wrk, {page_failed} non-200 in the log")
    if after - before != page_ok:
        failures.append(f"counter grew by {after - before}, the server answered {page_ok}")
    if failures:
        print("FAILED: " + "; ".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
