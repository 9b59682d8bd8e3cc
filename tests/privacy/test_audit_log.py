"""The audit log of staff access: who looked at whose data, when and from where."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from privacy.models import AuditEntry
from tests.customers.factories import ContactFactory
from tests.orders.factories import OrderFactory
from tests.refusals import refused

pytestmark = pytest.mark.django_db

OFFICE = "192.0.2.44"


def entries() -> list[tuple]:
    return list(
        AuditEntry.objects.order_by("pk").values_list(
            "username", "action", "target_model", "target_id", "detail", "ip_address"
        )
    )


def test_opening_listing_and_searching_records_leave_entries(
    customer_service_client, customer_service_user
):
    contact = ContactFactory(last_name="Heikkinen")
    client = customer_service_client
    changelist = reverse("admin:customers_contact_changelist")

    client.get(changelist, REMOTE_ADDR=OFFICE)
    client.get(changelist, {"q": "  Heikkinen  "}, REMOTE_ADDR=OFFICE)
    client.get(reverse("admin:customers_contact_change", args=[contact.pk]), REMOTE_ADDR=OFFICE)

    who = customer_service_user.username
    assert entries() == [
        (who, "list", "customers.Contact", "", "", OFFICE),
        (who, "search", "customers.Contact", "", "Heikkinen", OFFICE),
        (who, "view", "customers.Contact", str(contact.pk), "", OFFICE),
    ]


def test_a_page_refused_with_403_leaves_no_entry_of_a_look(staff_without_group_client):
    order = OrderFactory()
    contact = order.customer.primary_contact
    response = staff_without_group_client.get(
        reverse("admin:customers_contact_change", args=[contact.pk])
    )
    assert response.status_code == 403
    assert not AuditEntry.objects.filter(action="view").exists()


def test_an_entry_cannot_be_updated_or_deleted_one_by_one():
    entry = AuditEntry.objects.create(username="tuula", action="view")
    with refused("append_only"):
        AuditEntry.objects.filter(pk=entry.pk).update(username="someone else")
    with refused("append_only"):
        entry.delete()
    assert AuditEntry.objects.get(pk=entry.pk).username == "tuula"


def test_privacy_officers_read_and_filter_the_log(privacy_officer_client):
    AuditEntry.objects.create(username="tuula", action="view", target_model="customers.Contact")
    AuditEntry.objects.create(username="pekka", action="search", detail="Virtanen")
    url = reverse("admin:privacy_auditentry_changelist")

    def listed(**query) -> list[str]:
        response = privacy_officer_client.get(url, query)
        assert response.status_code == 200
        return [entry.username for entry in response.context["cl"].result_list]

    assert sorted(listed()) == ["pekka", "tuula"]
    assert listed(action__exact="search") == ["pekka"]
    assert listed(q="tuula") == ["tuula"]


def test_prune_erases_only_entries_past_the_retention():
    now = timezone.now()
    with time_machine.travel(now - timedelta(days=31)):
        old = AuditEntry.objects.create(username="old", action="view")
    with time_machine.travel(now - timedelta(days=29)):
        recent = AuditEntry.objects.create(username="recent", action="view")

    out = StringIO()
    call_command("prune_audit_log", "--days=30", stdout=out)

    assert list(AuditEntry.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not AuditEntry.objects.filter(pk=old.pk).exists()
    assert "Erased 1 audit entries" in out.getvalue()


@pytest.mark.parametrize("days", ["0", "-5", "36501", "many"])
def test_prune_refuses_a_retention_out_of_range(days):
    AuditEntry.objects.create(username="kept", action="view")
    with pytest.raises(CommandError):
        call_command("prune_audit_log", f"--days={days}", stdout=StringIO())
    assert AuditEntry.objects.count() == 1
