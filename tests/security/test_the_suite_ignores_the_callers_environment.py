"""The suite tests production settings: a developer's exported DEBUG=1 (or a .env file)
must not turn them into development settings under the tests' feet."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# What a developer's shell might hold, each value the opposite of production's.
DEVELOPER_ENVIRONMENT = {
    "DEBUG": "1",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_HSTS_SECONDS": "0",
    "SESSION_COOKIE_AGE": "999999",
    "AXES_FAILURE_LIMIT": "1000",
    "AXES_COOLOFF_MINUTES": "1",
    "AXES_IPWARE_PROXY_COUNT": "3",
    "AXES_VERBOSE": "true",
    "USE_X_FORWARDED_PROTO": "true",
    "AUDIT_LOG_RETENTION_DAYS": "1",
    "LOG_LEVEL": "DEBUG",
}

PRINT_SETTINGS = """
import django
django.setup()
from django.conf import settings as s
print(repr((
    s.DEBUG, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_AGE,
    s.AXES_FAILURE_LIMIT, s.AXES_COOLOFF_TIME.total_seconds(), s.AXES_IPWARE_PROXY_COUNT,
    s.AXES_VERBOSE, s.SECURE_PROXY_SSL_HEADER, s.AUDIT_LOG_RETENTION_DAYS,
    s.LOGGING["root"]["level"], s.SESSION_COOKIE_SECURE,
)))
"""
PRODUCTION_VALUES = (False, False, 31536000, 28800, 5, 1800.0, None, False, None, 730, "INFO", True)


def suite_settings(**environment: str) -> tuple:
    env = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    env.update(environment, DJANGO_SETTINGS_MODULE="tests.settings")
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return eval(result.stdout)  # noqa: S307 - the repr of a tuple of plain values


def test_a_clean_environment_gives_the_production_values():
    assert suite_settings() == PRODUCTION_VALUES


def test_debug_and_other_settings_exported_by_the_developer_are_ignored():
    assert suite_settings(**DEVELOPER_ENVIRONMENT) == PRODUCTION_VALUES


def test_every_setting_of_env_example_is_fixed_for_the_suite_but_the_database():
    import tests.settings

    listed = set(re.findall(r"^([A-Z][A-Z0-9_]*)=", (ROOT / ".env.example").read_text(), re.M))
    django_settings = {name for name in listed if not name.startswith(("GUNICORN_", "FORWARDED_"))}
    fixed = set(tests.settings.SUITE_ENVIRONMENT)
    assert django_settings - fixed == {"DATABASE_URL"}
