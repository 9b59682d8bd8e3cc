"""Finding the requester's data: every identifier in every source, never a name alone."""

import pytest

from customers.models import Contact
from privacy.inventory import registry
from privacy.models import AccessRequest
from privacy.requests.matching import candidates_for
from privacy.requests.services import (
    access_request_compile,
    access_request_confirm_matches,
    access_request_find_data,
    access_request_verify_identity,
)
from privacy.staff.groups import PRIVACY_OFFICER
from tests.customers.factories import (
    ContactFactory,
    CustomerContactFactory,
    CustomerFactory,
    StaffUserFactory,
    SupportEmailFactory,
)
from tests.orders.factories import OrderFactory
from tests.privacy.factories import (
    AccessRequestFactory,
    confirm_every_candidate,
    package_texts,
    squeeze,
)

pytestmark = pytest.mark.django_db

CONTACT = "customers.contact"
CUSTOMER = "customers.customer"
SUPPORT_EMAIL = "customers.supportemail"
ORDER = "orders.order"
BY_EMAIL = "customers.contact:email:email"
BY_PHONE = "customers.contact:phone:phone"
BY_NAME_AND_POSTAL_CODE = "customers.contact:name_and_address:postal_code"
BY_NAME_AND_STREET = "customers.contact:name_and_address:street_address"
BY_CUSTOMER_NUMBER = "customers.customer:customer_number:customer_number"
BY_BILLING_EMAIL = "orders.order:email:billing_email"
BY_SENDER = "customers.supportemail:email:from_address"
BY_RECIPIENT = "customers.supportemail:email:to_addresses"


def found(access_request) -> dict[tuple, list[str]]:
    """{(model, row or identifier value): reasons} of the request's candidates."""
    result = {}
    for candidate in candidates_for(access_request):
        if candidate.object_id:
            model = registry.for_model(candidate.data).model
            target = model._default_manager.get(pk=candidate.object_id)
        else:
            target = candidate.value
        result[(candidate.data, target)] = candidate.reasons
    return result


def test_the_email_address_finds_the_contact_orders_and_support_emails():
    customer = CustomerFactory()
    contact = customer.primary_contact
    OrderFactory(customer=customer)
    SupportEmailFactory(customer=customer, from_address=contact.email)
    request = AccessRequestFactory(
        requester_name="Joku Muu", postal_code="99999", street_address="-", email=contact.email
    )
    assert found(request) == {
        (CONTACT, contact): [BY_EMAIL],
        (SUPPORT_EMAIL, contact.email): [BY_SENDER],
        (ORDER, contact.email): [BY_BILLING_EMAIL],
    }


def test_the_email_address_is_compared_without_case():
    contact = ContactFactory(email="aino.korhonen@example.com")
    request = AccessRequestFactory(
        requester_name="x", postal_code="99999", email="Aino.Korhonen@Example.com"
    )
    request.full_clean()
    assert found(request) == {(CONTACT, contact): [BY_EMAIL]}


def test_support_emails_to_or_copied_to_the_address_are_found_but_not_similar_addresses():
    SupportEmailFactory(
        direction="out",
        from_address="asiakaspalvelu@webstrella.fi",
        to_addresses="muu@example.com, aino@example.com",
        contact=None,
        customer=None,
    )
    SupportEmailFactory(
        from_address="xaino@example.com",
        to_addresses="asiakaspalvelu@webstrella.fi",
        cc_addresses="aino@example.com.evil",
        contact=None,
        customer=None,
    )
    request = AccessRequestFactory(
        requester_name="x", postal_code="99999", email="aino@example.com"
    )
    assert found(request) == {(SUPPORT_EMAIL, "aino@example.com"): [BY_RECIPIENT]}


def test_the_phone_number_is_normalised_before_the_search():
    contact = ContactFactory(phone="+358401234567")
    request = AccessRequestFactory(requester_name="x", postal_code="99999", phone="040 123 4567")
    request.full_clean()
    assert request.phone == "+358401234567"
    assert found(request) == {(CONTACT, contact): [BY_PHONE]}


def test_the_customer_number_finds_the_customer():
    customer = CustomerFactory(customer_number="AS-20001")
    request = AccessRequestFactory(
        requester_name="x", postal_code="99999", customer_number=" as-20001 "
    )
    request.full_clean()
    assert found(request) == {(CUSTOMER, customer): [BY_CUSTOMER_NUMBER]}


def test_the_name_finds_a_contact_only_together_with_the_postal_code_or_street():
    at_home = ContactFactory(
        first_name="Aino", last_name="Korhonen", street_address="Hämeenkatu 5", postal_code="33100"
    )
    same_street = ContactFactory(
        first_name="Aino", last_name="Korhonen", street_address="Hämeenkatu 5", postal_code="33200"
    )
    ContactFactory(
        first_name="Aino", last_name="Korhonen", street_address="Aurakatu 1", postal_code="20100"
    )
    ContactFactory(
        first_name="Eero", last_name="Korhonen", street_address="Hämeenkatu 5", postal_code="33100"
    )
    request = AccessRequestFactory(
        requester_name="KORHONEN Aino", street_address="hämeenkatu 5", postal_code="33100"
    )
    assert found(request) == {
        (CONTACT, at_home): [BY_NAME_AND_POSTAL_CODE, BY_NAME_AND_STREET],
        (CONTACT, same_street): [BY_NAME_AND_STREET],
    }


def test_a_last_name_of_two_words_is_found():
    contact = ContactFactory(first_name="Maria", last_name="af Forselles", postal_code="00100")
    request = AccessRequestFactory(requester_name="Maria af Forselles", postal_code="00100")
    assert found(request) == {(CONTACT, contact): [BY_NAME_AND_POSTAL_CODE]}


def test_a_name_of_a_hundred_words_is_searched_without_a_database_error():
    # Two hundred characters of name, the most the intake takes, typed as one-letter words.
    name = " ".join(["a"] * 96 + ["Korhonen"])
    ContactFactory(first_name="Aino", last_name="Korhonen", postal_code="33100")
    request = AccessRequestFactory(requester_name=name, postal_code="33100")
    assert found(request) == {}


def test_searching_again_keeps_the_decisions_and_adds_new_candidates():
    officer = StaffUserFactory(groups=[PRIVACY_OFFICER])
    contact = ContactFactory()
    request = AccessRequestFactory(contact=contact)
    access_request_verify_identity(
        access_request=request, verified_by=officer, method="register_details"
    )
    [match] = access_request_find_data(access_request=request, searched_by=officer)
    access_request_confirm_matches(
        access_request=request, decided_by=officer, confirmed_ids=[match.pk], shown_ids=[match.pk]
    )
    ContactFactory(
        first_name=contact.first_name,
        last_name=contact.last_name,
        street_address=contact.street_address,
        postal_code="99999",
    )
    matches = access_request_find_data(access_request=request, searched_by=officer)
    assert len(matches) == 2
    kept = next(m for m in matches if m.pk == match.pk)
    assert kept.confirmed and kept.decided_by == officer
    new = next(m for m in matches if m.pk != match.pk)
    assert not new.confirmed and new.decided_at is None
    assert AccessRequest.objects.get(pk=request.pk).searched_by == officer


# The namesake


@pytest.fixture
def requester_and_namesake():
    """Aino Korhonen of Tampere asks; another Aino Korhonen lives in Turku with her own data."""
    requester = CustomerFactory(
        primary_contact=ContactFactory(
            first_name="Aino",
            last_name="Korhonen",
            email="aino.korhonen@example.com",
            phone="+358401111111",
            street_address="Hämeenkatu 5",
            postal_code="33100",
            city="Tampere",
        )
    )
    namesake = CustomerFactory(
        primary_contact=ContactFactory(
            first_name="Aino",
            last_name="Korhonen",
            email="aino.k@turku.example.com",
            phone="+358402222222",
            street_address="Aurakatu 9",
            postal_code="20100",
            city="Turku",
        )
    )
    OrderFactory(customer=requester)
    OrderFactory(customer=namesake)
    SupportEmailFactory(customer=namesake, subject="Kaiman oma viesti")
    request = AccessRequestFactory(contact=requester.primary_contact)
    return request, requester, namesake


def test_a_namesake_at_another_address_is_not_even_a_candidate(requester_and_namesake):
    request, requester, namesake = requester_and_namesake
    candidates = found(request)
    assert (CONTACT, requester.primary_contact) in candidates
    assert all(namesake.primary_contact not in key and namesake not in key for key in candidates)


def test_a_namesake_found_by_postal_code_stays_out_until_confirmed(requester_and_namesake):
    request, requester, namesake = requester_and_namesake
    Contact.objects.filter(pk=namesake.primary_contact.pk).update(postal_code="33100")
    officer = StaffUserFactory(groups=[PRIVACY_OFFICER])
    access_request_verify_identity(
        access_request=request, verified_by=officer, method="register_details"
    )
    matches = access_request_find_data(access_request=request, searched_by=officer)
    namesake_match = next(
        m for m in matches if (m.data, m.object_id) == (CONTACT, str(namesake.primary_contact.pk))
    )
    assert namesake_match.reasons == [BY_NAME_AND_POSTAL_CODE]
    assert not namesake_match.confirmed
    access_request_confirm_matches(
        access_request=request,
        decided_by=officer,
        confirmed_ids=[m.pk for m in matches if m.pk != namesake_match.pk],
        shown_ids=[m.pk for m in matches],
    )
    access_request_compile(access_request=request, compiled_by=officer)

    texts = package_texts(request)
    for value in [namesake.primary_contact.email, namesake.customer_number, "Aurakatu 9"]:
        for name, text in texts.items():
            assert squeeze(value) not in text, f"{value} of the namesake is in {name}"
    assert squeeze("Kaiman oma viesti") not in texts["letter"]
    assert requester.customer_number in texts["json"]


def test_a_company_contact_gets_the_company_relationship_but_not_a_colleagues_details():
    officer = StaffUserFactory(groups=[PRIVACY_OFFICER])
    company = CustomerFactory(company=True)
    colleague = company.primary_contact
    requester = CustomerContactFactory(customer=company).contact
    SupportEmailFactory(customer=company, contact=colleague, subject="Kollegan viesti")
    request = AccessRequestFactory(contact=requester, customer_number=company.customer_number)
    access_request_verify_identity(
        access_request=request, verified_by=officer, method="register_details"
    )
    matches = confirm_every_candidate(request, officer)
    assert {m.data for m in matches} == {CONTACT, CUSTOMER}
    access_request_compile(access_request=request, compiled_by=officer)
    texts = package_texts(request)
    for text in texts.values():
        assert company.customer_number in text
        assert requester.email in text
        assert colleague.email not in text
        assert squeeze(colleague.full_name) not in text
        assert squeeze("Kollegan viesti") not in text
    # The company's own record is not the contact person's data: their role row says it.
    assert '"data":"customers.Customer"' not in texts["json"]
    assert '"data":"customers.CustomerContact"' in texts["json"]
