"""Behind the reverse proxy every request comes from 127.0.0.1; the client is in
X-Forwarded-For. Sign-in lockout and the audit log must both see the client.

The settings are those of the README's production section: one proxy in front, the client
address read from X-Forwarded-For.
"""

import pytest
from axes.models import AccessAttempt
from django.test import Client, override_settings
from django.urls import reverse

from privacy.models import AuditEntry
from tests.customers.factories import STAFF_PASSWORD, ContactFactory, StaffUserFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("behind_one_proxy"),
]

PROXY = "127.0.0.1"
OFFICE = "198.51.100.23"
HOME = "203.0.113.77"
WRONG = "väärä-salasana"


@pytest.fixture
def behind_one_proxy():
    with override_settings(
        AXES_IPWARE_PROXY_COUNT=1, AXES_IPWARE_META_PRECEDENCE_ORDER=["HTTP_X_FORWARDED_FOR"]
    ):
        yield


def through_proxy(client_address: str) -> dict[str, str]:
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": client_address}


def sign_in(client: Client, username: str, password: str, address: str):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        **through_proxy(address),
    )


def test_five_failures_lock_out_the_clients_address_and_not_the_proxys():
    maija = StaffUserFactory(username="maija.virtanen")
    attacker = Client()
    responses = [sign_in(attacker, maija.username, WRONG, HOME) for _ in range(5)]
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [HOME]

    assert sign_in(attacker, maija.username, STAFF_PASSWORD, HOME).status_code == 429
    response = sign_in(Client(), maija.username, STAFF_PASSWORD, OFFICE)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_a_forged_address_before_the_proxys_own_does_not_escape_the_lockout():
    # The proxy appends the address it saw; what the client wrote before it is not believed.
    maija = StaffUserFactory(username="maija.virtanen")
    attacker = Client()
    for forged in ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5"]:
        sign_in(attacker, maija.username, WRONG, f"{forged}, {HOME}")
    assert sign_in(attacker, maija.username, STAFF_PASSWORD, f"10.0.0.6, {HOME}").status_code == 429


def test_audit_entries_record_the_clients_address(customer_service_client):
    ContactFactory()
    url = reverse("admin:customers_contact_changelist")
    assert customer_service_client.get(url, **through_proxy(OFFICE)).status_code == 200
    assert list(AuditEntry.objects.values_list("ip_address", flat=True)) == [OFFICE]


def test_without_a_proxy_the_connecting_address_is_the_client(customer_service_client):
    with override_settings(AXES_IPWARE_PROXY_COUNT=None):
        customer_service_client.get(
            reverse("admin:customers_contact_changelist"),
            REMOTE_ADDR=OFFICE,
            HTTP_X_FORWARDED_FOR="192.0.2.99",
        )
    assert list(AuditEntry.objects.values_list("ip_address", flat=True)) == [OFFICE]


def test_gunicorn_listens_on_loopback_only_unless_told_otherwise(monkeypatch):
    # The proxy's X-Forwarded-For is believed; nobody else may reach gunicorn to forge it.
    import runpy
    from pathlib import Path

    monkeypatch.delenv("GUNICORN_BIND", raising=False)
    config = runpy.run_path(str(Path(__file__).resolve().parents[2] / "gunicorn.conf.py"))
    assert config["bind"].startswith("127.0.0.1:")
