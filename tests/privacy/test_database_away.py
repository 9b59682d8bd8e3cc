"""While the database is unreachable: public pages from the kept copies, 503 for the rest.

The live test starts a PostgreSQL server of its own and gunicorn with the production
settings against it, then stops the database under the running site and starts it again.
"""

import http.client
import logging
import os
import re
import secrets
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
import pytest
from django.db import IntegrityError, InterfaceError, OperationalError
from django.test import Client

from tests.privacy.own_postgres import OwnPostgres, server_binaries
from tests.privacy.test_public_pages import parse_strictly
from webstrella.database import database_unreachable

ROOT = Path(__file__).resolve().parents[2]
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"


def text_of(element) -> str:
    return " ".join("".join(element.itertext()).split())


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def refused_connection() -> OperationalError:
    """What Django raises when nothing listens where the database should be."""
    try:
        psycopg.connect(host="127.0.0.1", port=_free_port(), user="x", connect_timeout=2)
    except psycopg.OperationalError as exc:
        try:
            raise OperationalError(str(exc)) from exc
        except OperationalError as wrapped:
            return wrapped
    raise AssertionError("a closed port accepted a connection")


def wrapped(driver_error: Exception, django_class=OperationalError) -> Exception:
    try:
        raise django_class(str(driver_error)) from driver_error
    except django_class as exc:
        return exc


def test_a_refused_or_dropped_connection_means_the_database_is_unreachable():
    assert database_unreachable(refused_connection())
    assert database_unreachable(wrapped(psycopg.errors.AdminShutdown("shutting down")))
    assert database_unreachable(wrapped(psycopg.errors.CannotConnectNow("starting up")))
    assert database_unreachable(InterfaceError("connection already closed"))
    with (
        tempfile.TemporaryDirectory() as folder,
        pytest.raises(sqlite3.OperationalError) as cannot_open,
    ):
        sqlite3.connect(os.path.join(folder, "missing", "db.sqlite3"))
    assert database_unreachable(wrapped(cannot_open.value))


def test_other_database_errors_are_not_taken_for_an_unreachable_database():
    assert not database_unreachable(wrapped(psycopg.errors.DeadlockDetected("deadlock")))
    assert not database_unreachable(wrapped(psycopg.errors.QueryCanceled("statement timeout")))
    assert not database_unreachable(
        wrapped(psycopg.errors.UniqueViolation("duplicate"), IntegrityError)
    )
    assert not database_unreachable(RuntimeError("not a database error"))
    assert not database_unreachable(None)


@pytest.mark.urls("tests.privacy.broken_page_urls")
@pytest.mark.parametrize(
    ("url", "language", "heading"),
    [
        ("/tietokanta-poissa/", "fi", "Palvelu on hetken poissa käytöstä"),
        ("/en/database-away/", "en", "Service briefly unavailable"),
    ],
)
def test_a_page_that_cannot_reach_the_database_answers_503_in_the_sites_layout(
    url, language, heading, caplog
):
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.CRITICAL, logger="django.request"):
        response = client.get(url)
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert response["Content-Language"] == language
    document = parse_strictly(response.content.decode())
    assert document.get("lang") == language
    assert text_of(document.find(".//h1")) == heading
    assert document.find(".//header[@class='site-header']") is not None


@pytest.mark.urls("tests.privacy.broken_page_urls")
def test_a_failing_query_is_still_a_server_error(caplog):
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.CRITICAL, logger="django.request"):
        response = client.get("/umpikuja/")
    assert response.status_code == 500
    assert not response.has_header("Retry-After")


# The live test: a database of its own, stopped under gunicorn.


class Site:
    """gunicorn with production settings (DEBUG off) on loopback, one sync worker."""

    def __init__(self, database_url: str, folder: Path) -> None:
        self.port = _free_port()
        self.env = {
            **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
            "DJANGO_SETTINGS_MODULE": "webstrella.settings",
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "ADMIN_REQUIRE_OTP": "false",
            "DATABASE_URL": database_url,
            "DATABASE_CONN_MAX_AGE": "60",
            "DATABASE_CONNECT_TIMEOUT": "2",
            "CACHE_URL": "locmemcache://",
            "VAR_DIR": str(folder / "var"),
            "MEDIA_ROOT": str(folder / "media"),
            "STATIC_ROOT": str(folder / "static"),
        }
        self.server: subprocess.Popen | None = None
        self.log = folder / "gunicorn.log"

    def manage(self, *args: str) -> str:
        result = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    def start(self) -> None:
        with self.log.open("w") as log:
            self.server = subprocess.Popen(  # noqa: S603
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "webstrella.wsgi",
                    "--bind",
                    f"127.0.0.1:{self.port}",
                    "--workers",
                    "1",
                    "--threads",
                    "1",
                    "--access-logfile",
                    "/dev/null",
                ],
                cwd=ROOT,
                env=self.env,
                stdout=subprocess.DEVNULL,
                stderr=log,
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert self.server.poll() is None, self.log.read_text()
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.1)
        raise AssertionError("gunicorn did not start: " + self.log.read_text())

    def stop(self) -> None:
        if self.server is not None and self.server.poll() is None:
            self.server.terminate()
            try:
                self.server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.server.kill()
                self.server.wait()

    def request(self, method: str, path: str, *, body: str = "", headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(
                method, path, body=body or None, headers={"User-Agent": BROWSER, **(headers or {})}
            )
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read().decode()
        finally:
            connection.close()


@pytest.fixture
def own_database():
    binaries = server_binaries()
    if binaries is None:
        pytest.skip(
            "PostgreSQL's server binaries (initdb, pg_ctl) are not installed: "
            "apt-get install postgresql"
        )
    if os.geteuid() == 0:
        try:
            import pwd

            pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root, and there is no postgres account to run PostgreSQL as")
    database = OwnPostgres(binaries)
    try:
        database.start()
        yield database
    finally:
        database.remove()


@pytest.fixture
def live_site(own_database):
    with tempfile.TemporaryDirectory(prefix="webstrella-database-away-") as folder:
        site = Site(own_database.url, Path(folder))
        site.manage("migrate", "--noinput", "-v0")
        site.manage("collectstatic", "--noinput", "-v0")
        try:
            site.start()
            yield site
        finally:
            site.stop()


def staff_session(site: Site) -> str:
    """A signed-in superuser's session cookie, made as a sign-in would make it."""
    return site.manage(
        "shell",
        "-c",
        "from django.contrib.auth.models import User; from django.test import Client; "
        "user = User.objects.create_superuser('paivi.yllapito', password=None); "
        "client = Client(); client.force_login(user); "
        "print(client.cookies['sessionid'].value)",
    ).split()[-1]


def counter_line(page: str) -> str:
    return re.search(r'<p class="visit-counter">(.*?)</p>', page).group(1)


def views_counted(database: OwnPostgres) -> int:
    with psycopg.connect(database.url.replace("postgres://", "postgresql://")) as connection:
        return connection.execute('SELECT SUM("count") FROM privacy_visitday').fetchone()[0]


def test_the_site_while_its_database_is_stopped_and_started_again(own_database, live_site):
    site = live_site
    cookie = {"Cookie": f"sessionid={staff_session(site)}"}
    assert site.request("GET", "/admin/", headers=cookie)[0] == 200
    login_status, login_headers, login_page = site.request("GET", "/admin/login/")
    assert login_status == 200
    csrf_cookie = re.search(r"csrftoken=([^;]+)", login_headers["Set-Cookie"]).group(1)
    csrf_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page).group(1)
    for path in ("/", "/", "/en/"):
        assert site.request("GET", path)[0] == 200
    assert views_counted(own_database) == 3

    own_database.stop()

    # The public pages come from the kept copies, with the counter as last read.
    for path, counter in [
        ("/", "Vierailuja: Tänään: 3 | Yhteensä: 62591"),
        ("/en/", "Visits: Today: 3 | Total: 62591"),
        ("/", "Vierailuja: Tänään: 3 | Yhteensä: 62591"),
    ]:
        status, _headers, page = site.request("GET", path)
        assert status == 200, page
        assert counter_line(page) == counter
        assert "Rekisteriseloste" in page or "Register description" in page

    # Everything else says, in the site's layout, to come back later.
    for method, path, body, headers, language in [
        ("GET", "/admin/", "", cookie, "fi"),
        (
            "POST",
            "/admin/login/",
            f"csrfmiddlewaretoken={csrf_token}&username=paivi.yllapito&password=salasana",
            {
                "Cookie": f"csrftoken={csrf_cookie}",
                "Content-Type": "application/x-www-form-urlencoded",
            },
            "fi",
        ),
        ("GET", "/en/contact/", "", {}, "en"),
    ]:
        status, response_headers, page = site.request(method, path, body=body, headers=headers)
        assert status == 503, (method, path, page)
        assert int(response_headers["Retry-After"]) > 0
        document = parse_strictly(page)
        assert document.get("lang") == language
        assert document.find(".//header[@class='site-header']") is not None
        assert text_of(document.find(".//h1")) in {
            "Palvelu on hetken poissa käytöstä",
            "Service briefly unavailable",
        }

    own_database.start()

    # Counting resumes; the views while the database was away went uncounted.
    status, _headers, page = site.request("GET", "/")
    assert status == 200
    assert counter_line(page) == "Vierailuja: Tänään: 4 | Yhteensä: 62592"
    assert views_counted(own_database) == 4
    assert site.request("GET", "/admin/", headers=cookie)[0] == 200
