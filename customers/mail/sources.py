"""Where messages come from: .eml files, mbox files and Maildir folders, read one at a time.

The standard library's `mailbox` reads mbox and Maildir; each message is handed on as
bytes with its position, so that memory does not grow with the size of the mailbox and a
broken message can be reported where it sits.
"""

from __future__ import annotations

import datetime
import mailbox
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from .parsing import looks_like_header_line

# Enough of the start of a file to tell mail from something else.
SNIFF_BYTES = 64 * 1024
# Bytes that no text mail holds in numbers: control characters other than tab, line ends,
# form feed and escape (ISO-2022-JP uses it).
_BINARY_BYTES = bytes(set(range(32)) - {9, 10, 12, 13, 27})
_MAILDIR_TIME = re.compile(r"^(\d{9,11})\.")


class BadMailFile(ValueError):
    """A path that holds no mail this importer can read; `reason` says why."""

    def __init__(self, name: str, reason) -> None:
        self.name = name
        self.reason = reason
        super().__init__(name, reason)

    def __str__(self) -> str:
        return f"{self.name}: {self.reason}"


class SourceKind(Enum):
    EML = "eml"
    MBOX = "mbox"
    MAILDIR = "maildir"


@dataclass(frozen=True)
class RawMessage:
    """One message as the source stored it, where it sits, and when it arrived if known."""

    position: str
    data: bytes
    received_at: datetime.datetime | None = None
    # The message's UID in its IMAP folder.
    uid: int | None = None


def detect(path: Path) -> SourceKind:
    """What kind of mail source a path is. Raises BadMailFile with the reason if none."""
    if path.is_dir():
        if all((path / sub).is_dir() for sub in ("cur", "new")):
            return SourceKind.MAILDIR
        raise BadMailFile(str(path), _("a folder, but not a Maildir (it has no cur/ and new/)."))
    if not path.exists():
        raise BadMailFile(str(path), _("no such file or folder."))
    if not path.is_file():
        raise BadMailFile(str(path), _("not a regular file."))
    try:
        with path.open("rb") as file:
            start = file.read(SNIFF_BYTES)
    except OSError as exc:
        raise BadMailFile(
            str(path), _("cannot be read (%(error)s).") % {"error": exc.strerror}
        ) from None
    return detect_start(start, name=str(path))


def detect_start(start: bytes, *, name: str) -> SourceKind:
    """Whether the first bytes of a file are an .eml message or an mbox file."""
    if not start.strip():
        raise BadMailFile(name, _("the file is empty."))
    control = sum(start.count(bytes([byte])) for byte in _BINARY_BYTES)
    if control > len(start) // 100 + 8:
        raise BadMailFile(name, _("a binary file, not email (neither .eml nor mbox)."))
    first_line = start.lstrip(b"\r\n").split(b"\n", 1)[0]
    if first_line.startswith(b"From "):
        return SourceKind.MBOX
    if looks_like_header_line(first_line):
        return SourceKind.EML
    raise BadMailFile(
        name,
        _(
            "not email: the first line is neither a header (Name: value) "
            "nor the From line of an mbox file."
        ),
    )


def read(path: Path, kind: SourceKind | None = None) -> Iterator[RawMessage]:
    """The messages of a path, one by one, in the order the source holds them."""
    kind = kind or detect(path)
    if kind is SourceKind.EML:
        yield RawMessage(position=path.name, data=path.read_bytes())
    elif kind is SourceKind.MBOX:
        yield from _read_mbox(path)
    else:
        yield from _read_maildir(path)


def _read_mbox(path: Path) -> Iterator[RawMessage]:
    box = mailbox.mbox(path, factory=None, create=False)
    try:
        for number, key in enumerate(box.iterkeys(), start=1):
            yield RawMessage(position=f"{path.name}, message {number}", data=box.get_bytes(key))
    finally:
        box.close()


def _read_maildir(path: Path) -> Iterator[RawMessage]:
    box = mailbox.Maildir(path, factory=None, create=False)
    try:
        # Maildir names begin with the delivery time, so sorting them gives arrival order.
        for key in sorted(box.iterkeys()):
            match = _MAILDIR_TIME.match(key)
            received_at = (
                datetime.datetime.fromtimestamp(int(match.group(1)), tz=datetime.UTC)
                if match
                else None
            )
            try:
                data = box.get_bytes(key)
            except (KeyError, OSError):
                # Moved or deleted by the mail server while the folder was read.
                continue
            yield RawMessage(position=f"{path.name}/{key}", data=data, received_at=received_at)
    finally:
        box.close()
