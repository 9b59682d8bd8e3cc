"""Fetching the customer-service mailbox from a real IMAP server (Dovecot)."""

import io

import pytest
from django.core.management import CommandError, call_command

from customers.mail import imap as imap_module
from customers.mail import services
from customers.mail.imap import MailboxConfig, MailboxUnavailable, mailbox_fetch
from customers.models import EmailSource, MailboxFolderState, SupportEmail
from tests.customers import mail_samples as samples
from tests.customers.factories import ContactFactory, CustomerFactory
from tests.customers.test_import_emails import run, snapshot

pytestmark = pytest.mark.django_db

NEW_MESSAGE = (
    "12-new",
    b"From: matti.jarvinen@example.fi\r\nTo: asiakaspalvelu@webstrella.fi\r\n"
    b"Subject: Uusi viesti\r\nDate: Fri, 06 Nov 2026 10:00:00 +0200\r\n"
    b"Message-ID: <uusi-1@mail.example.fi>\r\n\r\nUusi.\r\n",
)


@pytest.fixture
def matti():
    contact = ContactFactory(email="matti.jarvinen@example.fi")
    return contact, CustomerFactory(primary_contact=contact)


def fetch() -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("fetch_mailbox", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def without_nul_message_body(rows):
    # Dovecot hands out a NUL byte as 0x80 (IMAP allows no NUL in a message), so that one
    # body differs from the file's; every other field of it is the same.
    return [row[:6] + row[7:] if row[0] == "<long-1@mail.example.fi>" else row for row in rows]


def test_the_messy_mailbox_imports_over_imap_as_from_files(imap, matti, tmp_path):
    imap.deliver(samples.MESSAGES)
    out, err = fetch()
    assert out.strip() == (
        f"Imported {samples.GOOD_MESSAGES}, duplicates 0, "
        f"unknown senders {samples.UNKNOWN_SENDERS}, failed 1."
    )
    assert "INBOX, UID " in err and "no sender address" in err
    assert SupportEmail.objects.filter(source=EmailSource.IMAP).count() == samples.GOOD_MESSAGES
    from_imap = snapshot()

    SupportEmail.objects.all().delete()
    run(*samples.write_eml_folder(tmp_path / "eml"))
    assert without_nul_message_body(from_imap) == without_nul_message_body(snapshot())
    nul_body = SupportEmail.objects.get(message_id="<long-1@mail.example.fi>").body_text
    assert "\x00" not in nul_body and samples.LONG_LINE in nul_body


def test_a_second_fetch_adds_nothing_and_a_new_message_comes_alone(imap, matti):
    imap.deliver(samples.MESSAGES)
    fetch()
    before = snapshot()
    out, _ = fetch()
    assert out.strip() == "Imported 0, duplicates 0, unknown senders 0, failed 0."
    assert snapshot() == before

    imap.deliver([NEW_MESSAGE])
    out, _ = fetch()
    assert out.strip() == "Imported 1, duplicates 0, unknown senders 0, failed 0."
    state = MailboxFolderState.objects.get(folder="INBOX")
    assert state.last_uid == len(samples.MESSAGES) + 1


def test_the_position_survives_a_server_restart(imap, matti):
    imap.deliver(samples.MESSAGES)
    fetch()
    imap.restart()
    out, _ = fetch()
    assert out.strip() == "Imported 0, duplicates 0, unknown senders 0, failed 0."
    imap.deliver([NEW_MESSAGE])
    imap.restart()
    out, _ = fetch()
    assert out.startswith("Imported 1, duplicates 0,")
    assert SupportEmail.objects.count() == samples.GOOD_MESSAGES + 1


def test_a_new_uidvalidity_reads_the_folder_again_without_duplicates(imap, matti):
    imap.deliver(samples.MESSAGES)
    fetch()
    old_validity = MailboxFolderState.objects.get().uid_validity
    # The server forgets its numbering (a restored or rebuilt mailbox): same mail, new UIDs.
    imap.clear()
    imap.deliver([*samples.MESSAGES, NEW_MESSAGE])
    out, _ = fetch()
    assert out.strip() == (
        f"Imported 1, duplicates {samples.GOOD_MESSAGES}, unknown senders 0, failed 1."
    )
    state = MailboxFolderState.objects.get()
    assert state.uid_validity != old_validity
    assert state.last_uid == len(samples.MESSAGES) + 1


def test_a_fetch_that_dies_midway_keeps_whole_batches_and_goes_on_from_there(
    imap, matti, monkeypatch
):
    imap.deliver(samples.MESSAGES)
    monkeypatch.setattr(imap_module, "BATCH_SIZE", 4)
    real_build = services._Importer._build
    calls = {"n": 0}

    def dies_on_the_sixth(self, *args):
        calls["n"] += 1
        if calls["n"] == 6:
            raise RuntimeError("worker killed")
        return real_build(self, *args)

    monkeypatch.setattr(services._Importer, "_build", dies_on_the_sixth)
    with pytest.raises(RuntimeError):
        mailbox_fetch()
    # The first batch of four is saved with its position; nothing of the second batch is.
    assert SupportEmail.objects.count() == 4
    assert MailboxFolderState.objects.get().last_uid == 4

    monkeypatch.setattr(services._Importer, "_build", real_build)
    summary = mailbox_fetch()
    assert (summary.imported, summary.duplicates) == (samples.GOOD_MESSAGES - 4, 0)
    assert SupportEmail.objects.count() == samples.GOOD_MESSAGES


def test_several_folders_are_fetched(imap, matti, settings):
    imap.deliver(samples.MESSAGES[:3])
    imap.deliver([NEW_MESSAGE], folder="Lahetetyt")
    settings.MAILBOX_IMAP_FOLDERS = ["INBOX", "Lahetetyt"]
    out, _ = fetch()
    assert out.startswith("Imported 4,")
    assert MailboxFolderState.objects.count() == 2


def test_a_wrong_password_is_a_clear_error(imap, settings):
    settings.MAILBOX_IMAP_PASSWORD = "wrong"
    with pytest.raises(CommandError, match="refused the login"):
        fetch()


def test_an_unreachable_or_unconfigured_mailbox_is_a_clear_error(imap, settings):
    settings.MAILBOX_IMAP_FOLDERS = ["Ei-ole"]
    with pytest.raises(CommandError, match="refused a command"):
        fetch()
    settings.MAILBOX_IMAP_PORT = imap.port + 1 if imap.port < 65535 else imap.port - 1
    with pytest.raises(CommandError, match="cannot be reached"):
        fetch()
    settings.MAILBOX_IMAP_HOST = ""
    with pytest.raises(CommandError, match="No mailbox is configured"):
        fetch()


def test_the_mailbox_is_read_over_tls(dovecot_tls_server, matti):
    dovecot_tls_server.clear()
    dovecot_tls_server.deliver(samples.MESSAGES[:4])
    config = MailboxConfig(
        host="127.0.0.1",
        port=dovecot_tls_server.port,
        security="ssl",
        user=dovecot_tls_server.settings()["MAILBOX_IMAP_USER"],
        password=dovecot_tls_server.settings()["MAILBOX_IMAP_PASSWORD"],
        folders=("INBOX",),
        ca_file=str(dovecot_tls_server.cert),
    )
    summary = mailbox_fetch(config)
    assert (summary.imported, summary.failed) == (4, 0)


def test_a_certificate_not_trusted_is_refused(dovecot_tls_server):
    config = MailboxConfig(
        host="127.0.0.1",
        port=dovecot_tls_server.port,
        security="ssl",
        user="x",
        password="y",
        folders=("INBOX",),
    )
    with pytest.raises(MailboxUnavailable, match="CERTIFICATE_VERIFY_FAILED"):
        mailbox_fetch(config)
