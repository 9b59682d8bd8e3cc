"""The customer-service mailbox, read over IMAP with imap-tools.

Each folder is fetched from where the last fetch stopped: the folder's UIDVALIDITY and the
highest UID saved (RFC 3501, 2.3.1.1). The position is saved in the same transaction as the
messages up to it, so a fetch that dies midway goes on from the last saved batch, and a
server restart changes nothing. A new UIDVALIDITY means the server numbered the folder
afresh: it is read from the start, and messages already in the log are skipped.
"""

from __future__ import annotations

import contextlib
import ssl
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from imap_tools import BaseMailBox, MailBox, MailBoxStartTls, MailBoxUnencrypted, MailMessage
from imap_tools.errors import MailboxLoginError, UnexpectedCommandStatusError

from customers.models import EmailSource, MailboxFolderState

from .services import BATCH_SIZE, ImportSummary, mail_import
from .sources import RawMessage

SECURITY_CHOICES = ("ssl", "starttls", "none")


class MailboxUnavailable(Exception):
    """The mailbox cannot be reached or refuses the login; the text says why."""


@dataclass(frozen=True)
class MailboxConfig:
    host: str
    port: int
    security: str
    user: str
    password: str
    folders: tuple[str, ...]
    ca_file: str = ""
    timeout: int = 60

    @classmethod
    def from_settings(cls) -> MailboxConfig:
        return cls(
            host=settings.MAILBOX_IMAP_HOST,
            port=settings.MAILBOX_IMAP_PORT,
            security=settings.MAILBOX_IMAP_SECURITY.lower(),
            user=settings.MAILBOX_IMAP_USER,
            password=settings.MAILBOX_IMAP_PASSWORD,
            folders=tuple(settings.MAILBOX_IMAP_FOLDERS),
            ca_file=settings.MAILBOX_IMAP_CA_FILE,
            timeout=settings.MAILBOX_IMAP_TIMEOUT,
        )

    @property
    def configured(self) -> bool:
        return bool(self.host and self.user)


class _RawMailMessage(MailMessage):
    """imap-tools' message, keeping the bytes as the server sent them."""

    def __init__(self, fetch_data: list) -> None:
        self.raw, self._raw_uid_data, self._raw_flag_data = self._get_message_data_parts(fetch_data)


def _connect(config: MailboxConfig) -> BaseMailBox:
    if config.security not in SECURITY_CHOICES:
        raise MailboxUnavailable(
            f"MAILBOX_IMAP_SECURITY must be one of {', '.join(SECURITY_CHOICES)}, "
            f"not {config.security!r}."
        )
    context = ssl.create_default_context(cafile=config.ca_file or None)
    try:
        if config.security == "ssl":
            box = MailBox(config.host, config.port, timeout=config.timeout, ssl_context=context)
        elif config.security == "starttls":
            box = MailBoxStartTls(
                config.host, config.port, timeout=config.timeout, ssl_context=context
            )
        else:
            box = MailBoxUnencrypted(config.host, config.port, timeout=config.timeout)
        box.email_message_class = _RawMailMessage
        box.login(config.user, config.password, initial_folder=None)
    except MailboxLoginError:
        raise MailboxUnavailable(
            f"The mailbox {config.host}:{config.port} refused the login of {config.user}."
        ) from None
    except (OSError, ssl.SSLError) as exc:
        raise MailboxUnavailable(
            f"The mailbox {config.host}:{config.port} cannot be reached: {exc}"
        ) from None
    return box


def mailbox_fetch(config: MailboxConfig | None = None) -> ImportSummary:
    """Import the new messages of every configured folder."""
    config = config or MailboxConfig.from_settings()
    if not config.configured:
        raise MailboxUnavailable("No mailbox is configured (MAILBOX_IMAP_HOST, MAILBOX_IMAP_USER).")
    summary = ImportSummary()
    box = _connect(config)
    try:
        for folder in config.folders:
            summary.merge(_fetch_folder(box, config, folder))
    except UnexpectedCommandStatusError as exc:
        raise MailboxUnavailable(f"The mailbox refused a command: {exc}") from None
    except OSError as exc:
        raise MailboxUnavailable(f"The connection to the mailbox broke: {exc}") from None
    finally:
        # The server may have gone already.
        with contextlib.suppress(Exception):
            box.logout()
    return summary


def _fetch_folder(box: BaseMailBox, config: MailboxConfig, folder: str) -> ImportSummary:
    box.folder.set(folder, readonly=True)
    uid_validity = box.folder.status(folder, ["UIDVALIDITY"])["UIDVALIDITY"]
    state, _ = MailboxFolderState.objects.get_or_create(
        host=config.host,
        username=config.user,
        folder=folder,
        defaults={"uid_validity": uid_validity},
    )
    last_uid = state.last_uid if state.uid_validity == uid_validity else 0
    # "N:*" always matches the highest UID, even one below N.
    uids = sorted(int(uid) for uid in box.uids(f"UID {last_uid + 1}:*") if int(uid) > last_uid)

    def save_position(batch: list[RawMessage]) -> None:
        locked = MailboxFolderState.objects.select_for_update().get(pk=state.pk)
        highest = max(message.uid for message in batch)
        if locked.uid_validity != uid_validity:
            locked.uid_validity, locked.last_uid = uid_validity, highest
        else:
            locked.last_uid = max(locked.last_uid, highest)
        locked.save()

    if not uids:
        with transaction.atomic():
            locked = MailboxFolderState.objects.select_for_update().get(pk=state.pk)
            if locked.uid_validity != uid_validity:
                locked.uid_validity, locked.last_uid = uid_validity, 0
            locked.save()
        return ImportSummary()
    return mail_import(
        _messages(box, folder, uids),
        source=EmailSource.IMAP,
        on_batch=save_position,
        batch_size=BATCH_SIZE,
    )


def _messages(box: BaseMailBox, folder: str, uids: list[int]) -> Iterator[RawMessage]:
    for start in range(0, len(uids), BATCH_SIZE):
        chunk = [str(uid) for uid in uids[start : start + BATCH_SIZE]]
        for message in box.fetch(uid_list=chunk, mark_seen=False, bulk=len(chunk) + 1):
            uid = int(message.uid)
            yield RawMessage(position=f"{folder}, UID {uid}", data=message.raw, uid=uid)
