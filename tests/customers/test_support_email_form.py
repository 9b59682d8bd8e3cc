"""The support-email form: a Message-ID made when left empty, "handled by" as names."""

import pytest
from django.urls import reverse

from customers.models import SupportEmail
from tests.customers.factories import CustomerFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

ADD = reverse("admin:customers_supportemail_add")


def form_data(**overrides) -> dict[str, str]:
    return {
        "direction": "in",
        "sent_at_0": "2026-11-30",
        "sent_at_1": "10:15",
        "message_id": "",
        "thread_id": "",
        "from_address": "asiakas@example.com",
        "to_addresses": "asiakaspalvelu@webstrella.fi",
        "cc_addresses": "",
        "subject": "Missä tilaukseni on?",
        "body_text": "Hei",
        "contact": "",
        "customer": "",
        "handled_by": "",
        **overrides,
    }


def test_a_message_logged_without_a_message_id_gets_one_in_the_mail_domain(
    customer_service_client,
):
    response = customer_service_client.post(ADD, form_data())
    assert response.status_code == 302, response.context["adminform"].form.errors
    message_id = SupportEmail.objects.get().message_id
    assert message_id.startswith("<")
    assert message_id.endswith("@webstrella.fi>")


def test_a_typed_message_id_is_kept(customer_service_client):
    customer_service_client.post(ADD, form_data(message_id="<abc@mail.example.com>"))
    assert SupportEmail.objects.get().message_id == "<abc@mail.example.com>"


def test_handled_by_defaults_to_the_person_saving_and_shows_names(
    customer_service_client, customer_service_user
):
    colleague = StaffUserFactory(first_name="Jyrki", last_name="Virtanen", username="jyrki.v")
    response = customer_service_client.get(ADD)
    page = response.content.decode()
    field = response.context["adminform"].form["handled_by"]
    assert field.value() == customer_service_user.pk
    assert "Jyrki Virtanen (jyrki.v)" in page
    # No lookup of the user list, which customer service may not open.
    assert "/admin/auth/user/?_to_field" not in page
    assert customer_service_client.post(ADD, form_data(handled_by=colleague.pk)).status_code == 302
    assert SupportEmail.objects.get().handled_by == colleague


def test_the_customer_page_shows_who_handled_an_email_by_name(customer_service_client):
    from tests.customers.factories import SupportEmailFactory

    handler = StaffUserFactory(first_name="Jyrki", last_name="Virtanen")
    email = SupportEmailFactory(customer=CustomerFactory(), handled_by=handler)
    response = customer_service_client.get(
        reverse("admin:customers_customer_change", args=[email.customer.pk])
    )
    assert "Jyrki Virtanen" in response.content.decode()
