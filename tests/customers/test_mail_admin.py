"""The mail intake in the admin: uploads, the mailbox fetch button, unknown senders."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from customers.models import Contact, EmailDirection, MailImport, SupportEmail
from tests.customers import mail_samples as samples
from tests.customers.factories import SupportEmailAttachmentFactory, SupportEmailFactory

pytestmark = pytest.mark.django_db

ADD = reverse("admin:customers_mailimport_add")
LIST = reverse("admin:customers_mailimport_changelist")
FETCH = reverse("admin:customers_mailimport_fetch_mailbox")
EMAILS = reverse("admin:customers_supportemail_changelist")


def mbox_upload(tmp_path, name="postilaatikko.mbox"):
    path = samples.write_mbox(tmp_path / name)
    return SimpleUploadedFile(name, path.read_bytes(), content_type="application/mbox")


def test_customer_service_uploads_an_mbox_and_it_is_imported_as_a_job(
    customer_service_client, tmp_path, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = customer_service_client.post(ADD, {"file": mbox_upload(tmp_path)})
    assert response.status_code == 302
    upload = MailImport.objects.get()
    assert upload.status == MailImport.Status.DONE
    assert (upload.imported, upload.failed) == (samples.GOOD_MESSAGES, 1)
    assert "message 5" in upload.report and "no sender address" in upload.report
    # The file is not kept once imported.
    assert not upload.file
    assert SupportEmail.objects.count() == samples.GOOD_MESSAGES

    page = customer_service_client.get(LIST)
    assert page.status_code == 200
    assert "postilaatikko.mbox" in page.content.decode()


def test_an_eml_upload_is_imported(customer_service_client, django_capture_on_commit_callbacks):
    file = SimpleUploadedFile("viesti.eml", samples.MULTIPART_ALTERNATIVE)
    with django_capture_on_commit_callbacks(execute=True):
        customer_service_client.post(ADD, {"file": file})
    assert SupportEmail.objects.get().subject == "Tilauksen päivitys"


@pytest.mark.parametrize(
    "content, error",
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10, "not_mail"),
        (b"just words\n", "not_mail"),
    ],
)
def test_a_file_that_is_not_mail_is_refused_in_the_form(customer_service_client, content, error):
    response = customer_service_client.post(ADD, {"file": SimpleUploadedFile("x.eml", content)})
    assert response.status_code == 200
    [refusal] = response.context["adminform"].form.errors.as_data()["file"]
    assert refusal.code == error
    assert not MailImport.objects.exists()


def test_a_file_over_the_size_limit_is_refused(customer_service_client, settings):
    settings.MAIL_IMPORT_MAX_BYTES = 100
    file = SimpleUploadedFile("iso.eml", samples.MULTIPART_ALTERNATIVE)
    response = customer_service_client.post(ADD, {"file": file})
    [refusal] = response.context["adminform"].form.errors.as_data()["file"]
    assert refusal.code == "too_large"
    assert not MailImport.objects.exists()


def test_sales_cannot_upload_or_fetch(sales_client, tmp_path):
    assert sales_client.get(ADD).status_code == 403
    assert sales_client.post(FETCH).status_code == 403


def test_the_fetch_button_fetches_the_mailbox_as_a_job(customer_service_client, imap):
    imap.deliver(samples.MESSAGES[:3])
    page = customer_service_client.get(LIST)
    assert FETCH in page.content.decode()
    response = customer_service_client.post(FETCH)
    assert response.status_code == 302
    assert SupportEmail.objects.count() == 3


def test_unknown_senders_are_listed_with_a_link_to_add_them(customer_service_client):
    unknown = SupportEmailFactory(
        contact=None,
        customer=None,
        from_address=samples.UNKNOWN_ADDRESS,
        from_name="Tuntematon Lähettäjä",
    )
    known = SupportEmailFactory(subject="Tuttu")
    page = customer_service_client.get(EMAILS, {"sender": "unknown"}).content.decode()
    assert unknown.subject in page
    assert "Tuttu" not in page
    add_contact = reverse("admin:customers_contact_add")
    assert f"{add_contact}?email=tuntematon%40example.net&amp;first_name=Tuntematon" in page
    assert known.contact.full_name not in page


def test_messages_are_linked_to_a_contact_created_afterwards(customer_service_client):
    emails = [
        SupportEmailFactory(contact=None, customer=None, from_address=samples.UNKNOWN_ADDRESS)
        for _ in range(2)
    ]
    contact = Contact.objects.create(
        first_name="Tuntematon", last_name="Lähettäjä", email="Tuntematon@Example.net"
    )
    response = customer_service_client.post(
        EMAILS,
        {"action": "link_by_address", "_selected_action": [e.pk for e in emails]},
    )
    assert response.status_code == 302
    assert SupportEmail.objects.filter(contact=contact).count() == 2


def test_attachments_show_on_the_message_as_metadata(customer_service_client):
    attachment = SupportEmailAttachmentFactory(filename="lasku.pdf")
    url = reverse("admin:customers_supportemail_change", args=[attachment.email.pk])
    page = customer_service_client.get(url).content.decode()
    assert "lasku.pdf" in page and attachment.sha256 in page


def test_outbound_mail_without_a_contact_is_not_an_unknown_sender(customer_service_client):
    SupportEmailFactory(
        contact=None,
        customer=None,
        from_address=samples.SUPPORT,
        direction=EmailDirection.OUTBOUND,
        subject="Lähtevä",
    )
    page = customer_service_client.get(EMAILS, {"sender": "unknown"}).content.decode()
    assert "Lähtevä" not in page
