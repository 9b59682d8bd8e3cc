"""Fixtures shared by the whole suite: one staff user per role, and clients logged in as them.

The staff groups come from the data migration `privacy.0001_staff_groups`; the fixtures look
them up by name so that the tests exercise the permissions the migration really grants.
"""

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from privacy.staff.groups import CUSTOMER_SERVICE, PRIVACY_OFFICER, SALES
from tests.customers.factories import StaffUserFactory
from tests.customers.imap_server import Dovecot


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: a page kept rendered by one test, whose database
    is rolled back afterwards, must not be shown in the next."""
    cache.clear()


def logged_in_client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def superuser() -> User:
    return StaffUserFactory(is_superuser=True)


@pytest.fixture
def customer_service_user() -> User:
    return StaffUserFactory(groups=[CUSTOMER_SERVICE])


@pytest.fixture
def sales_user() -> User:
    return StaffUserFactory(groups=[SALES])


@pytest.fixture
def privacy_officer() -> User:
    return StaffUserFactory(groups=[PRIVACY_OFFICER])


@pytest.fixture
def staff_without_group() -> User:
    return StaffUserFactory()


@pytest.fixture
def superuser_client(superuser) -> Client:
    return logged_in_client(superuser)


@pytest.fixture
def customer_service_client(customer_service_user) -> Client:
    return logged_in_client(customer_service_user)


@pytest.fixture
def sales_client(sales_user) -> Client:
    return logged_in_client(sales_user)


@pytest.fixture
def privacy_officer_client(privacy_officer) -> Client:
    return logged_in_client(privacy_officer)


@pytest.fixture
def staff_without_group_client(staff_without_group) -> Client:
    return logged_in_client(staff_without_group)


@pytest.fixture
def inline_management_data():
    """The management-form fields of every inline on an admin add or change page.

    An admin POST must carry them; take them from the GET response of the same page and
    override the counts where the test sends inline rows.
    """

    def collect(response) -> dict[str, str]:
        data = {}
        for inline_admin_formset in response.context["inline_admin_formsets"]:
            management_form = inline_admin_formset.formset.management_form
            for name, value in management_form.initial.items():
                data[management_form.add_prefix(name)] = str(value)
        return data

    return collect


@pytest.fixture
def count_queries():
    """How many database queries one GET of a page takes; the page must answer 200."""

    def count(client: Client, url: str, params: dict | None = None) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, params)
        assert response.status_code == 200
        return len(captured)

    return count


@pytest.fixture
def queries_per_inline_row(count_queries):
    """How many queries each further inline row adds to a change page.

    One row exists before the first count, so that the inline's own queries are not counted.
    """

    def measure(client: Client, url: str, add_row, rows: int = 3) -> float:
        add_row()
        count_queries(client, url)  # the first request fills the content-type cache
        before = count_queries(client, url)
        for _ in range(rows):
            add_row()
        return (count_queries(client, url) - before) / rows

    return measure


# A real IMAP server (Dovecot) for the mailbox tests, started once for the session.
def _started(tls: bool):
    server = Dovecot(tls=tls)
    try:
        server.start()
    except Exception:
        server.remove()
        raise
    return server


@pytest.fixture(scope="session")
def dovecot_server():
    server = _started(tls=False)
    yield server
    server.remove()


@pytest.fixture(scope="session")
def dovecot_tls_server():
    server = _started(tls=True)
    yield server
    server.remove()


@pytest.fixture
def imap(dovecot_server, settings):
    """The plain-text server with an empty mailbox, configured as the register's mailbox."""
    dovecot_server.clear()
    for name, value in dovecot_server.settings().items():
        setattr(settings, name, value)
    return dovecot_server
