"""Two people editing one record: the later save must not silently undo the earlier one."""

import pytest

from customers.models import Contact
from orders.models import Product
from tests.customers.factories import ContactFactory
from tests.orders.factories import ProductFactory
from tests.privacy.pages import hidden_inputs

pytestmark = pytest.mark.django_db

CONTACT_URL = "/admin/customers/contact/{pk}/change/"


def contact_fields(contact: Contact, **changes) -> dict[str, str]:
    fields = {
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
        **changes,
    }
    return fields


def opened(client, url: str) -> dict[str, str]:
    """What the change page carries as hidden inputs: the inlines' forms and the row stamp."""
    return hidden_inputs(client, url, form_id="contact_form")


def test_a_change_saved_meanwhile_is_not_overwritten(customer_service_client, superuser_client):
    contact = ContactFactory(phone="+358401111111", city="Kuopio")
    url = CONTACT_URL.format(pk=contact.pk)
    first_page = opened(customer_service_client, url)
    second_page = opened(superuser_client, url)
    assert first_page["row_stamp"]

    saved = customer_service_client.post(
        url, {**first_page, **contact_fields(contact, phone="040 222 2222")}
    )
    assert saved.status_code == 302
    refused = superuser_client.post(
        url, {**second_page, **contact_fields(contact, city="Oulu")}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert refused.status_code == 200
    assert "Someone else saved this record after you opened it" in refused.content.decode()
    contact.refresh_from_db()
    assert (contact.phone, contact.city) == ("+358402222222", "Kuopio")


def test_a_form_opened_after_the_colleagues_save_is_saved(
    customer_service_client, superuser_client
):
    contact = ContactFactory(phone="+358401111111", city="Kuopio")
    url = CONTACT_URL.format(pk=contact.pk)
    customer_service_client.post(
        url, {**opened(customer_service_client, url), **contact_fields(contact, phone="0402222222")}
    )
    contact.refresh_from_db()

    response = superuser_client.post(
        url, {**opened(superuser_client, url), **contact_fields(contact, city="Oulu")}
    )

    assert response.status_code == 302
    contact.refresh_from_db()
    assert (contact.phone, contact.city) == ("+358402222222", "Oulu")


def test_a_change_form_posted_without_its_stamp_is_refused(superuser_client):
    contact = ContactFactory(city="Kuopio")
    url = CONTACT_URL.format(pk=contact.pk)
    page = opened(superuser_client, url)
    del page["row_stamp"]

    response = superuser_client.post(url, {**page, **contact_fields(contact, city="Oulu")})

    assert response.status_code == 200
    contact.refresh_from_db()
    assert contact.city == "Kuopio"


def test_the_product_form_is_guarded_too(superuser_client):
    product = ProductFactory(name="Kotisivu")
    url = f"/admin/orders/product/{product.pk}/change/"
    page = hidden_inputs(superuser_client, url, form_id="product_form")
    Product.objects.filter(pk=product.pk).update(name="Kotisivu Plus")

    response = superuser_client.post(
        url,
        {
            **page,
            "name": "Kotisivu Pro",
            "sku": product.sku,
            "kind": product.kind,
            "price": str(product.price),
            "vat_rate": str(product.vat_rate),
            "is_active": "on",
        },
    )

    assert response.status_code == 200
    product.refresh_from_db()
    assert product.name == "Kotisivu Plus"
