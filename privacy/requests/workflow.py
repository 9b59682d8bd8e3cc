"""The workflow of an access request (tarkastuspyyntö) as one table.

Each step names the statuses it may be taken from, the status it moves the request to
(none for a step that leaves the status as it is) and who may take it. The services check
the table under the row lock; the admin draws its buttons from it. A status that no step
leaves from is closed.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from privacy.staff.selectors import is_privacy_officer

from .deadlines import MAX_EXTENSION_MONTHS

if TYPE_CHECKING:
    from .models import AccessRequest


class AccessRequestStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    IDENTITY_VERIFIED = "identity_verified", _("Identity verified")
    DATA_COMPILED = "data_compiled", _("Data compiled")
    REVIEWED = "reviewed", _("Reviewed")
    CARRIED_OUT = "carried_out", _("Carried out")
    ANSWERED = "answered", _("Answered")
    REFUSED = "refused", _("Refused")


class RequestKind(models.TextChoices):
    """What the person asks for; every kind goes through the same intake, checks and deadline."""

    ACCESS = "access", _("Access (Art. 15)")
    RECTIFICATION = "rectification", _("Rectification (Art. 16)")
    ERASURE = "erasure", _("Erasure (Art. 17)")
    RESTRICTION = "restriction", _("Restriction of processing (Art. 18)")
    OBJECTION = "objection", _("Objection (Art. 21)")


class Step(enum.StrEnum):
    """The steps an officer takes; the admin's URL of a step is named after its value."""

    CORRECT_INTAKE = "correct_intake"
    VERIFY = "verify"
    FIND_DATA = "find_data"
    CONFIRM_MATCHES = "confirm_matches"
    COMPILE = "compile"
    REVIEW = "review"
    ERASE = "erase"
    RECTIFY = "rectify"
    RESTRICT = "restrict"
    ANSWER = "answer"
    REFUSE = "refuse"
    EXTEND = "extend"


@dataclass(frozen=True)
class Condition:
    """A rule beyond the status: while it does not hold, the step is neither offered nor taken."""

    holds: Callable[[AccessRequest], bool]
    message: str
    code: str


@dataclass(frozen=True)
class Transition:
    sources: frozenset[AccessRequestStatus]
    target: AccessRequestStatus | None = None
    conditions: tuple[Condition, ...] = ()
    may_take: Callable[[object], bool] = is_privacy_officer


Status = AccessRequestStatus

# Register description, section 7: the request is made in writing and signed.
SIGNED = Condition(
    holds=lambda access_request: access_request.is_signed,
    message=_(
        "An unsigned request cannot be verified. Send the requester the letter "
        "asking for a signed request."
    ),
    code="unsigned",
)
# GDPR Art. 12(3): two further months at most.
EXTENSION_LEFT = Condition(
    holds=lambda access_request: access_request.extension_months < MAX_EXTENSION_MONTHS,
    message=_("The deadline has already been extended by the two months the law allows."),
    code="too_long",
)


def _kind_is(*kinds: RequestKind, message) -> Condition:
    return Condition(
        holds=lambda access_request: access_request.kind in kinds, message=message, code="kind"
    )


ACCESS = _kind_is(RequestKind.ACCESS, message=_("This step answers access requests."))
ERASURE = _kind_is(RequestKind.ERASURE, message=_("This step carries out erasure requests."))
RECTIFICATION = _kind_is(
    RequestKind.RECTIFICATION, message=_("This step carries out rectification requests.")
)
RESTRICTION = _kind_is(
    RequestKind.RESTRICTION,
    RequestKind.OBJECTION,
    message=_("This step carries out restriction requests and objections."),
)

_OPEN = frozenset(
    {
        Status.RECEIVED,
        Status.IDENTITY_VERIFIED,
        Status.DATA_COMPILED,
        Status.REVIEWED,
        Status.CARRIED_OUT,
    }
)

TRANSITIONS: dict[Step, Transition] = {
    # What was logged from the letter is corrected only before anyone relies on it.
    Step.CORRECT_INTAKE: Transition(sources=frozenset({Status.RECEIVED})),
    Step.VERIFY: Transition(
        sources=frozenset({Status.RECEIVED}),
        target=Status.IDENTITY_VERIFIED,
        conditions=(SIGNED,),
    ),
    Step.FIND_DATA: Transition(sources=frozenset({Status.IDENTITY_VERIFIED})),
    Step.CONFIRM_MATCHES: Transition(sources=frozenset({Status.IDENTITY_VERIFIED})),
    Step.COMPILE: Transition(
        sources=frozenset({Status.IDENTITY_VERIFIED}),
        target=Status.DATA_COMPILED,
        conditions=(ACCESS,),
    ),
    Step.REVIEW: Transition(sources=frozenset({Status.DATA_COMPILED}), target=Status.REVIEWED),
    # The other kinds: once the data is found and confirmed, the officer carries the request
    # out (erasure after seeing its plan), then records the letter as sent.
    Step.ERASE: Transition(
        sources=frozenset({Status.IDENTITY_VERIFIED}),
        target=Status.CARRIED_OUT,
        conditions=(ERASURE,),
    ),
    Step.RECTIFY: Transition(
        sources=frozenset({Status.IDENTITY_VERIFIED}),
        target=Status.CARRIED_OUT,
        conditions=(RECTIFICATION,),
    ),
    Step.RESTRICT: Transition(
        sources=frozenset({Status.IDENTITY_VERIFIED}),
        target=Status.CARRIED_OUT,
        conditions=(RESTRICTION,),
    ),
    Step.ANSWER: Transition(
        sources=frozenset({Status.REVIEWED, Status.CARRIED_OUT}), target=Status.ANSWERED
    ),
    # GDPR Art. 12(4), (5): an open request may be refused at any step, with the reason.
    Step.REFUSE: Transition(sources=_OPEN, target=Status.REFUSED),
    Step.EXTEND: Transition(sources=_OPEN, conditions=(EXTENSION_LEFT,)),
}

CLOSED_ACCESS_REQUEST_STATUSES = frozenset(Status) - frozenset().union(
    *(transition.sources for transition in TRANSITIONS.values())
)


def target_of(step: Step) -> AccessRequestStatus:
    target = TRANSITIONS[step].target
    if target is None:
        raise ValueError(f"The step {step} does not move the request.")
    return target


def is_open_for(step: Step, access_request: AccessRequest) -> bool:
    """Whether the request's status lets the step be taken (its conditions aside)."""
    return access_request.status in TRANSITIONS[step].sources


def offered(step: Step, access_request: AccessRequest, user) -> bool:
    """Whether the admin shows the step's button to `user`."""
    transition = TRANSITIONS[step]
    return (
        transition.may_take(user)
        and access_request.status in transition.sources
        and all(condition.holds(access_request) for condition in transition.conditions)
    )


def stamp(access_request: AccessRequest) -> str:
    """What a form carries of the request it was made from: any change to the row changes it.

    Keyed with the secret key, so the value tells nothing of the data it was made from.
    """
    values = "\n".join(
        f"{field.attname}={field.value_to_string(access_request)}"
        for field in access_request._meta.concrete_fields
    )
    return salted_hmac("privacy.requests.workflow.stamp", values, algorithm="sha256").hexdigest()


def check(step: Step, access_request: AccessRequest, *, by, seen: str | None = None) -> None:
    """Raise unless `by` may take `step` on the request as it is stored now.

    `access_request` is the row read under its lock. `seen` is the stamp the person's form
    was made from: if the request changed since, the step is refused as stale rather than
    taken on what they did not see. `by` None is the register itself (demo data, commands).
    """
    transition = TRANSITIONS[step]
    if by is not None and not transition.may_take(by):
        raise PermissionDenied
    if seen is not None and not constant_time_compare(seen, stamp(access_request)):
        raise ValidationError(
            _(
                "The request %(reference)s changed after this page was opened, so nothing "
                "was saved. Check the request as it is now and try again."
            ),
            code="stale",
            params={"reference": access_request.reference},
        )
    if access_request.status not in transition.sources:
        raise ValidationError(
            _("The request %(reference)s is “%(status)s”; this step needs “%(needed)s”."),
            code="wrong_step",
            params={
                "reference": access_request.reference,
                "status": access_request.get_status_display(),
                "needed": ", ".join(
                    str(status.label) for status in Status if status in transition.sources
                ),
            },
        )
    for condition in transition.conditions:
        if not condition.holds(access_request):
            raise ValidationError(condition.message, code=condition.code)
