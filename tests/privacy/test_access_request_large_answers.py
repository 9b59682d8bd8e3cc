"""A requester with thousands of records gets a letter that stays readable, and all their data."""

import datetime
import io
import json
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from customers.models import AnalyticsEvent
from tests.privacy.factories import compiled_access_request, package_files, package_texts, squeeze
from tests.privacy.test_access_request_answer import person_with_data

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
FIRST = datetime.datetime(2025, 1, 2, 9, tzinfo=HELSINKI)


def with_events(tag: str, count: int):
    contact, customer, _order = person_with_data(tag)
    AnalyticsEvent.objects.filter(contact=contact).delete()
    AnalyticsEvent.objects.bulk_create(
        AnalyticsEvent(
            event_type=AnalyticsEvent.EventType.PAGE_VIEW,
            occurred_at=FIRST + datetime.timedelta(hours=number),
            path=f"/verkkokauppa/sivu-{number}/",
            session_hash=f"{number:064x}",
            contact=contact,
            customer=customer,
        )
        for number in range(count)
    )
    return contact


def pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def test_five_hundred_events_are_summarised_in_a_short_letter_and_kept_whole_in_the_export():
    contact = with_events("paljon", 500)
    request = compiled_access_request(contact=contact)
    files = package_files(request)
    assert pages(files["letter"]) <= 10

    letter = package_texts(request)["letter"]
    last = FIRST + datetime.timedelta(hours=499)
    for expected in [
        "Kun jotakin tietoa on yli 50 kpl, kirje kertoo niistä yhteenvedon",
        "Analytiikkatapahtuma (500)",
        f"500 kpl. Ensimmäinen 2.1.2025 ja viimeisin {last.day}.{last.month}.{last.year} "
        "(tapahtuma-aika)",
        "jokainen niistä on koneluettavassa tiedostossa",
        "Talletetut tiedot: tapahtuman tyyppi (sivun katselu, kirjautuminen, tilaus, "
        "yhteydenotto), tapahtuma-aika, käytetty sivu",
    ]:
        assert squeeze(expected) in letter, expected
    # The letter names none of the pages; the export names every one.
    assert squeeze("/verkkokauppa/sivu-123/") not in letter
    paths = {
        f["value"]
        for category in json.loads(files["json"])["categories"]
        for record in category["records"]
        for f in record["fields"]
        if f["field"] == "path"
    }
    assert {f"/verkkokauppa/sivu-{n}/" for n in range(500)} <= paths
    csv_text = files["csv"].decode()
    assert "/verkkokauppa/sivu-0/" in csv_text and "/verkkokauppa/sivu-499/" in csv_text


def test_the_summary_in_english_and_the_threshold_from_the_settings(settings):
    settings.PRIVACY_ANSWER_LETTER_MAX_RECORDS = 20
    contact = with_events("asetus", 21)
    letter = package_texts(compiled_access_request(contact=contact, language="en"))["letter"]
    for expected in [
        "Where there are more than 20 records of one kind, the letter gives a summary",
        "21 records, the first from 2025-01-02 and the last from 2025-01-03 "
        "(time of the event). The letter summarises them",
        "Data held: type of event (page view, login, order, customer-service contact), "
        "time of the event, page used",
    ]:
        assert squeeze(expected) in letter, expected


def test_records_up_to_the_threshold_are_printed_one_by_one():
    contact = with_events("raja", 50)
    letter = package_texts(compiled_access_request(contact=contact))["letter"]
    assert squeeze("/verkkokauppa/sivu-49/") in letter
    assert squeeze("Kun jotakin tietoa on yli") not in letter
