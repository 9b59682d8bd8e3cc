"""No personal data in the logs, in the addresses of pages or on error pages.

Register description, section 6: only predefined persons reach the data. Logs are read by
whoever runs the servers, addresses end up in browser histories and proxy logs, and error
pages are shown to whoever made the request; none of them may carry a person's name, email
address, phone number, username or password.

The log records emitted while the operations run are captured at DEBUG level (the root
logger, `django` and `axes`), more than the deployed settings let through, and the message,
arguments and traceback of each are searched.
"""

import logging
import re
from urllib.parse import urlsplit

import html5lib
import pytest
from django.apps import apps
from django.db import models
from django.test import Client
from django.urls import reverse

from customers.models import AnalyticsEvent, Contact, Customer, SupportEmail
from orders.models import Order
from privacy.models import AuditEntry, VisitDay
from tests.customers.factories import (
    STAFF_PASSWORD,
    AnalyticsEventFactory,
    ContactFactory,
    CustomerContactFactory,
    CustomerFactory,
    StaffUserFactory,
    SupportEmailFactory,
)
from tests.orders.factories import OrderFactory
from webstrella.admin_inputs import ROW_STAMP_FIELD, row_stamp

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
WRONG_PASSWORD = "Väärä-Salasana-4711"
CLIENT_ADDRESS = "203.0.113.45"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36 tunniste-8841"

PERSON = {
    "first_name": "Sinikka",
    "last_name": "Vuorenmaa",
    "email": "sinikka.vuorenmaa@example.net",
    "phone": "+358501234567",
    "street_address": "Kalevankatu 12 A 3",
}
PHONE_AS_TYPED = "050 123 4567"
STAFF_USERNAME = "tuula.kettunen"


@pytest.fixture
def sinikka() -> Contact:
    return ContactFactory(**PERSON)


@pytest.fixture
def tuula():
    return StaffUserFactory(username=STAFF_USERNAME, is_superuser=True)


@pytest.fixture
def tuula_client(tuula) -> Client:
    client = Client()
    client.force_login(tuula)
    return client


@pytest.fixture
def logs(caplog):
    """Every record at DEBUG and up, whatever the logging settings would let through."""
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django")
    caplog.set_level(logging.DEBUG, logger="axes")
    return caplog


def secrets(*extra: str) -> list[str]:
    values = [*PERSON.values(), PHONE_AS_TYPED, STAFF_USERNAME, STAFF_PASSWORD, WRONG_PASSWORD]
    return [*values, *extra]


def record_text(record: logging.LogRecord) -> str:
    parts = [str(record.msg), record.getMessage(), repr(record.args)]
    if record.exc_info:
        parts.append(logging.Formatter().formatException(record.exc_info))
    if record.stack_info:
        parts.append(record.stack_info)
    return "\n".join(parts)


def assert_no_personal_data_logged(caplog, *extra: str) -> None:
    for record in caplog.records:
        text = record_text(record).casefold()
        for secret in secrets(*extra):
            assert secret.casefold() not in text, (
                f"{record.name} {record.levelname} logged personal data: {record.getMessage()}"
            )


def assert_not_echoed(response, *extra: str) -> None:
    body = response.content.decode()
    for secret in secrets(*extra):
        assert secret not in body, f"the {response.status_code} page shows {secret!r}"


def sign_in(client: Client, username: str, password: str):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=CLIENT_ADDRESS,
        HTTP_USER_AGENT=BROWSER,
    )


# Logs


def test_sign_ins_that_fail_and_succeed_log_no_personal_data(client, tuula, logs):
    failed = sign_in(client, STAFF_USERNAME, WRONG_PASSWORD)
    assert failed.status_code == 200
    assert WRONG_PASSWORD not in failed.content.decode()
    signed_in = sign_in(client, STAFF_USERNAME, STAFF_PASSWORD)
    assert signed_in.status_code == 302

    assert any(record.name.startswith("axes") for record in logs.records), "capture works"
    assert_no_personal_data_logged(logs, CLIENT_ADDRESS, BROWSER)


def lock_out(client: Client) -> None:
    for _ in range(5):
        response = sign_in(client, STAFF_USERNAME, WRONG_PASSWORD)
    assert response.status_code == 429
    assert_not_echoed(response, CLIENT_ADDRESS)
    locked = sign_in(client, STAFF_USERNAME, STAFF_PASSWORD)
    assert locked.status_code == 429
    assert_not_echoed(locked, CLIENT_ADDRESS)


def test_a_lockout_logs_no_personal_data_at_the_configured_levels(client, tuula, caplog):
    # The levels of LOGGING as deployed: root at INFO, django-axes at WARNING.
    lock_out(client)
    assert any("Locking out" in record.getMessage() for record in caplog.records)
    assert_no_personal_data_logged(caplog, CLIENT_ADDRESS, BROWSER)


def test_a_lockout_logs_no_personal_data_even_at_debug_level(client, tuula, logs):
    lock_out(client)
    assert any("Locking out" in record.getMessage() for record in logs.records)
    assert_no_personal_data_logged(logs, CLIENT_ADDRESS, BROWSER)


def contact_form(contact: Contact, **changes) -> dict[str, str]:
    return {
        "first_name": contact.first_name,
        "last_name": contact.last_name,
        "preferred_language": contact.preferred_language,
        "email": contact.email,
        "phone": contact.phone,
        "street_address": contact.street_address,
        "postal_code": contact.postal_code,
        "city": contact.city,
        "country": contact.country,
        "source": contact.source,
        "customer_roles-TOTAL_FORMS": "0",
        "customer_roles-INITIAL_FORMS": "0",
        "customer_roles-MIN_NUM_FORMS": "0",
        "customer_roles-MAX_NUM_FORMS": "1000",
        ROW_STAMP_FIELD: row_stamp(Contact, contact.pk),
        **changes,
    }


def test_viewing_searching_and_saving_a_contact_logs_no_personal_data(tuula_client, sinikka, logs):
    client = tuula_client
    changelist = reverse("admin:customers_contact_changelist")
    change = reverse("admin:customers_contact_change", args=[sinikka.pk])

    for term in (PERSON["last_name"], PERSON["email"], PHONE_AS_TYPED):
        response = client.get(changelist, {"q": term})
        assert [c.pk for c in response.context["cl"].result_list] == [sinikka.pk]
    assert client.get(change).status_code == 200
    saved = client.post(change, contact_form(sinikka, city="Tampere", postal_code="33100"))
    assert saved.status_code == 302
    history = client.get(reverse("admin:customers_contact_history", args=[sinikka.pk]))
    assert history.status_code == 200

    assert_no_personal_data_logged(logs)


# Error pages


def test_a_missing_contact_id_redirects_with_a_message_naming_only_the_id(
    tuula_client, sinikka, logs
):
    # The admin answers a missing id with a redirect and a message, not with a 404.
    url = reverse("admin:customers_contact_change", args=[sinikka.pk + 1000])
    response = tuula_client.get(url, {"email": PERSON["email"]})
    assert response.status_code == 302
    assert PERSON["email"] not in response["Location"]

    landing = tuula_client.get(response["Location"])
    messages = [str(message) for message in landing.context["messages"]]
    assert len(messages) == 1 and str(sinikka.pk + 1000) in messages[0]
    assert_not_echoed(landing)
    assert_no_personal_data_logged(logs)


def test_a_404_neither_echoes_the_request_nor_logs_its_query_string(tuula_client, logs):
    for url in (
        f"/admin/customers/no-such-register/?name={PERSON['last_name']}",
        f"/rekisteriseloste/2099-01-01/?email={PERSON['email']}",
        f"/no-such-page/?phone={PHONE_AS_TYPED}",
    ):
        response = tuula_client.get(url)
        assert response.status_code == 404
        assert_not_echoed(response)

    assert any(record.getMessage().startswith("Not Found") for record in logs.records)
    assert_no_personal_data_logged(logs)


def test_a_403_neither_echoes_the_submitted_values_nor_logs_them(
    staff_without_group_client,
    staff_without_group,
    customer_service_client,
    customer_service_user,
    sinikka,
    logs,
):
    staff = (staff_without_group.username, customer_service_user.username)
    change = reverse("admin:customers_contact_change", args=[sinikka.pk])
    refused = staff_without_group_client.post(
        change, contact_form(sinikka, street_address="Uusi katu 5")
    )
    assert refused.status_code == 403
    assert_not_echoed(refused, "Uusi katu 5", *staff)

    audit_log = customer_service_client.get(
        reverse("admin:privacy_auditentry_changelist"), {"q": PERSON["email"]}
    )
    assert audit_log.status_code == 403
    assert_not_echoed(audit_log, *staff)

    assert any(record.getMessage().startswith("Forbidden") for record in logs.records)
    assert_no_personal_data_logged(logs, "Uusi katu 5", *staff)
    sinikka.refresh_from_db()
    assert sinikka.street_address == PERSON["street_address"]


def test_a_csrf_failure_neither_echoes_the_submitted_values_nor_logs_them(tuula, sinikka, logs):
    client = Client(enforce_csrf_checks=True)
    client.force_login(tuula)
    change = reverse("admin:customers_contact_change", args=[sinikka.pk])
    refused = client.post(change, contact_form(sinikka, street_address="Uusi katu 5"))
    assert refused.status_code == 403
    assert_not_echoed(refused, "Uusi katu 5")

    anonymous = Client(enforce_csrf_checks=True)
    login = anonymous.post(LOGIN, {"username": STAFF_USERNAME, "password": STAFF_PASSWORD})
    assert login.status_code == 403
    assert_not_echoed(login)

    assert any("CSRF" in record.getMessage() for record in logs.records)
    assert_no_personal_data_logged(logs, "Uusi katu 5")


def test_a_400_neither_echoes_the_submitted_values_nor_logs_them(tuula_client, sinikka, logs):
    # More fields than DATA_UPLOAD_MAX_NUMBER_FIELDS allows: refused before any view runs.
    change = reverse("admin:customers_contact_change", args=[sinikka.pk])
    flood = {f"field{n}": PERSON["email"] for n in range(1001)}
    response = tuula_client.post(change, {**contact_form(sinikka), **flood})
    assert response.status_code == 400
    assert_not_echoed(response)
    assert any(record.name.startswith("django.security") for record in logs.records)
    assert_no_personal_data_logged(logs)


# Addresses


PEOPLE_ADMINS = [Contact, Customer, SupportEmail, AnalyticsEvent, Order]


@pytest.fixture
def people(sinikka):
    customer = CustomerFactory(
        primary_contact=sinikka, company=True, company_name="Vuorenmaa Design Oy"
    )
    CustomerContactFactory(customer=customer)
    return [
        sinikka,
        customer,
        SupportEmailFactory(customer=customer, subject=f"Viesti: {PERSON['email']}"),
        AnalyticsEventFactory(customer=customer),
        OrderFactory(customer=customer),
    ]


def test_the_admin_addresses_of_people_hold_numeric_ids_only(people):
    for obj in people:
        opts = obj._meta
        for view in ("change", "history", "delete"):
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[obj.pk])
            assert re.fullmatch(rf"/admin/{opts.app_label}/{opts.model_name}/\d+/{view}/", url)
            for secret in secrets("Vuorenmaa Design"):
                assert secret.casefold() not in url.casefold()


def page_links(response) -> list[str]:
    document = html5lib.parse(response.content.decode(), namespaceHTMLElements=False)
    return [a.get("href") for a in document.iter("a") if a.get("href")]


@pytest.mark.parametrize("model", PEOPLE_ADMINS, ids=lambda m: m._meta.model_name)
def test_links_on_admin_pages_of_people_carry_no_personal_data(superuser_client, people, model):
    opts = model._meta
    obj = next(o for o in people if isinstance(o, model))
    for url in (
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]),
    ):
        response = superuser_client.get(url)
        assert response.status_code == 200
        for link in page_links(response):
            for secret in secrets("Vuorenmaa Design"):
                assert secret.casefold() not in link.casefold(), link


def test_a_search_term_is_the_one_personal_datum_in_an_address_and_the_audit_keeps_it_apart(
    superuser_client, sinikka
):
    """The known exception: the admin's search sends its term in the query string.

    `?q=` must carry the term, and the changelist keeps it in `_changelist_filters` on every
    link so that "back to the list" returns to the search. The audit log records the term in
    `detail`, which only privacy officers read, and never in `path`.
    """
    changelist = reverse("admin:customers_contact_changelist")
    response = superuser_client.get(changelist, {"q": PERSON["email"]})
    assert response.status_code == 200
    result_links = [
        link
        for link in page_links(response)
        if urlsplit(link).path == reverse("admin:customers_contact_change", args=[sinikka.pk])
    ]
    assert result_links and all("_changelist_filters=" in link for link in result_links)

    search = AuditEntry.objects.get(action=AuditEntry.Action.SEARCH)
    assert search.detail == PERSON["email"]
    assert search.path == changelist

    assert superuser_client.get(result_links[0]).status_code == 200
    view = AuditEntry.objects.get(action=AuditEntry.Action.VIEW)
    assert view.path == reverse("admin:customers_contact_change", args=[sinikka.pk])
    assert view.detail == ""


@pytest.mark.parametrize(
    "query",
    [
        {"q": PERSON["last_name"]},
        {"q": PHONE_AS_TYPED, "o": "1"},
        {"source__exact": "order", "email": PERSON["email"]},
        {"_changelist_filters": f"q={PERSON['email']}"},
        {"created_at__year": "2025", "phone": PERSON["phone"]},
    ],
    ids=["search", "phone-search", "filter", "preserved-filters", "date-hierarchy"],
)
def test_the_audit_path_never_holds_a_query_string(superuser_client, sinikka, query):
    for url in (
        reverse("admin:customers_contact_changelist"),
        reverse("admin:customers_contact_change", args=[sinikka.pk]),
        reverse("admin:customers_contact_history", args=[sinikka.pk]),
    ):
        # A filter the list does not offer (`email`, `phone`) is refused with 400.
        assert superuser_client.get(url, query).status_code in (200, 302, 400)
    saved = superuser_client.post(
        reverse("admin:customers_contact_change", args=[sinikka.pk])
        + "?_changelist_filters=q%3D"
        + PERSON["last_name"],
        contact_form(sinikka, city="Tampere", postal_code="33100"),
    )
    assert saved.status_code == 302

    entries = list(AuditEntry.objects.all())
    assert {entry.action for entry in entries} >= {"view", "change"}
    for entry in entries:
        assert "?" not in entry.path and "=" not in entry.path
        for secret in secrets():
            assert secret.casefold() not in entry.path.casefold()


# The visit counter


TEXT_FIELDS = (models.CharField, models.TextField, models.GenericIPAddressField, models.JSONField)


def stored_text() -> str:
    """Every text, address and JSON value in the database, as one string to search."""
    stored = []
    for model in apps.get_models():
        names = [
            field.attname for field in model._meta.concrete_fields if isinstance(field, TEXT_FIELDS)
        ]
        if names:
            for row in model.objects.values_list(*names):
                stored.extend(str(value) for value in row)
    return "\n".join(stored)


def test_the_visit_counter_stores_no_address_and_sets_no_cookie(client):
    assert {field.name for field in VisitDay._meta.get_fields()} == {"id", "date", "count"}
    sessions_before = apps.get_model("sessions", "Session").objects.count()

    for url in ("/", "/en/", "/yhteystiedot/", "/tarkastuspyynto/"):
        response = client.get(
            url,
            REMOTE_ADDR=CLIENT_ADDRESS,
            HTTP_USER_AGENT=BROWSER,
            HTTP_X_FORWARDED_FOR="198.51.100.77",
            HTTP_REFERER="https://www.example.net/?email=" + PERSON["email"],
        )
        assert response.status_code == 200
        assert not response.cookies, f"{url} sets {list(response.cookies)}"

    assert sum(VisitDay.objects.values_list("count", flat=True)) == 4
    stored = stored_text()
    for trace in (CLIENT_ADDRESS, "198.51.100.77", "tunniste-8841", PERSON["email"]):
        assert trace not in stored
    assert apps.get_model("sessions", "Session").objects.count() == sessions_before
