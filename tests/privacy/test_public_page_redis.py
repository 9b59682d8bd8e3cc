"""The public pages kept in Redis, as several app servers share them (CACHE_URL=redis://).

A Redis server of the test's own is started on a Unix socket, so nothing depends on, or is
left in, a Redis the machine runs for other purposes.
"""

import datetime
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
import redis
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.test.utils import override_settings

from privacy.description import rendered_pages
from privacy.visits.selectors import VisitCounts
from tests.privacy.test_public_page_cache import BROWSER, publish_new_version

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


@pytest.fixture(scope="module")
def redis_socket():
    if not Path(REDIS_SERVER).exists():
        pytest.fail("redis-server is missing: apt-get install redis-server")
    folder = Path(tempfile.mkdtemp(prefix="webstrella-redis-"))
    socket = folder / "redis.sock"
    server = subprocess.Popen(  # noqa: S603 - Debian's redis-server, fixed arguments
        [
            REDIS_SERVER,
            "--port",
            "0",
            "--unixsocket",
            str(socket),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(folder),
        ],
        stdout=subprocess.DEVNULL,
    )
    try:
        client = redis.Redis(unix_socket_path=str(socket))
        for _ in range(100):
            try:
                client.ping()
                break
            except (redis.ConnectionError, FileNotFoundError):
                time.sleep(0.05)
        else:
            pytest.fail("redis-server did not start")
        yield socket
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


def redis_cache_setting(socket: Path) -> dict:
    location = f"unix://{socket}"
    return {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": location}
    }


@pytest.fixture
def redis_cache(redis_socket, db, monkeypatch):
    """Django's cache in the test's Redis, emptied for each test; this process has read no
    counter yet, as a server that has just started."""
    redis.Redis(unix_socket_path=str(redis_socket)).flushall()
    monkeypatch.setattr(rendered_pages, "_last_counts", None)
    monkeypatch.setattr(rendered_pages, "_last_counts_shared_at", 0.0)
    with override_settings(CACHES=redis_cache_setting(redis_socket)):
        assert isinstance(caches["default"], RedisCache)
        yield redis_socket


def another_server(socket: Path) -> RedisCache:
    """A cache connection of its own, as another app server opens it."""
    setting = redis_cache_setting(socket)["default"]
    return RedisCache(setting["LOCATION"], {})


def test_a_page_rendered_by_one_server_is_served_by_another(client, redis_cache):
    client.defaults["HTTP_USER_AGENT"] = BROWSER
    first = client.get("/en/")
    assert first.templates, "rendered"
    keys = [key.decode() for key in redis.Redis(unix_socket_path=str(redis_cache)).scan_iter()]
    (page_key,) = [key for key in keys if ":public-page:" in key]

    # Django keeps "public-page:..." as ":1:public-page:...": prefix and version.
    kept = another_server(redis_cache).get(page_key.split(":", 2)[2])
    assert isinstance(kept, rendered_pages.RenderedPage)
    page = first.content.decode()
    assert "Visits: Today: 1 | Total: 62589" in page
    assert kept.with_counts(VisitCounts(today=7, total=62_595)) == page.replace(
        "Visits: Today: 1 | Total: 62589", "Visits: Today: 7 | Total: 62595"
    )

    second = client.get("/en/")
    assert not second.templates, "served as kept"


def test_a_publish_shows_at_once_although_redis_holds_the_older_page(client, redis_cache):
    client.defaults["HTTP_USER_AGENT"] = BROWSER
    assert "Uusi tarkoitus" not in client.get("/").content.decode()
    publish_new_version(effective_date=datetime.date(2024, 1, 1), purpose_fi="Uusi tarkoitus.")
    assert "Uusi tarkoitus." in client.get("/").content.decode()


def test_the_counter_last_read_is_shared_for_a_server_that_has_read_none(
    client, redis_cache, monkeypatch
):
    client.defaults["HTTP_USER_AGENT"] = BROWSER
    client.get("/")
    # A server started after it: nothing in its own memory, the counter from Redis.
    monkeypatch.setattr(rendered_pages, "_last_counts", None)
    assert rendered_pages.last_counts() == VisitCounts(today=1, total=62_589)
