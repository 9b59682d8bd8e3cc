"""Finding a requester by name and address when other people share the name or the address.

The inventory's discovery (`privacy.inventory.discovery.find_candidates`) is called here
directly with what a requester wrote, so each test sees exactly the candidates an officer
would be shown, with the reasons that made them candidates.
"""

import pytest

from privacy.inventory.discovery import Requester, find_candidates
from tests.customers.factories import ContactFactory, SupportEmailFactory

pytestmark = pytest.mark.django_db

CONTACT = "customers.contact"
SUPPORT_EMAIL = "customers.supportemail"
BY_RECIPIENT = "customers.supportemail:email:to_addresses"
BY_POSTAL_CODE = "customers.contact:name_and_address:postal_code"
BY_STREET = "customers.contact:name_and_address:street_address"
STREET = "Hämeenkatu 12 B 7"
POSTAL_CODE = "33100"


def found(requester: Requester) -> list[tuple[str, str, list[str]]]:
    return [(c.data, c.object_id, c.reasons) for c in find_candidates(requester)]


def resident(first_name: str, last_name: str, **address):
    return ContactFactory(
        first_name=first_name,
        last_name=last_name,
        street_address=address.get("street_address", STREET),
        postal_code=address.get("postal_code", POSTAL_CODE),
        email=f"{first_name}.{last_name}@example.com".lower(),
        phone="",
    )


def test_the_requester_is_found_after_a_family_member_who_sorts_first_at_the_same_address():
    # Contacts sort by last name, then first name: Aino comes before Ville.
    resident("Aino", "Korhonen")
    ville = resident("Ville", "Korhonen")

    assert found(Requester(name="Ville Korhonen", street_address=STREET, postal_code="33100")) == [
        (CONTACT, str(ville.pk), [BY_POSTAL_CODE, BY_STREET])
    ]


def test_each_of_several_family_members_is_found_by_their_own_name_only():
    aino = resident("Aino", "Korhonen")
    eero = resident("Eero", "Korhonen")
    ville = resident("Ville", "Korhonen")

    for person in (aino, eero, ville):
        requester = Requester(name=person.full_name, street_address=STREET, postal_code="33100")
        assert [object_id for _data, object_id, _reasons in found(requester)] == [str(person.pk)]


def test_a_namesake_at_the_same_postal_code_but_another_street_is_found_by_postal_code_only():
    here = resident("Aino", "Korhonen")
    resident("Aino", "Korhonen", street_address="Satakunnankatu 3", postal_code="33210")

    assert found(Requester(name="Aino Korhonen", street_address=STREET, postal_code="33100")) == [
        (CONTACT, str(here.pk), [BY_POSTAL_CODE, BY_STREET])
    ]


def test_an_address_in_a_recipient_list_without_spaces_is_found_but_not_a_longer_one():
    SupportEmailFactory(to_addresses="asiakaspalvelu@webstrella.fi,aino@example.com")
    SupportEmailFactory(to_addresses="xaino@example.com")

    candidates = find_candidates(Requester(email="Aino@Example.com"))

    assert [(c.data, c.value, c.rows, c.reasons) for c in candidates] == [
        (SUPPORT_EMAIL, "aino@example.com", 1, [BY_RECIPIENT])
    ]
