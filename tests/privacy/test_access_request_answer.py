"""The answer package: all of the requester's data by category, nothing of anyone else."""

import csv
import hashlib
import io
import json
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from customers.models import AnalyticsEvent, SupportEmail
from privacy.inventory import DataCategory, registry
from privacy.models import AccessRequest, AccessRequestPackage
from privacy.requests.answers import MAX_RECORDS_AS_TABLES, build_answer
from privacy.requests.services import (
    access_request_compile,
    access_request_confirm_matches,
    access_request_find_data,
    access_request_verify_identity,
)
from privacy.staff.groups import PRIVACY_OFFICER
from tests.customers.factories import (
    AnalyticsEventFactory,
    ContactFactory,
    CustomerContactFactory,
    CustomerFactory,
    StaffUserFactory,
    SupportEmailAttachmentFactory,
    SupportEmailFactory,
)
from tests.newsletter.models import Subscription
from tests.orders.factories import OrderFactory, OrderLineFactory, ProductFactory
from tests.privacy.factories import (
    AccessRequestFactory,
    confirm_every_candidate,
    package_files,
    package_texts,
    pdf_text,
    squeeze,
)

pytestmark = pytest.mark.django_db


def person_with_data(tag: str, **contact_fields):
    """A private customer with a row in every category, its values marked with `tag`."""
    contact = ContactFactory(**contact_fields)
    customer = CustomerFactory(primary_contact=contact, notes=f"Muistiinpano {tag}")
    CustomerContactFactory(customer=customer, contact=contact, role="technical")
    AnalyticsEventFactory(customer=customer, path=f"/verkkokauppa/{tag}/")
    email = SupportEmailFactory(
        customer=customer, subject=f"Viesti {tag}", body_text=f"Sisältö {tag}"
    )
    SupportEmailAttachmentFactory(email=email, filename=f"liite-{tag}.pdf")
    product = ProductFactory(name=f"Tuote {tag}", sku=f"SKU-{tag}")
    order = OrderFactory(customer=customer)
    OrderLineFactory(order=order, product=product)
    Subscription.objects.create(
        email=contact.email, newsletter=f"Uutiskirje {tag}", subscribed_at=order.ordered_at
    )
    return contact, customer, order


@pytest.fixture
def officer():
    return StaffUserFactory(groups=[PRIVACY_OFFICER])


@pytest.fixture
def requester():
    return person_with_data("pyytaja", first_name="Helmi", last_name="Lehtonen")


@pytest.fixture
def someone_else():
    return person_with_data("toinen", first_name="Ville", last_name="Järvinen")


def answer(contact, officer, **request_fields) -> AccessRequest:
    request = AccessRequestFactory(contact=contact, **request_fields)
    access_request_verify_identity(
        access_request=request, verified_by=officer, method="register_details"
    )
    confirm_every_candidate(request, officer)
    access_request_compile(access_request=request, compiled_by=officer)
    return request


def values_of(contact, customer, order) -> list[str]:
    email = SupportEmail.objects.get(customer=customer)
    event = AnalyticsEvent.objects.get(customer=customer)
    return [
        contact.first_name,
        contact.last_name,
        contact.email,
        contact.phone,
        contact.street_address,
        customer.customer_number,
        customer.notes,
        event.path,
        event.session_hash,
        email.subject,
        email.body_text,
        order.number,
        order.lines.get().description,
    ]


def test_the_package_holds_every_category_with_the_requesters_data(requester, officer):
    contact, customer, order = requester
    request = answer(contact, officer)
    document = json.loads(package_files(request)["json"])

    assert [c["key"] for c in document["categories"]] == [c.key for c in DataCategory]
    assert all(c["records"] for c in document["categories"]), "every category has data"
    models = {r["data"] for c in document["categories"] for r in c["records"]}
    assert models == {d.label for d in registry.all()}

    texts = package_texts(request)
    for value in values_of(contact, customer, order):
        for name, text in texts.items():
            assert squeeze(value) in text, f"{value!r} is missing from the {name}"


def test_nothing_of_anyone_else_is_in_the_package(requester, someone_else, officer):
    request = answer(requester[0], officer)
    texts = package_texts(request)
    for value in values_of(*someone_else):
        for name, text in texts.items():
            assert squeeze(value) not in text, f"{value!r} of someone else is in the {name}"
    # The other person's records are not counted either: `person_with_data` gives each
    # person one row of every declared model, so a category counts one per declaration.
    package = AccessRequestPackage.objects.get(access_request=request)
    assert package.summary == [
        {"category": category.key, "records": len(registry.for_category(category))}
        for category in DataCategory
    ]


def test_each_category_tells_purposes_sources_disclosures_and_retention(requester, officer):
    request = answer(requester[0], officer)
    document = json.loads(package_files(request)["json"])
    letter = package_texts(request)["letter"]
    for category, entry in zip(DataCategory, document["categories"], strict=True):
        declarations = registry.for_category(category)
        assert entry["name"] == category.name_fi
        assert entry["number"] == category.number
        assert entry["purposes"] == list(dict.fromkeys(d.purpose.fi for d in declarations))
        assert entry["retention"] == list(dict.fromkeys(d.retention.text.fi for d in declarations))
        assert entry["sources"] == list(dict.fromkeys(d.source.fi for d in declarations))
        disclosures = [disclosure for d in declarations for disclosure in d.disclosures]
        assert entry["disclosures"] == list(dict.fromkeys(d.text.fi for d in disclosures))
        assert entry["sources"] and entry["disclosures"]
        assert squeeze(f"{category.number} {category.name_fi}") in letter
        for text in entry["purposes"] + entry["retention"]:
            assert squeeze(text) in letter
    domain_registry = "verkkotunnusrekisterille"
    assert any(domain_registry in d for d in document["categories"][-1]["disclosures"])


def test_field_names_are_the_inventorys_labels_in_finnish(requester, officer):
    request = answer(requester[0], officer)
    document = json.loads(package_files(request)["json"])
    contact_record = document["categories"][0]["records"][0]
    declaration = registry.for_model("customers.Contact")
    assert [f["label"] for f in contact_record["fields"]] == declaration.labels("fi")
    assert contact_record["data_name"] == "yhteyshenkilö"
    letter = package_texts(request)["letter"]
    assert squeeze("Vastaus tarkastuspyyntöön") in letter
    assert squeeze("Sähköpostiosoite") in letter


def test_an_english_request_gets_english_labels_and_letter(requester, officer):
    request = answer(requester[0], officer, language="en")
    document = json.loads(package_files(request)["json"])
    assert document["language"] == "en"
    assert document["categories"][0]["name"] == "Contact details"
    for category, entry in zip(DataCategory, document["categories"], strict=True):
        declarations = registry.for_category(category)
        assert entry["name"] == category.name_en
        assert entry["purposes"] == list(dict.fromkeys(d.purpose.en for d in declarations))
        assert entry["retention"] == list(dict.fromkeys(d.retention.text.en for d in declarations))
        assert entry["sources"] == list(dict.fromkeys(d.source.en for d in declarations))
    labels = [f["label"] for f in document["categories"][0]["records"][0]["fields"]]
    assert labels == registry.for_model("customers.Contact").labels("en")
    letter = package_texts(request)["letter"]
    assert squeeze("Answer to your access request") in letter
    assert squeeze("email address") in letter.lower()
    assert squeeze("Vastaus tarkastuspyyntöön") not in letter


def test_the_csv_has_one_line_per_value_with_labels(requester, officer):
    request = answer(requester[0], officer)
    rows = list(csv.DictReader(io.StringIO(package_files(request)["csv"].decode())))
    assert list(rows[0]) == [
        "category",
        "category_name",
        "data",
        "record",
        "field",
        "label",
        "value",
    ]
    contact = requester[0]
    assert {
        "category": "contact_details",
        "category_name": "Yhteystiedot",
        "data": "customers.Contact",
        "record": str(contact.pk),
        "field": "email",
        "label": "sähköpostiosoite",
        "value": contact.email,
    } in rows
    total_fields = sum(
        len(r["fields"])
        for c in json.loads(package_files(request)["json"])["categories"]
        for r in c["records"]
    )
    assert len(rows) == total_fields


def test_the_package_stores_the_sha256_of_each_file(requester, officer):
    request = answer(requester[0], officer)
    package = AccessRequestPackage.objects.get(access_request=request)
    files = package_files(request)
    assert package.letter_sha256 == hashlib.sha256(files["letter"]).hexdigest()
    with package.export.open("rb") as export:
        assert package.export_sha256 == hashlib.sha256(export.read()).hexdigest()
    assert files["names"] == ["data.csv", "data.json"]
    with package.export.open("rb") as export, zipfile.ZipFile(export) as archive:
        assert {info.compress_type for info in archive.infolist()} == {zipfile.ZIP_DEFLATED}
    assert files["letter"].startswith(b"%PDF-")
    assert package.letter.name.startswith("access-requests/packages/")
    assert squeeze(requester[0].last_name) not in package.letter.name


def test_support_emails_found_by_address_are_in_the_package_when_confirmed(officer):
    contact = ContactFactory()
    SupportEmailFactory(
        customer=None, contact=None, from_address=contact.email, subject="Irrallinen viesti"
    )
    request = answer(contact, officer)
    assert squeeze("Irrallinen viesti") in package_texts(request)["letter"]


def test_unconfirmed_candidates_stay_out_of_the_package(requester, officer):
    contact, customer, order = requester
    request = AccessRequestFactory(contact=contact)
    access_request_verify_identity(
        access_request=request, verified_by=officer, method="register_details"
    )
    matches = access_request_find_data(access_request=request, searched_by=officer)
    access_request_confirm_matches(
        access_request=request,
        decided_by=officer,
        confirmed_ids=[],
        shown_ids=[m.pk for m in matches],
    )
    access_request_compile(access_request=request, compiled_by=officer)
    texts = package_texts(request)
    assert squeeze("Asiakasrekisterissämme ei ole teitä koskevia tietoja.") in texts["letter"]
    for value in values_of(contact, customer, order):
        assert squeeze(value) not in texts["json"]
    assert all(not c["records"] for c in json.loads(package_files(request)["json"])["categories"])


def test_the_letter_is_addressed_to_the_requester_and_signed_by_the_controller(requester, officer):
    request = answer(requester[0], officer)
    letter = pdf_text(package_files(request)["letter"])
    assert request.reference in letter
    assert request.requester_name in letter
    assert "Jyri Tähtelä" in letter


def test_building_the_answer_takes_as_many_queries_for_many_records_as_for_few(officer):
    def queries_to_build(records: int) -> int:
        contact, customer, _order = person_with_data(f"q{records}")
        for number in range(records):
            SupportEmailFactory(customer=customer, contact=contact, subject=f"Viesti {number}")
            AnalyticsEventFactory(customer=customer, contact=contact)
            OrderLineFactory(order=OrderFactory(customer=customer))
        request = AccessRequestFactory(contact=contact)
        access_request_verify_identity(
            access_request=request, verified_by=officer, method="register_details"
        )
        confirm_every_candidate(request, officer)
        with CaptureQueriesContext(connection) as queries:
            built = build_answer(request)
        assert sum(len(c.records) for c in built.categories) > 3 * records
        return len(queries)

    assert queries_to_build(2) == queries_to_build(20)


def test_a_long_history_of_one_kind_is_printed_compactly_and_completely(requester, officer):
    contact, customer, _order = requester
    paths = [f"/verkkokauppa/sivu-{number}/" for number in range(MAX_RECORDS_AS_TABLES + 5)]
    for path in paths:
        AnalyticsEventFactory(customer=customer, contact=contact, path=path)
    texts = package_texts(answer(contact, officer))
    events = MAX_RECORDS_AS_TABLES + 6  # and the one of `person_with_data`
    assert squeeze(f"Analytiikkatapahtuma ({events})") in texts["letter"]
    for path in paths:
        assert squeeze(path) in texts["letter"]
        assert squeeze(path) in texts["json"]
    # The few records of other kinds keep a table each, numbered.
    assert squeeze("Asiakas 1") in texts["letter"]
