"""The machine-readable export: a CSV that no spreadsheet runs as formulas."""

import csv
import io
import json

import pytest

from privacy.requests.answers import csv_cell
from tests.customers.factories import ContactFactory, CustomerFactory, SupportEmailFactory
from tests.privacy.factories import compiled_access_request, package_files, pdf_text, squeeze

pytestmark = pytest.mark.django_db

FORMULA_NAME = '=HYPERLINK("http://x","y")'


@pytest.mark.parametrize(
    "value", ["=1+1", "+358401234567", "-5", "@SUM(A1)", "\tpiilossa", "\rrivi"]
)
def test_a_value_starting_like_a_formula_gets_an_apostrophe(value):
    assert csv_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Aino", "", "1+1", "a=b", " =1", "'jo suojattu"])
def test_other_values_stay_as_they_are(value):
    assert csv_cell(value) == value


def test_a_formula_in_a_name_does_not_start_a_csv_cell_but_stays_in_the_json():
    contact = ContactFactory(first_name=FORMULA_NAME, last_name="-Korhonen")
    customer = CustomerFactory(primary_contact=contact)
    SupportEmailFactory(customer=customer, contact=contact, subject="@kaikki\tlukekaa")
    request = compiled_access_request(contact=contact)
    files = package_files(request)

    rows = list(csv.reader(io.StringIO(files["csv"].decode(), newline="")))
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert "'" + FORMULA_NAME in cells
    assert "'-Korhonen" in cells
    assert "'@kaikki\tlukekaa" in cells

    values = [
        f["value"]
        for category in json.loads(files["json"])["categories"]
        for record in category["records"]
        for f in record["fields"]
    ]
    assert FORMULA_NAME in values
    assert "-Korhonen" in values


def test_the_letter_says_how_the_csv_guards_against_formulas():
    request = compiled_access_request()
    letter = squeeze(pdf_text(package_files(request)["letter"]))
    assert squeeze("jotta taulukkolaskentaohjelma ei suorita sitä kaavana") in letter


def test_an_answer_read_a_few_rows_at_a_time_holds_every_record_once(monkeypatch):
    import privacy.requests.answers as answers

    contact = ContactFactory()
    customer = CustomerFactory(primary_contact=contact)
    emails = SupportEmailFactory.create_batch(7, customer=customer, contact=contact)
    # Rows are read two at a time: the seven messages take four reads.
    monkeypatch.setattr(answers, "ROWS_PER_READ", 2)
    files = package_files(compiled_access_request(contact=contact))

    document = json.loads(files["json"])
    records = [
        record["record"]
        for category in document["categories"]
        for record in category["records"]
        if record["data"] == "customers.SupportEmail"
    ]
    assert sorted(records) == sorted(email.pk for email in emails)
    rows = list(csv.DictReader(io.StringIO(files["csv"].decode(), newline="")))
    subjects = {
        row["record"]
        for row in rows
        if row["data"] == "customers.SupportEmail" and row["field"] == "subject"
    }
    assert subjects == {str(email.pk) for email in emails}
