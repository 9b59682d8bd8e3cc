"""The customer register: people, customer relationships, customer-service email and analytics."""

import json
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from webstrella.validators import normalize_phone, validate_record_time

from .validators import format_phone_for_display, normalize_business_id

FINNISH_POSTCODE = re.compile(r"^\d{5}$")


class ContactLanguage(models.TextChoices):
    FINNISH = "fi", _("Finnish")
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")


class ContactSource(models.TextChoices):
    # Register description, section 4: data is collected when ordering and in
    # customer-service situations.
    ORDER = "order", _("Order")
    CUSTOMER_SERVICE = "customer_service", _("Customer service")
    OTHER = "other", _("Other")


class Contact(models.Model):
    """A person whose details the register holds (yhteystiedot)."""

    Language = ContactLanguage
    Source = ContactSource

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(
        _("phone"),
        max_length=20,
        blank=True,
        help_text=_("Stored in international form, e.g. +358401234567."),
    )
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=12, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=2, default="FI")
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language, default=Language.FINNISH
    )
    source = models.CharField(
        _("obtained from"), max_length=20, choices=Source, default=Source.ORDER
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["last_name", "first_name", "pk"]
        indexes = [
            # Staff look a person up by email when a message or letter arrives.
            models.Index(fields=["email"], name="contact_email_idx"),
            # ...and by phone when they call.
            models.Index(fields=["phone"], name="contact_phone_idx"),
            # Name search and the default ordering of the changelist.
            models.Index(fields=["last_name", "first_name"], name="contact_name_idx"),
            # The changelist's date hierarchy: its first and last date.
            models.Index(fields=["created_at"], name="contact_created_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(preferred_language__in=ContactLanguage.values),
                name="contact_language_valid",
            ),
            models.CheckConstraint(
                condition=Q(source__in=ContactSource.values),
                name="contact_source_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def phone_display(self) -> str:
        return format_phone_for_display(self.phone)

    def clean(self) -> None:
        self.email = self.email.strip().lower()
        self.country = self.country.upper()
        if self.phone:
            try:
                self.phone = normalize_phone(self.phone)
            except ValidationError as exc:
                raise ValidationError({"phone": exc.messages}) from exc
        if (
            self.country == "FI"
            and self.postal_code
            and not FINNISH_POSTCODE.match(self.postal_code)
        ):
            raise ValidationError(
                {"postal_code": _("A Finnish postal code has five digits, e.g. 00100.")}
            )


class CustomerKind(models.TextChoices):
    PRIVATE = "private", _("Private person")
    COMPANY = "company", _("Company")


class CustomerStatus(models.TextChoices):
    PROSPECT = "prospect", _("Prospect")
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    ENDED = "ended", _("Ended")


class Customer(models.Model):
    """A customer relationship (asiakkuus) with a private person or a company."""

    Kind = CustomerKind
    Status = CustomerStatus

    customer_number = models.CharField(_("customer number"), max_length=20, unique=True)
    kind = models.CharField(_("type"), max_length=10, choices=Kind, default=Kind.PRIVATE)
    company_name = models.CharField(_("company name"), max_length=200, blank=True)
    business_id = models.CharField(
        _("business ID (Y-tunnus)"),
        max_length=9,
        blank=True,
        help_text=_("Finnish business ID, e.g. 1234567-8."),
    )
    primary_contact = models.ForeignKey(
        Contact,
        on_delete=models.PROTECT,
        related_name="primary_for_customers",
        verbose_name=_("primary contact"),
    )
    contacts = models.ManyToManyField(
        Contact,
        through="CustomerContact",
        related_name="customers",
        blank=True,
        verbose_name=_("other contacts"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.ACTIVE)
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("customer")
        verbose_name_plural = _("customers")
        ordering = ["customer_number"]
        indexes = [
            # Company name search on the customer changelist.
            models.Index(fields=["company_name"], name="customer_company_idx"),
            # Filtering by status and date range of the relationship.
            models.Index(fields=["status", "started_on"], name="customer_status_start_idx"),
            # The changelist's date hierarchy: its first and last date.
            models.Index(fields=["started_on"], name="customer_started_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=CustomerKind.values), name="customer_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=CustomerStatus.values),
                name="customer_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="customer_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(kind="private") | ~Q(company_name=""),
                name="customer_company_has_name",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.customer_number} {self.display_name}"

    @property
    def display_name(self) -> str:
        if self.kind == self.Kind.COMPANY:
            return self.company_name
        # primary_contact is select_related wherever customers are listed.
        return self.primary_contact.full_name

    def clean(self) -> None:
        errors = {}
        if self.business_id:
            try:
                self.business_id = normalize_business_id(self.business_id)
            except ValidationError as exc:
                errors["business_id"] = exc.messages
        if self.kind == self.Kind.COMPANY and not self.company_name:
            errors["company_name"] = _("A company customer needs a company name.")
        if self.kind == self.Kind.PRIVATE and self.business_id:
            errors["business_id"] = _("A private customer has no business ID.")
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            errors["ended_on"] = _("The end date cannot be before the start date.")
        if self.status == self.Status.ENDED and not self.ended_on:
            errors["ended_on"] = _("An ended customer relationship needs an end date.")
        if errors:
            raise ValidationError(errors)


class CustomerContactRole(models.TextChoices):
    BILLING = "billing", _("Billing")
    TECHNICAL = "technical", _("Technical")
    MARKETING = "marketing", _("Marketing")
    OTHER = "other", _("Other")


class CustomerContact(models.Model):
    """A further contact person of a customer, with their role."""

    Role = CustomerContactRole

    customer = models.ForeignKey(
        Customer, on_delete=models.CASCADE, related_name="contact_roles", verbose_name=_("customer")
    )
    contact = models.ForeignKey(
        Contact, on_delete=models.CASCADE, related_name="customer_roles", verbose_name=_("contact")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.OTHER)

    class Meta:
        verbose_name = _("customer contact")
        verbose_name_plural = _("customer contacts")
        constraints = [
            models.UniqueConstraint(fields=["customer", "contact"], name="customer_contact_unique"),
            models.CheckConstraint(
                condition=Q(role__in=CustomerContactRole.values),
                name="customer_contact_role_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contact} ({self.get_role_display()})"


class EmailDirection(models.TextChoices):
    INBOUND = "in", _("Received")
    OUTBOUND = "out", _("Sent")


class EmailSource(models.TextChoices):
    MANUAL = "manual", _("Typed in")
    FILE = "file", _("Imported file")
    IMAP = "imap", _("Mailbox (IMAP)")


class SupportEmail(models.Model):
    """One message of the customer-service email log.

    Register description, section 3: "Asiakaspalvelutilanteisiin sähköpostilla liittyvä
    viestinnän tallennus".
    """

    Direction = EmailDirection

    direction = models.CharField(_("direction"), max_length=3, choices=Direction)
    from_address = models.EmailField(_("from"))
    to_addresses = models.TextField(_("to"), help_text=_("One or more addresses, comma separated."))
    cc_addresses = models.TextField(_("cc"), blank=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    body_text = models.TextField(_("message"), blank=True)
    sent_at = models.DateTimeField(_("sent or received"), validators=[validate_record_time])
    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    thread_id = models.CharField(
        _("thread"),
        max_length=255,
        blank=True,
        help_text=_("Message-ID of the first message of the conversation."),
    )
    in_reply_to = models.CharField(
        _("in reply to"),
        max_length=255,
        blank=True,
        help_text=_("Message-ID of the message this one answers."),
    )
    references = models.TextField(
        _("references"),
        blank=True,
        help_text=_("Message-IDs of the earlier messages of the conversation, oldest first."),
    )
    from_name = models.CharField(_("sender's name"), max_length=200, blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=EmailSource, default=EmailSource.MANUAL
    )
    contact = models.ForeignKey(
        Contact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_emails",
        verbose_name=_("contact"),
    )
    customer = models.ForeignKey(
        Customer,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_emails",
        verbose_name=_("customer"),
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="handled_support_emails",
        verbose_name=_("handled by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("support email")
        verbose_name_plural = _("support emails")
        ordering = ["-sent_at"]
        indexes = [
            # Changelist date hierarchy and "messages of last week".
            models.Index(fields=["sent_at"], name="supportemail_sent_idx"),
            # Showing a conversation in order.
            models.Index(fields=["thread_id", "sent_at"], name="supportemail_thread_idx"),
            # Finding the mail of a sender when a person asks.
            models.Index(fields=["from_address"], name="supportemail_from_idx"),
            # The list of unknown senders for customer service: inbound without a contact.
            models.Index(
                fields=["direction", "sent_at"],
                condition=Q(contact__isnull=True),
                name="supportemail_unlinked_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(direction__in=EmailDirection.values),
                name="supportemail_direction_valid",
            ),
            models.CheckConstraint(
                condition=Q(source__in=EmailSource.values),
                name="supportemail_source_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.subject or str(_("(no subject)"))


class SupportEmailAttachment(models.Model):
    """What was attached to a support email: its name, type, size and hash, never its content."""

    email = models.ForeignKey(
        SupportEmail,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("support email"),
    )
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(_("type"), max_length=255)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["email", "pk"]

    def __str__(self) -> str:
        return self.filename or self.content_type


class MailboxFolderState(models.Model):
    """Where fetching a folder of the IMAP mailbox stopped: UIDVALIDITY and last UID (RFC 3501)."""

    host = models.CharField(_("host"), max_length=255)
    username = models.CharField(_("user"), max_length=255)
    folder = models.CharField(_("folder"), max_length=255)
    uid_validity = models.PositiveBigIntegerField(_("UIDVALIDITY"))
    last_uid = models.PositiveBigIntegerField(_("last UID fetched"), default=0)
    fetched_at = models.DateTimeField(_("fetched"), auto_now=True)

    class Meta:
        verbose_name = _("mailbox folder")
        verbose_name_plural = _("mailbox folders")
        constraints = [
            models.UniqueConstraint(
                fields=["host", "username", "folder"], name="mailbox_folder_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.username}@{self.host}/{self.folder}"


class MailImportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class MailImport(models.Model):
    """A mailbox file uploaded in the admin, imported by the task runner.

    The file is kept under MEDIA_ROOT (no URL serves it) only until it is imported.
    """

    Status = MailImportStatus

    file = models.FileField(_("file"), upload_to="mail-imports/", blank=True)
    original_name = models.CharField(_("file name"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.QUEUED)
    reason = models.TextField(_("reason of failure"), blank=True)
    imported = models.PositiveIntegerField(_("imported"), default=0)
    duplicates = models.PositiveIntegerField(_("duplicates"), default=0)
    unknown_senders = models.PositiveIntegerField(_("unknown senders"), default=0)
    failed = models.PositiveIntegerField(_("failed messages"), default=0)
    report = models.TextField(
        _("report"), blank=True, help_text=_("Position and reason of each message not imported.")
    )
    task_id = models.CharField(_("job"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("mail import")
        verbose_name_plural = _("mail imports")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=MailImportStatus.values), name="mailimport_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.original_name


class AnalyticsEventType(models.TextChoices):
    PAGE_VIEW = "page_view", _("Page view")
    LOGIN = "login", _("Login to a service")
    ORDER_STARTED = "order_started", _("Order started")
    ORDER_PLACED = "order_placed", _("Order placed")
    SUPPORT_CONTACT = "support_contact", _("Customer service contact")


class AnalyticsEvent(models.Model):
    """An event of the usage analytics (tapahtuma- ja käyttäjäanalyysitiedot)."""

    MAX_PROPERTIES_BYTES = 2048
    MAX_PROPERTIES_DEPTH = 10

    EventType = AnalyticsEventType

    event_type = models.CharField(_("event type"), max_length=30, choices=EventType)
    occurred_at = models.DateTimeField(_("time"), validators=[validate_record_time])
    path = models.CharField(_("path"), max_length=500, blank=True)
    session_hash = models.CharField(
        _("session (hashed)"),
        max_length=64,
        blank=True,
        help_text=_("SHA-256 of the session key; the key itself is never stored."),
    )
    contact = models.ForeignKey(
        Contact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="analytics_events",
        verbose_name=_("contact"),
    )
    customer = models.ForeignKey(
        Customer,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="analytics_events",
        verbose_name=_("customer"),
    )
    properties = models.JSONField(_("properties"), default=dict, blank=True)

    class Meta:
        verbose_name = _("analytics event")
        verbose_name_plural = _("analytics events")
        ordering = ["-occurred_at"]
        indexes = [
            models.Index(fields=["occurred_at"], name="analytics_time_idx"),
            # Reports per event type over a period.
            models.Index(fields=["event_type", "occurred_at"], name="analytics_type_time_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(event_type__in=AnalyticsEventType.values),
                name="analytics_event_type_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_event_type_display()} {self.occurred_at:%Y-%m-%d %H:%M}"

    def clean(self) -> None:
        if not isinstance(self.properties, dict):
            raise ValidationError({"properties": _("Properties must be a JSON object.")})
        texts, depth = _json_texts_and_depth(self.properties)
        if depth > self.MAX_PROPERTIES_DEPTH:
            raise ValidationError(
                {
                    "properties": _("Properties may nest at most %(max)d levels deep.")
                    % {"max": self.MAX_PROPERTIES_DEPTH}
                }
            )
        # Both databases refuse these in JSON: NUL in PostgreSQL's jsonb, lone surrogates
        # (half of a UTF-16 pair, given as an escape) and NaN or infinities in both.
        if any("\x00" in text for text in texts):
            raise ValidationError({"properties": _("Properties cannot contain a NUL character.")})
        try:
            size = len(json.dumps(self.properties, ensure_ascii=False, allow_nan=False).encode())
        except UnicodeEncodeError:
            raise ValidationError(
                {"properties": _("Properties contain an escape that is not a character.")}
            ) from None
        except ValueError:
            raise ValidationError(
                {"properties": _("Properties may hold finite numbers only.")}
            ) from None
        if size > self.MAX_PROPERTIES_BYTES:
            raise ValidationError(
                {
                    "properties": _("Properties may take at most %(max)d bytes (got %(size)d).")
                    % {"max": self.MAX_PROPERTIES_BYTES, "size": size}
                }
            )


def _json_texts_and_depth(value) -> tuple[list[str], int]:
    """Every key and string in a parsed JSON value, and how deep it nests."""
    texts, deepest = [], 0
    pending = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, dict):
            deepest = max(deepest, depth)
            texts.extend(item)
            pending.extend((inner, depth + 1) for inner in item.values())
        elif isinstance(item, list):
            deepest = max(deepest, depth)
            pending.extend((inner, depth + 1) for inner in item)
        elif isinstance(item, str):
            texts.append(item)
    return texts, deepest
