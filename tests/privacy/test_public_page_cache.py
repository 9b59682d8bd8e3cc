"""The public pages are rendered once per published version, language and address, and kept."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from privacy.description.selectors import description_current
from privacy.description.services import description_create_draft, description_publish
from privacy.visits.selectors import visit_counts
from tests.customers.factories import StaffUserFactory

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"
PAGES = ["/", "/en/", "/yhteystiedot/", "/en/contact/", "/tarkastuspyynto/", "/en/access-request/"]


@pytest.fixture
def browser_client(client, db):
    client.defaults["HTTP_USER_AGENT"] = BROWSER
    return client


def publish_new_version(*, effective_date: datetime.date, purpose_fi: str):
    officer = StaffUserFactory(is_superuser=True)
    draft = description_create_draft(
        created_by=officer, based_on=description_current(), effective_date=effective_date
    )
    draft.purpose_fi = purpose_fi
    draft.save()
    return description_publish(description=draft, published_by=officer)


@pytest.mark.parametrize("url", PAGES)
def test_a_page_is_rendered_once_and_then_served_as_kept(browser_client, url):
    first = browser_client.get(url)
    second = browser_client.get(url)
    assert first.status_code == second.status_code == 200
    assert first.templates, "the first view renders the page"
    assert not second.templates, "later views serve the kept page"
    assert second["Content-Language"] == first["Content-Language"]
    # Only the counter differs between the two.
    assert first.content.decode().replace("1 |", "2 |").replace(": 62589", ": 62590") == (
        second.content.decode()
    )


def test_the_kept_page_shows_the_counter_of_each_view(browser_client):
    for number in range(1, 4):
        page = browser_client.get("/en/").content.decode()
        assert f"Visits: Today: {number} | Total: {62588 + number}" in page


def test_a_bot_sees_the_counter_without_being_counted(client, db, browser_client):
    browser_client.get("/")
    page = client.get("/", HTTP_USER_AGENT="Googlebot/2.1").content.decode()
    assert "Tänään: 1 | Yhteensä: 62589" in page
    assert visit_counts().today == 1


def test_a_view_of_a_kept_page_is_one_statement_on_postgresql(browser_client):
    browser_client.get("/")
    with CaptureQueriesContext(connection) as queries:
        assert browser_client.get("/").status_code == 200
    statements = [
        q["sql"] for q in queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
    ]
    assert not any("SUM(" in sql.upper() for sql in statements), "no sum over all days"
    if connection.vendor == "postgresql":
        # The count, today's count and the total, and which versions the page shows.
        (statement,) = statements
        for table in ("privacy_visitday", "privacy_visitcountersettings"):
            assert table in statement
        assert statement.count('FROM "privacy_registerdescription"') == 3
        assert "RETURNING" in statement
    else:
        # SQLite has no writes inside WITH: the same in one transaction, with no more reads.
        assert len(statements) <= 5
        assert sum("RETURNING" in sql for sql in statements) == 2


def test_the_description_is_not_sanitised_again_on_every_view(browser_client, monkeypatch):
    browser_client.get("/")
    calls = []
    monkeypatch.setattr("privacy.templatetags.richtext.sanitize", lambda html: calls.append(html))
    assert browser_client.get("/").status_code == 200
    assert calls == []


def test_a_newly_published_version_shows_at_once(browser_client):
    browser_client.get("/")
    browser_client.get("/en/")
    publish_new_version(
        effective_date=datetime.date.today(), purpose_fi="<p>Uusi käyttötarkoitus.</p>"
    )
    front = browser_client.get("/").content.decode()
    assert "Uusi käyttötarkoitus." in front
    assert datetime.date.today().strftime("%d.%m.%Y") in front
    # The English page lists the new version among the versions too.
    assert datetime.date.today().strftime("%d.%m.%Y") in browser_client.get("/en/").content.decode()
    # The earlier version, at its dated address, now links to the new one.
    old = browser_client.get("/rekisteriseloste/2013-10-01/").content.decode()
    assert "Uusi käyttötarkoitus." not in old
    assert datetime.date.today().isoformat() in old


def test_a_version_published_for_a_later_date_is_listed_at_once_but_not_yet_shown(
    browser_client,
):
    browser_client.get("/")
    publish_new_version(
        effective_date=datetime.date(2099, 1, 1), purpose_fi="<p>Tuleva käyttötarkoitus.</p>"
    )
    front = browser_client.get("/").content.decode()
    assert "Tuleva käyttötarkoitus." not in front
    assert "01.01.2099" in front


def test_each_address_gets_its_own_absolute_links(browser_client):
    local = browser_client.get("/", HTTP_HOST="localhost").content.decode()
    loopback = browser_client.get("/", HTTP_HOST="127.0.0.1").content.decode()
    assert 'hreflang="en" href="http://localhost/en/"' in local
    assert 'hreflang="en" href="http://127.0.0.1/en/"' in loopback
    assert "localhost" not in loopback


def test_a_date_without_a_version_is_not_found_and_not_counted(browser_client):
    browser_client.get("/rekisteriseloste/2013-10-01/")
    assert browser_client.get("/rekisteriseloste/2000-01-01/").status_code == 404
    assert visit_counts().today == 1
