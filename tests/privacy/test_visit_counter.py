import datetime
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from privacy.models import VisitCounterSettings, VisitDay
from privacy.visits.selectors import visit_counts

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"
HELSINKI = ZoneInfo("Europe/Helsinki")


def views_today() -> int:
    return visit_counts().today


@pytest.fixture
def browser_client(client, db):
    client.defaults["HTTP_USER_AGENT"] = BROWSER
    return client


def test_the_total_starts_from_the_old_sites_count(db):
    assert VisitCounterSettings.objects.get().carried_over_total == 62588
    assert visit_counts().total == 62588


def test_every_public_page_counts_and_shows_the_counter(browser_client):
    for number, url in enumerate(
        ["/", "/en/", "/yhteystiedot/", "/en/contact/", "/tarkastuspyynto/"], start=1
    ):
        page = browser_client.get(url).content.decode()
        assert views_today() == number
        if url.startswith("/en/"):
            assert f"Visits: Today: {number} | Total: {62588 + number}" in page
        else:
            assert f"Vierailuja: Tänään: {number} | Yhteensä: {62588 + number}" in page


def test_head_requests_and_bots_are_not_counted(client, db):
    client.head("/", HTTP_USER_AGENT=BROWSER)
    client.get("/", HTTP_USER_AGENT="Googlebot/2.1 (+http://www.google.com/bot.html)")
    client.get("/", HTTP_USER_AGENT="curl/8.5.0")
    client.get("/")  # no User-Agent at all
    assert views_today() == 0
    client.get("/", HTTP_USER_AGENT=BROWSER)
    assert views_today() == 1


def test_nothing_about_the_visitor_is_stored_or_set(browser_client):
    response = browser_client.get("/", REMOTE_ADDR="203.0.113.7")
    assert not response.cookies
    row = VisitDay.objects.get()
    assert {f.name for f in VisitDay._meta.fields} == {"id", "date", "count"}
    assert "203.0.113.7" not in str(row.__dict__)


def test_today_follows_the_helsinki_date(browser_client):
    # 23:30 UTC on 24 November is already 25 November in Helsinki.
    with time_machine.travel(datetime.datetime(2026, 11, 24, 23, 30, tzinfo=datetime.UTC)):
        browser_client.get("/")
    assert VisitDay.objects.get().date == datetime.date(2026, 11, 25)
    with time_machine.travel(datetime.datetime(2026, 11, 25, 21, 0, tzinfo=datetime.UTC)):
        # 23:00 in Helsinki, still the same day: today counts both views.
        browser_client.get("/")
        assert visit_counts().today == 2
    with time_machine.travel(datetime.datetime(2026, 11, 25, 22, 30, tzinfo=datetime.UTC)):
        browser_client.get("/")
        assert visit_counts().today == 1
        assert visit_counts().total == 62588 + 3


def test_a_counted_view_is_one_statement_without_a_read_first(browser_client):
    browser_client.get("/")  # first view of the day creates the row
    with CaptureQueriesContext(connection) as queries:
        browser_client.get("/")
    writes = [q["sql"] for q in queries if "privacy_visitday" in q["sql"] and "INSERT" in q["sql"]]
    assert len(writes) == 1
    assert "ON CONFLICT" in writes[0]
    assert not any(
        q["sql"].lstrip().upper().startswith("UPDATE") and "privacy_visitday" in q["sql"]
        for q in queries
    )


def test_the_front_page_needs_a_fixed_number_of_queries(
    browser_client, django_assert_max_num_queries
):
    browser_client.get("/")
    # PostgreSQL: one statement. SQLite: the same in one transaction (savepoints included).
    with django_assert_max_num_queries(1 if connection.vendor == "postgresql" else 7):
        assert browser_client.get("/").status_code == 200


def test_the_carried_over_total_is_set_in_the_admin(admin_client):
    response = admin_client.post(
        "/admin/privacy/visitcountersettings/1/change/", {"carried_over_total": "70000"}
    )
    assert response.status_code == 302
    assert visit_counts().total == 70000
    bad = admin_client.post(
        "/admin/privacy/visitcountersettings/1/change/", {"carried_over_total": "-5"}
    )
    assert bad.status_code == 200
    assert visit_counts().total == 70000


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_views_add_exactly_their_number(live_server):
    requests = 60

    def view(_):
        url = live_server.url + "/"
        request = urllib.request.Request(url, headers={"User-Agent": BROWSER})  # noqa: S310
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status

    with ThreadPoolExecutor(max_workers=12) as pool:
        statuses = list(pool.map(view, range(requests)))

    assert statuses == [200] * requests
    assert sum(VisitDay.objects.values_list("count", flat=True)) == requests


# What automated browsers put in their User-Agent: headless Chrome, PageSpeed's and
# Chrome DevTools' Lighthouse, WebPageTest (PTST), GTmetrix and PhantomJS.
AUTOMATED_BROWSERS = {
    "headless-chrome": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "HeadlessChrome/126.0.0.0 Safari/537.36",
    "pagespeed-lighthouse": "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) "
    "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36 "
    "Chrome-Lighthouse",
    "devtools-lighthouse": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Lighthouse",
    "webpagetest": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 PTST/240801.140124",
    "gtmetrix": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 GTmetrix",
    "phantomjs": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/538.1 (KHTML, like Gecko) "
    "PhantomJS/2.1.1 Safari/538.1",
}


@pytest.mark.parametrize("agent", AUTOMATED_BROWSERS.values(), ids=AUTOMATED_BROWSERS.keys())
def test_automated_browsers_that_say_so_are_not_counted(client, db, agent):
    client.get("/", HTTP_USER_AGENT=agent)
    assert views_today() == 0


def test_ordinary_browsers_of_phones_and_desktops_are_counted(client, db):
    for agent in (
        BROWSER,
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0",
    ):
        client.get("/", HTTP_USER_AGENT=agent)
    assert views_today() == 3


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_counts_each_get_their_own_numbers_and_the_kept_total_stays_exact():
    """Each view's one statement returns the total after its own count: no two views see
    the same total, none is lost, and the kept total equals the sum of the days."""
    from django.db import connections
    from django.test import RequestFactory

    from privacy.visits.services import visit_record

    views = 40
    request = RequestFactory().get("/", HTTP_USER_AGENT=BROWSER)

    def count(_):
        try:
            return visit_record(request).counts
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(count, range(views)))

    assert sorted(c.total for c in results) == list(range(62588 + 1, 62588 + views + 1))
    assert sorted(c.today for c in results) == list(range(1, views + 1))
    assert sum(VisitDay.objects.values_list("count", flat=True)) == views
    assert VisitCounterSettings.objects.get().counted_total == views
    assert visit_counts().total == 62588 + views


def test_saving_the_counter_settings_keeps_the_views_counted_meanwhile(browser_client):
    # What the admin does on save, with the views of other visitors between its read and
    # its write: the copy it read must not overwrite the running total.
    settings = VisitCounterSettings.objects.get()
    browser_client.get("/")
    browser_client.get("/en/")
    settings.carried_over_total = 70000
    settings.save()
    assert VisitCounterSettings.objects.get().counted_total == 2
    assert visit_counts().total == 70002


def test_the_migration_starts_the_kept_total_from_the_days_counted_before(db):
    from importlib import import_module

    from django.apps import apps

    VisitDay.objects.create(date=datetime.date(2026, 1, 1), count=5)
    VisitDay.objects.create(date=datetime.date(2026, 1, 2), count=7)
    migration = import_module("privacy.migrations.0016_visit_counter_running_total")
    migration.total_of_the_days(apps, None)
    assert VisitCounterSettings.objects.get().counted_total == 12
    assert visit_counts().total == 62588 + 12
