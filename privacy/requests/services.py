"""The workflow of requests of data subjects: each step checked under a row lock.

Each service opens its transaction in its body (`with transaction.atomic()`), not with the
decorator: mutation testing (docs/testing.md) changes only functions without decorators,
and these are the rules it is there to check.
"""

import hashlib
from collections.abc import Collection
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from privacy.audit.models import AuditAction
from privacy.audit.services import audit_record_by_register
from privacy.description.selectors import description_current
from privacy.lifecycle.models import RestrictionReason
from privacy.lifecycle.services import (
    Correction,
    ErasurePlan,
    erasure_carry_out,
    erasure_plan,
    rectification_apply,
    restrict_rows,
)
from privacy.staff.selectors import privacy_officer_emails

from . import deadlines, workflow
from .answers import answer_letter_pdf, answer_zip, build_answer
from .matching import candidates_for, subject_of
from .models import (
    INTAKE_FIELDS,
    AccessRequest,
    AccessRequestExtension,
    AccessRequestMatch,
    AccessRequestPackage,
    AccessRequestScan,
    AnswerChannel,
)
from .workflow import Step

# Access requests (tarkastuspyyntö): the steps and the statuses they move between are the
# table in `workflow`. Each function takes its step under a row lock, so two officers cannot
# take the same step at once, nor one act on a page the other has made out of date.


def _take_step(
    access_request: AccessRequest, step: Step, *, by, seen: str | None = None
) -> AccessRequest:
    """Lock the request's row and check the step may be taken on it now; returns the row."""
    locked = AccessRequest.objects.select_for_update().get(pk=access_request.pk)
    workflow.check(step, locked, by=by, seen=seen)
    return locked


def _delete_files(*files) -> None:
    for file in files:
        if file and file.name:
            file.storage.delete(file.name)


def access_request_log(
    *,
    logged_by,
    requester_name: str,
    street_address: str,
    postal_code: str,
    city: str,
    received_on: date,
    scan,
    is_signed: bool,
    country: str = "FI",
    email: str = "",
    phone: str = "",
    customer_number: str = "",
    language: str = "fi",
    letter_date: date | None = None,
    kind: str = AccessRequest.Kind.ACCESS,
) -> AccessRequest:
    """Log a received letter with its scan; the deadline runs from `received_on`."""
    with transaction.atomic():
        access_request = AccessRequest(
            kind=kind,
            requester_name=requester_name,
            street_address=street_address,
            postal_code=postal_code,
            city=city,
            country=country,
            email=email,
            phone=phone,
            customer_number=customer_number,
            language=language,
            letter_date=letter_date,
            received_on=received_on,
            scan=scan,
            is_signed=is_signed,
            created_by=logged_by,
        )
        access_request.full_clean()
        try:
            access_request.save()
            _keep_scan(access_request, uploaded_by=logged_by)
        except Exception:
            _delete_files(access_request.scan)
            raise
        return access_request


def _keep_scan(access_request: AccessRequest, *, uploaded_by) -> None:
    """Record the request's current scan among all the scans it was ever given."""
    AccessRequestScan.objects.create(
        access_request=access_request, file=access_request.scan.name, uploaded_by=uploaded_by
    )


def access_request_update_intake(
    *, access_request: AccessRequest, corrected_by, seen: str | None = None
) -> AccessRequest:
    """Save corrections to what was logged from the letter, before identity is verified.

    `access_request` carries the corrections; `seen` is the stamp of the request the
    intake form was made from.
    """
    with transaction.atomic():
        stored = _take_step(access_request, Step.CORRECT_INTAKE, by=corrected_by, seen=seen)
        old_scan = stored.scan.name
        access_request.full_clean()
        access_request.save(update_fields=[*INTAKE_FIELDS, "due_on"])
        if access_request.scan.name != old_scan:
            # The earlier letter stays a record of the request beside the new one.
            _keep_scan(access_request, uploaded_by=corrected_by)
        return access_request


def access_request_verify_identity(
    *,
    access_request: AccessRequest,
    verified_by,
    method: str,
    notes: str = "",
    seen: str | None = None,
) -> AccessRequest:
    """Record how the requester's identity was verified; only a signed request qualifies."""
    with transaction.atomic():
        access_request = _take_step(access_request, Step.VERIFY, by=verified_by, seen=seen)
        if method not in AccessRequest.IdentityMethod.values:
            raise ValidationError(_("Choose how the identity was verified."), code="no_method")
        if method == AccessRequest.IdentityMethod.OTHER and not notes.strip():
            raise ValidationError(_("Describe the verification in the notes."), code="no_notes")
        access_request.identity_method = method
        access_request.identity_notes = notes.strip()
        access_request.identity_verified_by = verified_by
        access_request.identity_verified_at = timezone.now()
        access_request.status = workflow.target_of(Step.VERIFY)
        access_request.full_clean()
        access_request.save()
        return access_request


def access_request_find_data(
    *, access_request: AccessRequest, searched_by, seen: str | None = None
) -> list[AccessRequestMatch]:
    """Search every source by the verified identifiers; new candidates start unconfirmed."""
    with transaction.atomic():
        access_request = _take_step(access_request, Step.FIND_DATA, by=searched_by, seen=seen)
        for candidate in candidates_for(access_request):
            match, _created = AccessRequestMatch.objects.get_or_create(
                access_request=access_request,
                data=candidate.data,
                object_id=candidate.object_id,
                identifier_kind=candidate.identifier_kind,
                value=candidate.value,
                defaults={"rows": candidate.rows},
            )
            reasons = list(dict.fromkeys([*match.reasons, *candidate.reasons]))
            if reasons != match.reasons or match.rows != candidate.rows:
                match.reasons = reasons
                match.rows = candidate.rows
                match.save(update_fields=["reasons", "rows"])
        access_request.searched_at = timezone.now()
        access_request.searched_by = searched_by
        access_request.save(update_fields=["searched_at", "searched_by"])
        return list(access_request.matches.all())


def access_request_confirm_matches(
    *,
    access_request: AccessRequest,
    decided_by,
    confirmed_ids: Collection[int],
    shown_ids: Collection[int],
) -> list[AccessRequestMatch]:
    """Decide every candidate: those in `confirmed_ids` are the requester's, the rest not.

    `shown_ids` are the candidates the officer was shown: if the request has others now
    (a search run meanwhile), nothing is decided, as "not the requester's" would be
    recorded for candidates nobody looked at.
    """
    with transaction.atomic():
        access_request = _take_step(access_request, Step.CONFIRM_MATCHES, by=decided_by)
        matches = list(access_request.matches.all())
        if {match.pk for match in matches} != set(shown_ids):
            raise ValidationError(
                _(
                    "The candidates of %(reference)s changed after this page was opened, so "
                    "nothing was decided. Check the list as it is now and decide again."
                ),
                code="stale",
                params={"reference": access_request.reference},
            )
        unknown = set(confirmed_ids) - {match.pk for match in matches}
        if unknown:
            raise ValidationError(
                _("Only candidates of this request can be confirmed."), code="not_a_candidate"
            )
        now = timezone.now()
        for match in matches:
            confirmed = match.pk in confirmed_ids
            if match.decided_at is None or match.confirmed != confirmed:
                match.confirmed = confirmed
                match.decided_by = decided_by
                match.decided_at = now
                match.save(update_fields=["confirmed", "decided_by", "decided_at"])
        return matches


def _require_ready_to_compile(access_request: AccessRequest) -> tuple:
    """Raise unless the verified request has its data found; returns the state of its matches."""
    if not access_request.identity_is_verified:
        raise ValidationError(
            _("The identity of the requester is not verified."), code="not_verified"
        )
    if access_request.searched_at is None:
        raise ValidationError(_("Search for the requester's data first."), code="not_searched")
    matches = tuple(
        access_request.matches.order_by("pk").values_list("pk", "confirmed", "decided_at")
    )
    if any(decided_at is None for _pk, _confirmed, decided_at in matches):
        raise ValidationError(
            _("Decide for every candidate whether it belongs to the requester."),
            code="undecided",
        )
    return (access_request.searched_at, matches)


def access_request_compile(
    *, access_request: AccessRequest, compiled_by, seen: str | None = None
) -> AccessRequestPackage:
    """Build the answer from the confirmed matches and store it as an unchangeable package.

    The letter is rendered before the transaction starts: a long letter takes many seconds,
    and on SQLite a write transaction holds the whole database for its length. The checks
    are made again under the row lock, so that a request moved on, or decisions changed,
    while the letter was rendered are not stored with an answer built from the old ones.
    """
    access_request = AccessRequest.objects.get(pk=access_request.pk)
    workflow.check(Step.COMPILE, access_request, by=compiled_by, seen=seen)
    state = _require_ready_to_compile(access_request)
    controller = description_current()
    if controller is None:
        raise ValidationError(
            _("Publish a register description first: the letter takes the controller from it."),
            code="no_description",
        )
    answer = build_answer(access_request)
    letter = answer_letter_pdf(access_request, answer, controller)
    # A temporary file: a long history's export is written, hashed and stored in pieces.
    export = answer_zip(answer)
    export_sha256 = _file_sha256(export)
    package = None
    try:
        with export, transaction.atomic():
            access_request = _take_step(access_request, Step.COMPILE, by=compiled_by, seen=seen)
            if _require_ready_to_compile(access_request) != state:
                raise ValidationError(
                    _("The candidates changed while the answer was compiled; compile it again."),
                    code="changed",
                )
            package = AccessRequestPackage(
                access_request=access_request,
                language=answer.language,
                letter=ContentFile(letter, name="letter.pdf"),
                letter_sha256=hashlib.sha256(letter).hexdigest(),
                export=File(export, name="export.zip"),
                export_sha256=export_sha256,
                summary=answer.summary(),
                created_by=compiled_by,
            )
            package.save()
            access_request.status = workflow.target_of(Step.COMPILE)
            access_request.compiled_by = compiled_by
            access_request.compiled_at = package.created_at
            access_request.full_clean()
            access_request.save()
    except Exception:
        # The files are written by save(); the rolled-back rows no longer point at them.
        if package is not None:
            _delete_files(package.letter, package.export)
        raise
    return package


def _file_sha256(file) -> str:
    digest = hashlib.sha256()
    while chunk := file.read(1 << 20):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def access_request_review(
    *, access_request: AccessRequest, reviewed_by, seen: str | None = None
) -> AccessRequest:
    """Record that the compiled package was checked before it is sent."""
    with transaction.atomic():
        access_request = _take_step(access_request, Step.REVIEW, by=reviewed_by, seen=seen)
        access_request.status = workflow.target_of(Step.REVIEW)
        access_request.reviewed_by = reviewed_by
        access_request.reviewed_at = timezone.now()
        access_request.full_clean()
        access_request.save()
        return access_request


def access_request_answer(
    *,
    access_request: AccessRequest,
    answered_by,
    answered_on: date,
    channel: str,
    seen: str | None = None,
) -> AccessRequest:
    """Record that the reviewed answer was sent, when and how; the request is then closed."""
    with transaction.atomic():
        access_request = _take_step(access_request, Step.ANSWER, by=answered_by, seen=seen)
        if channel not in AnswerChannel.values:
            raise ValidationError(_("Choose how the answer was sent."), code="no_channel")
        if answered_on > timezone.localdate():
            raise ValidationError(_("The answer cannot be sent in the future."), code="future")
        if answered_on < access_request.received_on:
            raise ValidationError(
                _("The answer cannot be sent before the request was received."), code="too_early"
            )
        access_request.status = workflow.target_of(Step.ANSWER)
        access_request.answered_on = answered_on
        access_request.answer_channel = channel
        access_request.answered_by = answered_by
        access_request.answered_at = timezone.now()
        access_request.full_clean()
        access_request.save()
        return access_request


def access_request_refuse(
    *, access_request: AccessRequest, refused_by, reason: str, seen: str | None = None
) -> AccessRequest:
    """Close an open request without giving data, with the reason (GDPR Art. 12(4), (5))."""
    with transaction.atomic():
        access_request = _take_step(access_request, Step.REFUSE, by=refused_by, seen=seen)
        if not reason.strip():
            raise ValidationError(_("Give the reason for the refusal."), code="no_reason")
        access_request.status = workflow.target_of(Step.REFUSE)
        access_request.refusal_reason = reason.strip()
        access_request.refused_by = refused_by
        access_request.refused_at = timezone.now()
        access_request.full_clean()
        access_request.save()
        return access_request


def access_request_extend(
    *,
    access_request: AccessRequest,
    extended_by,
    months: int,
    reason: str,
    seen: str | None = None,
) -> AccessRequestExtension:
    """Extend the deadline of an open request by one or two months, with the reason.

    GDPR Art. 12(3): by two further months at most in all, and decided (and told to the
    requester) within the first month.
    """
    with transaction.atomic():
        access_request = _take_step(access_request, Step.EXTEND, by=extended_by, seen=seen)
        if not reason.strip():
            raise ValidationError(_("Give the reason for the extension."), code="no_reason")
        if months < 1:
            raise ValidationError(_("An extension is at least one month."), code="too_short")
        total = access_request.extension_months + months
        if total > deadlines.MAX_EXTENSION_MONTHS:
            raise ValidationError(
                _("The deadline can be extended by %(max)d months in all; %(used)d already used."),
                code="too_long",
                params={
                    "max": deadlines.MAX_EXTENSION_MONTHS,
                    "used": access_request.extension_months,
                },
            )
        first_month_ends = deadlines.due_date(access_request.received_on)
        if timezone.localdate() > first_month_ends:
            raise ValidationError(
                _("An extension must be decided within the first month, by %(date)s."),
                code="too_late",
                params={"date": first_month_ends.strftime("%d.%m.%Y")},
            )
        extension = AccessRequestExtension(
            access_request=access_request,
            months=months,
            reason=reason.strip(),
            decided_by=extended_by,
        )
        extension.full_clean()
        extension.save()
        access_request.extension_months = total
        access_request.full_clean()
        access_request.save()
        return extension


# Rectification, erasure, restriction and objection: the same intake, identity check and
# search; then the officer carries the request out, and the result is kept for its letter.


def access_request_subject(access_request: AccessRequest):
    """The data subject the officer confirmed, once the data is found and decided."""
    _require_ready_to_compile(access_request)
    return subject_of(access_request.matches.all())


def access_request_erasure_plan(access_request: AccessRequest) -> ErasurePlan:
    """What erasing the requester's confirmed data would do now, for the officer to see."""
    return erasure_plan(access_request_subject(access_request), today=timezone.localdate())


def _carried_out(access_request: AccessRequest, step: Step, by, result: dict) -> AccessRequest:
    access_request.result = {"kind": access_request.kind, **result}
    access_request.status = workflow.target_of(step)
    access_request.carried_out_by = by
    access_request.carried_out_at = timezone.now()
    access_request.full_clean()
    access_request.save()
    return access_request


def access_request_erase(
    *, access_request: AccessRequest, erased_by, plan: str, seen: str | None = None
) -> AccessRequest:
    """Erase the requester's data as the plan the officer approved says, in one transaction.

    `plan` is the digest of the plan shown: if the data changed since, nothing is erased.
    Rows a law requires keeping (GDPR Art. 17(3)(b)) stay, restricted until their date.
    """
    with transaction.atomic():
        access_request = _take_step(access_request, Step.ERASE, by=erased_by, seen=seen)
        current = access_request_erasure_plan(access_request)
        if current.is_empty:
            raise ValidationError(
                _(
                    "Nothing of the requester's data is left to erase: it has been erased "
                    "already, is kept by law, or none was confirmed as theirs."
                ),
                code="nothing_to_erase",
            )
        if current.digest != plan:
            raise ValidationError(
                _("The data changed after the erasure plan was shown; look at it again."),
                code="stale",
            )
        done = erasure_carry_out(current, access_request=access_request)
        for entry in done:
            audit_record_by_register(
                action=AuditAction.DELETE,
                target_model=entry["data"],
                detail=(
                    f"erasure {access_request.reference}: deleted {entry['deleted']}, anonymised "
                    f"{entry['anonymised']}, kept {sum(k['records'] for k in entry['kept'])}"
                ),
            )
        return _carried_out(
            access_request,
            Step.ERASE,
            erased_by,
            {"carried_out_on": timezone.localdate().isoformat(), "categories": done},
        )


def access_request_rectify(
    *,
    access_request: AccessRequest,
    rectified_by,
    what_was_wrong: str,
    corrections: list[Correction],
    seen: str | None = None,
) -> AccessRequest:
    """Correct the requester's data field by field (GDPR Art. 16), validated and audited."""
    with transaction.atomic():
        access_request = _take_step(access_request, Step.RECTIFY, by=rectified_by, seen=seen)
        if not what_was_wrong.strip():
            raise ValidationError(_("Record what the requester said was wrong."), code="no_reason")
        done = rectification_apply(access_request_subject(access_request), corrections)
        for entry in done:
            audit_record_by_register(
                action=AuditAction.CHANGE,
                target_model=entry["data"],
                detail=f"rectification {access_request.reference}: {entry['field']}",
            )
        return _carried_out(
            access_request,
            Step.RECTIFY,
            rectified_by,
            {
                "carried_out_on": timezone.localdate().isoformat(),
                "what_was_wrong": what_was_wrong.strip(),
                "corrections": done,
            },
        )


def access_request_restrict(
    *,
    access_request: AccessRequest,
    restricted_by,
    until: date | None = None,
    seen: str | None = None,
) -> AccessRequest:
    """Restrict the processing of the requester's data (Art. 18), or on an objection (Art. 21)."""
    with transaction.atomic():
        access_request = _take_step(access_request, Step.RESTRICT, by=restricted_by, seen=seen)
        if until is not None and until <= timezone.localdate():
            raise ValidationError(_("A restriction ends in the future."), code="past")
        reason = (
            RestrictionReason.OBJECTION
            if access_request.kind == AccessRequest.Kind.OBJECTION
            else RestrictionReason.RESTRICTION
        )
        done = restrict_rows(
            access_request_subject(access_request),
            reason=reason,
            until=until,
            access_request=access_request,
        )
        if not done:
            raise ValidationError(
                _("No data was confirmed as the requester's, so nothing can be restricted."),
                code="nothing_to_restrict",
            )
        return _carried_out(
            access_request,
            Step.RESTRICT,
            restricted_by,
            {
                "carried_out_on": timezone.localdate().isoformat(),
                "until": until.isoformat() if until else None,
                "categories": done,
            },
        )


def access_request_send_deadline_reminder(
    *, access_requests, today: date, within_days: int
) -> list[str]:
    """Email the privacy officers the requests due soon or overdue; returns the recipients."""
    recipients = privacy_officer_emails()
    if not access_requests or not recipients:
        return []
    overdue = sum(1 for r in access_requests if r.due_on < today)
    subject = (
        f"Access requests: {overdue} overdue, {len(access_requests) - overdue} due within "
        f"{within_days} days"
    )
    body = "\n".join(
        [
            f"Access requests to answer (today {today:%d.%m.%Y}):",
            "",
            *deadlines.report_lines(access_requests, today=today),
            "",
            "GDPR Art. 12(3): answer within one month of receipt, or extend the deadline "
            "within that month.",
            "This message names no requester on purpose; open the admin to see the requests.",
        ]
    )
    send_mail(subject, body, None, recipients)
    return recipients
