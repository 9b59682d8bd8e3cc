"""A form acts on what it showed: if the request changed since, nothing is saved."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from privacy.models import AccessRequest, AccessRequestMatch
from privacy.requests import workflow
from privacy.requests.services import (
    access_request_confirm_matches,
    access_request_extend,
    access_request_find_data,
    access_request_refuse,
    access_request_update_intake,
    access_request_verify_identity,
)
from privacy.staff.groups import PRIVACY_OFFICER
from tests.customers.factories import ContactFactory, StaffUserFactory
from tests.privacy.factories import AccessRequestFactory
from tests.privacy.pages import hidden_inputs

pytestmark = pytest.mark.django_db

BASE = "/admin/privacy/accessrequest/"


@pytest.fixture
def colleague():
    return StaffUserFactory(groups=[PRIVACY_OFFICER])


def shown_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def intake_data(access_request: AccessRequest, **changes) -> dict:
    data = {
        name: getattr(access_request, name)
        for name in [
            "kind",
            "requester_name",
            "street_address",
            "postal_code",
            "city",
            "country",
            "language",
            "email",
            "phone",
            "customer_number",
        ]
    }
    data["letter_date"] = access_request.letter_date.isoformat()
    data["received_on"] = access_request.received_on.isoformat()
    data["is_signed"] = "on" if access_request.is_signed else ""
    data.update(changes)
    return data


def test_extending_twice_from_the_same_page_extends_once(privacy_officer_client):
    privacy_officer_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the assertions' wording
    request = AccessRequestFactory()
    due = request.due_on
    url = f"{BASE}{request.pk}/extend/"
    data = {**hidden_inputs(privacy_officer_client, url), "months": "1", "reason": "Laaja."}

    first = privacy_officer_client.post(url, data)
    second = privacy_officer_client.post(url, data, follow=True)

    assert first.status_code == 302
    assert second.status_code == 200
    assert any(
        f"{request.reference} changed after this page was opened" in message
        for message in shown_messages(second)
    )
    request.refresh_from_db()
    assert request.extension_months == 1
    assert request.extensions.count() == 1
    assert request.due_on > due


def test_confirming_is_refused_when_a_search_found_a_new_candidate_meanwhile(
    privacy_officer_client, privacy_officer, colleague
):
    privacy_officer_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the assertions' wording
    contact = ContactFactory()
    request = AccessRequestFactory(contact=contact)
    access_request_verify_identity(
        access_request=request, verified_by=privacy_officer, method="register_details"
    )
    access_request_find_data(access_request=request, searched_by=privacy_officer)
    url = f"{BASE}{request.pk}/find-data/"
    page = hidden_inputs(privacy_officer_client, url)
    shown = set(request.matches.values_list("pk", flat=True))
    assert {int(pk) for pk in page["shown"].split(",")} == shown

    # A colleague's search finds a namesake at the same postal code meanwhile.
    namesake = ContactFactory(
        first_name=contact.first_name,
        last_name=contact.last_name,
        postal_code=contact.postal_code,
        street_address="Toinenkatu 99",
    )
    access_request_find_data(access_request=request, searched_by=colleague)
    assert request.matches.filter(data="customers.contact", object_id=namesake.pk).exists()

    response = privacy_officer_client.post(
        url, {**page, "confirm": "1", "confirmed": sorted(shown)}, follow=True
    )

    assert any(
        f"candidates of {request.reference} changed" in message
        for message in shown_messages(response)
    )
    assert not AccessRequestMatch.objects.filter(
        access_request=request, decided_at__isnull=False
    ).exists()


def test_a_stale_intake_form_shows_a_message_and_saves_nothing(privacy_officer_client, colleague):
    privacy_officer_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the assertions' wording
    request = AccessRequestFactory(phone="")
    change_url = f"{BASE}{request.pk}/change/"
    page = hidden_inputs(privacy_officer_client, change_url)

    access_request_verify_identity(
        access_request=request, verified_by=colleague, method="register_details"
    )
    response = privacy_officer_client.post(
        change_url, {**page, **intake_data(request, phone="040 765 4321")}, follow=True
    )

    assert response.status_code == 200
    assert any(
        f"{request.reference} changed after this page was opened" in message
        for message in shown_messages(response)
    )
    request.refresh_from_db()
    assert request.phone == ""
    assert request.status == AccessRequest.Status.IDENTITY_VERIFIED
    assert request.identity_verified_by == colleague


def test_an_intake_corrected_by_a_colleague_is_not_overwritten_from_an_older_form(
    privacy_officer_client, colleague
):
    privacy_officer_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the assertions' wording
    request = AccessRequestFactory(city="Tampere")
    change_url = f"{BASE}{request.pk}/change/"
    page = hidden_inputs(privacy_officer_client, change_url)

    corrected = AccessRequest.objects.get(pk=request.pk)
    seen = workflow.stamp(corrected)
    corrected.city = "Turku"
    access_request_update_intake(access_request=corrected, corrected_by=colleague, seen=seen)
    response = privacy_officer_client.post(
        change_url, {**page, **intake_data(request, phone="040 765 4321")}, follow=True
    )

    assert any("changed after this page was opened" in m for m in shown_messages(response))
    request.refresh_from_db()
    assert request.city == "Turku"
    assert request.phone == ""


def test_a_step_from_a_page_made_before_a_colleagues_step_is_refused_as_stale(colleague):
    request = AccessRequestFactory()
    seen = workflow.stamp(AccessRequest.objects.get(pk=request.pk))
    access_request_extend(access_request=request, extended_by=colleague, months=1, reason="Laaja.")

    with pytest.raises(ValidationError) as caught:
        access_request_refuse(
            access_request=request, refused_by=colleague, reason="Perusteeton.", seen=seen
        )

    assert caught.value.code == "stale"
    request.refresh_from_db()
    assert request.status == AccessRequest.Status.RECEIVED
    assert request.refusal_reason == ""


def test_the_stamp_changes_with_any_change_to_the_request_and_only_then(colleague):
    request = AccessRequestFactory()
    before = workflow.stamp(AccessRequest.objects.get(pk=request.pk))
    assert workflow.stamp(AccessRequest.objects.get(pk=request.pk)) == before

    AccessRequest.objects.filter(pk=request.pk).update(
        received_on=request.received_on - timedelta(days=1)
    )

    assert workflow.stamp(AccessRequest.objects.get(pk=request.pk)) != before


def test_confirming_with_the_candidates_shown_decides_them(privacy_officer):
    request = AccessRequestFactory(contact=ContactFactory())
    access_request_verify_identity(
        access_request=request, verified_by=privacy_officer, method="register_details"
    )
    matches = access_request_find_data(access_request=request, searched_by=privacy_officer)
    shown = [match.pk for match in matches]

    with pytest.raises(ValidationError) as caught:
        access_request_confirm_matches(
            access_request=request,
            decided_by=privacy_officer,
            confirmed_ids=shown,
            shown_ids=shown[1:],
        )
    assert caught.value.code == "stale"
    assert not request.matches.filter(decided_at__isnull=False).exists()

    access_request_confirm_matches(
        access_request=request, decided_by=privacy_officer, confirmed_ids=shown, shown_ids=shown
    )
    assert request.matches.filter(confirmed=True, decided_by=privacy_officer).count() == len(shown)


def test_the_refusal_of_a_stale_page_is_in_finnish_for_a_finnish_officer(privacy_officer_client):
    privacy_officer_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "fi"
    request = AccessRequestFactory()
    url = f"{BASE}{request.pk}/refuse/"
    data = {**hidden_inputs(privacy_officer_client, url), "reason": "Perusteeton."}
    AccessRequest.objects.filter(pk=request.pk).update(city="Turku")

    response = privacy_officer_client.post(url, data, follow=True)

    assert any(
        f"Pyyntö {request.reference} on muuttunut tämän sivun avaamisen jälkeen" in message
        for message in shown_messages(response)
    )
    assert AccessRequest.objects.get(pk=request.pk).status == AccessRequest.Status.RECEIVED


def test_an_intake_form_that_carries_no_state_is_refused_on_the_page(privacy_officer_client):
    privacy_officer_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the assertions' wording
    request = AccessRequestFactory(phone="")
    change_url = f"{BASE}{request.pk}/change/"

    response = privacy_officer_client.post(change_url, intake_data(request, phone="0401234567"))

    assert response.status_code == 200
    errors = response.context["adminform"].form.non_field_errors()
    assert errors.as_data()[0].code == "stale"
    assert "This page is out of date" in response.content.decode()
    assert AccessRequest.objects.get(pk=request.pk).phone == ""
