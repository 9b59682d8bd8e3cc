"""The admin lists of the tables that grow with the years: what their searches find, what
they count and how many queries they take. (How fast they are is measured in bench/.)"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.admin.views.main import ChangeList
from django.db import connection
from django.urls import reverse
from django.utils import translation

import webstrella.admin_inputs as admin_inputs
from customers.admin import ContactAdmin
from customers.models import Contact
from privacy.audit.models import AuditEntry
from tests.customers.factories import (
    AnalyticsEventFactory,
    ContactFactory,
    CustomerFactory,
    SupportEmailFactory,
)
from tests.orders.factories import OrderFactory, OrderLineFactory
from webstrella.admin_inputs import EstimatedCountPaginator

pytestmark = pytest.mark.django_db

CONTACTS = reverse("admin:customers_contact_changelist")
CUSTOMERS = reverse("admin:customers_customer_changelist")
EMAILS = reverse("admin:customers_supportemail_changelist")
EVENTS = reverse("admin:customers_analyticsevent_changelist")
ORDERS = reverse("admin:orders_order_changelist")

HELSINKI = ZoneInfo("Europe/Helsinki")

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="estimates and search indexes are PostgreSQL's"
)
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite counts exactly")


def found(response) -> list:
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


def searches() -> list[tuple[str, str]]:
    return list(
        AuditEntry.objects.filter(action="search")
        .order_by("pk")
        .values_list("target_model", "detail")
    )


# Counting


def test_a_list_within_the_exact_limit_is_counted_exactly(monkeypatch):
    monkeypatch.setattr(admin_inputs, "EXACT_COUNT_UP_TO", 10)
    ContactFactory.create_batch(4)
    assert EstimatedCountPaginator(Contact.objects.all(), 100).count == 4


@on_sqlite
def test_sqlite_counts_a_list_beyond_the_limit_exactly(monkeypatch):
    monkeypatch.setattr(admin_inputs, "EXACT_COUNT_UP_TO", 3)
    ContactFactory.create_batch(6)
    assert EstimatedCountPaginator(Contact.objects.all(), 100).count == 6


@on_postgresql
def test_postgresql_estimates_a_whole_table_beyond_the_limit_from_its_statistics(monkeypatch):
    monkeypatch.setattr(admin_inputs, "EXACT_COUNT_UP_TO", 3)
    ContactFactory.create_batch(6)
    with connection.cursor() as cursor:
        # What ANALYZE would have found in a table of 50,000 rows.
        cursor.execute(
            "UPDATE pg_class SET reltuples = 50000 WHERE oid = 'customers_contact'::regclass"
        )
    assert EstimatedCountPaginator(Contact.objects.all(), 100).count == 50_000


@on_postgresql
def test_postgresql_never_estimates_below_the_rows_it_counted(monkeypatch):
    monkeypatch.setattr(admin_inputs, "EXACT_COUNT_UP_TO", 3)
    ContactFactory.create_batch(6)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE pg_class SET reltuples = 0 WHERE oid = 'customers_contact'::regclass"
        )
    # Four rows were counted (the limit and one more) before the estimate was asked.
    assert EstimatedCountPaginator(Contact.objects.all(), 100).count == 4


@on_postgresql
def test_postgresql_estimates_a_filtered_list_beyond_the_limit_from_the_plan(monkeypatch):
    monkeypatch.setattr(admin_inputs, "EXACT_COUNT_UP_TO", 3)
    ContactFactory.create_batch(6, city="Tampere")
    count = EstimatedCountPaginator(Contact.objects.filter(city="Tampere"), 100).count
    assert count >= 4


def test_the_big_lists_do_not_count_the_whole_table_beside_a_search(superuser_client):
    ContactFactory(last_name="Virtanen")
    response = superuser_client.get(CONTACTS, {"q": "Virtanen"})
    cl = response.context["cl"]
    assert isinstance(cl, ChangeList)
    assert cl.full_result_count is None
    assert isinstance(cl.paginator, EstimatedCountPaginator)


# What the searches find


def test_a_contact_search_finds_surnames_and_first_names_by_their_beginning(
    customer_service_client,
):
    virtanen = ContactFactory(first_name="Anna", last_name="Virtanen")
    kivirta = ContactFactory(first_name="Pekka", last_name="Kivirta")
    annika = ContactFactory(first_name="Annika", last_name="Salo")
    assert found(customer_service_client.get(CONTACTS, {"q": "virta"})) == [virtanen]
    assert set(found(customer_service_client.get(CONTACTS, {"q": "Ann"}))) == {virtanen, annika}
    assert found(customer_service_client.get(CONTACTS, {"q": "irta"})) == []
    assert kivirta not in found(customer_service_client.get(CONTACTS, {"q": "Virta"}))


def test_a_contact_search_finds_an_email_address_by_its_beginning_only(customer_service_client):
    anna = ContactFactory(email="anna.korhonen@example.com")
    ContactFactory(email="hanna.korhonen@example.com")
    assert found(customer_service_client.get(CONTACTS, {"q": "anna.korhonen"})) == [anna]
    assert found(customer_service_client.get(CONTACTS, {"q": "korhonen@example.com"})) == []


def test_a_contact_search_finds_a_phone_number_as_it_is_spoken(customer_service_client):
    matti = ContactFactory(phone="+358401234567")
    ContactFactory(phone="+358501234567")
    assert found(customer_service_client.get(CONTACTS, {"q": "040 123 4567"})) == [matti]
    assert found(customer_service_client.get(CONTACTS, {"q": "+3584012"})) == [matti]


def test_the_contact_list_explains_its_search(customer_service_client):
    response = customer_service_client.get(CONTACTS)
    help_text = ContactAdmin.search_help_text
    with translation.override(response.headers["Content-Language"]):
        # The beginning, before the quoted example that the page escapes.
        assert str(help_text).split("(")[0].strip() in response.content.decode()
    with translation.override("en"):
        assert "begins with each word typed" in str(help_text)


def test_every_word_of_a_name_must_match(customer_service_client):
    anna = ContactFactory(first_name="Anna", last_name="Virtanen")
    ContactFactory(first_name="Anna", last_name="Salo")
    assert found(customer_service_client.get(CONTACTS, {"q": "Anna Virt"})) == [anna]


def test_a_customer_search_finds_the_customer_by_its_contact_persons_surname(
    customer_service_client,
):
    customer = CustomerFactory(primary_contact=ContactFactory(last_name="Hämäläinen"))
    CustomerFactory(primary_contact=ContactFactory(last_name="Laine"))
    assert found(customer_service_client.get(CUSTOMERS, {"q": "Hämä"})) == [customer]
    assert searches() == [("customers.Customer", "Hämä")]


def test_a_customer_search_finds_a_word_anywhere_in_the_company_name(customer_service_client):
    company = CustomerFactory(company=True, company_name="Virtasen Sähkö Oy")
    CustomerFactory(company=True, company_name="Lahden Leipomo Oy")
    assert found(customer_service_client.get(CUSTOMERS, {"q": "sähkö"})) == [company]


def test_a_customer_search_finds_a_customer_number_by_its_beginning(customer_service_client):
    customer = CustomerFactory(customer_number="AS-77001")
    CustomerFactory(customer_number="XAS-77001")
    assert found(customer_service_client.get(CUSTOMERS, {"q": "as-770"})) == [customer]


def test_an_order_search_finds_the_orders_of_a_customer_number(superuser_client):
    customer = CustomerFactory(customer_number="AS-55001")
    first, second = OrderFactory(customer=customer), OrderFactory(customer=customer)
    OrderFactory()
    assert set(found(superuser_client.get(ORDERS, {"q": "AS-55001"}))) == {first, second}
    assert searches() == [("orders.Order", "AS-55001")]


def test_an_order_search_finds_a_number_by_its_beginning_and_a_name_anywhere(superuser_client):
    order = OrderFactory(number="TI-900123", billing_name="Kaisa Heikkinen")
    OrderFactory(number="XTI-900123", billing_name="Matti Laine")
    assert found(superuser_client.get(ORDERS, {"q": "TI-9001"})) == [order]
    assert found(superuser_client.get(ORDERS, {"q": "heikki"})) == [order]


def test_the_order_list_still_counts_each_orders_lines(superuser_client):
    order = OrderFactory()
    OrderLineFactory.create_batch(3, order=order)
    response = superuser_client.get(ORDERS)
    assert response.status_code == 200
    [row] = response.context["cl"].result_list
    assert response.context["cl"].model_admin.line_count(row) == 3


def test_a_support_email_search_finds_a_subject_word_and_a_senders_address(
    customer_service_client,
):
    domain = SupportEmailFactory(subject="Verkkotunnuksen siirto", from_address="liisa@example.org")
    SupportEmailFactory(subject="Laskun eräpäivä", from_address="pekka@example.org")
    assert found(customer_service_client.get(EMAILS, {"q": "tunnuksen"})) == [domain]
    assert found(customer_service_client.get(EMAILS, {"q": "liisa@"})) == [domain]
    assert found(customer_service_client.get(EMAILS, {"q": "example.org"})) == []


def test_a_support_email_search_finds_the_mail_of_a_contact_by_name(customer_service_client):
    email = SupportEmailFactory(contact=ContactFactory(last_name="Jääskeläinen"))
    SupportEmailFactory(contact=ContactFactory(last_name="Laine"))
    assert found(customer_service_client.get(EMAILS, {"q": "Jääsk"})) == [email]


def test_an_analytics_search_finds_paths_by_their_beginning(privacy_officer_client):
    price_list = AnalyticsEventFactory(path="/hinnasto/")
    AnalyticsEventFactory(path="/blogi/hinnasto/")
    response = privacy_officer_client.get(EVENTS, {"q": "/hinnasto/"})
    assert found(response) == [price_list]
    assert searches() == [("customers.AnalyticsEvent", "/hinnasto/")]


def test_the_mail_list_is_filtered_by_who_handled_it(customer_service_client):
    email = SupportEmailFactory()
    SupportEmailFactory()
    response = customer_service_client.get(EMAILS, {"handled_by": str(email.handled_by_id)})
    assert found(response) == [email]


def test_the_big_lists_are_filtered_by_a_time_range(superuser_client):
    in_range = OrderFactory(ordered_at=datetime(2024, 3, 5, 12, tzinfo=HELSINKI))
    OrderFactory(ordered_at=datetime(2024, 4, 5, 12, tzinfo=HELSINKI))
    response = superuser_client.get(
        ORDERS,
        {
            "ordered_at__gte": "2024-03-01 00:00:00+02:00",
            "ordered_at__lt": "2024-04-01 00:00:00+03:00",
        },
    )
    assert found(response) == [in_range]


# Queries per list


@pytest.mark.parametrize(
    ("url", "query"),
    [
        (CONTACTS, {}),
        (CONTACTS, {"q": "Virtanen"}),
        (CUSTOMERS, {}),
        (CUSTOMERS, {"q": "Virtanen"}),
        (EMAILS, {}),
        (EMAILS, {"q": "Virtanen"}),
        (EVENTS, {}),
        (EVENTS, {"q": "/hinnasto/"}),
        (ORDERS, {}),
        (ORDERS, {"q": "Virtanen"}),
        (ORDERS, {"status__exact": "new"}),
    ],
)
def test_a_list_of_a_large_table_takes_at_most_fifteen_queries(
    superuser_client, django_assert_max_num_queries, url, query
):
    for _ in range(5):
        customer = CustomerFactory(primary_contact=ContactFactory(last_name="Virtanen"))
        OrderLineFactory.create_batch(2, order=OrderFactory(customer=customer))
        SupportEmailFactory(customer=customer)
        AnalyticsEventFactory(customer=customer, path="/hinnasto/")
    with django_assert_max_num_queries(15):
        response = superuser_client.get(url, query)
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 5


@on_postgresql
def test_the_search_indexes_exist_on_postgresql():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%%_trgm_idx'")
        trigram = {row[0] for row in cursor.fetchall()}
    assert trigram == {
        "customer_company_trgm_idx",
        "supportemail_subject_trgm_idx",
        "supportemail_to_trgm_idx",
        "supportemail_cc_trgm_idx",
        "order_billing_name_trgm_idx",
    }


@on_postgresql
def test_a_contact_surname_search_uses_its_index():
    ContactFactory.create_batch(3)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        sql, params = Contact.objects.filter(last_name__istartswith="Virta").query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "contact_last_name_prefix_idx" in plan


# The date hierarchy: years and months found through the index


def test_the_date_hierarchy_lists_the_years_that_have_contacts(customer_service_client):
    old, new = ContactFactory(), ContactFactory()
    Contact.objects.filter(pk=old.pk).update(created_at=datetime(2019, 5, 2, 9, tzinfo=HELSINKI))
    Contact.objects.filter(pk=new.pk).update(
        created_at=datetime(2024, 1, 1, 0, 30, tzinfo=HELSINKI)
    )
    page = customer_service_client.get(CONTACTS).content.decode()
    assert "created_at__year=2019" in page
    assert "created_at__year=2024" in page
    assert "created_at__year=2020" not in page
    assert "created_at__year=2023" not in page


def test_the_date_hierarchy_lists_the_months_of_a_year_that_have_contacts(
    customer_service_client,
):
    for moment in (
        datetime(2023, 2, 28, 23, 30, tzinfo=HELSINKI),
        datetime(2023, 11, 1, 8, tzinfo=HELSINKI),
    ):
        contact = ContactFactory()
        Contact.objects.filter(pk=contact.pk).update(created_at=moment)
    # In the year the dozen, the months with contacts only.
    contact = ContactFactory()
    Contact.objects.filter(pk=contact.pk).update(created_at=datetime(2024, 6, 1, tzinfo=HELSINKI))
    page = customer_service_client.get(CONTACTS, {"created_at__year": "2023"}).content.decode()
    assert "created_at__month=2&amp;created_at__year=2023" in page
    assert "created_at__month=11&amp;created_at__year=2023" in page
    assert "created_at__month=3&amp;" not in page
    assert "created_at__month=6&amp;" not in page


def test_the_date_hierarchy_of_dates_lists_the_years_that_have_customers(
    customer_service_client,
):
    CustomerFactory(started_on=date(2017, 12, 31))
    CustomerFactory(started_on=date(2021, 1, 1))
    page = customer_service_client.get(CUSTOMERS).content.decode()
    assert "started_on__year=2017" in page
    assert "started_on__year=2021" in page
    assert "started_on__year=2018" not in page


def test_the_date_hierarchy_stays_within_a_search(customer_service_client):
    virtanen, salo = ContactFactory(last_name="Virtanen"), ContactFactory(last_name="Salo")
    Contact.objects.filter(pk=virtanen.pk).update(created_at=datetime(2018, 3, 1, tzinfo=HELSINKI))
    Contact.objects.filter(pk=salo.pk).update(created_at=datetime(2022, 3, 1, tzinfo=HELSINKI))
    page = customer_service_client.get(CONTACTS, {"q": "Virtanen"}).content.decode()
    assert "created_at__year=2018" in page
    assert "created_at__year=2022" not in page
