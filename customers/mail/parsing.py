"""One email message, as bytes, read into the fields of the support-email log.

The MIME structure is the standard library's (`email` with `policy.default`). Headers are
decoded here from their raw form: real mail carries undeclared 8-bit text, encoded words in
unknown charsets and dates no parser accepts, and one bad header must not lose the message.
"""

from __future__ import annotations

import datetime
import email
import email.header
import email.utils
import hashlib
import re
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage, Message
from html.parser import HTMLParser

from django.utils import timezone

# Field sizes of SupportEmail; longer values are cut, never refused.
SUBJECT_MAX = 300
NAME_MAX = 200
MESSAGE_ID_MAX = 255
FILENAME_MAX = 255
# A message body beyond this is cut: the log records what was said, not megabytes of
# quoted history or an inlined document.
BODY_MAX_CHARS = 200_000

_MESSAGE_ID = re.compile(r"<([^<>\s]+)>")
_HEADER_LINE = re.compile(rb"^[!-9;-~]+:")


def _header_value(name: str, value: str):
    """Headers stay raw text: this module decodes them (see _RawHeaders).

    `policy.default` would parse every header into an object on each access, which takes
    most of the time of reading a message; only Content-Disposition is needed as an object,
    by `EmailMessage.get_body()`.
    """
    if name.lower() == "content-disposition":
        return policy.default.header_factory(name, value)
    return value


_POLICY = policy.default.clone(header_factory=_header_value)


class BrokenMessage(ValueError):
    """A message that cannot be recorded; the reason is in the text."""


@dataclass(frozen=True)
class ParsedAttachment:
    filename: str
    content_type: str
    size: int
    sha256: str


@dataclass
class ParsedMail:
    message_id: str
    in_reply_to: str
    references: list[str]
    from_address: str
    from_name: str
    to_addresses: list[str]
    cc_addresses: list[str]
    subject: str
    sent_at: datetime.datetime | None
    body_text: str
    attachments: list[ParsedAttachment] = field(default_factory=list)
    # True when the message had no usable Message-ID and is known by a hash of its content.
    message_id_from_content: bool = False


def looks_like_header_line(line: bytes) -> bool:
    """Whether a line can begin an email message ("Name: value")."""
    return bool(_HEADER_LINE.match(line))


def parse_message(raw: bytes) -> ParsedMail:
    """The fields of one message. Raises BrokenMessage when it is not a usable message."""
    if not raw.strip():
        raise BrokenMessage("empty message")
    # NUL bytes end up in no field (PostgreSQL text cannot hold them).
    raw = raw.replace(b"\x00", b"")
    msg = email.message_from_bytes(raw, policy=_POLICY)
    headers = _RawHeaders(msg)
    if not headers.names & {"from", "sender", "to", "subject", "date", "message-id"}:
        raise BrokenMessage("no mail headers (From, To, Subject, Date or Message-ID)")

    sender = headers.addresses("from") or headers.addresses("sender")
    if not sender:
        raise BrokenMessage("no sender address in From")
    from_name, from_address = sender[0]

    subject = _clean(headers.text("subject"))[:SUBJECT_MAX]
    body_part, body_text = _body(msg)
    parsed = ParsedMail(
        message_id=(_message_ids(headers.text("message-id")) or [""])[0],
        in_reply_to=(_message_ids(headers.text("in-reply-to")) or [""])[0],
        references=_message_ids(headers.text("references")),
        from_address=from_address,
        from_name=_clean(from_name)[:NAME_MAX],
        to_addresses=[address for _, address in headers.addresses("to")],
        cc_addresses=[address for _, address in headers.addresses("cc")],
        subject=subject,
        sent_at=_date(headers.text("date")) or _received_date(headers),
        body_text=_clean(body_text).strip("\n").rstrip()[:BODY_MAX_CHARS],
        attachments=list(_attachments(msg, body_part)),
    )
    if len(parsed.message_id) > MESSAGE_ID_MAX:
        parsed.message_id = ""
    if not parsed.message_id:
        parsed.message_id = f"<{content_hash(parsed)}@content-hash.invalid>"
        parsed.message_id_from_content = True
    parsed.in_reply_to = parsed.in_reply_to[:MESSAGE_ID_MAX]
    parsed.references = [ref for ref in parsed.references if len(ref) <= MESSAGE_ID_MAX]
    return parsed


def content_hash(parsed: ParsedMail) -> str:
    """SHA-256 of what the message says, the same whichever source delivered it."""
    parts = [
        parsed.from_address,
        ",".join(parsed.to_addresses),
        ",".join(parsed.cc_addresses),
        parsed.subject,
        parsed.sent_at.isoformat() if parsed.sent_at else "",
        parsed.body_text,
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


# Headers.


class _RawHeaders:
    """The headers of a message, decoded by this module rather than by the header classes."""

    def __init__(self, msg: Message) -> None:
        self._values: dict[str, list[str]] = {}
        for name, value in msg.raw_items():
            self._values.setdefault(name.lower(), []).append(str(value))

    @property
    def names(self) -> set[str]:
        return set(self._values)

    def raw(self, name: str) -> str:
        values = self._values.get(name)
        return _unfold(values[0]) if values else ""

    def all_raw(self, name: str) -> list[str]:
        return [_unfold(value) for value in self._values.get(name, [])]

    def text(self, name: str) -> str:
        return decode_header_text(self.raw(name))

    def addresses(self, name: str) -> list[tuple[str, str]]:
        """(display name, address) pairs; the address in lower case, display names decoded."""
        found = []
        raw_values = [_eight_bit_text(value) for value in self._values.get(name, [])]
        for display_name, address in email.utils.getaddresses([_unfold(v) for v in raw_values]):
            address = _clean(address).strip().strip("<>").lower()
            if "@" not in address or len(address) > 254 or any(c.isspace() for c in address):
                continue
            found.append((decode_header_text(display_name), address))
        return found


def _unfold(value: str) -> str:
    return re.sub(r"\r?\n[ \t]+", " ", value).replace("\r", "").replace("\n", " ")


def _eight_bit_text(value: str) -> str:
    """A header read from bytes keeps undeclared 8-bit bytes as surrogate escapes; decode them."""
    if not any("\udc80" <= char <= "\udcff" for char in value):
        return value
    return decode_bytes(value.encode("ascii", "surrogateescape"), None)


def decode_header_text(value: str) -> str:
    """A header's text: encoded words (RFC 2047) and undeclared 8-bit text decoded."""
    value = _eight_bit_text(_unfold(value))
    try:
        chunks = email.header.decode_header(value)
    except (ValueError, LookupError):
        return _clean(value)
    text = []
    for chunk, charset in chunks:
        if isinstance(chunk, str):
            text.append(chunk)
        else:
            text.append(decode_bytes(chunk, charset))
    # decode_header drops the space between an encoded word and plain text after it only
    # when it was linear whitespace; what is left is joined as the RFC says.
    return _clean("".join(text) if len(chunks) > 1 else text[0] if text else "")


def _message_ids(value: str) -> list[str]:
    """Message-IDs in a header, in order, each as <id>."""
    found = [f"<{match}>" for match in _MESSAGE_ID.findall(value)]
    if not found:
        # Some clients write the id without its angle brackets.
        bare = value.strip()
        if bare and " " not in bare and "@" in bare:
            found = [f"<{bare}>"]
    return list(dict.fromkeys(found))


def _date(value: str) -> datetime.datetime | None:
    if not value.strip():
        return None
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment is None:
        return None
    if timezone.is_naive(moment):
        # RFC 5322 "-0000": the time is UTC, its zone unknown.
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment


def _received_date(headers: _RawHeaders) -> datetime.datetime | None:
    """The time the last server received the message, when the Date header is unusable."""
    for received in headers.all_raw("received"):
        if ";" in received:
            moment = _date(received.rsplit(";", 1)[1])
            if moment is not None:
                return moment
    return None


# Text.

# Mail labelled ISO-8859-1 is in practice often Windows-1252 (curly quotes, the euro sign);
# WHATWG's encoding standard reads it so too.
_CHARSET_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252"}


def decode_bytes(data: bytes, charset: str | None) -> str:
    """Text from bytes in the declared charset, or a good guess when none is declared.

    Undeclared text is tried as UTF-8 and otherwise read as Windows-1252, which covers
    Finnish mail from older clients (ä, ö and å are the same bytes in ISO-8859-1).
    """
    if charset:
        name = charset.strip().strip('"').lower()
        if name in ("us-ascii", "ascii") and not data.isascii():
            charset = None
        else:
            try:
                return data.decode(_CHARSET_ALIASES.get(name, name))
            except (LookupError, UnicodeDecodeError):
                pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _clean(text: str) -> str:
    """No NUL characters, no lone surrogates, Unix line ends."""
    text = text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    return text.encode("utf-8", "replace").decode("utf-8")


def _part_text(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if payload is None:
        return ""
    return decode_bytes(payload, part.get_param("charset"))


def _body(msg: EmailMessage) -> tuple[Message | None, str]:
    """The part that holds the text of the message, and its text (HTML made plain)."""
    try:
        part = msg.get_body(preferencelist=("plain", "html"))
    except (KeyError, IndexError, AttributeError, ValueError):
        part = None
    if part is None:
        if msg.is_multipart() or msg.get_content_maintype() != "text":
            return None, ""
        part = msg
    text = _part_text(part)
    if part.get_content_subtype() == "html":
        text = html_to_text(text)
    return part, text


# HTML.

_BLOCKS = {
    "p", "div", "br", "tr", "li", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "pre", "hr", "section", "article", "header", "footer",
}  # fmt: skip
# Their content is never text of the message.
_SKIPPED = {"script", "style", "head", "title", "template", "noscript", "svg", "iframe", "object"}


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.chunks.append("\n")
        if tag == "li":
            self.chunks.append("- ")

    def handle_startendtag(self, tag, attrs) -> None:
        # <img> (tracking pixels included) leaves nothing; <br/> a line break.
        if tag in _BLOCKS:
            self.chunks.append("\n")

    def handle_endtag(self, tag) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS and tag not in ("li", "tr"):
            self.chunks.append("\n")

    def handle_data(self, data) -> None:
        if not self.skipping:
            self.chunks.append(data)


def html_to_text(html: str) -> str:
    """Readable text of an HTML body: no scripts, styles, images or markup."""
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    lines = []
    for line in "".join(extractor.chunks).split("\n"):
        line = " ".join(line.split())
        if line or (lines and lines[-1]):
            lines.append(line)
    return "\n".join(lines).strip()


# Attachments.


def _attachments(msg: Message, body_part: Message | None):
    """Metadata of the attached files; their content is hashed and dropped."""
    pending = [msg]
    while pending:
        part = pending.pop(0)
        if part is body_part:
            continue
        content_type = part.get_content_type()
        if part.is_multipart():
            pending.extend(part.get_payload())
            continue
        filename = _filename(part)
        disposition = part.get_content_disposition()
        if content_type == "message/rfc822":
            inner = part.get_payload()
            data = inner[0].as_bytes() if isinstance(inner, list) and inner else b""
        elif (
            disposition == "attachment"
            or filename
            or part.get_content_maintype() not in ("text", "multipart")
        ):
            data = part.get_payload(decode=True) or b""
        else:
            # The other alternative of the body (HTML beside plain text), not a file.
            continue
        yield ParsedAttachment(
            filename=filename,
            content_type=content_type[:255],
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
        )


def _filename(part: Message) -> str:
    try:
        name = part.get_filename() or ""
    except (ValueError, LookupError, TypeError):
        name = part.get_param("name", header="content-type") or ""
    if not isinstance(name, str):
        name = email.utils.collapse_rfc2231_value(name)
    return decode_header_text(name)[:FILENAME_MAX]
