"""The privacy app's models, defined in the room of their concern and collected here for Django."""

from .audit.models import AuditAction, AuditEntry
from .description.models import (
    LANGUAGE_CODES,
    SECTION_KEYS,
    SECTIONS,
    DescriptionStatus,
    RegisterDescription,
)
from .lifecycle.models import Restriction, RestrictionReason
from .requests.models import (
    AccessRequest,
    AccessRequestExtension,
    AccessRequestMatch,
    AccessRequestPackage,
    AccessRequestScan,
    AnswerChannel,
    AnswerLanguage,
    IdentityMethod,
)
from .requests.workflow import CLOSED_ACCESS_REQUEST_STATUSES, AccessRequestStatus
from .visits.models import VisitCounterSettings, VisitDay

__all__ = [
    "CLOSED_ACCESS_REQUEST_STATUSES",
    "LANGUAGE_CODES",
    "SECTIONS",
    "SECTION_KEYS",
    "AccessRequest",
    "AccessRequestExtension",
    "AccessRequestMatch",
    "AccessRequestPackage",
    "AccessRequestScan",
    "AccessRequestStatus",
    "AnswerChannel",
    "AnswerLanguage",
    "AuditAction",
    "AuditEntry",
    "DescriptionStatus",
    "IdentityMethod",
    "RegisterDescription",
    "Restriction",
    "RestrictionReason",
    "VisitCounterSettings",
    "VisitDay",
]
