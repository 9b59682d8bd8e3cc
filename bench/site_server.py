"""Serving the site for the load benchmarks: a fresh database and gunicorn on loopback.

Shared by `load_public_pages.py` and `bench_public_page.py`, so both start the server with
the same production settings (DEBUG off) in the same way.
"""

import contextlib
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(
    workdir: Path, database_url: str | None, *, settings_module: str = "webstrella.settings"
) -> dict[str, str]:
    """Production settings for a server on loopback, with its files in `workdir`."""
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        VAR_DIR=str(workdir),
        STATIC_ROOT=str(workdir / "static"),
        DJANGO_SETTINGS_MODULE=settings_module,
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    else:
        env.pop("DATABASE_URL", None)
    return env


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


def counter_total(env: dict[str, str]) -> int:
    """The counter's total from the daily counts themselves, checked against the total shown."""
    summed, shown = manage(
        env,
        "shell",
        "-c",
        "from django.db.models import Sum; "
        "from privacy.models import VisitCounterSettings, VisitDay; "
        "from privacy.visits.selectors import visit_counts; "
        "days = VisitDay.objects.aggregate(n=Sum('count', default=0))['n']; "
        "print(days + VisitCounterSettings.objects.get().carried_over_total, "
        "visit_counts().total)",
    ).split()[-2:]
    if summed != shown:
        sys.exit(f"the counter shows a total of {shown}, but its days add up to {summed}")
    return int(summed)


@contextlib.contextmanager
def gunicorn(
    env: dict[str, str],
    port: int,
    *,
    workers: int,
    threads: int,
    access_log: str = "/dev/null",
) -> Iterator[subprocess.Popen]:
    """gunicorn serving the site on 127.0.0.1:`port` until the block ends.

    It reads gunicorn.conf.py as in production; the arguments override its values.
    """
    # The server's own log goes to a file: a pipe nobody reads would block it once full.
    with tempfile.TemporaryFile(mode="w+") as errors:
        yield from _serve(
            env, port, errors, workers=workers, threads=threads, access_log=access_log
        )


def _serve(
    env: dict[str, str], port: int, errors: IO[str], *, workers: int, threads: int, access_log: str
) -> Iterator[subprocess.Popen]:
    server = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "webstrella.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--access-logfile",
            access_log,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=errors,
    )
    try:
        listening = False
        for _ in range(100):
            if server.poll() is not None:
                break
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                listening = True
                break
            except OSError:
                time.sleep(0.1)
        if not listening:
            errors.seek(0)
            sys.exit("gunicorn did not start:\n" + errors.read())
        yield server
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
