"""apply_retention: what has expired goes, by each declaration's own period and policy."""

from datetime import date, datetime
from io import StringIO
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command

from customers.models import Contact, Customer, SupportEmail
from orders.models import Order, OrderLine
from privacy.audit.models import AuditEntry
from privacy.lifecycle.models import Restriction
from privacy.lifecycle.services import retention_apply
from tests.customers.factories import (
    AnalyticsEventFactory,
    ContactFactory,
    CustomerFactory,
    SupportEmailFactory,
)
from tests.orders.factories import OrderFactory, OrderLineFactory

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
TODAY = date(2026, 11, 30)


def at(year, month, day, hour=12) -> datetime:
    return datetime(year, month, day, hour, tzinfo=HELSINKI)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(at(2026, 11, 30), tick=False):
        yield


def test_it_deletes_orders_only_after_six_years_from_the_end_of_their_year():
    customer = CustomerFactory()
    old = OrderFactory(customer=customer, ordered_at=at(2019, 12, 31))
    OrderLineFactory(order=old)
    kept_2020 = OrderFactory(customer=customer, ordered_at=at(2020, 1, 2))
    OrderLineFactory(order=kept_2020)
    recent = OrderFactory(customer=customer, ordered_at=at(2026, 3, 1))

    retention_apply(today=TODAY)

    assert set(Order.objects.values_list("pk", flat=True)) == {kept_2020.pk, recent.pk}
    assert OrderLine.objects.filter(order=kept_2020).count() == 1
    assert not OrderLine.objects.filter(order_id=old.pk).exists()


def test_the_vouchers_of_2020_go_on_the_first_day_of_2027():
    OrderFactory(ordered_at=at(2020, 6, 1))
    retention_apply(today=date(2026, 12, 31))
    assert Order.objects.count() == 1
    retention_apply(today=date(2027, 1, 1))
    assert Order.objects.count() == 0


def test_it_deletes_support_emails_older_than_three_years():
    customer = CustomerFactory()
    old = SupportEmailFactory(customer=customer, sent_at=at(2023, 11, 29))
    young = SupportEmailFactory(customer=customer, sent_at=at(2023, 12, 1))

    retention_apply(today=TODAY)

    assert list(SupportEmail.objects.values_list("pk", flat=True)) == [young.pk]
    assert not SupportEmail.objects.filter(pk=old.pk).exists()


def test_it_anonymises_analytics_and_keeps_the_event_for_statistics():
    event = AnalyticsEventFactory(occurred_at=at(2024, 9, 1))
    young = AnalyticsEventFactory(occurred_at=at(2024, 10, 1))

    counts = retention_apply(today=TODAY)

    event.refresh_from_db()
    assert (event.contact, event.customer, event.session_hash, event.properties) == (
        None,
        None,
        "",
        {},
    )
    young.refresh_from_db()
    assert young.contact is not None
    assert [(c.data, c.action, c.rows) for c in counts if c.data.endswith("analyticsevent")] == [
        ("customers.analyticsevent", "anonymised", 1)
    ]
    # Anonymised once: the next run finds nothing more to do with it.
    assert not retention_apply(today=TODAY)


def test_it_deletes_an_ended_customer_and_its_contact_three_years_after_the_end():
    gone = CustomerFactory(started_on=date(2015, 1, 1), ended_on=date(2023, 11, 1), status="ended")
    contact = gone.primary_contact
    Contact.objects.filter(pk=contact.pk).update(created_at=at(2015, 1, 1))
    ended_lately = CustomerFactory(
        started_on=date(2015, 1, 1), ended_on=date(2024, 1, 1), status="ended"
    )

    retention_apply(today=TODAY)

    assert list(Customer.objects.all()) == [ended_lately]
    assert not Contact.objects.filter(pk=contact.pk).exists()
    assert Contact.objects.filter(pk=ended_lately.primary_contact_id).exists()


def test_a_customer_whose_vouchers_are_kept_stays_until_they_go():
    customer = CustomerFactory(
        started_on=date(2015, 1, 1), ended_on=date(2021, 1, 1), status="ended"
    )
    OrderFactory(customer=customer, ordered_at=at(2020, 12, 1))
    Contact.objects.update(created_at=at(2015, 1, 1))

    retention_apply(today=TODAY)
    assert Customer.objects.filter(pk=customer.pk).exists()

    # Year 2027: the 2020 voucher goes, and with it the customer and the contact.
    retention_apply(today=date(2027, 1, 1))
    assert not Order.objects.exists()
    assert not Customer.objects.exists()
    assert not Contact.objects.exists()


def test_a_contact_without_customer_goes_with_their_last_support_email():
    contact = ContactFactory()
    Contact.objects.filter(pk=contact.pk).update(created_at=at(2020, 1, 1))
    SupportEmailFactory(customer=None, contact=contact, sent_at=at(2023, 12, 1))

    retention_apply(today=TODAY)
    assert Contact.objects.filter(pk=contact.pk).exists()

    retention_apply(today=date(2026, 12, 2))
    assert not SupportEmail.objects.exists()
    assert not Contact.objects.filter(pk=contact.pk).exists()


def test_a_dry_run_changes_nothing_and_counts_what_a_run_would_do():
    OrderFactory(ordered_at=at(2018, 5, 1))
    SupportEmailFactory(sent_at=at(2020, 1, 1))

    dry = retention_apply(today=TODAY, dry_run=True)

    assert Order.objects.count() == 1 and SupportEmail.objects.count() == 1
    assert not AuditEntry.objects.exists()
    assert retention_apply(today=TODAY) == dry


def test_a_run_that_fails_halfway_leaves_whole_batches_and_a_rerun_completes():
    for day in range(1, 6):
        SupportEmailFactory(sent_at=at(2020, 1, day))
    young = SupportEmailFactory(sent_at=at(2026, 1, 1))
    real_delete = SupportEmail.objects.none().delete.__func__
    calls = []

    def failing_delete(queryset):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("the database went away")
        return real_delete(queryset)

    with (
        mock.patch("django.db.models.query.QuerySet.delete", failing_delete),
        pytest.raises(RuntimeError),
    ):
        retention_apply(today=TODAY, batch_size=2)

    # The first batch of two went, the second was rolled back whole.
    assert SupportEmail.objects.count() == 4

    retention_apply(today=TODAY, batch_size=2)
    assert list(SupportEmail.objects.all()) == [young]


def test_each_run_records_its_counts_without_personal_data_in_the_audit_log():
    SupportEmailFactory(sent_at=at(2020, 1, 1), subject="Aino Virtasen lasku")

    retention_apply(today=TODAY)

    entries = list(AuditEntry.objects.values_list("target_model", "detail"))
    assert ("customers.supportemail", "retention: support_email deleted 1") in entries
    assert all("Aino" not in detail for _model, detail in entries)


def test_the_audit_log_tells_rows_deleted_from_rows_anonymised():
    # An email past its period is deleted; an analytics event past its 26 months is kept
    # for statistics with its person removed, which is a change, not a deletion.
    SupportEmailFactory(sent_at=at(2020, 1, 1))
    AnalyticsEventFactory(occurred_at=at(2024, 1, 1))

    retention_apply(today=TODAY)

    entries = set(AuditEntry.objects.values_list("action", "target_model", "detail"))
    assert entries == {
        ("delete", "customers.supportemail", "retention: support_email deleted 1"),
        ("change", "customers.analyticsevent", "retention: analytics anonymised 1"),
    }


def test_kept_rows_go_when_their_restriction_date_comes():
    order = OrderFactory(ordered_at=at(2026, 2, 1))
    Restriction.objects.create(
        data="orders.order",
        object_id=str(order.pk),
        reason="kept_by_law",
        until=date(2026, 11, 29),
        law="Kirjanpitolaki",
    )
    retention_apply(today=TODAY)
    assert not Order.objects.exists()
    assert not Restriction.objects.exists()


def test_the_command_prints_counts_per_category_and_action():
    SupportEmailFactory(sent_at=at(2020, 1, 1))
    out = StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    assert "support_email\tcustomers.supportemail\tdeleted\t1" in out.getvalue()
    assert "Would apply retention" in out.getvalue()
    assert SupportEmail.objects.count() == 1


def test_the_command_refuses_a_batch_size_below_one():
    with pytest.raises(CommandError):
        call_command("apply_retention", "--batch-size", "0", stdout=StringIO())


def test_a_row_whose_processing_is_restricted_on_request_outlives_its_period():
    kept = SupportEmailFactory(sent_at=at(2020, 1, 1))
    SupportEmailFactory(sent_at=at(2020, 1, 2))
    Restriction.objects.create(
        data="customers.supportemail", object_id=str(kept.pk), reason="restriction"
    )

    retention_apply(today=TODAY)

    assert list(SupportEmail.objects.all()) == [kept]


def test_the_daily_run_can_be_queued_for_the_task_runner(settings):
    from django_tasks import TaskResultStatus

    from jobs.models import Job

    customer = CustomerFactory()
    old = SupportEmailFactory(customer=customer, sent_at=at(2023, 11, 29))
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    out = StringIO()

    call_command("apply_retention", "--enqueue", stdout=out)

    job = Job.objects.get()
    assert f"queued as job {job.pk}" in out.getvalue()
    assert job.status == TaskResultStatus.READY
    assert SupportEmail.objects.filter(pk=old.pk).exists()


def test_the_queued_run_applies_retention_when_the_worker_takes_it():
    customer = CustomerFactory()
    old = SupportEmailFactory(customer=customer, sent_at=at(2023, 11, 29))

    # The suite's task backend runs a job at once, as the worker would.
    call_command("apply_retention", "--enqueue", stdout=StringIO())

    assert not SupportEmail.objects.filter(pk=old.pk).exists()


def test_a_queued_dry_run_is_refused():
    with pytest.raises(CommandError, match="dry run"):
        call_command("apply_retention", "--enqueue", "--dry-run", stdout=StringIO())
