"""The steps of an access request: in order, each recorded with who and when."""

from datetime import date, timedelta
from pathlib import Path

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from privacy.models import AccessRequest, AccessRequestPackage
from privacy.requests.services import (
    access_request_answer,
    access_request_compile,
    access_request_confirm_matches,
    access_request_extend,
    access_request_find_data,
    access_request_refuse,
    access_request_review,
    access_request_update_intake,
    access_request_verify_identity,
)
from privacy.requests.uploads import AccessRequestStorage
from privacy.staff.groups import PRIVACY_OFFICER
from tests.customers.factories import CustomerFactory, StaffUserFactory
from tests.privacy.factories import (
    AccessRequestFactory,
    confirm_every_candidate,
    logged_letter,
    pdf_bytes,
    png_bytes,
    scan_file,
)
from tests.refusals import refused

pytestmark = pytest.mark.django_db

Status = AccessRequest.Status


@pytest.fixture
def officer():
    return StaffUserFactory(groups=[PRIVACY_OFFICER])


@pytest.fixture
def received():
    return AccessRequestFactory(contact=CustomerFactory().primary_contact)


def verify(access_request, officer):
    return access_request_verify_identity(
        access_request=access_request, verified_by=officer, method="register_details"
    )


def compiled(access_request, officer):
    verify(access_request, officer)
    confirm_every_candidate(access_request, officer)
    access_request_compile(access_request=access_request, compiled_by=officer)
    return AccessRequest.objects.get(pk=access_request.pk)


def test_each_step_records_who_and_when(received, officer):
    verified = verify(received, officer)
    assert verified.status == Status.IDENTITY_VERIFIED
    assert verified.identity_verified_by == officer and verified.identity_verified_at
    assert verified.identity_method == "register_details"

    confirm_every_candidate(verified, officer)
    package = access_request_compile(access_request=verified, compiled_by=officer)
    assert package.created_by == officer
    request = AccessRequest.objects.get(pk=received.pk)
    assert request.status == Status.DATA_COMPILED
    assert request.compiled_by == officer and request.compiled_at == package.created_at

    reviewer = StaffUserFactory(groups=[PRIVACY_OFFICER])
    reviewed = access_request_review(access_request=request, reviewed_by=reviewer)
    assert reviewed.status == Status.REVIEWED and reviewed.reviewed_by == reviewer

    answered = access_request_answer(
        access_request=reviewed,
        answered_by=officer,
        answered_on=timezone.localdate(),
        channel="post",
    )
    assert answered.status == Status.ANSWERED
    assert answered.answered_on == timezone.localdate() and answered.answer_channel == "post"
    assert answered.answered_by == officer and answered.answered_at
    assert answered.is_closed


@pytest.mark.parametrize(
    "step",
    ["find", "compile", "review", "answer"],
)
def test_steps_cannot_be_skipped_from_received(received, officer, step):
    actions = {
        "find": lambda: access_request_find_data(access_request=received, searched_by=officer),
        "compile": lambda: access_request_compile(access_request=received, compiled_by=officer),
        "review": lambda: access_request_review(access_request=received, reviewed_by=officer),
        "answer": lambda: access_request_answer(
            access_request=received,
            answered_by=officer,
            answered_on=timezone.localdate(),
            channel="post",
        ),
    }
    with pytest.raises(ValidationError) as caught:
        actions[step]()
    assert caught.value.code == "wrong_step"
    assert AccessRequest.objects.get(pk=received.pk).status == Status.RECEIVED


def test_a_verified_request_cannot_be_reviewed_or_answered_before_it_is_compiled(received, officer):
    verify(received, officer)
    with refused(
        "wrong_step",
        f"The request {received.reference} is “Identity verified”; this step needs "
        "“Data compiled”.",
    ):
        access_request_review(access_request=received, reviewed_by=officer)
    with refused(
        "wrong_step",
        f"The request {received.reference} is “Identity verified”; this step needs "
        "“Reviewed, Carried out”.",
    ):
        access_request_answer(
            access_request=received,
            answered_by=officer,
            answered_on=timezone.localdate(),
            channel="email",
        )
    assert AccessRequest.objects.get(pk=received.pk).status == Status.IDENTITY_VERIFIED


def test_a_compiled_request_cannot_be_answered_before_review(received, officer):
    request = compiled(received, officer)
    with refused("wrong_step"):
        access_request_answer(
            access_request=request,
            answered_by=officer,
            answered_on=timezone.localdate(),
            channel="post",
        )
    request.refresh_from_db()
    assert request.status == Status.DATA_COMPILED and request.answered_on is None


def test_identity_cannot_be_verified_twice(received, officer):
    first = verify(received, officer).identity_verified_at
    with refused("wrong_step"):
        verify(received, officer)
    assert AccessRequest.objects.get(pk=received.pk).identity_verified_at == first


def test_it_rejects_verifying_an_unsigned_request(officer):
    unsigned = AccessRequestFactory(is_signed=False)
    with pytest.raises(ValidationError) as caught:
        verify(unsigned, officer)
    assert caught.value.code == "unsigned"
    unsigned.refresh_from_db()
    assert unsigned.status == Status.RECEIVED and unsigned.identity_verified_at is None


def test_an_unsigned_request_can_never_be_compiled(received, officer):
    # Verified, searched and decided, so the step itself is allowed: only the signature is
    # missing, as if the intake had been changed behind the workflow's back.
    verify(received, officer)
    confirm_every_candidate(received, officer)
    AccessRequest.objects.filter(pk=received.pk).update(is_signed=False)
    unsigned = AccessRequest.objects.get(pk=received.pk)
    with refused("not_verified", "The identity of the requester is not verified."):
        access_request_compile(access_request=unsigned, compiled_by=officer)
    assert not AccessRequestPackage.objects.exists()
    unsigned.refresh_from_db()
    assert unsigned.status == Status.IDENTITY_VERIFIED and unsigned.compiled_at is None


def test_other_verification_needs_notes(received, officer):
    with refused("no_notes", "Describe the verification in the notes."):
        access_request_verify_identity(
            access_request=received, verified_by=officer, method="other", notes="  "
        )
    assert AccessRequest.objects.get(pk=received.pk).status == Status.RECEIVED
    verified = access_request_verify_identity(
        access_request=received, verified_by=officer, method="other", notes="Tunnettu asiakas."
    )
    assert verified.identity_notes == "Tunnettu asiakas."


def test_compiling_needs_a_search_and_a_decision_on_every_candidate(received, officer):
    verify(received, officer)
    with pytest.raises(ValidationError) as caught:
        access_request_compile(access_request=received, compiled_by=officer)
    assert caught.value.code == "not_searched"
    access_request_find_data(access_request=received, searched_by=officer)
    with pytest.raises(ValidationError) as caught:
        access_request_compile(access_request=received, compiled_by=officer)
    assert caught.value.code == "undecided"


def test_matches_cannot_be_changed_after_compiling(received, officer):
    request = compiled(received, officer)
    shown = [match.pk for match in request.matches.all()]
    with pytest.raises(ValidationError) as caught:
        access_request_confirm_matches(
            access_request=request, decided_by=officer, confirmed_ids=[], shown_ids=shown
        )
    assert caught.value.code == "wrong_step"
    with pytest.raises(ValidationError) as caught:
        access_request_find_data(access_request=request, searched_by=officer)
    assert caught.value.code == "wrong_step"
    assert not request.matches.filter(confirmed=False).exists()


def test_only_the_requests_own_candidates_can_be_confirmed(received, officer):
    other = AccessRequestFactory(contact=CustomerFactory().primary_contact)
    verify(other, officer)
    other_matches = access_request_find_data(access_request=other, searched_by=officer)
    verify(received, officer)
    mine = access_request_find_data(access_request=received, searched_by=officer)
    with refused("not_a_candidate", "Only candidates of this request can be confirmed."):
        access_request_confirm_matches(
            access_request=received,
            decided_by=officer,
            confirmed_ids=[other_matches[0].pk],
            shown_ids=[match.pk for match in mine],
        )
    assert not received.matches.filter(decided_at__isnull=False).exists()


@pytest.mark.parametrize("stage", ["received", "verified", "compiled", "reviewed"])
def test_an_open_request_can_be_refused_with_a_reason(received, officer, stage):
    request = received
    if stage != "received":
        request = compiled(received, officer) if stage != "verified" else verify(received, officer)
    if stage == "reviewed":
        request = access_request_review(access_request=request, reviewed_by=officer)
    with refused("no_reason", "Give the reason for the refusal."):
        access_request_refuse(access_request=request, refused_by=officer, reason="  ")
    assert AccessRequest.objects.get(pk=request.pk).status == request.status
    closed = access_request_refuse(
        access_request=request, refused_by=officer, reason="Pyyntö peruttiin."
    )
    assert closed.status == Status.REFUSED
    assert closed.refused_by == officer and closed.refused_at
    assert closed.refusal_reason == "Pyyntö peruttiin."


def test_an_answered_request_is_closed_to_every_step(received, officer):
    request = access_request_review(access_request=compiled(received, officer), reviewed_by=officer)
    access_request_answer(
        access_request=request,
        answered_by=officer,
        answered_on=timezone.localdate(),
        channel="email",
    )
    for action in [
        lambda: access_request_refuse(access_request=request, refused_by=officer, reason="x"),
        lambda: access_request_extend(
            access_request=request, extended_by=officer, months=1, reason="x"
        ),
        lambda: access_request_review(access_request=request, reviewed_by=officer),
        lambda: access_request_answer(
            access_request=request,
            answered_by=officer,
            answered_on=timezone.localdate(),
            channel="post",
        ),
    ]:
        with refused("wrong_step"):
            action()
    stored = AccessRequest.objects.get(pk=request.pk)
    assert stored.status == Status.ANSWERED
    assert stored.extension_months == 0 and stored.refused_at is None


def test_a_refused_request_cannot_be_refused_again(received, officer):
    access_request_refuse(access_request=received, refused_by=officer, reason="Ei allekirjoitusta.")
    with refused(
        "wrong_step",
        f"The request {received.reference} is “Refused”; this step needs “Received, "
        "Identity verified, Data compiled, Reviewed, Carried out”.",
    ):
        access_request_refuse(access_request=received, refused_by=officer, reason="Uudelleen.")
    assert AccessRequest.objects.get(pk=received.pk).refusal_reason == "Ei allekirjoitusta."


def test_the_answer_date_cannot_be_in_the_future_or_before_receipt(received, officer):
    request = access_request_review(access_request=compiled(received, officer), reviewed_by=officer)
    for answered_on, code, message in [
        (
            timezone.localdate() + timedelta(days=1),
            "future",
            "The answer cannot be sent in the future.",
        ),
        (
            request.received_on - timedelta(days=1),
            "too_early",
            "The answer cannot be sent before the request was received.",
        ),
    ]:
        with refused(code, message):
            access_request_answer(
                access_request=request,
                answered_by=officer,
                answered_on=answered_on,
                channel="post",
            )
    with refused("no_channel", "Choose how the answer was sent."):
        access_request_answer(
            access_request=request,
            answered_by=officer,
            answered_on=timezone.localdate(),
            channel="carrier pigeon",
        )
    stored = AccessRequest.objects.get(pk=request.pk)
    assert stored.status == Status.REVIEWED and stored.answered_on is None


def test_the_package_cannot_be_changed_or_deleted(received, officer):
    compiled(received, officer)
    package = AccessRequestPackage.objects.get()
    package.letter_sha256 = "0" * 64
    for action in [
        package.save,
        package.delete,
        lambda: AccessRequestPackage.objects.update(letter_sha256="0" * 64),
        lambda: AccessRequestPackage.objects.all().delete(),
    ]:
        with refused("append_only"):
            action()
    assert AccessRequestPackage.objects.get().letter_sha256 != "0" * 64


def test_a_request_is_only_compiled_once(received, officer):
    request = compiled(received, officer)
    with refused("wrong_step"):
        access_request_compile(access_request=request, compiled_by=officer)
    assert AccessRequestPackage.objects.count() == 1


def test_decisions_changed_while_the_letter_is_rendered_are_not_stored_with_it(
    received, officer, monkeypatch, settings
):
    from privacy.requests import services

    verify(received, officer)
    confirm_every_candidate(received, officer)
    render = services.answer_letter_pdf

    def render_while_a_colleague_withdraws_a_match(*args, **kwargs):
        letter = render(*args, **kwargs)
        access_request_confirm_matches(
            access_request=received,
            decided_by=officer,
            confirmed_ids=[],
            shown_ids=[match.pk for match in received.matches.all()],
        )
        return letter

    monkeypatch.setattr(services, "answer_letter_pdf", render_while_a_colleague_withdraws_a_match)
    stored_before = stored_files(settings.MEDIA_ROOT)
    with refused(
        "changed", "The candidates changed while the answer was compiled; compile it again."
    ):
        access_request_compile(access_request=received, compiled_by=officer)

    assert not AccessRequestPackage.objects.exists()
    assert AccessRequest.objects.get(pk=received.pk).status == Status.IDENTITY_VERIFIED
    assert stored_files(settings.MEDIA_ROOT) == stored_before


def stored_files(root) -> set[Path]:
    return {path for path in Path(root).rglob("*") if path.is_file()}


# Correcting the intake


def test_correcting_the_intake_without_a_new_scan_keeps_the_stored_scan(officer):
    access_request = logged_letter(officer)
    scan_name = access_request.scan.name
    scan_path = Path(access_request.scan.path)
    access_request.requester_name = "Aino Virtanen"
    access_request_update_intake(access_request=access_request, corrected_by=officer)

    stored = AccessRequest.objects.get(pk=access_request.pk)
    assert stored.requester_name == "Aino Virtanen"
    assert stored.scan.name == scan_name
    assert scan_path.read_bytes() == pdf_bytes()
    assert [scan.file.name for scan in stored.scans.all()] == [scan_name]


def test_correcting_the_intake_with_a_new_scan_keeps_both(officer):
    access_request = logged_letter(officer)
    first_path = Path(access_request.scan.path)
    access_request.scan = scan_file("allekirjoitettu.png", png_bytes())
    access_request_update_intake(access_request=access_request, corrected_by=officer)

    stored = AccessRequest.objects.get(pk=access_request.pk)
    assert first_path.read_bytes() == pdf_bytes()
    assert Path(stored.scan.path).read_bytes() == png_bytes()
    assert [Path(scan.file.path) for scan in stored.scans.all()] == [
        first_path,
        Path(stored.scan.path),
    ]


def test_the_intake_cannot_be_corrected_once_the_identity_is_verified(officer):
    access_request = logged_letter(officer)
    verify(access_request, officer)
    access_request.requester_name = "Joku Muu"
    with refused(
        "wrong_step",
        f"The request {access_request.reference} is “Identity verified”; this step needs "
        "“Received”.",
    ):
        access_request_update_intake(access_request=access_request, corrected_by=officer)
    assert AccessRequest.objects.get(pk=access_request.pk).requester_name == "Aino Korhonen"


@time_machine.travel(date(2025, 2, 10), tick=False)
def test_correcting_the_date_of_receipt_moves_the_stored_due_date(officer):
    access_request = logged_letter(officer, received_on=date(2025, 2, 3))
    assert AccessRequest.objects.get(pk=access_request.pk).due_on == date(2025, 3, 3)
    access_request.received_on = date(2025, 1, 31)
    access_request_update_intake(access_request=access_request, corrected_by=officer)

    stored = AccessRequest.objects.get(pk=access_request.pk)
    assert stored.received_on == date(2025, 1, 31)
    assert stored.due_on == date(2025, 2, 28)


# Extending and answering


def test_a_refused_request_cannot_be_extended(received, officer):
    access_request_refuse(access_request=received, refused_by=officer, reason="Perusteeton.")
    with refused(
        "wrong_step",
        f"The request {received.reference} is “Refused”; this step needs “Received, "
        "Identity verified, Data compiled, Reviewed, Carried out”.",
    ):
        access_request_extend(
            access_request=received, extended_by=officer, months=1, reason="Paljon aineistoa."
        )
    stored = AccessRequest.objects.get(pk=received.pk)
    assert stored.extension_months == 0 and not stored.extensions.exists()


@pytest.mark.parametrize("months", [0, -1])
def test_an_extension_of_less_than_a_month_is_refused(received, officer, months):
    due_on = received.due_on
    with refused("too_short", "An extension is at least one month."):
        access_request_extend(
            access_request=received, extended_by=officer, months=months, reason="Arkistohaku."
        )
    stored = AccessRequest.objects.get(pk=received.pk)
    assert stored.extension_months == 0 and stored.due_on == due_on
    assert not stored.extensions.exists()


def test_an_answer_sent_on_the_day_the_request_was_received_is_accepted(received, officer):
    request = access_request_review(access_request=compiled(received, officer), reviewed_by=officer)
    answered = access_request_answer(
        access_request=request,
        answered_by=officer,
        answered_on=request.received_on,
        channel="email",
    )
    stored = AccessRequest.objects.get(pk=answered.pk)
    assert stored.status == Status.ANSWERED
    assert stored.answered_on == request.received_on


# A compile that fails after the package's files are written leaves none of them behind.


def test_a_compile_whose_export_cannot_be_written_leaves_no_letter_on_disk(
    received, officer, monkeypatch, settings
):
    verify(received, officer)
    confirm_every_candidate(received, officer)
    save = AccessRequestStorage._save

    def disk_full_on_the_export(self, name, content):
        if name.endswith(".zip"):
            raise OSError("No space left on device")
        return save(self, name, content)

    monkeypatch.setattr(AccessRequestStorage, "_save", disk_full_on_the_export)
    stored_before = stored_files(settings.MEDIA_ROOT)
    with pytest.raises(OSError, match="No space left"):
        access_request_compile(access_request=received, compiled_by=officer)

    assert stored_files(settings.MEDIA_ROOT) == stored_before
    assert not AccessRequestPackage.objects.exists()
    stored = AccessRequest.objects.get(pk=received.pk)
    assert stored.status == Status.IDENTITY_VERIFIED and stored.compiled_at is None


def test_a_compile_that_fails_after_the_package_is_saved_leaves_no_files_on_disk(
    received, officer, monkeypatch, settings
):
    verify(received, officer)
    confirm_every_candidate(received, officer)

    def database_gone(self, *args, **kwargs):
        raise RuntimeError("server closed the connection")

    # The request is validated only after its package is saved, inside the transaction.
    monkeypatch.setattr(AccessRequest, "full_clean", database_gone)
    stored_before = stored_files(settings.MEDIA_ROOT)
    with pytest.raises(RuntimeError, match="server closed"):
        access_request_compile(access_request=received, compiled_by=officer)

    assert stored_files(settings.MEDIA_ROOT) == stored_before
    assert not AccessRequestPackage.objects.exists()
    stored = AccessRequest.objects.get(pk=received.pk)
    assert stored.status == Status.IDENTITY_VERIFIED and stored.compiled_at is None
