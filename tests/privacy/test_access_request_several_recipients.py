"""Support emails to several people: the requester is found wherever the list names them.

To and CC hold comma-separated lists, and display names have spaces in them, so a list is
split at its commas: split at spaces, a name in the middle keeps a comma and is missed.
"""

import io

import pytest
from django.core.management import call_command

from customers.mail.services import support_emails_link_by_address
from customers.models import SupportEmail
from privacy.requests.matching import candidates_for
from tests.customers.factories import ContactFactory, CustomerFactory, SupportEmailFactory
from tests.privacy.factories import AccessRequestFactory

pytestmark = pytest.mark.django_db

SUPPORT_EMAIL = "customers.supportemail"
BY_RECIPIENT = "customers.supportemail:email:to_addresses"
BY_COPY = "customers.supportemail:email:cc_addresses"

# Sent by customer service to a colleague, Aino and a third person, with Aino also copied
# on a second message between two others.
TO_THREE = (
    b"From: Webstrella Asiakaspalvelu <asiakaspalvelu@webstrella.fi>\r\n"
    b'To: "Webstrella Asiakaspalvelu" <asiakaspalvelu@webstrella.fi>, '
    b'"Aino Korhonen" <Aino@Example.com>, Matti Meikalainen <matti@example.com>\r\n'
    b"Subject: Tilauksesi\r\n"
    b"Date: Mon, 02 Nov 2026 09:15:00 +0200\r\n"
    b"Message-ID: <kolmelle-1@webstrella.fi>\r\n"
    b"\r\n"
    b"Hei kaikille.\r\n"
)
COPIED_IN_THE_MIDDLE = (
    b"From: Pekka Virtanen <pekka@example.com>\r\n"
    b"To: Asiakaspalvelu <asiakaspalvelu@webstrella.fi>\r\n"
    b'Cc: "Liisa Laine" <liisa@example.com>, Aino Korhonen <aino@example.com>,\r\n'
    b" Eero Salo <eero@example.com>\r\n"
    b"Subject: Yhteinen tilaus\r\n"
    b"Date: Mon, 02 Nov 2026 10:15:00 +0200\r\n"
    b"Message-ID: <kopio-1@example.com>\r\n"
    b"\r\n"
    b"Hei.\r\n"
)


@pytest.fixture
def imported(tmp_path):
    files = []
    for name, content in [("1.eml", TO_THREE), ("2.eml", COPIED_IN_THE_MIDDLE)]:
        files.append(tmp_path / name)
        files[-1].write_bytes(content)
    call_command("import_emails", *map(str, files), stdout=io.StringIO(), stderr=io.StringIO())
    return {
        "to": SupportEmail.objects.get(message_id="<kolmelle-1@webstrella.fi>"),
        "cc": SupportEmail.objects.get(message_id="<kopio-1@example.com>"),
    }


def test_the_import_stores_every_recipient_in_order_by_address(imported):
    assert imported["to"].to_addresses == (
        "asiakaspalvelu@webstrella.fi, aino@example.com, matti@example.com"
    )
    assert imported["cc"].cc_addresses == "liisa@example.com, aino@example.com, eero@example.com"


def test_mail_sent_to_several_is_logged_under_the_first_customer_among_them(tmp_path):
    aino = ContactFactory(email="aino@example.com")
    CustomerFactory(primary_contact=aino)
    (tmp_path / "1.eml").write_bytes(TO_THREE)
    call_command(
        "import_emails", str(tmp_path / "1.eml"), stdout=io.StringIO(), stderr=io.StringIO()
    )
    assert SupportEmail.objects.get().contact == aino


def test_the_requester_in_the_middle_of_to_and_cc_is_found(imported):
    request = AccessRequestFactory(
        requester_name="x", postal_code="99999", email="aino@example.com"
    )
    candidates = {
        (candidate.data, candidate.value): (sorted(candidate.reasons), candidate.row_ids)
        for candidate in candidates_for(request)
    }
    assert candidates == {
        (SUPPORT_EMAIL, "aino@example.com"): (
            [BY_COPY, BY_RECIPIENT],
            {imported["to"].pk, imported["cc"].pk},
        )
    }


def test_a_name_beside_the_requester_in_the_list_is_not_the_requester(imported):
    request = AccessRequestFactory(
        requester_name="x", postal_code="99999", email="meikalainen@example.com"
    )
    assert list(candidates_for(request)) == []


def test_linking_later_finds_the_customer_in_the_middle_of_the_recipients():
    email = SupportEmailFactory(
        direction="out",
        from_address="asiakaspalvelu@webstrella.fi",
        to_addresses="asiakaspalvelu@webstrella.fi, aino@example.com, matti@example.com",
        contact=None,
        customer=None,
    )
    aino = ContactFactory(email="aino@example.com")
    customer = CustomerFactory(primary_contact=aino)

    assert support_emails_link_by_address(emails=[email]) == 1
    email.refresh_from_db()
    assert (email.contact, email.customer) == (aino, customer)
