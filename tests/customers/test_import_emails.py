"""`manage.py import_emails`: .eml files, mbox files and Maildir folders."""

import io

import hypothesis
import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, assume, given
from hypothesis import strategies as st

from customers.models import EmailDirection, EmailSource, SupportEmail, SupportEmailAttachment
from tests.customers import mail_samples as samples
from tests.customers.factories import ContactFactory, CustomerFactory, SupportEmailFactory

pytestmark = pytest.mark.django_db


def run(*paths) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_emails", *map(str, paths), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def snapshot() -> list[tuple]:
    """What the log holds, in a form that does not depend on the source or the row ids."""
    rows = []
    for email in SupportEmail.objects.order_by("message_id"):
        rows.append(
            (
                email.message_id,
                email.direction,
                email.from_address,
                email.from_name,
                email.to_addresses,
                email.subject,
                email.body_text,
                email.sent_at,
                email.thread_id,
                email.in_reply_to,
                email.contact_id,
                email.customer_id,
                tuple(email.attachments.values_list("filename", "content_type", "size", "sha256")),
            )
        )
    return rows


@pytest.fixture
def matti():
    contact = ContactFactory(email="Matti.Jarvinen@example.fi", first_name="Matti")
    customer = CustomerFactory(primary_contact=contact)
    return contact, customer


@pytest.fixture
def mail_dirs(tmp_path):
    return {
        "eml": samples.write_eml_folder(tmp_path / "eml"),
        "mbox": [samples.write_mbox(tmp_path / "mailbox.mbox")],
        "maildir": [samples.write_maildir(tmp_path / "Maildir")],
    }


@pytest.mark.parametrize("kind", ["eml", "mbox", "maildir"])
def test_a_messy_mailbox_imports_with_the_broken_message_reported(kind, mail_dirs, matti):
    out, err = run(*mail_dirs[kind])
    assert out.strip() == (
        f"Imported {samples.GOOD_MESSAGES}, duplicates 0, "
        f"unknown senders {samples.UNKNOWN_SENDERS}, failed 1."
    )
    assert "Not imported:" in err
    position = {"eml": "05-broken.eml", "mbox": "message 5", "maildir": "Maildir/"}[kind]
    assert position in err
    assert "no sender address" in err
    assert SupportEmail.objects.filter(source=EmailSource.FILE).count() == samples.GOOD_MESSAGES


def test_every_source_imports_the_same_messages_the_same_way(mail_dirs, matti):
    snapshots = {}
    for kind, paths in mail_dirs.items():
        SupportEmail.objects.all().delete()
        run(*paths)
        snapshots[kind] = snapshot()
    assert snapshots["eml"] == snapshots["mbox"] == snapshots["maildir"]
    assert len(snapshots["eml"]) == samples.GOOD_MESSAGES


def test_a_second_import_adds_nothing(mail_dirs, matti):
    run(*mail_dirs["mbox"])
    before = snapshot()
    out, _ = run(*mail_dirs["mbox"])
    assert out.strip() == (
        f"Imported 0, duplicates {samples.GOOD_MESSAGES}, unknown senders 0, failed 1."
    )
    assert snapshot() == before
    assert SupportEmailAttachment.objects.count() == 1


def test_a_message_already_typed_in_or_from_another_source_is_not_duplicated(mail_dirs, matti):
    # Typed in by staff, without the angle brackets of the Message-ID.
    SupportEmailFactory(message_id="tilaus-1@mail.example.fi", subject="Typed in")
    run(*mail_dirs["maildir"])
    out, _ = run(*mail_dirs["eml"])
    assert "Imported 0," in out
    assert SupportEmail.objects.count() == samples.GOOD_MESSAGES
    assert SupportEmail.objects.filter(subject="Typed in").count() == 1


def test_messages_are_linked_to_the_contact_and_customer_by_address(mail_dirs, matti):
    contact, customer = matti
    run(*mail_dirs["eml"])
    linked = SupportEmail.objects.filter(contact=contact)
    # Every message but the unknown sender's: from Matti in any letter case, or to him.
    assert linked.count() == samples.GOOD_MESSAGES - samples.UNKNOWN_SENDERS
    assert set(linked.values_list("customer", flat=True)) == {customer.pk}


def test_direction_follows_the_support_addresses(mail_dirs, matti, settings):
    run(*mail_dirs["eml"])
    reply = SupportEmail.objects.get(message_id="<vastaus-1@webstrella.fi>")
    assert reply.direction == EmailDirection.OUTBOUND
    assert SupportEmail.objects.filter(direction=EmailDirection.OUTBOUND).count() == 1


def test_replies_join_the_thread_of_the_first_message(mail_dirs, matti):
    run(*mail_dirs["eml"])
    thread = SupportEmail.objects.filter(thread_id=samples.FIRST_ID)
    assert set(thread.values_list("message_id", flat=True)) == {
        samples.FIRST_ID,
        "<vastaus-1@webstrella.fi>",
        "<kiitos-1@mail.example.fi>",
    }


def test_a_reply_imported_later_joins_the_thread_its_parent_has(tmp_path, matti):
    parent = SupportEmailFactory(message_id="<tilaus-1@mail.example.fi>", thread_id="<alku@x>")
    path = tmp_path / "reply.eml"
    path.write_bytes(samples.REPLY_FROM_SUPPORT)
    run(path)
    reply = SupportEmail.objects.get(message_id="<vastaus-1@webstrella.fi>")
    assert reply.thread_id == parent.thread_id


def test_unknown_senders_are_left_unlinked_for_customer_service(mail_dirs):
    out, _ = run(*mail_dirs["eml"])
    # Without Matti in the register, all his received mail is from an unknown sender too.
    unknown = SupportEmail.objects.filter(direction=EmailDirection.INBOUND, contact=None)
    assert f"unknown senders {unknown.count()}" in out
    assert unknown.filter(from_address=samples.UNKNOWN_ADDRESS).exists()


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "is empty"),
        (b"\n\n  \n", "is empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "binary"),
        (b"PK\x03\x04" + b"\x00" * 4000, "binary"),
        (b"hello, this is just a text file\nnot mail\n", "not email"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "not email"),
    ],
)
def test_a_bad_file_gives_a_clear_error_and_imports_nothing(tmp_path, content, reason):
    good = samples.write_mbox(tmp_path / "good.mbox")
    bad = tmp_path / "bad.eml"
    bad.write_bytes(content)
    with pytest.raises(CommandError, match=reason):
        run(good, bad)
    assert not SupportEmail.objects.exists()


def test_a_truncated_message_is_reported_not_a_traceback(tmp_path):
    path = tmp_path / "cut.eml"
    path.write_bytes(samples.MULTIPART_ALTERNATIVE[:40])
    out, err = run(path)
    assert "failed 1" in out
    assert "cut.eml" in err


def test_a_truncated_mbox_keeps_what_is_whole(tmp_path, matti):
    path = samples.write_mbox(tmp_path / "cut.mbox")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 30])
    out, _ = run(path)
    assert f"Imported {samples.GOOD_MESSAGES}," in out


def test_missing_paths_and_plain_folders_are_refused(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run(tmp_path / "nothing.mbox")
    with pytest.raises(CommandError, match="not a Maildir"):
        run(tmp_path)


def test_messages_saved_meanwhile_by_another_import_are_counted_as_duplicates(
    mail_dirs, monkeypatch
):
    from customers.mail import services

    run(*mail_dirs["mbox"])
    # As if another import saved them between this one's lookup and its insert.
    monkeypatch.setattr(services._Importer, "_known_message_ids", staticmethod(lambda ids: set()))
    out, _ = run(*mail_dirs["maildir"])
    assert out.strip() == (
        f"Imported 0, duplicates {samples.GOOD_MESSAGES}, unknown senders 0, failed 1."
    )
    assert SupportEmail.objects.count() == samples.GOOD_MESSAGES


@hypothesis.settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    paths=st.lists(
        st.text(
            alphabet=st.characters(exclude_characters="\x00", exclude_categories=["Cs"]),
            max_size=30,
        ),
        min_size=1,
        max_size=3,
    )
)
def test_garbage_paths_give_a_command_error(paths):
    assume(not any(path.startswith("-h") or "--help".startswith(path) for path in paths if path))
    with pytest.raises(CommandError):
        run(*paths)
    assert not SupportEmail.objects.exists()


@pytest.mark.parametrize("minutes", ["0", "-5", "x", "9" * 30, "1e3"])
def test_recover_jobs_refuses_a_bad_age(minutes):
    with pytest.raises(CommandError):
        call_command("recover_jobs", f"--older-than-minutes={minutes}", stdout=io.StringIO())
