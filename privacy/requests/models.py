"""Requests of data subjects about their data, with their matches and answer packages."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from privacy.append_only import AppendOnlyModel
from webstrella.validators import normalize_phone

from . import deadlines, uploads
from .workflow import CLOSED_ACCESS_REQUEST_STATUSES, AccessRequestStatus, RequestKind

# Access requests (tarkastuspyyntö). Register description, section 7: a written, signed
# request by post; GDPR Art. 15 gives the content of the answer, Art. 12(3) its deadline.


class AnswerLanguage(models.TextChoices):
    FINNISH = "fi", _("Finnish")
    ENGLISH = "en", _("English")


class IdentityMethod(models.TextChoices):
    REGISTER_DETAILS = (
        "register_details",
        _("Signature, name and postal address checked against the register"),
    )
    ID_DOCUMENT = "id_document", _("Copy of an identity document checked (the copy is not kept)")
    IN_PERSON = "in_person", _("Identity document shown in person")
    PHONE_CALLBACK = "phone_callback", _("Called back at the phone number in the register")
    OTHER = "other", _("Other (described in the notes)")


class AnswerChannel(models.TextChoices):
    POST = "post", _("Post")
    EMAIL = "email", _("Email")


# What the letter says, grouped as the intake form shows it: logged when the letter arrives,
# correctable until the identity is verified.
INTAKE_FIELDSETS = (
    (_("Requester"), ("requester_name", "street_address", "postal_code", "city", "country")),
    (_("Identifiers given in the letter"), ("email", "phone", "customer_number")),
    (_("Letter"), ("kind", "letter_date", "received_on", "scan", "is_signed", "language")),
)
INTAKE_FIELDS = tuple(name for _group, names in INTAKE_FIELDSETS for name in names)


def _user_field(verbose_name) -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=verbose_name,
    )


def _time_field(verbose_name) -> models.DateTimeField:
    return models.DateTimeField(verbose_name, null=True, blank=True, editable=False)


class AccessRequest(models.Model):
    """A data subject's request to see their data (tarkastuspyyntö), received as a letter.

    It moves received → identity verified → data compiled → reviewed → answered, or is
    refused at any open step, as the table in `workflow` says; each step records who took it
    and when. The services (`access_request_<action>`) are the only way to move it.
    """

    Status = AccessRequestStatus
    Kind = RequestKind
    Language = AnswerLanguage
    IdentityMethod = IdentityMethod
    Channel = AnswerChannel

    # What the letter says.
    kind = models.CharField(
        _("kind of request"), max_length=20, choices=RequestKind, default=RequestKind.ACCESS
    )
    requester_name = models.CharField(_("requester's name"), max_length=200)
    street_address = models.CharField(_("street address"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=12)
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country"), max_length=2, default="FI")
    email = models.EmailField(_("email given"), blank=True)
    phone = models.CharField(
        _("phone given"),
        max_length=20,
        blank=True,
        help_text=_("Stored in international form, e.g. +358401234567."),
    )
    customer_number = models.CharField(_("customer number given"), max_length=20, blank=True)
    language = models.CharField(
        _("language of the answer"),
        max_length=2,
        choices=AnswerLanguage,
        default=AnswerLanguage.FINNISH,
    )
    letter_date = models.DateField(_("date on the letter"), null=True, blank=True)
    received_on = models.DateField(_("received on"))
    scan = models.FileField(
        _("scan of the letter"),
        storage=uploads.access_request_storage,
        upload_to=uploads.ScanName(),
        validators=[uploads.validate_scan],
        max_length=200,
        help_text=_("PDF, JPEG or PNG, at most 10 MB."),
    )
    is_signed = models.BooleanField(
        _("signed"), default=False, help_text=_("The letter carries the requester's signature.")
    )

    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AccessRequestStatus,
        default=AccessRequestStatus.RECEIVED,
        editable=False,
    )
    # GDPR Art. 12(3): one month from receipt, plus up to two months of extension.
    due_on = models.DateField(_("due on"), editable=False)
    extension_months = models.PositiveSmallIntegerField(
        _("extension (months)"), default=0, editable=False
    )

    created_at = models.DateTimeField(_("logged"), auto_now_add=True)
    created_by = _user_field(_("logged by"))

    identity_method = models.CharField(
        _("how the identity was verified"),
        max_length=20,
        choices=IdentityMethod,
        blank=True,
        editable=False,
    )
    identity_notes = models.TextField(_("notes on the verification"), blank=True, editable=False)
    identity_verified_at = _time_field(_("identity verified"))
    identity_verified_by = _user_field(_("identity verified by"))

    searched_at = _time_field(_("data last searched"))
    searched_by = _user_field(_("data last searched by"))
    compiled_at = _time_field(_("data compiled"))
    compiled_by = _user_field(_("data compiled by"))
    reviewed_at = _time_field(_("reviewed"))
    reviewed_by = _user_field(_("reviewed by"))

    answered_on = models.DateField(_("answer sent on"), null=True, blank=True, editable=False)
    answer_channel = models.CharField(
        _("answer sent by"), max_length=10, choices=AnswerChannel, blank=True, editable=False
    )
    answered_at = _time_field(_("answer recorded"))
    answered_by = _user_field(_("answer recorded by"))

    # What an erasure, rectification, restriction or objection did, for its letter:
    # categories with counts, dates kept until and laws, corrections made.
    result = models.JSONField(_("what was done"), default=dict, blank=True, editable=False)
    carried_out_at = _time_field(_("carried out"))
    carried_out_by = _user_field(_("carried out by"))

    refusal_reason = models.TextField(_("reason for refusal"), blank=True, editable=False)
    refused_at = _time_field(_("refused"))
    refused_by = _user_field(_("refused by"))

    class Meta:
        verbose_name = _("access request")
        verbose_name_plural = _("access requests")
        ordering = ["due_on", "pk"]
        indexes = [
            # The deadline list and `privacy_deadlines`: open requests by due date.
            models.Index(fields=["status", "due_on"], name="accessrequest_status_due_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=AccessRequestStatus.values),
                name="accessrequest_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=RequestKind.values), name="accessrequest_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(language__in=AnswerLanguage.values),
                name="accessrequest_language_valid",
            ),
            models.CheckConstraint(
                condition=Q(extension_months__gte=0) & Q(extension_months__lte=2),
                name="accessrequest_extension_at_most_two_months",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["received", "refused"])
                | (Q(identity_verified_at__isnull=False) & ~Q(identity_method="")),
                name="accessrequest_verified_identity_recorded",
            ),
            models.CheckConstraint(
                condition=~Q(status="answered")
                | (Q(answered_on__isnull=False) & Q(answer_channel__in=AnswerChannel.values)),
                name="accessrequest_answer_recorded",
            ),
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(refusal_reason=""),
                name="accessrequest_refusal_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def save(self, *args, **kwargs) -> None:
        if self.received_on:
            self.due_on = deadlines.due_date(self.received_on, self.extension_months)
        super().save(*args, **kwargs)

    @property
    def reference(self) -> str:
        """The request's number in letters and email, free of personal data: TP-00012."""
        return f"TP-{self.pk:05d}" if self.pk else "TP-?"

    @staticmethod
    def pk_from_reference(text: str) -> int | None:
        """The id in a reference as staff type it: "TP-00012", "tp12" or "12"."""
        match = re.fullmatch(r"(?:TP-?)?0*(\d{1,18})", text.strip(), flags=re.IGNORECASE)
        return int(match[1]) if match else None

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_ACCESS_REQUEST_STATUSES

    @property
    def identity_is_verified(self) -> bool:
        return self.is_signed and self.identity_verified_at is not None

    def clean(self) -> None:
        errors = {}
        self.email = self.email.strip().lower()
        self.customer_number = self.customer_number.strip().upper()
        self.country = self.country.strip().upper()
        if self.phone:
            try:
                self.phone = normalize_phone(self.phone)
            except ValidationError as exc:
                errors["phone"] = exc.messages
        today = timezone.localdate()
        if self.received_on and self.received_on > today:
            errors["received_on"] = _("The date of receipt cannot be in the future.")
        if self.letter_date and self.received_on and self.letter_date > self.received_on:
            errors["letter_date"] = _("The letter cannot be dated after it was received.")
        if errors:
            raise ValidationError(errors)


class AccessRequestExtension(models.Model):
    """A decision to extend the deadline of an access request (GDPR Art. 12(3))."""

    access_request = models.ForeignKey(
        AccessRequest,
        on_delete=models.CASCADE,
        related_name="extensions",
        verbose_name=_("access request"),
    )
    months = models.PositiveSmallIntegerField(_("months"))
    reason = models.TextField(_("reason"))
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)
    decided_by = _user_field(_("decided by"))

    class Meta:
        verbose_name = _("extension of the deadline")
        verbose_name_plural = _("extensions of the deadline")
        ordering = ["decided_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(months__gte=1) & Q(months__lte=2),
                name="accessrequestextension_months_valid",
            ),
            models.CheckConstraint(
                condition=~Q(reason=""), name="accessrequestextension_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return ngettext(
            "%(reference)s extended by %(months)d month",
            "%(reference)s extended by %(months)d months",
            self.months,
        ) % {"reference": self.access_request.reference, "months": self.months}


class AccessRequestMatch(models.Model):
    """A candidate found for an access request, and whether it is the requester's.

    A candidate is a row of a declared model (`data` and `object_id`), or the rows of a
    model holding one identifier value (`identifier_kind` and `value`, e.g. the support
    emails sent from an address). Nothing reaches the answer without an officer confirming
    it: a namesake found by name and address stays out until someone has checked it is the
    same person.
    """

    access_request = models.ForeignKey(
        AccessRequest,
        on_delete=models.CASCADE,
        related_name="matches",
        verbose_name=_("access request"),
    )
    # The declared model, as its label_lower ("customers.contact"): the privacy app knows
    # the register's models only through the personal-data inventory.
    data = models.CharField(_("data"), max_length=100)
    # No foreign key: erasing a person after the answer must stay possible; `reasons` still
    # say what had matched.
    object_id = models.CharField(_("record"), max_length=64, blank=True)
    identifier_kind = models.CharField(_("identifier"), max_length=20, blank=True)
    value = models.CharField(_("identifier value"), max_length=254, blank=True)
    # How many rows a group of rows stood for when it was found.
    rows = models.PositiveIntegerField(_("records"), default=1)
    # References "app_label.model:kind:field" of privacy.inventory.discovery.
    reasons = models.JSONField(_("matched by"), default=list)
    found_at = models.DateTimeField(_("found"), auto_now_add=True)
    confirmed = models.BooleanField(_("belongs to the requester"), default=False)
    decided_at = _time_field(_("decided"))
    decided_by = _user_field(_("decided by"))

    class Meta:
        verbose_name = _("match of an access request")
        verbose_name_plural = _("matches of access requests")
        ordering = ["access_request", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(~Q(object_id="") & Q(identifier_kind="") & Q(value=""))
                | (Q(object_id="") & ~Q(identifier_kind="") & ~Q(value="")),
                name="accessrequestmatch_row_or_value",
            ),
            models.UniqueConstraint(
                fields=["access_request", "data", "object_id", "identifier_kind", "value"],
                name="accessrequestmatch_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.data} {self.object_id or self.value}".strip()

    @property
    def is_group(self) -> bool:
        return not self.object_id


class AccessRequestScan(AppendOnlyModel):
    """A scan a request was ever given: the first letter and each one that replaced it.

    Every letter is a record of the request (GDPR Art. 5(2), accountability), so a new scan
    is added beside the earlier ones and none is deleted.
    """

    change_refused = _("A stored scan cannot be changed.")
    delete_refused = _("A stored scan cannot be deleted.")

    access_request = models.ForeignKey(
        AccessRequest,
        on_delete=models.PROTECT,
        related_name="scans",
        verbose_name=_("access request"),
    )
    file = models.FileField(
        _("scan of the letter"),
        storage=uploads.access_request_storage,
        upload_to=uploads.ScanName(),
        max_length=200,
    )
    # In context: a scan is stored by the officer ("tallennettu"), where a mailbox file
    # is uploaded ("ladattu"); one English word, two Finnish ones.
    uploaded_at = models.DateTimeField(
        pgettext_lazy("scan", "uploaded"), default=timezone.now, editable=False
    )
    uploaded_by = _user_field(pgettext_lazy("scan", "uploaded by"))

    class Meta:
        verbose_name = _("scan")
        verbose_name_plural = _("scans")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.access_request} {self.uploaded_at:%Y-%m-%d %H:%M}"


class AccessRequestPackage(AppendOnlyModel):
    """The answer to an access request as compiled: the letter and the machine-readable export.

    Written once; its files' SHA-256 sums show later that what was sent is what is stored.
    """

    change_refused = _("An answer package cannot be changed.")
    delete_refused = _("An answer package cannot be deleted.")

    access_request = models.OneToOneField(
        AccessRequest,
        on_delete=models.PROTECT,
        related_name="package",
        verbose_name=_("access request"),
    )
    language = models.CharField(_("language"), max_length=2, choices=AnswerLanguage)
    letter = models.FileField(
        _("letter (PDF)"),
        storage=uploads.access_request_storage,
        upload_to=uploads.PackageName(),
        max_length=200,
    )
    letter_sha256 = models.CharField(_("SHA-256 of the letter"), max_length=64)
    export = models.FileField(
        _("machine-readable export (ZIP of JSON and CSV)"),
        storage=uploads.access_request_storage,
        upload_to=uploads.PackageName(),
        max_length=200,
    )
    export_sha256 = models.CharField(_("SHA-256 of the export"), max_length=64)
    # How many records each category holds: [{"category": key, "records": n}], no values.
    summary = models.JSONField(_("summary"), default=list)
    created_at = models.DateTimeField(_("compiled"), auto_now_add=True)
    created_by = _user_field(_("compiled by"))

    class Meta:
        verbose_name = _("answer package")
        verbose_name_plural = _("answer packages")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.access_request}"
