"""The rules of the request services that the step-by-step tests leave open.

What a compiled package holds, the refusals of compiling in both languages, a page made
out of date before or while the letter is rendered, who uploaded each scan, what a carried
out request records, and the reminder email to the privacy officers.
"""

import hashlib
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.utils import timezone, translation

from orders.models import Order
from privacy.audit.models import AuditEntry
from privacy.description.models import RegisterDescription
from privacy.description.selectors import description_current
from privacy.lifecycle.models import Restriction
from privacy.lifecycle.services import Correction
from privacy.models import AccessRequest, AccessRequestPackage
from privacy.requests import services
from privacy.requests.services import (
    access_request_answer,
    access_request_compile,
    access_request_confirm_matches,
    access_request_erase,
    access_request_erasure_plan,
    access_request_extend,
    access_request_find_data,
    access_request_log,
    access_request_rectify,
    access_request_refuse,
    access_request_restrict,
    access_request_review,
    access_request_send_deadline_reminder,
    access_request_subject,
    access_request_update_intake,
    access_request_verify_identity,
)
from privacy.requests.workflow import stamp
from privacy.staff.groups import PRIVACY_OFFICER
from tests.customers.factories import (
    ContactFactory,
    CustomerFactory,
    StaffUserFactory,
    SupportEmailFactory,
)
from tests.orders.factories import OrderFactory
from tests.privacy.factories import (
    AccessRequestFactory,
    confirm_every_candidate,
    logged_letter,
    pdf_text,
    png_bytes,
    scan_file,
)
from tests.refusals import refused

pytestmark = pytest.mark.django_db

Status = AccessRequest.Status
HELSINKI = ZoneInfo("Europe/Helsinki")


@pytest.fixture
def officer():
    return StaffUserFactory(groups=[PRIVACY_OFFICER])


def messages_in(language: str, error) -> list[str]:
    with translation.override(language):
        return [str(message) for message in error.messages]


def verified(officer, **fields) -> AccessRequest:
    access_request = AccessRequestFactory(**fields)
    access_request_verify_identity(
        access_request=access_request, verified_by=officer, method="register_details"
    )
    return AccessRequest.objects.get(pk=access_request.pk)


def found_and_decided(officer, **fields) -> AccessRequest:
    """A verified request whose candidates are all confirmed as the requester's."""
    access_request = verified(officer, **fields)
    confirm_every_candidate(access_request, officer)
    return AccessRequest.objects.get(pk=access_request.pk)


def stored_files(root) -> set[Path]:
    return {path for path in Path(root).rglob("*") if path.is_file()}


# What the package holds


def test_the_package_holds_the_letter_and_export_as_stored_with_their_digests(officer):
    contact = CustomerFactory().primary_contact
    access_request = found_and_decided(officer, contact=contact, language="en")

    package = access_request_compile(access_request=access_request, compiled_by=officer)

    stored = AccessRequestPackage.objects.get(pk=package.pk)
    letter, export = stored.letter.read(), stored.export.read()
    assert stored.letter.name.endswith(".pdf") and stored.export.name.endswith(".zip")
    assert letter.startswith(b"%PDF") and export.startswith(b"PK")
    assert stored.letter_sha256 == hashlib.sha256(letter).hexdigest()
    assert stored.export_sha256 == hashlib.sha256(export).hexdigest()
    assert stored.language == "en"
    # A customer with its primary contact and nothing else: one record of each.
    assert {entry["category"]: entry["records"] for entry in stored.summary} == {
        "contact_details": 1,
        "customer_relationship": 1,
        "analytics": 0,
        "support_email": 0,
        "orders": 0,
    }
    # The letter names the controller of the register description in force.
    assert description_current().controller_name in pdf_text(letter)


def test_compiling_needs_a_published_register_description(officer):
    access_request = found_and_decided(officer, contact=CustomerFactory().primary_contact)
    RegisterDescription.objects.update(status="draft")

    with refused(
        "no_description",
        "Publish a register description first: the letter takes the controller from it.",
    ) as caught:
        access_request_compile(access_request=access_request, compiled_by=officer)

    assert messages_in("fi", caught.value) == [
        "Julkaise ensin rekisteriseloste: kirjeen rekisterinpitäjän tiedot otetaan siitä."
    ]
    assert not AccessRequestPackage.objects.exists()
    assert AccessRequest.objects.get(pk=access_request.pk).status == Status.IDENTITY_VERIFIED


def test_compiling_before_the_search_and_before_every_decision_is_refused_in_both_languages(
    officer,
):
    access_request = verified(officer, contact=CustomerFactory().primary_contact)
    with refused("not_searched", "Search for the requester's data first.") as caught:
        access_request_compile(access_request=access_request, compiled_by=officer)
    assert messages_in("fi", caught.value) == ["Hae ensin pyytäjän tiedot."]

    access_request_find_data(access_request=access_request, searched_by=officer)
    with refused(
        "undecided", "Decide for every candidate whether it belongs to the requester."
    ) as caught:
        access_request_compile(access_request=access_request, compiled_by=officer)
    assert messages_in("fi", caught.value) == [
        "Päätä jokaisen ehdokkaan kohdalla, koskeeko se pyytäjää."
    ]
    assert not AccessRequestPackage.objects.exists()


# A page made out of date


def stale_message(access_request) -> str:
    return (
        f"The request {access_request.reference} changed after this page was opened, so "
        "nothing was saved. Check the request as it is now and try again."
    )


def test_a_step_taken_from_a_page_made_out_of_date_is_refused_as_stale(officer):
    access_request = found_and_decided(officer, contact=CustomerFactory().primary_contact)
    access_request_compile(access_request=access_request, compiled_by=officer)
    compiled = AccessRequest.objects.get(pk=access_request.pk)
    seen = stamp(compiled)
    access_request_extend(
        access_request=compiled, extended_by=officer, months=1, reason="Laaja aineisto."
    )

    with refused("stale", stale_message(compiled)) as caught:
        access_request_review(access_request=compiled, reviewed_by=officer, seen=seen)

    assert messages_in("fi", caught.value) == [
        f"Pyyntö {compiled.reference} on muuttunut tämän sivun avaamisen jälkeen, joten "
        "mitään ei tallennettu. Tarkista pyyntö sellaisena kuin se nyt on ja yritä uudelleen."
    ]
    stored = AccessRequest.objects.get(pk=compiled.pk)
    assert stored.status == Status.DATA_COMPILED and stored.reviewed_at is None


def test_a_compile_from_a_page_made_out_of_date_is_refused_before_the_letter_is_rendered(
    officer, monkeypatch
):
    access_request = found_and_decided(officer, contact=CustomerFactory().primary_contact)
    seen = stamp(access_request)
    access_request_extend(
        access_request=access_request, extended_by=officer, months=1, reason="Laaja aineisto."
    )
    rendered = []
    render = services.answer_letter_pdf
    monkeypatch.setattr(
        services, "answer_letter_pdf", lambda *args: rendered.append(1) or render(*args)
    )

    with refused("stale", stale_message(access_request)):
        access_request_compile(access_request=access_request, compiled_by=officer, seen=seen)

    assert rendered == []
    assert not AccessRequestPackage.objects.exists()


def test_a_request_changed_while_its_letter_is_rendered_is_not_compiled(
    officer, monkeypatch, settings
):
    access_request = found_and_decided(officer, contact=CustomerFactory().primary_contact)
    seen = stamp(access_request)
    render = services.answer_letter_pdf

    def render_while_a_colleague_extends_the_deadline(*args):
        letter = render(*args)
        access_request_extend(
            access_request=access_request, extended_by=officer, months=1, reason="Laaja."
        )
        return letter

    monkeypatch.setattr(
        services, "answer_letter_pdf", render_while_a_colleague_extends_the_deadline
    )
    stored_before = stored_files(settings.MEDIA_ROOT)

    with refused("stale", stale_message(access_request)):
        access_request_compile(access_request=access_request, compiled_by=officer, seen=seen)

    assert not AccessRequestPackage.objects.exists()
    assert stored_files(settings.MEDIA_ROOT) == stored_before
    stored = AccessRequest.objects.get(pk=access_request.pk)
    assert stored.status == Status.IDENTITY_VERIFIED and stored.extension_months == 1


# Who uploaded each scan


def test_each_scan_records_who_uploaded_it(officer):
    colleague = StaffUserFactory(groups=[PRIVACY_OFFICER])
    access_request = logged_letter(officer, received_on=timezone.localdate(), is_signed=False)
    access_request.scan = scan_file("allekirjoitettu.png", png_bytes())
    access_request.is_signed = True
    access_request_update_intake(access_request=access_request, corrected_by=colleague)

    assert [scan.uploaded_by for scan in access_request.scans.order_by("pk")] == [
        officer,
        colleague,
    ]


# The several addresses of a support email


def test_a_requester_first_among_several_recipients_or_copies_is_found_in_each_message(officer):
    SupportEmailFactory(
        contact=None,
        from_address="tuki@webstrella.fi",
        to_addresses="aino@example.com, ville@example.com",
    )
    SupportEmailFactory(
        contact=None,
        from_address="tuki@webstrella.fi",
        to_addresses="ville@example.com",
        cc_addresses="aino@example.com,kalle@example.com",
    )
    SupportEmailFactory(
        contact=None,
        from_address="tuki@webstrella.fi",
        to_addresses="ville@example.com, xaino@example.com",
    )
    access_request = verified(officer, email="aino@example.com", requester_name="Aino Korhonen")

    matches = access_request_find_data(access_request=access_request, searched_by=officer)

    [match] = [m for m in matches if m.data == "customers.supportemail"]
    assert (match.value, match.rows) == ("aino@example.com", 2)
    assert match.reasons == [
        "customers.supportemail:email:to_addresses",
        "customers.supportemail:email:cc_addresses",
    ]


# Carrying out the other kinds of request


@time_machine.travel(datetime(2026, 11, 30, 12, tzinfo=HELSINKI), tick=False)
def test_a_restriction_carried_out_records_its_kind_result_who_and_when(officer):
    contact = ContactFactory()
    access_request = found_and_decided(officer, contact=contact, kind="restriction")

    access_request_restrict(
        access_request=access_request, restricted_by=officer, until=date(2027, 6, 30)
    )

    stored = AccessRequest.objects.get(pk=access_request.pk)
    assert stored.status == Status.CARRIED_OUT
    assert stored.carried_out_by == officer and stored.carried_out_at == timezone.now()
    assert stored.result == {
        "kind": "restriction",
        "carried_out_on": "2026-11-30",
        "until": "2027-06-30",
        "categories": [
            {
                "category": "contact_details",
                "data": "customers.contact",
                "name_fi": "yhteyshenkilö",
                "name_en": "contact",
                "restricted": 1,
                "until": "2027-06-30",
            }
        ],
    }
    assert Restriction.objects.get().object_id == str(contact.pk)


def test_the_subject_is_the_confirmed_rows_once_the_data_is_found_and_decided(officer):
    access_request = verified(officer, contact=ContactFactory(), kind="erasure")
    with refused("not_searched", "Search for the requester's data first."):
        access_request_subject(access_request)

    contact = ContactFactory()
    decided = found_and_decided(officer, contact=contact, kind="erasure")
    assert access_request_subject(decided).rows == {"customers.contact": frozenset({contact.pk})}


@time_machine.travel(datetime(2026, 11, 30, 12, tzinfo=HELSINKI), tick=False)
def test_the_erasure_plan_keeps_orders_until_the_end_of_their_accounting_period_from_today(
    officer,
):
    customer = CustomerFactory(started_on=date(2018, 1, 1))
    OrderFactory(customer=customer, ordered_at=datetime(2019, 3, 1, 12, tzinfo=HELSINKI))
    OrderFactory(customer=customer, ordered_at=datetime(2026, 3, 1, 12, tzinfo=HELSINKI))
    access_request = found_and_decided(officer, contact=customer.primary_contact, kind="erasure")

    plan = {entry["data"]: entry for entry in access_request_erasure_plan(access_request).as_list()}

    assert plan["orders.order"]["deleted"] == 1
    assert plan["orders.order"]["kept"] == [{"until": "2032-12-31", "records": 1}]


# The reminder to the privacy officers


@time_machine.travel(date(2025, 3, 10), tick=False)
def test_the_reminder_counts_the_overdue_and_the_due_and_names_no_requester():
    StaffUserFactory(groups=[PRIVACY_OFFICER], email="tietosuoja@webstrella.fi")
    StaffUserFactory(groups=[PRIVACY_OFFICER], email="dpo@webstrella.fi")
    overdue = AccessRequestFactory(received_on=date(2025, 1, 31))
    due_today = AccessRequestFactory(received_on=date(2025, 2, 10))
    soon = AccessRequestFactory(received_on=date(2025, 2, 15))

    recipients = access_request_send_deadline_reminder(
        access_requests=[overdue, due_today, soon], today=date(2025, 3, 10), within_days=7
    )

    assert recipients == ["dpo@webstrella.fi", "tietosuoja@webstrella.fi"]
    [message] = mail.outbox
    assert message.to == recipients
    assert message.subject == "Access requests: 1 overdue, 2 due within 7 days"
    path = "/admin/privacy/accessrequest/{}/change/"
    assert message.body == "\n".join(
        [
            "Access requests to answer (today 10.03.2025):",
            "",
            f"{overdue.reference}  due 28.02.2025  OVERDUE by 10 days  (Received)  "
            + path.format(overdue.pk),
            f"{due_today.reference}  due 10.03.2025  due today  (Received)  "
            + path.format(due_today.pk),
            f"{soon.reference}  due 15.03.2025  5 days left  (Received)  " + path.format(soon.pk),
            "",
            "GDPR Art. 12(3): answer within one month of receipt, or extend the deadline "
            "within that month.",
            "This message names no requester on purpose; open the admin to see the requests.",
        ]
    )


@time_machine.travel(date(2025, 3, 10), tick=False)
def test_no_reminder_is_sent_without_requests_or_without_an_officer_to_tell():
    due = [AccessRequestFactory(received_on=date(2025, 2, 12))]
    assert (
        access_request_send_deadline_reminder(
            access_requests=due, today=date(2025, 3, 10), within_days=7
        )
        == []
    )

    StaffUserFactory(groups=[PRIVACY_OFFICER], email="tietosuoja@webstrella.fi")
    assert (
        access_request_send_deadline_reminder(
            access_requests=[], today=date(2025, 3, 10), within_days=7
        )
        == []
    )
    assert mail.outbox == []
    assert access_request_send_deadline_reminder(
        access_requests=due, today=date(2025, 3, 10), within_days=14
    ) == ["tietosuoja@webstrella.fi"]
    assert mail.outbox[0].subject == "Access requests: 0 overdue, 1 due within 14 days"


# A stale page, step by step


def in_status(status, **fields) -> AccessRequest:
    """A request standing at `status`, with what the steps before it would have recorded."""
    now = timezone.now()
    if status != Status.RECEIVED:
        fields.update(identity_method="register_details", identity_verified_at=now)
    return AccessRequestFactory(status=status, **fields)


STEPS_FROM_A_FORM = {
    "correct the intake": (
        Status.RECEIVED,
        lambda r, by, seen: access_request_update_intake(
            access_request=r, corrected_by=by, seen=seen
        ),
    ),
    "verify": (
        Status.RECEIVED,
        lambda r, by, seen: access_request_verify_identity(
            access_request=r, verified_by=by, method="register_details", seen=seen
        ),
    ),
    "find the data": (
        Status.IDENTITY_VERIFIED,
        lambda r, by, seen: access_request_find_data(access_request=r, searched_by=by, seen=seen),
    ),
    "extend": (
        Status.RECEIVED,
        lambda r, by, seen: access_request_extend(
            access_request=r, extended_by=by, months=1, reason="Laaja.", seen=seen
        ),
    ),
    "refuse": (
        Status.RECEIVED,
        lambda r, by, seen: access_request_refuse(
            access_request=r, refused_by=by, reason="Perusteeton.", seen=seen
        ),
    ),
    "erase": (
        Status.IDENTITY_VERIFIED,
        lambda r, by, seen: access_request_erase(
            access_request=r, erased_by=by, plan="", seen=seen
        ),
    ),
    "rectify": (
        Status.IDENTITY_VERIFIED,
        lambda r, by, seen: access_request_rectify(
            access_request=r, rectified_by=by, what_was_wrong="Osoite.", corrections=[], seen=seen
        ),
    ),
    "restrict": (
        Status.IDENTITY_VERIFIED,
        lambda r, by, seen: access_request_restrict(access_request=r, restricted_by=by, seen=seen),
    ),
    "answer": (
        Status.REVIEWED,
        lambda r, by, seen: access_request_answer(
            access_request=r,
            answered_by=by,
            answered_on=timezone.localdate(),
            channel="post",
            seen=seen,
        ),
    ),
}


@pytest.mark.parametrize("step", list(STEPS_FROM_A_FORM))
def test_each_step_from_a_form_made_before_a_change_is_refused_as_stale(officer, step):
    status, take = STEPS_FROM_A_FORM[step]
    access_request = in_status(status)
    seen = stamp(access_request)
    AccessRequest.objects.filter(pk=access_request.pk).update(phone="040 123 4567")
    before = AccessRequest.objects.get(pk=access_request.pk)

    with refused("stale", stale_message(access_request)):
        take(access_request, officer, seen)

    after = AccessRequest.objects.get(pk=access_request.pk)
    assert stamp(after) == stamp(before)
    assert not after.matches.exists() and not after.extensions.exists()


def test_confirming_candidates_when_others_were_found_meanwhile_decides_nothing(officer):
    access_request = verified(officer, email="aino@example.com")
    SupportEmailFactory(contact=None, from_address="aino@example.com")
    shown = access_request_find_data(access_request=access_request, searched_by=officer)
    ContactFactory(email="aino@example.com")
    access_request_find_data(access_request=access_request, searched_by=officer)

    with refused(
        "stale",
        f"The candidates of {access_request.reference} changed after this page was opened, "
        "so nothing was decided. Check the list as it is now and decide again.",
    ) as caught:
        access_request_confirm_matches(
            access_request=access_request,
            decided_by=officer,
            confirmed_ids=[m.pk for m in shown],
            shown_ids=[m.pk for m in shown],
        )

    assert messages_in("fi", caught.value) == [
        f"Pyynnön {access_request.reference} ehdokkaat ovat muuttuneet tämän sivun avaamisen "
        "jälkeen, joten mitään ei päätetty. Tarkista luettelo sellaisena kuin se nyt on ja "
        "päätä uudelleen."
    ]
    assert not access_request.matches.filter(decided_at__isnull=False).exists()


def test_a_decision_keeps_who_made_it_until_someone_changes_it(officer):
    colleague = StaffUserFactory(groups=[PRIVACY_OFFICER])
    access_request = verified(officer, email="aino@example.com")
    SupportEmailFactory(contact=None, from_address="aino@example.com")
    [match] = access_request_find_data(access_request=access_request, searched_by=officer)

    def decide(by, confirmed):
        access_request_confirm_matches(
            access_request=access_request,
            decided_by=by,
            confirmed_ids=[match.pk] if confirmed else [],
            shown_ids=[match.pk],
        )
        match.refresh_from_db()
        return (match.confirmed, match.decided_by, match.decided_at)

    with time_machine.travel(datetime(2026, 11, 30, 10, tzinfo=HELSINKI), tick=False):
        first = decide(officer, confirmed=False)
    assert first == (False, officer, datetime(2026, 11, 30, 10, tzinfo=HELSINKI))
    with time_machine.travel(datetime(2026, 11, 30, 11, tzinfo=HELSINKI), tick=False):
        assert decide(colleague, confirmed=False) == first
    with time_machine.travel(datetime(2026, 11, 30, 12, tzinfo=HELSINKI), tick=False):
        assert decide(colleague, confirmed=True) == (
            True,
            colleague,
            datetime(2026, 11, 30, 12, tzinfo=HELSINKI),
        )


def test_a_search_records_who_ran_it_and_counts_rows_found_since_the_last_one(officer):
    access_request = verified(officer, email="aino@example.com")
    SupportEmailFactory(contact=None, from_address="aino@example.com")
    [first] = access_request_find_data(access_request=access_request, searched_by=officer)
    assert first.rows == 1
    SupportEmailFactory(contact=None, from_address="aino@example.com")

    [again] = access_request_find_data(access_request=access_request, searched_by=officer)

    assert again.pk == first.pk and again.rows == 2
    assert AccessRequest.objects.get(pk=access_request.pk).searched_by == officer


# Extending the deadline


def test_an_extension_needs_a_reason_in_both_languages(officer):
    access_request = AccessRequestFactory()
    with refused("no_reason", "Give the reason for the extension.") as caught:
        access_request_extend(
            access_request=access_request, extended_by=officer, months=1, reason="  "
        )
    assert messages_in("fi", caught.value) == ["Anna määräajan pidennyksen syy."]
    assert not access_request.extensions.exists()


def test_the_two_months_may_be_taken_at_once_but_not_beyond(officer):
    once = AccessRequestFactory()
    extension = access_request_extend(
        access_request=once, extended_by=officer, months=2, reason=" Laaja aineisto. "
    )
    assert (extension.months, extension.reason, extension.decided_by) == (
        2,
        "Laaja aineisto.",
        officer,
    )
    assert AccessRequest.objects.get(pk=once.pk).extension_months == 2

    used = AccessRequestFactory(extension_months=1)
    with refused(
        "too_long", "The deadline can be extended by 2 months in all; 1 already used."
    ) as caught:
        access_request_extend(access_request=used, extended_by=officer, months=2, reason="Lisää.")
    assert messages_in("fi", caught.value) == [
        "Määräaikaa voi pidentää yhteensä 2 kuukaudella; niistä on jo käytetty 1."
    ]
    assert AccessRequest.objects.get(pk=used.pk).extension_months == 1


def test_an_extension_is_decided_by_the_last_day_of_the_first_month(officer):
    access_request = AccessRequestFactory(
        received_on=date(2025, 1, 31), letter_date=date(2025, 1, 29)
    )
    with time_machine.travel(datetime(2025, 3, 1, 9, tzinfo=HELSINKI), tick=False):
        with refused(
            "too_late", "An extension must be decided within the first month, by 28.02.2025."
        ) as caught:
            access_request_extend(
                access_request=access_request, extended_by=officer, months=1, reason="Laaja."
            )
        assert messages_in("fi", caught.value) == [
            "Pidennyksestä on päätettävä ensimmäisen kuukauden kuluessa eli viimeistään 28.02.2025."
        ]
    with time_machine.travel(datetime(2025, 2, 28, 23, tzinfo=HELSINKI), tick=False):
        access_request_extend(
            access_request=access_request, extended_by=officer, months=1, reason="Laaja."
        )
    assert AccessRequest.objects.get(pk=access_request.pk).due_on == date(2025, 3, 31)


# Verifying, reviewing, correcting the intake


def test_verifying_needs_a_known_method_and_keeps_no_notes_unless_given(officer):
    access_request = AccessRequestFactory()
    with refused("no_method", "Choose how the identity was verified.") as caught:
        access_request_verify_identity(
            access_request=access_request, verified_by=officer, method="a hunch"
        )
    assert messages_in("fi", caught.value) == ["Valitse, miten henkilöllisyys todennettiin."]
    assert AccessRequest.objects.get(pk=access_request.pk).status == Status.RECEIVED

    verified_request = access_request_verify_identity(
        access_request=access_request, verified_by=officer, method="register_details"
    )
    assert AccessRequest.objects.get(pk=verified_request.pk).identity_notes == ""


@time_machine.travel(datetime(2026, 11, 30, 12, tzinfo=HELSINKI), tick=False)
def test_a_review_records_when_it_was_made(officer):
    access_request = in_status(Status.DATA_COMPILED)
    access_request_review(access_request=access_request, reviewed_by=officer)
    stored = AccessRequest.objects.get(pk=access_request.pk)
    assert (stored.reviewed_by, stored.reviewed_at) == (officer, timezone.now())


def test_an_intake_correction_saves_only_the_intake(officer):
    access_request = AccessRequestFactory()
    read_before = AccessRequest.objects.get(pk=access_request.pk)
    access_request_extend(
        access_request=access_request, extended_by=officer, months=1, reason="Laaja."
    )
    read_before.city = "Nokia"

    access_request_update_intake(access_request=read_before, corrected_by=officer)

    stored = AccessRequest.objects.get(pk=access_request.pk)
    assert stored.city == "Nokia"
    assert stored.extension_months == 1


# Logging a letter


def test_logging_a_letter_keeps_every_detail_given_and_who_logged_it(officer):
    access_request = access_request_log(
        logged_by=officer,
        requester_name="Aino Korhonen",
        street_address="Storgatan 1",
        postal_code="11122",
        city="Stockholm",
        country="SE",
        email="aino@example.com",
        phone="+46701234567",
        customer_number="AS-10001",
        language="en",
        letter_date=date(2026, 11, 20),
        received_on=date(2026, 11, 24),
        scan=scan_file(),
        is_signed=True,
        kind="erasure",
    )

    stored = AccessRequest.objects.get(pk=access_request.pk)
    assert (
        stored.kind,
        stored.country,
        stored.email,
        stored.phone,
        stored.customer_number,
        stored.language,
        stored.letter_date,
        stored.created_by,
    ) == (
        "erasure",
        "SE",
        "aino@example.com",
        "+46701234567",
        "AS-10001",
        "en",
        date(2026, 11, 20),
        officer,
    )


def test_a_letter_logged_with_only_the_required_details_is_a_finnish_access_request(officer):
    access_request = logged_letter(officer, received_on=timezone.localdate(), is_signed=True)
    stored = AccessRequest.objects.get(pk=access_request.pk)
    assert (stored.kind, stored.country, stored.language) == ("access", "FI", "fi")
    assert (stored.email, stored.phone, stored.customer_number, stored.letter_date) == (
        "",
        "",
        "",
        None,
    )


def test_a_letter_whose_logging_fails_leaves_no_scan_behind(officer, monkeypatch, settings):
    def database_gone(*args, **kwargs):
        raise RuntimeError("server closed the connection")

    monkeypatch.setattr(services, "_keep_scan", database_gone)
    stored_before = stored_files(settings.MEDIA_ROOT)
    with pytest.raises(RuntimeError, match="server closed"):
        logged_letter(officer, received_on=timezone.localdate(), is_signed=True)
    assert stored_files(settings.MEDIA_ROOT) == stored_before
    assert not AccessRequest.objects.exists()


# Erasure, rectification and restriction carried out

NOW = datetime(2026, 11, 30, 12, tzinfo=HELSINKI)


@pytest.fixture
def customer_with_orders():
    """A customer with an order of seven years ago and one of this year."""
    with time_machine.travel(NOW, tick=False):
        customer = CustomerFactory(started_on=date(2018, 1, 1))
        OrderFactory(customer=customer, ordered_at=datetime(2019, 3, 1, 12, tzinfo=HELSINKI))
        OrderFactory(customer=customer, ordered_at=datetime(2026, 3, 1, 12, tzinfo=HELSINKI))
        return customer


@time_machine.travel(NOW, tick=False)
def test_an_erasure_records_its_plan_audits_each_category_and_ties_the_kept_rows_to_it(
    officer, customer_with_orders
):
    access_request = found_and_decided(
        officer, contact=customer_with_orders.primary_contact, kind="erasure"
    )
    plan = access_request_erasure_plan(access_request)
    shown = plan.as_list()

    access_request_erase(access_request=access_request, erased_by=officer, plan=plan.digest)

    stored = AccessRequest.objects.get(pk=access_request.pk)
    assert stored.status == Status.CARRIED_OUT
    assert (stored.carried_out_by, stored.carried_out_at) == (officer, NOW)
    assert stored.result == {"kind": "erasure", "carried_out_on": "2026-11-30", "categories": shown}
    reference = access_request.reference
    assert [
        (entry.action, entry.target_model, entry.detail, entry.user)
        for entry in AuditEntry.objects.order_by("pk")
    ] == [
        ("delete", "orders.order", f"erasure {reference}: deleted 1, anonymised 0, kept 1", None),
        (
            "delete",
            "customers.customer",
            f"erasure {reference}: deleted 0, anonymised 0, kept 1",
            None,
        ),
        (
            "delete",
            "customers.contact",
            f"erasure {reference}: deleted 0, anonymised 1, kept 1",
            None,
        ),
    ]
    assert {r.access_request_id for r in Restriction.objects.all()} == {access_request.pk}


@time_machine.travel(NOW, tick=False)
def test_an_erasure_from_a_plan_made_out_of_date_is_refused_in_both_languages(
    officer, customer_with_orders
):
    access_request = found_and_decided(
        officer, contact=customer_with_orders.primary_contact, kind="erasure"
    )
    plan = access_request_erasure_plan(access_request)
    OrderFactory(customer=customer_with_orders, ordered_at=datetime(2018, 5, 1, tzinfo=HELSINKI))

    with refused(
        "stale", "The data changed after the erasure plan was shown; look at it again."
    ) as caught:
        access_request_erase(access_request=access_request, erased_by=officer, plan=plan.digest)

    assert messages_in("fi", caught.value) == [
        "Tiedot muuttuivat poistosuunnitelman näyttämisen jälkeen; tarkista suunnitelma uudelleen."
    ]
    assert Order.objects.count() == 3 and not AuditEntry.objects.exists()
    assert AccessRequest.objects.get(pk=access_request.pk).status == Status.IDENTITY_VERIFIED


def test_erasing_with_nothing_confirmed_is_refused_in_both_languages(officer):
    access_request = verified(officer, contact=ContactFactory(), kind="erasure")
    access_request_find_data(access_request=access_request, searched_by=officer)
    access_request_confirm_matches(
        access_request=access_request,
        decided_by=officer,
        confirmed_ids=[],
        shown_ids=list(access_request.matches.values_list("pk", flat=True)),
    )
    plan = access_request_erasure_plan(AccessRequest.objects.get(pk=access_request.pk))

    with refused(
        "nothing_to_erase",
        "Nothing of the requester's data is left to erase: it has been erased already, is "
        "kept by law, or none was confirmed as theirs.",
    ) as caught:
        access_request_erase(access_request=access_request, erased_by=officer, plan=plan.digest)

    assert messages_in("fi", caught.value) == [
        "Pyytäjän tiedoista ei ole enää mitään poistettavaa: ne on jo poistettu, ne säilytetään "
        "lain nojalla tai mitään ei vahvistettu pyytäjän tiedoiksi."
    ]


@time_machine.travel(NOW, tick=False)
def test_a_rectification_records_what_was_wrong_and_audits_each_field(officer):
    contact = ContactFactory(street_address="Väärä katu 1")
    access_request = found_and_decided(officer, contact=contact, kind="rectification")
    with refused("no_reason", "Record what the requester said was wrong.") as caught:
        access_request_rectify(
            access_request=access_request,
            rectified_by=officer,
            what_was_wrong=" ",
            corrections=[Correction("customers.contact", str(contact.pk), "city", "Nokia")],
        )
    assert messages_in("fi", caught.value) == ["Kirjaa, mikä pyytäjän mukaan oli väärin."]

    access_request_rectify(
        access_request=access_request,
        rectified_by=officer,
        what_was_wrong=" Osoite on muuttunut. ",
        corrections=[
            Correction("customers.contact", str(contact.pk), "street_address", "Oikea katu 2")
        ],
    )

    contact.refresh_from_db()
    assert contact.street_address == "Oikea katu 2"
    stored = AccessRequest.objects.get(pk=access_request.pk)
    assert (stored.status, stored.carried_out_by, stored.carried_out_at) == (
        Status.CARRIED_OUT,
        officer,
        NOW,
    )
    assert stored.result["kind"] == "rectification"
    assert stored.result["carried_out_on"] == "2026-11-30"
    assert stored.result["what_was_wrong"] == "Osoite on muuttunut."
    [correction] = stored.result["corrections"]
    assert (correction["field"], correction["old"], correction["new"]) == (
        "street_address",
        "Väärä katu 1",
        "Oikea katu 2",
    )
    assert [
        (entry.action, entry.target_model, entry.detail)
        for entry in AuditEntry.objects.order_by("pk")
    ] == [
        ("change", "customers.contact", f"rectification {access_request.reference}: street_address")
    ]


@time_machine.travel(NOW, tick=False)
def test_a_restriction_ends_after_today_and_an_objection_restricts_as_an_objection(officer):
    access_request = found_and_decided(officer, contact=ContactFactory(), kind="objection")
    with refused("past", "A restriction ends in the future.") as caught:
        access_request_restrict(
            access_request=access_request, restricted_by=officer, until=date(2026, 11, 30)
        )
    assert messages_in("fi", caught.value) == ["Rajoitus päättyy tulevaisuudessa."]
    assert not Restriction.objects.exists()

    access_request_restrict(access_request=access_request, restricted_by=officer)

    restriction = Restriction.objects.get()
    assert (restriction.reason, restriction.until, restriction.access_request_id) == (
        "objection",
        None,
        access_request.pk,
    )
    result = AccessRequest.objects.get(pk=access_request.pk).result
    assert (result["kind"], result["until"], result["categories"][0]["until"]) == (
        "objection",
        None,
        None,
    )


@time_machine.travel(NOW, tick=False)
def test_a_restriction_may_end_tomorrow(officer):
    access_request = found_and_decided(officer, contact=ContactFactory(), kind="restriction")
    access_request_restrict(
        access_request=access_request, restricted_by=officer, until=date(2026, 12, 1)
    )
    assert Restriction.objects.get().reason == "restriction"
    assert Restriction.objects.get().until == date(2026, 12, 1)


def test_restricting_with_nothing_confirmed_is_refused_in_both_languages(officer):
    access_request = verified(officer, contact=ContactFactory(), kind="restriction")
    access_request_find_data(access_request=access_request, searched_by=officer)
    access_request_confirm_matches(
        access_request=access_request,
        decided_by=officer,
        confirmed_ids=[],
        shown_ids=list(access_request.matches.values_list("pk", flat=True)),
    )
    with refused(
        "nothing_to_restrict",
        "No data was confirmed as the requester's, so nothing can be restricted.",
    ) as caught:
        access_request_restrict(access_request=access_request, restricted_by=officer)
    assert messages_in("fi", caught.value) == [
        "Mitään tietoja ei vahvistettu pyytäjän tiedoiksi, joten mitään ei voi rajoittaa."
    ]
    assert AccessRequest.objects.get(pk=access_request.pk).status == Status.IDENTITY_VERIFIED
