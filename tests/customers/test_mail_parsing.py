import datetime
import hashlib

import pytest

from customers.mail.parsing import BrokenMessage, html_to_text, parse_message
from tests.customers import mail_samples as samples


def test_it_prefers_the_plain_text_of_a_multipart_alternative_message():
    mail = parse_message(samples.MULTIPART_ALTERNATIVE)
    assert mail.body_text == "Hei,\n\nvoisitteko päivittää tilauksen osoitteen?"
    assert mail.attachments == []


def test_it_decodes_encoded_subjects_and_names_and_lowers_the_address():
    mail = parse_message(samples.MULTIPART_ALTERNATIVE)
    assert mail.subject == "Tilauksen päivitys"
    assert mail.from_name == "Järvinen, Matti"
    assert mail.from_address == "matti.jarvinen@example.fi"
    assert mail.to_addresses == ["asiakaspalvelu@webstrella.fi"]


def test_an_html_only_body_becomes_text_without_scripts_styles_or_tracking_pixels():
    mail = parse_message(samples.HTML_ONLY)
    assert mail.body_text == "Hyvää päivää!\n\nLaskunne eräpäivä on tässä."
    for leftover in ("alert", "color", "document.write", "tracker", "Uutiskirje", "<"):
        assert leftover not in mail.body_text
    assert mail.from_name == "Tuntematon Lähettäjä"


def test_it_reads_declared_iso_8859_1():
    mail = parse_message(samples.LATIN1_DECLARED)
    assert mail.subject == "Lasku epäselvä"
    assert mail.body_text == "Hyvää päivää, laskussa on epäselvyys."


def test_it_reads_windows_1252_with_no_charset_declared():
    mail = parse_message(samples.CP1252_UNDECLARED)
    assert mail.subject == "Hinta äkkiä 12 €"
    assert mail.body_text == "Hinta on “12 €” – sopiiko?"


def test_without_date_or_message_id_the_time_comes_from_received_and_the_id_from_the_content():
    mail = parse_message(samples.NO_DATE_NO_MESSAGE_ID)
    assert mail.sent_at == datetime.datetime(
        2026, 11, 4, 7, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=2))
    )
    assert mail.message_id_from_content
    assert mail.message_id.endswith("@content-hash.invalid>")
    assert parse_message(samples.NO_DATE_NO_MESSAGE_ID).message_id == mail.message_id


def test_a_malformed_date_and_message_id_are_replaced_not_refused():
    mail = parse_message(samples.MALFORMED_DATE_AND_ID)
    assert mail.sent_at.hour == 8
    assert mail.message_id_from_content


def test_very_long_lines_are_kept_and_nul_bytes_dropped():
    mail = parse_message(samples.LONG_LINES_AND_NUL)
    assert "\x00" not in mail.body_text
    assert "AlkuNUL" in mail.body_text
    assert samples.LONG_LINE in mail.body_text
    assert mail.body_text.endswith("Loppu")


def test_attachments_are_described_by_name_type_size_and_hash_only():
    mail = parse_message(samples.WITH_ATTACHMENT)
    assert mail.body_text == "Lasku liitteena."
    [attachment] = mail.attachments
    assert attachment.filename == "laskuä.pdf"
    assert attachment.content_type == "application/pdf"
    assert attachment.size == len(samples.PDF_BYTES)
    assert attachment.sha256 == hashlib.sha256(samples.PDF_BYTES).hexdigest()


def test_replies_carry_their_thread_headers():
    mail = parse_message(samples.CUSTOMER_REPLY)
    assert mail.in_reply_to == "<vastaus-1@webstrella.fi>"
    assert mail.references == ["<tilaus-1@mail.example.fi>", "<vastaus-1@webstrella.fi>"]


@pytest.mark.parametrize(
    "raw, reason",
    [
        (samples.BROKEN, "no sender address"),
        (b"", "empty"),
        (b"just some text\nwith no headers\n", "no mail headers"),
        (b"\x00\x01\x02" * 50, "no mail headers"),
    ],
)
def test_a_message_that_cannot_be_recorded_says_why(raw, reason):
    with pytest.raises(BrokenMessage, match=reason):
        parse_message(raw)


def test_html_to_text_keeps_line_structure():
    assert html_to_text("<ul><li>yksi</li><li>kaksi</li></ul>") == "- yksi\n- kaksi"
