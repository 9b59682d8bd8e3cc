"""How the officer sees each candidate on the find-data page (`matching.describe`).

Each candidate reads as what it is and the stored details that tell whether it is the
requester: a person's email, phone, name and address; a group's number of records; a row
removed since the search, said to be gone.
"""

import pytest
from django.utils import translation

from privacy.models import AccessRequestMatch
from privacy.requests.matching import describe, subject_of
from tests.customers.factories import ContactFactory, CustomerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def aino():
    return ContactFactory(
        first_name="Aino",
        last_name="Korhonen",
        email="aino@example.com",
        phone="+358401234567",
        street_address="Hämeenkatu 12 B 7",
        postal_code="33100",
    )


def seen(matches, language="en"):
    with translation.override(language):
        return [(view.title, view.details, view.reasons) for view in describe(matches)]


def test_a_person_reads_as_their_name_with_email_phone_and_address(aino):
    match = AccessRequestMatch(
        data="customers.contact",
        object_id=str(aino.pk),
        reasons=["customers.contact:email:email", "customers.contact:name_and_address:postal_code"],
    )

    assert seen([match]) == [
        (
            "contact: Aino Korhonen",
            ("aino@example.com", "+358401234567", "Aino Korhonen", "Hämeenkatu 12 B 7, 33100"),
            ("contact: email address", "contact: name and address (postal code)"),
        )
    ]


def test_a_person_without_phone_or_street_shows_only_what_is_stored():
    bare = ContactFactory(
        first_name="Eero", last_name="Laine", email="eero@example.com", phone="", street_address=""
    )
    bare.postal_code = "00100"
    bare.save()

    ((_title, details, _reasons),) = seen(
        [AccessRequestMatch(data="customers.contact", object_id=str(bare.pk))]
    )
    assert details == ("eero@example.com", "Eero Laine", "00100")


def test_a_group_reads_as_its_identifier_and_number_of_records_in_both_languages():
    one = AccessRequestMatch(
        data="customers.supportemail",
        identifier_kind="email",
        value="aino@example.com",
        rows=1,
        reasons=["customers.supportemail:email:from_address"],
    )
    three = AccessRequestMatch(
        data="orders.order", identifier_kind="email", value="aino@example.com", rows=3
    )

    assert seen([one, three]) == [
        (
            "support email: email address aino@example.com",
            ("1 record",),
            ("support email: sender's email address",),
        ),
        ("order: email address aino@example.com", ("3 records",), ()),
    ]
    assert [details for _t, details, _r in seen([one, three], "fi")] == [
        ("1 tietue",),
        ("3 tietuetta",),
    ]


def test_a_row_removed_since_the_search_is_said_to_be_gone(aino):
    gone = AccessRequestMatch(data="customers.contact", object_id=str(aino.pk + 1000))

    assert seen([gone]) == [("contact: (no longer in the register)", (), ())]


def test_the_subject_is_made_of_the_confirmed_candidates_only(aino):
    matches = [
        AccessRequestMatch(data="customers.contact", object_id=str(aino.pk), confirmed=True),
        AccessRequestMatch(data="customers.contact", object_id="424242", confirmed=False),
        AccessRequestMatch(
            data="orders.order", identifier_kind="email", value="aino@example.com", confirmed=True
        ),
        AccessRequestMatch(
            data="orders.order", identifier_kind="email", value="muu@example.com", confirmed=False
        ),
    ]

    subject = subject_of(matches)

    assert dict(subject.rows) == {"customers.contact": frozenset({aino.pk})}
    assert subject.identifiers == frozenset({("email", "aino@example.com")})


def test_a_candidate_of_data_no_longer_declared_is_named_by_its_label_and_the_rest_read_on(aino):
    undeclared = AccessRequestMatch(data="auth.user", object_id="1")
    person = AccessRequestMatch(data="customers.contact", object_id=str(aino.pk))

    assert [title for title, _details, _reasons in seen([undeclared, person])] == [
        "auth.user: (no longer in the register)",
        "contact: Aino Korhonen",
    ]


def test_a_company_candidate_says_that_confirming_it_adds_nothing_and_a_private_one_does_not():
    company = CustomerFactory(company=True, customer_number="AS-20001")
    private = CustomerFactory(customer_number="AS-20002")
    matches = [
        AccessRequestMatch(data="customers.customer", object_id=str(company.pk)),
        AccessRequestMatch(data="customers.customer", object_id=str(private.pk)),
    ]

    (company_view, private_view) = seen(matches)
    assert company_view[1] == (
        "AS-20001",
        "A company: its customer data is no one's personal data, so confirming it adds "
        "nothing to the answer. The requester's own data comes with their contact record.",
    )
    assert private_view[1] == ("AS-20002",)
    (company_fi, _private_fi) = seen(matches, "fi")
    assert company_fi[1][1] == (
        "Yritys: sen asiakastiedot eivät ole kenenkään henkilötietoja, joten sen "
        "vahvistaminen ei lisää vastaukseen mitään. Pyytäjän omat tiedot tulevat hänen "
        "yhteyshenkilötietojensa mukana."
    )


def test_each_view_carries_its_match_for_the_officers_decision(aino):
    # The find-data page's checkbox and "decided" column read the match from its view.
    matches = [
        AccessRequestMatch(data="customers.contact", object_id=str(aino.pk)),
        AccessRequestMatch(data="customers.contact", object_id="999999"),
    ]
    assert [view.match for view in describe(matches)] == matches


def test_only_the_separator_of_a_missing_street_or_postal_code_is_left_out():
    contact = ContactFactory(
        first_name="Xenia",
        last_name="Xu",
        email="xu@example.com",
        phone="",
        street_address="Xamkintie 1 X",
        postal_code="00100",
    )
    ((_title, details, _reasons),) = seen(
        [AccessRequestMatch(data="customers.contact", object_id=str(contact.pk))]
    )
    assert details == ("xu@example.com", "Xenia Xu", "Xamkintie 1 X, 00100")
