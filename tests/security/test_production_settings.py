"""Production settings: `check --deploy` is clean and every response carries the headers."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.customers.factories import STAFF_PASSWORD

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "k7-Qx2vLr9Wm4Zt8Bn3Hc6Jd1Fg5Sa0Pe7Yu2Io9Kl4Mn8Bv3Cx6Za1Sd5Fg0Hj",
    "ALLOWED_HOSTS": "rekisteri.webstrella.fi",
    "DJANGO_SETTINGS_MODULE": "webstrella.settings",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # A clean environment: only what a production service would be given.
    environment = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    environment.update(PRODUCTION_ENV, **env)
    return subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_nothing_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_site_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = manage("check", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


@pytest.mark.parametrize("url", ["/", "/en/", "/yhteystiedot/", "/admin/login/"])
def test_pages_carry_the_security_headers(client, db, url):
    response = client.get(url)
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    directives = dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in csp.split(";") if part.strip()
    )
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "http" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_https_requests_get_hsts(client, db):
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.django_db
def test_the_admin_session_cookie_is_secure_httponly_and_ends_with_the_browser(client, superuser):
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": superuser.username, "password": STAFF_PASSWORD},
        secure=True,
    )
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["secure"] and cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert not cookie["expires"] and not cookie["max-age"], "a browser-session cookie"
    csrf = client.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"]
