"""The workflow table: services take a step only where it allows; the admin shows its buttons."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from privacy.models import AccessRequest
from privacy.requests import workflow
from privacy.requests.services import (
    access_request_answer,
    access_request_compile,
    access_request_confirm_matches,
    access_request_erase,
    access_request_extend,
    access_request_find_data,
    access_request_rectify,
    access_request_refuse,
    access_request_restrict,
    access_request_review,
    access_request_update_intake,
    access_request_verify_identity,
)
from privacy.requests.workflow import TRANSITIONS, Step
from tests.privacy.factories import AccessRequestFactory

pytestmark = pytest.mark.django_db

Status = AccessRequest.Status
BASE = "/admin/privacy/accessrequest/"


def access_request_in(status: str, **fields) -> AccessRequest:
    """A request standing at `status`, with what the steps before it would have recorded."""
    now = timezone.now()
    if status != Status.RECEIVED:
        fields.update(identity_method="register_details", identity_verified_at=now)
    if status == Status.ANSWERED:
        fields.update(answered_on=timezone.localdate(), answer_channel="post", answered_at=now)
    if status == Status.REFUSED:
        fields.update(refusal_reason="Perusteeton.", refused_at=now)
    return AccessRequestFactory(status=status, **fields)


def take(step: Step, access_request: AccessRequest, by) -> None:
    match step:
        case Step.CORRECT_INTAKE:
            access_request_update_intake(access_request=access_request, corrected_by=by)
        case Step.VERIFY:
            access_request_verify_identity(
                access_request=access_request, verified_by=by, method="register_details"
            )
        case Step.FIND_DATA:
            access_request_find_data(access_request=access_request, searched_by=by)
        case Step.CONFIRM_MATCHES:
            access_request_confirm_matches(
                access_request=access_request, decided_by=by, confirmed_ids=[], shown_ids=[]
            )
        case Step.COMPILE:
            access_request_compile(access_request=access_request, compiled_by=by)
        case Step.REVIEW:
            access_request_review(access_request=access_request, reviewed_by=by)
        case Step.ERASE:
            access_request_erase(access_request=access_request, erased_by=by, plan="")
        case Step.RECTIFY:
            access_request_rectify(
                access_request=access_request, rectified_by=by, what_was_wrong="", corrections=[]
            )
        case Step.RESTRICT:
            access_request_restrict(access_request=access_request, restricted_by=by)
        case Step.ANSWER:
            access_request_answer(
                access_request=access_request,
                answered_by=by,
                answered_on=timezone.localdate(),
                channel="post",
            )
        case Step.REFUSE:
            access_request_refuse(access_request=access_request, refused_by=by, reason="Syy.")
        case Step.EXTEND:
            access_request_extend(
                access_request=access_request, extended_by=by, months=1, reason="Laaja."
            )


def test_answered_and_refused_requests_are_the_closed_ones():
    closed = workflow.CLOSED_ACCESS_REQUEST_STATUSES
    assert closed == {Status.ANSWERED, Status.REFUSED}
    assert AccessRequest(status=Status.REFUSED).is_closed
    assert not AccessRequest(status=Status.REVIEWED).is_closed


def test_every_status_but_the_first_is_reached_by_a_step():
    targets = {transition.target for transition in TRANSITIONS.values()}
    assert targets - {None} == set(Status) - {Status.RECEIVED}


@pytest.mark.parametrize("status", Status.values)
@pytest.mark.parametrize("step", list(Step))
def test_a_service_takes_its_step_only_from_the_statuses_the_table_allows(
    privacy_officer, step, status
):
    access_request = access_request_in(status)
    allowed = status in TRANSITIONS[step].sources

    try:
        take(step, access_request, privacy_officer)
    except ValidationError as exc:
        refused_as = exc.code
    else:
        refused_as = None

    after = AccessRequest.objects.get(pk=access_request.pk).status
    if not allowed:
        assert refused_as == "wrong_step"
        assert after == status
    else:
        assert refused_as != "wrong_step"
        if refused_as is None and TRANSITIONS[step].target is not None:
            assert after == TRANSITIONS[step].target


@pytest.mark.parametrize("step", list(Step))
def test_staff_outside_the_privacy_officers_cannot_take_a_step(staff_without_group, step):
    status = next(iter(TRANSITIONS[step].sources))
    access_request = access_request_in(status)

    with pytest.raises(PermissionDenied):
        take(step, access_request, staff_without_group)

    stored = AccessRequest.objects.get(pk=access_request.pk)
    assert stored.status == status
    assert stored.extension_months == 0


def test_an_unsigned_request_is_refused_verification_by_the_tables_condition(privacy_officer):
    access_request = AccessRequestFactory(is_signed=False)

    with pytest.raises(ValidationError) as caught:
        take(Step.VERIFY, access_request, privacy_officer)

    assert caught.value.code == "unsigned"
    assert not workflow.offered(Step.VERIFY, access_request, privacy_officer)


def test_a_deadline_extended_by_two_months_is_not_extended_again(privacy_officer):
    access_request = AccessRequestFactory(extension_months=2)

    with pytest.raises(ValidationError) as caught:
        take(Step.EXTEND, access_request, privacy_officer)

    assert caught.value.code == "too_long"
    assert AccessRequest.objects.get(pk=access_request.pk).extension_months == 2


# The buttons of the change page.


def workflow_buttons(client, access_request: AccessRequest) -> set[str]:
    html = client.get(f"{BASE}{access_request.pk}/change/").content.decode()
    [actions] = re.findall(r'<div class="workflow-actions">(.*?)</div>', html, flags=re.DOTALL)
    links = re.findall(rf'href="{BASE}{access_request.pk}/([\w-]+)/"', actions)
    forms = re.findall(r'form="(\w+)-form"', actions)
    return set(links) | set(forms)


@pytest.mark.parametrize(
    ("status", "fields", "buttons"),
    [
        (Status.RECEIVED, {}, {"verify", "extend", "refuse"}),
        (Status.RECEIVED, {"is_signed": False}, {"extend", "refuse"}),
        (Status.RECEIVED, {"extension_months": 2}, {"verify", "refuse"}),
        (Status.IDENTITY_VERIFIED, {}, {"find-data", "compile", "extend", "refuse"}),
        (Status.DATA_COMPILED, {}, {"review", "extend", "refuse"}),
        (Status.REVIEWED, {}, {"answer", "extend", "refuse"}),
        (Status.ANSWERED, {}, set()),
        (Status.REFUSED, {}, set()),
    ],
    ids=[
        "received",
        "unsigned",
        "extended",
        "verified",
        "compiled",
        "reviewed",
        "answered",
        "refused",
    ],
)
def test_each_status_shows_the_buttons_of_the_steps_the_table_allows(
    privacy_officer_client, status, fields, buttons
):
    access_request = access_request_in(status, **fields)
    assert workflow_buttons(privacy_officer_client, access_request) == buttons


def test_the_letter_asking_for_a_signature_is_offered_only_for_an_unsigned_request(
    privacy_officer_client,
):
    signed, unsigned = AccessRequestFactory(is_signed=True), AccessRequestFactory(is_signed=False)

    def page(access_request) -> str:
        return privacy_officer_client.get(f"{BASE}{access_request.pk}/change/").content.decode()

    assert f"{BASE}{signed.pk}/signed-request-letter/" not in page(signed)
    assert f"{BASE}{unsigned.pk}/signed-request-letter/" in page(unsigned)


@pytest.mark.parametrize("status", [Status.ANSWERED, Status.REFUSED])
def test_a_closed_request_offers_no_find_data(privacy_officer_client, status):
    access_request = access_request_in(status)
    html = privacy_officer_client.get(f"{BASE}{access_request.pk}/change/").content.decode()
    assert f"{BASE}{access_request.pk}/find-data/" not in html


@pytest.mark.parametrize("status", [Status.RECEIVED, Status.IDENTITY_VERIFIED, Status.REVIEWED])
def test_an_open_request_links_to_its_data_search(privacy_officer_client, status):
    access_request = access_request_in(status)
    html = privacy_officer_client.get(f"{BASE}{access_request.pk}/change/").content.decode()
    assert f"{BASE}{access_request.pk}/find-data/" in html
