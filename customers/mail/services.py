"""Recording messages in the support-email log: deduplicated, threaded, linked to people.

Messages are saved in batches, each batch in one transaction together with the progress
of its source (`on_batch`): a run that dies midway leaves whole batches and the position
after the last of them, never half a message or a position ahead of what was saved.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from customers.models import (
    Contact,
    EmailDirection,
    EmailSource,
    MailImport,
    MailImportStatus,
    SupportEmail,
    SupportEmailAttachment,
)
from webstrella.validators import EARLIEST_RECORD_DATE

from .parsing import BrokenMessage, ParsedMail, parse_message
from .sources import SNIFF_BYTES, BadMailFile, RawMessage, SourceKind, detect, detect_start, read

BATCH_SIZE = 200
# The report keeps the first problems in full and counts the rest.
MAX_PROBLEMS_LISTED = 500
# A Date this far ahead of the clock is wrong; the arrival time is used instead.
_FUTURE_SLACK = datetime.timedelta(days=1)


@dataclass
class ImportSummary:
    imported: int = 0
    duplicates: int = 0
    unknown_senders: int = 0
    failed: int = 0
    problems: list[str] = field(default_factory=list)

    def add_problem(self, position: str, reason: str) -> None:
        self.failed += 1
        if len(self.problems) < MAX_PROBLEMS_LISTED:
            self.problems.append(f"{position}: {reason}")

    def merge(self, other: ImportSummary) -> None:
        self.imported += other.imported
        self.duplicates += other.duplicates
        self.unknown_senders += other.unknown_senders
        for problem in other.problems:
            if len(self.problems) < MAX_PROBLEMS_LISTED:
                self.problems.append(problem)
        self.failed += other.failed

    @property
    def problems_not_listed(self) -> int:
        return self.failed - len(self.problems)

    def line(self) -> str:
        return (
            f"Imported {self.imported}, duplicates {self.duplicates}, "
            f"unknown senders {self.unknown_senders}, failed {self.failed}."
        )

    def report(self) -> str:
        lines = list(self.problems)
        if self.problems_not_listed:
            lines.append(f"... and {self.problems_not_listed} more.")
        return "\n".join(lines)


def support_addresses() -> frozenset[str]:
    return frozenset(address.strip().lower() for address in settings.SUPPORT_EMAIL_ADDRESSES)


def mail_import(
    messages: Iterable[RawMessage],
    *,
    source: str = EmailSource.FILE,
    on_batch: Callable[[list[RawMessage]], None] | None = None,
    batch_size: int = BATCH_SIZE,
) -> ImportSummary:
    """Record the messages not yet in the log. `on_batch` runs inside each batch's transaction."""
    summary = ImportSummary()
    importer = _Importer(source=source)
    batch: list[RawMessage] = []
    for message in messages:
        batch.append(message)
        if len(batch) >= batch_size:
            importer.save_batch(batch, summary, on_batch)
            batch = []
    if batch:
        importer.save_batch(batch, summary, on_batch)
    return summary


def mail_import_paths(paths: Iterable[Path]) -> ImportSummary:
    """Import .eml files, mbox files and Maildir folders; every path is checked first.

    Raises BadMailFile, before anything is saved, when a path holds no readable mail.
    """
    kinds = [(path, detect(path)) for path in paths]
    summary = ImportSummary()
    for path, kind in kinds:
        try:
            summary.merge(mail_import(read(path, kind), source=EmailSource.FILE))
        except OSError as exc:
            raise BadMailFile(
                str(path), _("reading failed (%(error)s).") % {"error": exc.strerror or exc}
            ) from exc
    return summary


class _Importer:
    def __init__(self, *, source: str) -> None:
        self.source = source
        self.support = support_addresses()

    def save_batch(self, batch, summary: ImportSummary, on_batch) -> None:
        parsed: list[tuple[RawMessage, ParsedMail]] = []
        for raw in batch:
            try:
                parsed.append((raw, parse_message(raw.data)))
            except BrokenMessage as exc:
                summary.add_problem(raw.position, str(exc))
            except Exception as exc:  # one unreadable message must not stop the rest
                summary.add_problem(raw.position, f"unreadable ({type(exc).__name__})")
        try:
            with transaction.atomic():
                counts = self._save(parsed, per_message=False)
                if on_batch:
                    on_batch(batch)
        except IntegrityError:
            # Another import saved one of these messages meanwhile: one at a time instead.
            with transaction.atomic():
                counts = self._save(parsed, per_message=True)
                if on_batch:
                    on_batch(batch)
        # Counted once the batch is saved: a rolled-back batch adds nothing.
        summary.merge(counts)

    def _save(self, parsed, *, per_message: bool) -> ImportSummary:
        counts = ImportSummary()
        known = self._known_message_ids([mail.message_id for _raw, mail in parsed])
        threads = self._thread_ids(parsed)
        contacts = self._contacts_by_address(
            self._counterpart(mail) for _raw, mail in parsed if self._counterpart(mail)
        )
        rows: list[tuple[SupportEmail, ParsedMail]] = []
        for raw, mail in parsed:
            if mail.message_id in known:
                counts.duplicates += 1
                continue
            known.add(mail.message_id)
            try:
                email = self._build(raw, mail, threads, contacts)
            except ValidationError as exc:
                counts.add_problem(raw.position, "; ".join(exc.messages))
                continue
            rows.append((email, mail))
            if email.direction == EmailDirection.INBOUND and email.contact is None:
                counts.unknown_senders += 1
        if per_message:
            for email, _mail in rows:
                with transaction.atomic():
                    try:
                        email.save()
                    except IntegrityError:
                        email.pk = None
                        counts.duplicates += 1
                        if email.direction == EmailDirection.INBOUND and email.contact is None:
                            counts.unknown_senders -= 1
        else:
            SupportEmail.objects.bulk_create([email for email, _mail in rows])
        saved = [(email, mail) for email, mail in rows if email.pk]
        counts.imported = len(saved)
        SupportEmailAttachment.objects.bulk_create(
            SupportEmailAttachment(
                email=email,
                filename=attachment.filename,
                content_type=attachment.content_type,
                size=attachment.size,
                sha256=attachment.sha256,
            )
            for email, mail in saved
            for attachment in mail.attachments
        )
        return counts

    def _build(self, raw: RawMessage, mail: ParsedMail, threads, contacts) -> SupportEmail:
        outbound = mail.from_address in self.support
        counterpart = self._counterpart(mail)
        contact = contacts.get(counterpart) if counterpart else None
        email = SupportEmail(
            direction=EmailDirection.OUTBOUND if outbound else EmailDirection.INBOUND,
            from_address=mail.from_address,
            from_name=mail.from_name,
            to_addresses=", ".join(mail.to_addresses),
            cc_addresses=", ".join(mail.cc_addresses),
            subject=mail.subject,
            body_text=mail.body_text,
            sent_at=self._sent_at(mail, raw),
            message_id=mail.message_id,
            thread_id=threads[mail.message_id],
            in_reply_to=mail.in_reply_to,
            references=" ".join(mail.references),
            contact=contact,
            customer=_customer_of(contact) if contact else None,
            source=self.source,
        )
        # Uniqueness is the batch's lookup, the constraints are the database's: checking
        # them here would cost a query each.
        email.full_clean(
            exclude=["contact", "customer", "handled_by"],
            validate_unique=False,
            validate_constraints=False,
        )
        return email

    def _counterpart(self, mail: ParsedMail) -> str:
        """The customer's address: the sender of received mail, the recipient of sent mail."""
        if mail.from_address not in self.support:
            return mail.from_address
        for address in [*mail.to_addresses, *mail.cc_addresses]:
            if address not in self.support:
                return address
        return ""

    @staticmethod
    def _sent_at(mail: ParsedMail, raw: RawMessage) -> datetime.datetime:
        now = timezone.now()
        for moment in (mail.sent_at, raw.received_at):
            if moment and moment.date() >= EARLIEST_RECORD_DATE and moment <= now + _FUTURE_SLACK:
                return moment
        return now

    @staticmethod
    def _known_message_ids(message_ids: list[str]) -> set[str]:
        # Staff may have typed a Message-ID without its angle brackets.
        lookup = set(message_ids) | {mid.strip("<>") for mid in message_ids}
        known = set()
        for stored in SupportEmail.objects.filter(message_id__in=lookup).values_list(
            "message_id", flat=True
        ):
            known.add(stored if stored.startswith("<") else f"<{stored}>")
        return known

    @staticmethod
    def _thread_ids(parsed) -> dict[str, str]:
        """The conversation of each message: that of the message it answers, if known."""
        wanted = set()
        for _raw, mail in parsed:
            wanted.update(mail.references)
            if mail.in_reply_to:
                wanted.add(mail.in_reply_to)
        stored = dict(
            SupportEmail.objects.filter(message_id__in=wanted)
            .exclude(thread_id="")
            .values_list("message_id", "thread_id")
        )
        threads: dict[str, str] = {}
        for _raw, mail in parsed:
            parents = [mail.in_reply_to, *reversed(mail.references)]
            known = [threads.get(p) or stored.get(p) for p in parents if p]
            thread = next((t for t in known if t), None)
            if thread is None:
                # The first message of the conversation: the oldest reference, or the
                # message answered, or this message itself.
                thread = (mail.references or [mail.in_reply_to or mail.message_id])[0]
            threads[mail.message_id] = thread
        return threads

    @staticmethod
    def _contacts_by_address(addresses) -> dict[str, Contact]:
        addresses = {address.lower() for address in addresses}
        if not addresses:
            return {}
        found: dict[str, Contact] = {}
        contacts = (
            Contact.objects.annotate(email_lower=Lower("email"))
            .filter(email_lower__in=addresses)
            .prefetch_related("primary_for_customers", "customer_roles__customer")
            .order_by("pk")
        )
        for contact in contacts:
            found.setdefault(contact.email_lower, contact)
        return found


def _customer_of(contact: Contact):
    """The customer a contact's mail belongs to: the one they are primary contact of, first."""
    primary = sorted(contact.primary_for_customers.all(), key=lambda customer: customer.pk)
    if primary:
        return primary[0]
    roles = sorted(contact.customer_roles.all(), key=lambda role: role.pk)
    return roles[0].customer if roles else None


def support_emails_link_by_address(*, emails: Iterable[SupportEmail]) -> int:
    """Link unlinked messages to the contact with their customer's address. Returns how many.

    For staff who created the contact of an unknown sender after the mail arrived.
    """
    support = support_addresses()
    by_address: dict[str, list[SupportEmail]] = {}
    for email in emails:
        if email.contact_id is not None:
            continue
        if email.from_address.lower() not in support:
            address = email.from_address.lower()
        else:
            recipients = [a.strip().lower() for a in email.to_addresses.split(",")]
            address = next((a for a in recipients if a and a not in support), "")
        if address:
            by_address.setdefault(address, []).append(email)
    contacts = _Importer._contacts_by_address(by_address)
    linked = 0
    with transaction.atomic():
        for address, contact in contacts.items():
            customer = _customer_of(contact)
            linked += SupportEmail.objects.filter(
                pk__in=[email.pk for email in by_address[address]], contact__isnull=True
            ).update(contact=contact, customer=customer)
    return linked


def mail_upload_check(file) -> SourceKind:
    """Whether an uploaded file can be imported: its size, and .eml or mbox by its content."""
    if file.size > settings.MAIL_IMPORT_MAX_BYTES:
        raise ValidationError(
            _("The file is larger than %(max)d MB.")
            % {"max": settings.MAIL_IMPORT_MAX_BYTES // (1024 * 1024)},
            code="too_large",
        )
    file.seek(0)
    start = file.read(SNIFF_BYTES)
    file.seek(0)
    name = Path(file.name or "upload").name
    try:
        return detect_start(start, name=name)
    except BadMailFile as exc:
        raise ValidationError(
            _("%(name)s cannot be imported: %(reason)s") % {"name": name, "reason": exc.reason},
            code="not_mail",
        ) from None


def mail_import_upload(*, file, uploaded_by) -> MailImport:
    """Keep an uploaded .eml or mbox file and queue its import for the task runner.

    Raises ValidationError when the file is too large or holds no mail; nothing is kept then.
    """
    mail_upload_check(file)
    name = Path(file.name or "upload").name[:255]
    upload = MailImport(original_name=name, uploaded_by=uploaded_by)
    upload.full_clean(exclude=["file"])
    # The stored name says nothing of the file: the original name may carry a person's name.
    upload.file.save(f"{uuid.uuid4().hex}.mail", file, save=False)
    try:
        with transaction.atomic():
            upload.save()
            transaction.on_commit(lambda: _enqueue_import(upload))
    except Exception:
        upload.file.delete(save=False)
        raise
    return upload


def _enqueue_import(upload: MailImport) -> None:
    from .tasks import mail_import_task

    result = mail_import_task.enqueue(mail_import_id=upload.pk)
    # The immediate backend has run the job already and recorded its outcome.
    MailImport.objects.filter(pk=upload.pk).update(task_id=str(result.id))


def mail_import_retry(*, upload: MailImport) -> MailImport:
    """Queue a failed import again; its file is kept until an import of it succeeds."""
    with transaction.atomic():
        upload = MailImport.objects.select_for_update().get(pk=upload.pk)
        if upload.status != MailImportStatus.FAILED or not upload.file:
            raise ValidationError(
                _("Only a failed import whose file is still kept can be run again."),
                code="not_retryable",
            )
        upload.status = MailImportStatus.QUEUED
        upload.reason = ""
        upload.save(update_fields=["status", "reason"])
        transaction.on_commit(lambda: _enqueue_import(upload))
    return upload


def mail_import_run(*, mail_import_id: int) -> MailImport:
    """Import an uploaded file (the task runner's job). Safe to run again after a crash."""
    upload = MailImport.objects.get(pk=mail_import_id)
    if upload.status == MailImportStatus.DONE:
        return upload
    MailImport.objects.filter(pk=upload.pk).update(status=MailImportStatus.RUNNING)
    try:
        path = Path(upload.file.path)
        kind = detect(path)
        summary = mail_import(read(path, kind), source=EmailSource.FILE)
    except BadMailFile as exc:
        # The file will never import; it is not kept.
        _finish(upload, MailImportStatus.FAILED, reason=str(exc.reason))
        upload.file.delete(save=True)
        return upload
    except Exception as exc:
        # Kept for a retry; the job shows the failure too.
        _finish(upload, MailImportStatus.FAILED, reason=f"{type(exc).__name__}: {exc}")
        raise
    _finish(upload, MailImportStatus.DONE, summary=summary)
    upload.file.delete(save=True)
    return upload


def _finish(upload: MailImport, status: str, *, reason: str = "", summary=None) -> None:
    upload.status = status
    upload.reason = reason[:2000]
    if summary is not None:
        upload.imported = summary.imported
        upload.duplicates = summary.duplicates
        upload.unknown_senders = summary.unknown_senders
        upload.failed = summary.failed
        upload.report = summary.report()
    upload.save()
