"""Load test: many concurrent visitors and a password guesser against gunicorn on loopback.

    make load                     # SQLite, 20 s, 32 clients
    make load DURATION=60 CLIENTS=64 DATABASE_URL=postgres://postgres@127.0.0.1:5432/x

Serves the site with production settings (DEBUG off) from a fresh database, then for a
bounded time drives the public pages and the admin login page. It prints throughput and
latency, and fails (exit 1) unless: no request failed, the visit counter grew by exactly
the number of counted page views, and the guessed account stayed locked after the limit
even for the right password.
"""

import argparse
import http.client
import os
import re
import secrets
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from site_server import BROWSER, counter_total, environment, free_port, gunicorn, manage

PAGES = ["/", "/en/", "/yhteystiedot/", "/en/contact/", "/tarkastuspyynto/"]
GUESSED_USER, REAL_PASSWORD = "load.victim", "Oikea-Salasana-2026"


class Visitor(threading.Thread):
    def __init__(self, port: int, deadline: float) -> None:
        super().__init__(daemon=True)
        self.port, self.deadline = port, deadline
        self.latencies: list[float] = []
        self.counted = 0
        self.errors: list[str] = []

    def run(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        number = 0
        while time.monotonic() < self.deadline:
            path = PAGES[number % len(PAGES)]
            number += 1
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers={"User-Agent": BROWSER})
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException) as exc:
                self.errors.append(f"{path}: {exc!r}")
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                continue
            self.latencies.append(time.perf_counter() - started)
            if response.status == 200:
                self.counted += 1
            else:
                self.errors.append(f"{path}: HTTP {response.status}")
        connection.close()


def login(port: int, username: str, password: str) -> int:
    """Post the real admin login form; returns the status code."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/admin/login/", headers={"User-Agent": BROWSER})
    response = connection.getresponse()
    page = response.read().decode()
    cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "").group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": username, "password": password}
    )
    connection.request(
        "POST",
        "/admin/login/",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookie}",
            "User-Agent": BROWSER,
        },
    )
    status = connection.getresponse().status
    connection.close()
    return status


def guess_passwords(port: int, deadline: float, outcome: dict) -> None:
    statuses = []
    while time.monotonic() < deadline:
        statuses.append(login(port, GUESSED_USER, secrets.token_hex(8)))
    outcome["guesses"] = statuses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of load")
    parser.add_argument("--clients", type=int, default=32, help="concurrent visitors")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker")
    args = parser.parse_args()
    if args.duration <= 0 or args.clients < 1:
        parser.error("duration must be positive and clients at least 1")

    workdir = Path(tempfile.mkdtemp(prefix="webstrella-load-"))
    env = environment(workdir, os.environ.get("DATABASE_URL"))
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(
        env,
        "shell",
        "-c",
        "from django.contrib.auth.models import User; "
        f"User.objects.filter(username='{GUESSED_USER}').delete(); "
        f"User.objects.create_user('{GUESSED_USER}', password='{REAL_PASSWORD}', is_staff=True)",
    )
    before = counter_total(env)

    port = free_port()
    with gunicorn(env, port, workers=args.workers, threads=args.threads):
        deadline = time.monotonic() + args.duration
        visitors = [Visitor(port, deadline) for _ in range(args.clients)]
        outcome: dict = {}
        guesser = threading.Thread(target=guess_passwords, args=(port, deadline, outcome))
        started = time.perf_counter()
        for visitor in visitors:
            visitor.start()
        guesser.start()
        for visitor in visitors:
            visitor.join()
        guesser.join()
        elapsed = time.perf_counter() - started
        right_password_status = login(port, GUESSED_USER, REAL_PASSWORD)

    after = counter_total(env)
    latencies = sorted(t for v in visitors for t in v.latencies)
    counted = sum(v.counted for v in visitors)
    errors = [e for v in visitors for e in v.errors]
    guesses = outcome.get("guesses", [])
    quantiles = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0] * 99

    database = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite"
    print(f"database            {database}")
    print(f"gunicorn            {args.workers} workers x {args.threads} threads")
    print(f"clients, duration   {args.clients} visitors + 1 password guesser, {elapsed:.1f} s")
    print(f"page views          {len(latencies)} ({len(latencies) / elapsed:.0f}/s)")
    print(
        "latency ms          "
        f"p50 {quantiles[49] * 1000:.1f}  p95 {quantiles[94] * 1000:.1f}  "
        f"p99 {quantiles[98] * 1000:.1f}  max {latencies[-1] * 1000 if latencies else 0:.1f}"
    )
    print(f"errors              {len(errors)}")
    print(f"counter grew by     {after - before} (views answered 200: {counted})")
    print(
        f"login guesses       {len(guesses)}: {guesses.count(200)} refused with the form, "
        f"{guesses.count(429)} locked out"
    )
    print(f"right password      HTTP {right_password_status} after the lockout")

    failures = []
    if errors:
        failures.append(f"{len(errors)} failed requests, e.g. {errors[:3]}")
    if after - before != counted:
        failures.append(f"counter grew by {after - before}, expected {counted}")
    # The limit is five failures: four are refused by the form, the fifth locks the account.
    if guesses[:4].count(200) != min(4, len(guesses)) or any(s != 429 for s in guesses[4:]):
        failures.append(f"lockout did not hold: {guesses[:10]}")
    if right_password_status != 429:
        failures.append("the right password got in during the lockout")
    shutil.rmtree(workdir, ignore_errors=True)
    if failures:
        print("FAILED: " + "; ".join(failures))
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
