"""The lifecycle's rules on small data: batches, restrictions, kept rows, plans, corrections.

The services are called directly with a subject built from the rows themselves, without
the request workflow around them.
"""

from datetime import date, datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import translation

from customers.models import Contact, Customer, SupportEmail
from orders.models import Order
from privacy.audit.models import AuditEntry
from privacy.inventory.subjects import Subject
from privacy.lifecycle.models import Restriction, RestrictionReason
from privacy.lifecycle.services import (
    Correction,
    erasure_carry_out,
    erasure_plan,
    rectification_apply,
    restrict_rows,
    retention_apply,
)
from tests.customers.factories import (
    AnalyticsEventFactory,
    ContactFactory,
    CustomerFactory,
    SupportEmailFactory,
)
from tests.orders.factories import OrderFactory
from tests.privacy.factories import AccessRequestFactory
from tests.refusals import refused

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
TODAY = date(2026, 11, 30)
VOUCHER_LAW_FI = "Kirjanpitolaki 1336/1997, 2 luku 10 § (tositteiden säilyttäminen)"
VOUCHER_LAW_EN = "Accounting Act 1336/1997, chapter 2, section 10 (keeping vouchers)"


def at(year, month, day) -> datetime:
    return datetime(year, month, day, 12, tzinfo=HELSINKI)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(at(2026, 11, 30), tick=False):
        yield


def person(contact) -> Subject:
    return Subject(rows={"customers.contact": frozenset({contact.pk})})


def keep_by_law(row, until: date) -> Restriction:
    return Restriction.objects.create(
        data=row._meta.label_lower,
        object_id=str(row.pk),
        reason=RestrictionReason.KEPT_BY_LAW,
        until=until,
        law="Kirjanpitolaki",
    )


def counted(counts) -> set:
    return {(c.data, c.action, c.rows) for c in counts}


# Retention --------------------------------------------------------------------------------


def test_a_run_may_take_one_row_at_a_time_and_counts_the_rows_of_every_batch():
    for day in (1, 2):
        SupportEmailFactory(sent_at=at(2020, 1, day))
        AnalyticsEventFactory(occurred_at=at(2024, 1, day))

    counts = retention_apply(today=TODAY, batch_size=1)

    assert counted(counts) == {
        ("customers.supportemail", "deleted", 2),
        ("customers.analyticsevent", "anonymised", 2),
    }
    assert not SupportEmail.objects.exists()


def test_a_restriction_of_another_kind_of_data_with_the_same_id_keeps_no_row():
    old = SupportEmailFactory(sent_at=at(2020, 1, 1))
    Restriction.objects.create(
        data="customers.contact", object_id=str(old.pk), reason=RestrictionReason.RESTRICTION
    )

    retention_apply(today=TODAY)

    assert not SupportEmail.objects.filter(pk=old.pk).exists()


def test_an_objection_keeps_no_row_past_its_period_and_goes_with_the_row():
    old = SupportEmailFactory(sent_at=at(2020, 1, 1))
    Restriction.objects.create(
        data="customers.supportemail", object_id=str(old.pk), reason=RestrictionReason.OBJECTION
    )

    retention_apply(today=TODAY)

    assert not SupportEmail.objects.filter(pk=old.pk).exists()
    assert not Restriction.objects.exists()


def test_a_restriction_for_a_time_is_lifted_after_its_last_day_and_its_row_stays():
    over = SupportEmailFactory(sent_at=at(2026, 5, 1))
    lasting = SupportEmailFactory(sent_at=at(2026, 5, 2))
    for email, reason, until in (
        (over, RestrictionReason.RESTRICTION, date(2026, 11, 29)),
        (lasting, RestrictionReason.OBJECTION, TODAY),
    ):
        Restriction.objects.create(
            data="customers.supportemail", object_id=str(email.pk), reason=reason, until=until
        )

    counts = retention_apply(today=TODAY)

    assert counted(counts) == {("customers.supportemail", "restriction lifted", 1)}
    assert set(SupportEmail.objects.all()) == {over, lasting}
    assert list(Restriction.objects.values_list("object_id", flat=True)) == [str(lasting.pk)]
    assert list(AuditEntry.objects.values_list("action", "target_model", "detail")) == [
        ("change", "customers.supportemail", "retention: support_email restriction lifted 1")
    ]


def test_a_kept_row_still_needed_by_a_younger_kept_row_waits_with_its_restriction():
    customer = CustomerFactory(started_on=date(2015, 1, 1))
    order = OrderFactory(customer=customer, ordered_at=at(2026, 2, 1))
    keep_by_law(customer, date(2026, 11, 29))
    keep_by_law(order, date(2032, 12, 31))

    counts = retention_apply(today=TODAY)

    assert counts == []
    assert Customer.objects.filter(pk=customer.pk).exists()
    assert Order.objects.filter(pk=order.pk).exists()
    assert set(Restriction.objects.values_list("data", "object_id")) == {
        ("customers.customer", str(customer.pk)),
        ("orders.order", str(order.pk)),
    }


def test_kept_rows_go_in_batches_and_a_run_failing_halfway_keeps_the_batches_done():
    orders = [OrderFactory(ordered_at=at(2026, 2, day)) for day in (1, 2, 3)]
    for order in orders:
        keep_by_law(order, date(2026, 11, 29))
    real_delete = Order.objects.none().delete.__func__
    order_deletes = []

    def failing_delete(queryset):
        if queryset.model is Order:
            order_deletes.append(1)
            if len(order_deletes) == 2:
                raise RuntimeError("the database went away")
        return real_delete(queryset)

    with (
        mock.patch("django.db.models.query.QuerySet.delete", failing_delete),
        pytest.raises(RuntimeError),
    ):
        retention_apply(today=TODAY, batch_size=1)

    # The first kept order went with its restriction; the second batch was rolled back.
    assert set(Order.objects.all()) == set(orders[1:])
    assert Restriction.objects.count() == 2

    retention_apply(today=TODAY, batch_size=1)
    assert not Order.objects.exists()
    assert not Restriction.objects.exists()


# Erasure ----------------------------------------------------------------------------------


def planned(plan) -> dict:
    return {entry["data"]: entry for entry in plan.as_list()}


def test_an_erased_order_is_kept_until_six_years_from_the_end_of_its_own_year():
    customer = CustomerFactory(started_on=date(2018, 1, 1))
    last_year = OrderFactory(customer=customer, ordered_at=at(2025, 3, 1))
    this_year = OrderFactory(customer=customer, ordered_at=at(2026, 2, 1))

    plan = erasure_plan(person(customer.primary_contact), today=TODAY)
    erasure_carry_out(plan)

    orders = planned(plan)["orders.order"]
    assert orders["kept"] == [
        {"until": "2031-12-31", "records": 1},
        {"until": "2032-12-31", "records": 1},
    ]
    assert (orders["law_fi"], orders["law_en"]) == (VOUCHER_LAW_FI, VOUCHER_LAW_EN)
    # The customer stays as long as the younger voucher.
    assert planned(plan)["customers.customer"]["kept"] == [{"until": "2032-12-31", "records": 1}]
    kept = Restriction.objects.filter(data="orders.order")
    assert set(kept.values_list("object_id", "until", "law")) == {
        (str(last_year.pk), date(2031, 12, 31), VOUCHER_LAW_FI),
        (str(this_year.pk), date(2032, 12, 31), VOUCHER_LAW_FI),
    }


def test_a_customer_whose_orders_are_all_past_their_period_is_erased_with_them():
    customer = CustomerFactory(started_on=date(2015, 1, 1))
    contact = customer.primary_contact
    for month in (3, 9):
        OrderFactory(customer=customer, ordered_at=at(2019, month, 1))

    plan = erasure_plan(person(contact), today=TODAY)

    entries = planned(plan)
    assert {data: (e["deleted"], e["kept"]) for data, e in entries.items()} == {
        "orders.order": (2, []),
        "customers.customer": (1, []),
        "customers.contact": (1, []),
    }
    erasure_carry_out(plan)
    assert not Order.objects.exists()
    assert not Customer.objects.exists()
    assert not Contact.objects.exists()
    assert not Restriction.objects.exists()


def test_a_second_erasure_counts_the_rows_already_kept_and_plans_only_the_new_ones():
    customer = CustomerFactory(started_on=date(2018, 1, 1))
    contact = customer.primary_contact
    for month in (2, 3):
        OrderFactory(customer=customer, ordered_at=at(2026, month, 1))
    erasure_carry_out(erasure_plan(person(contact), today=TODAY))
    new = OrderFactory(customer=customer, ordered_at=at(2026, 11, 1))

    plan = erasure_plan(person(contact), today=TODAY)

    already = {e.declaration.label_lower: e.already_kept for e in plan.entries if e.already_kept}
    assert already == {"orders.order": 2, "customers.customer": 1, "customers.contact": 1}
    orders = next(e for e in plan.entries if e.declaration.label_lower == "orders.order")
    assert orders.kept == {new.pk: date(2032, 12, 31)}


def test_only_a_rows_own_kept_by_law_restriction_counts_as_already_kept():
    restricted = SupportEmailFactory(sent_at=at(2026, 5, 1))
    contact = restricted.contact
    same_id = SupportEmailFactory(customer=restricted.customer, sent_at=at(2026, 5, 2))
    Restriction.objects.create(
        data="customers.supportemail",
        object_id=str(restricted.pk),
        reason=RestrictionReason.RESTRICTION,
    )
    Restriction.objects.create(
        data="orders.order",
        object_id=str(same_id.pk),
        reason=RestrictionReason.KEPT_BY_LAW,
        until=date(2030, 12, 31),
        law="Kirjanpitolaki",
    )

    plan = erasure_plan(person(contact), today=TODAY)

    emails = planned(plan)["customers.supportemail"]
    assert (emails["deleted"], emails["already_kept"]) == (2, 0)


def test_a_customer_needed_only_by_vouchers_kept_earlier_is_kept_under_the_gdpr_exception():
    customer = CustomerFactory(started_on=date(2018, 1, 1))
    contact = customer.primary_contact
    for month in (2, 3):
        keep_by_law(
            OrderFactory(customer=customer, ordered_at=at(2026, month, 1)), date(2032, 12, 31)
        )

    plan = erasure_plan(person(contact), today=TODAY)

    entries = planned(plan)
    assert set(entries) == {"customers.customer", "customers.contact"}
    for data, anonymised in (("customers.customer", 0), ("customers.contact", 1)):
        entry = entries[data]
        assert entry["kept"] == [{"until": "2026-11-30", "records": 1}]
        assert (entry["deleted"], entry["anonymised"]) == (0, anonymised)
        # No law of their own: they are kept only for the vouchers.
        assert (entry["law_fi"], entry["law_en"]) == ("", "")
    erasure_carry_out(plan)
    assert set(
        Restriction.objects.exclude(data="orders.order").values_list("data", "until", "law")
    ) == {
        ("customers.customer", TODAY, "GDPR Art. 17(3)(b)"),
        ("customers.contact", TODAY, "GDPR Art. 17(3)(b)"),
    }
    contact.refresh_from_db()
    assert (contact.first_name, contact.email) == ("", "")


def test_a_company_primary_contact_is_told_in_words_to_name_someone_else_first():
    contact = ContactFactory()
    CustomerFactory(company=True, primary_contact=contact)

    with refused(
        "named_elsewhere",
        "The requester is named on records that are not their own data (customer), for "
        "example as a company's primary contact. Name someone else there first, then erase.",
    ):
        erasure_plan(person(contact), today=TODAY)
    # The kind of record is named in the officer's language, as the sentence is.
    with translation.override("fi"):
        with pytest.raises(ValidationError) as finnish:
            erasure_plan(person(contact), today=TODAY)
        assert finnish.value.messages == [
            "Pyytäjä on nimetty tietueissa, jotka eivät ole hänen omia tietojaan (asiakas), "
            "esimerkiksi yrityksen ensisijaisena yhteyshenkilönä. Nimeä sinne ensin joku muu "
            "ja poista sitten."
        ]


# Restriction ------------------------------------------------------------------------------


def test_a_restriction_records_its_date_and_request_and_names_the_data_in_both_languages():
    contact = ContactFactory()
    access_request = AccessRequestFactory(contact=contact, kind="restriction")

    with translation.override("en"):
        summary = restrict_rows(
            person(contact),
            reason=RestrictionReason.RESTRICTION,
            until=date(2027, 6, 30),
            access_request=access_request,
        )

    assert summary == [
        {
            "category": "contact_details",
            "data": "customers.contact",
            "name_fi": "yhteyshenkilö",
            "name_en": "contact",
            "restricted": 1,
            "until": "2027-06-30",
        }
    ]
    restriction = Restriction.objects.get()
    assert (restriction.object_id, restriction.until, restriction.access_request) == (
        str(contact.pk),
        date(2027, 6, 30),
        access_request,
    )


def test_a_restriction_without_an_end_has_no_date():
    contact = ContactFactory()

    summary = restrict_rows(person(contact), reason=RestrictionReason.OBJECTION)

    assert [entry["until"] for entry in summary] == [None]
    assert Restriction.objects.get().until is None


# Rectification ----------------------------------------------------------------------------


def test_a_correction_reports_the_record_the_field_and_its_labels_in_both_languages():
    contact = ContactFactory(street_address="Väärä katu 1", city="Tampere")
    subject = person(contact)

    with translation.override("en"):
        street = rectification_apply(
            subject, [Correction("customers.contact", str(contact.pk), "street_address", "Oikea 2")]
        )
    with translation.override("fi"):
        city = rectification_apply(
            subject, [Correction("customers.contact", str(contact.pk), "city", "Turku")]
        )

    common = {
        "category": "contact_details",
        "data": "customers.contact",
        "object_id": str(contact.pk),
    }
    assert street == [
        {
            **common,
            "field": "street_address",
            "label_fi": "katuosoite",
            "label_en": "street address",
            "old": "Väärä katu 1",
            "new": "Oikea 2",
        }
    ]
    assert city == [
        {
            **common,
            "field": "city",
            "label_fi": "postitoimipaikka",
            "label_en": "city",
            "old": "Tampere",
            "new": "Turku",
        }
    ]
