from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from customers.models import AnalyticsEvent, Contact, Customer
from tests.customers.factories import (
    AnalyticsEventFactory,
    ContactFactory,
    CustomerFactory,
    SupportEmailFactory,
)

pytestmark = pytest.mark.django_db


def errors_of(instance) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as exc:
        instance.full_clean()
    return exc.value.message_dict


# Contact


def test_a_contact_from_the_factory_is_valid():
    ContactFactory().full_clean()


def test_contact_clean_stores_the_phone_in_e164_and_the_email_in_lower_case():
    contact = ContactFactory.build(phone="040 123 4567", email="Aino.Korhonen@Example.COM")
    contact.full_clean()
    assert contact.phone == "+358401234567"
    assert contact.email == "aino.korhonen@example.com"


def test_contact_clean_rejects_a_phone_that_is_not_a_number():
    assert "phone" in errors_of(ContactFactory.build(phone="ei ole"))


@pytest.mark.parametrize("postal_code", ["0010", "001000", "00 100", "FI-00100", "ABCDE"])
def test_a_finnish_postal_code_must_have_five_digits(postal_code):
    assert "postal_code" in errors_of(ContactFactory.build(postal_code=postal_code))


def test_a_foreign_postal_code_is_not_held_to_the_finnish_format():
    ContactFactory.build(country="se", postal_code="114 55", city="Stockholm").full_clean()


def test_the_country_code_is_stored_in_capitals():
    contact = ContactFactory.build(country="fi")
    contact.full_clean()
    assert contact.country == "FI"


def test_the_database_refuses_an_unknown_contact_language():
    with pytest.raises(IntegrityError), transaction.atomic():
        ContactFactory(preferred_language="de")


# Customer


def test_a_company_customer_from_the_factory_is_valid():
    CustomerFactory(company=True).full_clean()


def test_customer_clean_normalises_the_business_id():
    customer = CustomerFactory.build(company=True, business_id="07375462")
    customer.full_clean(exclude=["primary_contact"])
    assert customer.business_id == "0737546-2"


def test_customer_clean_rejects_an_invalid_business_id():
    customer = CustomerFactory(company=True)
    customer.business_id = "0737546-3"
    assert "business_id" in errors_of(customer)


def test_a_company_customer_needs_a_company_name():
    customer = CustomerFactory(company=True)
    customer.company_name = ""
    assert "company_name" in errors_of(customer)


def test_the_database_refuses_a_company_customer_without_a_name():
    with pytest.raises(IntegrityError), transaction.atomic():
        CustomerFactory(kind=Customer.Kind.COMPANY, company_name="")


def test_a_private_customer_has_no_business_id():
    customer = CustomerFactory()
    customer.business_id = "0737546-2"
    assert "business_id" in errors_of(customer)


def test_an_end_date_before_the_start_date_is_rejected():
    customer = CustomerFactory(started_on=date(2024, 5, 1))
    customer.ended_on = date(2024, 4, 30)
    assert "ended_on" in errors_of(customer)


def test_the_database_refuses_an_end_date_before_the_start_date():
    with pytest.raises(IntegrityError), transaction.atomic():
        CustomerFactory(started_on=date(2024, 5, 1), ended_on=date(2024, 4, 30))


def test_a_relationship_may_end_on_the_day_it_started():
    CustomerFactory(started_on=date(2024, 5, 1), ended_on=date(2024, 5, 1)).full_clean()


def test_an_ended_relationship_needs_an_end_date():
    customer = CustomerFactory()
    customer.status = Customer.Status.ENDED
    assert "ended_on" in errors_of(customer)


def test_an_ended_relationship_with_an_end_date_is_valid():
    CustomerFactory(ended=True).full_clean()


def test_the_database_refuses_an_unknown_customer_status():
    with pytest.raises(IntegrityError), transaction.atomic():
        CustomerFactory(status="deleted")


def test_the_customer_number_is_unique():
    CustomerFactory(customer_number="AS-20001")
    with pytest.raises(IntegrityError), transaction.atomic():
        CustomerFactory(customer_number="AS-20001")


def test_a_company_is_shown_by_its_name_and_a_person_by_theirs():
    company = CustomerFactory(company=True, company_name="Rakennus Nieminen Oy")
    person = CustomerFactory(primary_contact=ContactFactory(first_name="Aino", last_name="Laine"))
    assert company.display_name == "Rakennus Nieminen Oy"
    assert person.display_name == "Aino Laine"
    assert str(person) == f"{person.customer_number} Aino Laine"


def test_a_contact_in_use_as_primary_contact_cannot_be_deleted():
    customer = CustomerFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Contact.objects.filter(pk=customer.primary_contact_id).delete()


# Support email


def test_a_message_id_is_stored_only_once():
    SupportEmailFactory(message_id="<abc123@mail.example.com>")
    with pytest.raises(IntegrityError), transaction.atomic():
        SupportEmailFactory(message_id="<abc123@mail.example.com>")


def test_full_clean_reports_a_message_id_already_stored():
    SupportEmailFactory(message_id="<abc123@mail.example.com>")
    duplicate = SupportEmailFactory.build(
        message_id="<abc123@mail.example.com>",
        customer=None,
        contact=None,
        from_address="maija.virtanen@example.com",
    )
    assert "message_id" in errors_of(duplicate)


# Analytics event


def test_analytics_properties_up_to_the_limit_are_accepted():
    event = AnalyticsEventFactory()
    # {"note": "..."} is 12 bytes of JSON around the text.
    event.properties = {"note": "x" * (AnalyticsEvent.MAX_PROPERTIES_BYTES - 12)}
    event.full_clean()


def test_analytics_properties_over_the_limit_are_rejected():
    event = AnalyticsEventFactory()
    event.properties = {"note": "x" * (AnalyticsEvent.MAX_PROPERTIES_BYTES - 11)}
    assert "properties" in errors_of(event)


def test_the_properties_limit_counts_bytes_not_characters():
    event = AnalyticsEventFactory()
    # "ä" takes two bytes in UTF-8: 1100 characters are 2200 bytes.
    event.properties = {"note": "ä" * 1100}
    assert "properties" in errors_of(event)


def test_analytics_properties_must_be_a_json_object():
    event = AnalyticsEventFactory()
    event.properties = ["page_view"]
    assert "properties" in errors_of(event)
