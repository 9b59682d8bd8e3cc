"""A new kind of personal data needs only its app's declaration.

`tests.newsletter` is installed for the tests only: newsletter subscriptions, keyed by
nothing but an email address, declared in its `personal_data.py`. Nothing under privacy/
knows it, yet the register description lists it, the data search finds it and the answer
holds it.
"""

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.conf import settings

from privacy.description.selectors import description_data_categories
from privacy.description.services import description_create_draft
from privacy.models import RegisterDescription
from privacy.requests.matching import candidates_for
from tests.newsletter.models import Subscription
from tests.privacy.factories import (
    AccessRequestFactory,
    compiled_access_request,
    package_files,
    pdf_text,
    squeeze,
)

pytestmark = pytest.mark.django_db

EMAIL = "tilaaja@example.com"


@pytest.fixture
def subscriptions():
    at = datetime(2026, 3, 1, 9, tzinfo=UTC)
    return [
        Subscription.objects.create(email=EMAIL, newsletter="Verkkokauppavinkit", subscribed_at=at),
        Subscription.objects.create(
            email="Tilaaja@Example.com", newsletter="Tarjoukset", subscribed_at=at
        ),
        Subscription.objects.create(
            email="joku.muu@example.com", newsletter="Toisen tilaus", subscribed_at=at
        ),
    ]


def test_the_privacy_app_does_not_know_the_newsletter_app():
    privacy = Path(settings.BASE_DIR) / "privacy"
    mentions = [
        path
        for path in privacy.rglob("*")
        if path.suffix in {".py", ".html", ".txt"} and "newsletter" in path.read_text().lower()
    ]
    assert mentions == []


def test_its_data_is_in_section_3_of_a_draft_description(privacy_officer_client):
    current = RegisterDescription.objects.get()
    draft = description_create_draft(created_by=None, based_on=current)

    contents = {c["name"]: c["items"] for c in description_data_categories(draft, "fi")}
    assert "uutiskirjeen tilaajan sähköpostiosoite" in contents["Yhteystiedot"]
    english = {c["name"]: c["items"] for c in description_data_categories(draft, "en")}
    assert "newsletter subscribed to" in english["Contact details"]

    preview = privacy_officer_client.get(
        f"/admin/privacy/registerdescription/{draft.pk}/preview/fi/"
    )
    assert "tilattu uutiskirje" in preview.content.decode()


def test_the_data_search_finds_it_by_the_requesters_email(subscriptions):
    request = AccessRequestFactory(requester_name="Tiina Tilaaja", email=EMAIL)

    [candidate] = [c for c in candidates_for(request) if c.data == "newsletter.subscription"]

    assert candidate.value == EMAIL
    assert candidate.reasons == ["newsletter.subscription:email:email"]
    assert candidate.rows == 2


def test_the_answer_letter_and_export_hold_it(subscriptions):
    request = compiled_access_request(requester_name="Tiina Tilaaja", email=EMAIL)

    files = package_files(request)
    document = json.loads(files["json"])
    found = [
        record
        for category in document["categories"]
        for record in category["records"]
        if record["data"] == "newsletter.Subscription"
    ]
    newsletters = {
        field["display"]
        for record in found
        for field in record["fields"]
        if field["field"] == "newsletter"
    }
    assert newsletters == {"Verkkokauppavinkit", "Tarjoukset"}
    letter = squeeze(pdf_text(files["letter"]))
    assert squeeze("Verkkokauppavinkit") in letter
    assert squeeze("Toisen tilaus") not in letter
    assert "Verkkokauppavinkit" in files["csv"].decode()
