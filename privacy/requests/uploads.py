"""Files of access requests: scanned letters and answer packages.

They hold personal data, so they are stored under MEDIA_ROOT, which no URL serves, with
random names that say nothing about the person; privacy officers download them through
admin views that write an audit entry. A scan's type is decided by its content, never by
its name: the first bytes must be those of a PDF, JPEG or PNG file, and the file must then
open with the matching parser. Scans are handed out unchanged, so a PDF with active content
(JavaScript, actions run on opening or on events, launching of programs) is refused.
"""

import io
import secrets
import warnings
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

MAX_SCAN_BYTES = 10 * 1024 * 1024

SCAN_FOLDER = "access-requests/scans"
PACKAGE_FOLDER = "access-requests/packages"


@dataclass(frozen=True)
class FileKind:
    name: str
    extension: str
    content_type: str
    magic: bytes


PDF = FileKind("PDF", ".pdf", "application/pdf", b"%PDF-")
JPEG = FileKind("JPEG", ".jpg", "image/jpeg", b"\xff\xd8\xff")
PNG = FileKind("PNG", ".png", "image/png", b"\x89PNG\r\n\x1a\n")
SCAN_KINDS = (PDF, JPEG, PNG)
ZIP = FileKind("ZIP", ".zip", "application/zip", b"PK\x03\x04")

_KIND_BY_EXTENSION = {kind.extension: kind for kind in (*SCAN_KINDS, ZIP)}


class AccessRequestStorage(FileSystemStorage):
    """A FileSystemStorage under MEDIA_ROOT that never hands out a URL.

    Files and the folders made for them get FILE_UPLOAD_PERMISSIONS (0600) and
    FILE_UPLOAD_DIRECTORY_PERMISSIONS (0700): uploads and files the service writes itself
    (answer packages) alike, whatever the umask.
    """

    def __init__(self) -> None:
        super().__init__(base_url=None)

    def url(self, name):
        raise ValueError("Files of access requests have no public address.")


_storage = AccessRequestStorage()


def access_request_storage() -> AccessRequestStorage:
    """The storage of scans and packages (a callable, so migrations do not freeze a path)."""
    return _storage


def kind_of_name(name: str) -> FileKind | None:
    """The kind of a stored file, from the extension this module gave it."""
    return _KIND_BY_EXTENSION.get(PurePosixPath(name).suffix.lower())


def _sniff(head: bytes) -> FileKind | None:
    for kind in SCAN_KINDS:
        if head.startswith(kind.magic):
            return kind
    return None


def _read_all(file) -> bytes:
    file.seek(0)
    data = file.read()
    file.seek(0)
    return data


def _head(file) -> bytes:
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    return head


def _parses_as_image(data: bytes, kind: FileKind) -> bool:
    from PIL import Image

    with warnings.catch_warnings():
        # A "decompression bomb" (a small file that unpacks into a huge image) is refused.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as image:
                if image.format != kind.name:
                    return False
                image.verify()
        except Exception:  # noqa: S110 - any failure of the parser means "not an image"
            return False
    return True


def _read_pdf(data: bytes):
    """A pypdf reader of the document, or None when it is not a readable PDF."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted or len(reader.pages) == 0:
            return None
    except Exception:  # noqa: S110 - any failure of the parser means "not a PDF"
        return None
    return reader


# What asks a PDF viewer to run something: JavaScript (the document's /JavaScript names, an
# action's /JS), actions on events of the document, a page, a field or an annotation (/AA),
# and actions of the kinds that run script or launch a program, wherever they are.
_ACTIVE_KEYS = frozenset({"/JavaScript", "/JS", "/AA", "/Launch"})
_ACTIVE_ACTIONS = frozenset({"/JavaScript", "/Launch"})
# A letter of a few pages has some dozens of objects; far more is not a scan of one.
MAX_PDF_OBJECTS = 50_000


def _has_active_content(reader) -> bool:
    """Whether anything reachable from the document's trailer is active content.

    The parsed objects are walked, not the bytes: names may be spelt in hex (/J#61vaScript)
    and objects may sit compressed in object streams, where no byte pattern shows.
    `/OpenAction` is refused when it is an action; a plain destination (which page to show
    first, as scanners write) is not active.
    """
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    seen: set[tuple[int, int]] = set()
    stack = [reader.trailer]
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            if (node.idnum, node.generation) in seen:
                continue
            seen.add((node.idnum, node.generation))
            if len(seen) > MAX_PDF_OBJECTS:
                return True
            node = node.get_object()
        if isinstance(node, DictionaryObject):
            for key, value in dict.items(node):
                if key in _ACTIVE_KEYS:
                    return True
                if key == "/OpenAction" and not isinstance(value.get_object(), ArrayObject):
                    return True
                if key == "/S" and value.get_object() in _ACTIVE_ACTIONS:
                    return True
                stack.append(value)
        elif isinstance(node, ArrayObject):
            stack.extend(list.__iter__(node))
    return False


def scan_kind(file) -> FileKind:
    """The kind of an uploaded scan, or ValidationError when it is not an acceptable one."""
    size = getattr(file, "size", None)
    if size is not None and size > MAX_SCAN_BYTES:
        raise ValidationError(
            _("The scan may be at most %(max)d MB."),
            code="scan_too_large",
            params={"max": MAX_SCAN_BYTES // (1024 * 1024)},
        )
    data = _read_all(file)
    if len(data) > MAX_SCAN_BYTES:
        raise ValidationError(
            _("The scan may be at most %(max)d MB."),
            code="scan_too_large",
            params={"max": MAX_SCAN_BYTES // (1024 * 1024)},
        )
    kind = _sniff(data[:16])
    if kind is None:
        raise ValidationError(
            _("The scan must be a PDF, JPEG or PNG file."), code="scan_wrong_type"
        )
    reader = _read_pdf(data) if kind is PDF else None
    parses = reader is not None if kind is PDF else _parses_as_image(data, kind)
    if not parses:
        raise ValidationError(
            _("The file looks like a %(kind)s file but cannot be opened as one."),
            code="scan_damaged",
            params={"kind": kind.name},
        )
    if reader is not None and _pdf_is_active(reader):
        raise ValidationError(
            _(
                "The scan contains JavaScript or actions that run or launch programs when it "
                "is opened. Scan the letter again, or save it as a plain PDF, JPEG or PNG."
            ),
            code="scan_active_content",
        )
    return kind


def _pdf_is_active(reader) -> bool:
    try:
        return _has_active_content(reader)
    except Exception:  # noqa: BLE001 - a document that cannot be walked is not accepted
        return True


def validate_scan(value) -> None:
    """Model-field validator: checks a newly uploaded scan; stored ones were checked before."""
    if not value or getattr(value, "_committed", False):
        return
    scan_kind(value.file)


def random_name(folder: str, extension: str) -> str:
    return f"{folder}/{secrets.token_hex(16)}{extension}"


@deconstructible
class ScanName:
    """`upload_to` of scans: a random name with the extension of the detected type."""

    def __call__(self, instance, filename: str) -> str:
        kind = _sniff(_head(instance.scan.file)) if instance.scan else None
        return random_name(SCAN_FOLDER, kind.extension if kind else ".bin")

    def __eq__(self, other) -> bool:
        return isinstance(other, ScanName)


@deconstructible
class PackageName:
    """`upload_to` of package files: a random name keeping the extension given."""

    def __call__(self, instance, filename: str) -> str:
        return random_name(PACKAGE_FOLDER, PurePosixPath(filename).suffix.lower())

    def __eq__(self, other) -> bool:
        return isinstance(other, PackageName)
