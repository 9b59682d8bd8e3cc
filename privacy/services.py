"""Writes of the privacy app: register description versions and the visit counter."""

import re
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import (
    LANGUAGE_CODES,
    SECTION_KEYS,
    AuditEntry,
    DescriptionStatus,
    RegisterDescription,
    VisitDay,
)
from .selectors import data_categories_snapshot

# Fields copied when a new draft is started from an existing version.
_COPIED_FIELDS = [
    field.name
    for field in RegisterDescription._meta.concrete_fields
    if field.editable and field.name not in {"id", "effective_date"}
]


@transaction.atomic
def description_create_draft(
    *, created_by, based_on: RegisterDescription | None = None, effective_date=None
) -> RegisterDescription:
    """A new draft, starting from the text of `based_on` (usually the current version)."""
    draft = RegisterDescription(
        created_by=created_by, effective_date=effective_date or timezone.localdate()
    )
    if based_on is not None:
        for name in _COPIED_FIELDS:
            setattr(draft, name, getattr(based_on, name))
    draft.full_clean()
    draft.save()
    return draft


def _missing_sections(description: RegisterDescription) -> list[str]:
    return [
        f"{key}_{language}"
        for key in SECTION_KEYS
        for language in LANGUAGE_CODES
        if key != "contents" and not description.section_text(key, language).strip()
    ]


@transaction.atomic
def description_publish(*, description: RegisterDescription, published_by) -> RegisterDescription:
    """Publish a draft; it supersedes earlier versions from its effective date on.

    Section 3's category list is frozen from the personal-data inventory at this moment,
    so the published text lists every category the system stores.
    """
    description = RegisterDescription.objects.select_for_update().get(pk=description.pk)
    if description.status == DescriptionStatus.PUBLISHED:
        raise ValidationError(_("This version is already published."))
    missing = _missing_sections(description)
    if missing:
        raise ValidationError(
            _("Every section needs its text in Finnish and English before publishing: %(fields)s")
            % {"fields": ", ".join(missing)}
        )
    latest = (
        RegisterDescription.objects.filter(status=DescriptionStatus.PUBLISHED)
        .order_by("-effective_date")
        .first()
    )
    if latest and description.effective_date <= latest.effective_date:
        raise ValidationError(
            _("The effective date must be after that of the latest published version (%(date)s).")
            % {"date": latest.effective_date.strftime("%d.%m.%Y")}
        )
    description.data_categories = data_categories_snapshot()
    description.status = DescriptionStatus.PUBLISHED
    description.published_at = timezone.now()
    description.published_by = published_by
    description.full_clean()
    description.save()
    return description


# Crawlers, link checkers and command-line clients: their page views are not visits.
_NON_VISITOR_AGENT = re.compile(
    r"bot|crawl|spider|slurp|archiver|facebookexternalhit|preview|monitor|check|"
    r"curl|wget|httpie|python-requests|python-urllib|httpx|aiohttp|go-http-client|"
    r"java/|okhttp|libwww|scrapy|feedfetcher",
    re.IGNORECASE,
)


def is_countable_visit(request: HttpRequest) -> bool:
    if request.method != "GET":
        return False
    agent = request.headers.get("User-Agent", "")
    return bool(agent) and not _NON_VISITOR_AGENT.search(agent)


def visit_record(request: HttpRequest) -> bool:
    """Count one view of a public page; returns whether it was counted.

    A single insert-or-increment statement, so simultaneous views never lose a count and
    no row is read into Python first. Nothing about the visitor is stored.
    """
    if not is_countable_visit(request):
        return False
    quote = connection.ops.quote_name
    table = quote(VisitDay._meta.db_table)
    date_col, count_col = quote("date"), quote("count")
    sql = (
        f"INSERT INTO {table} ({date_col}, {count_col}) VALUES (%s, 1) "  # noqa: S608
        f"ON CONFLICT ({date_col}) DO UPDATE SET {count_col} = {table}.{count_col} + 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [timezone.localdate()])
    return True


def _client_address(request: HttpRequest) -> str | None:
    # django-axes has already resolved the client address with the proxy settings.
    return getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR")


def audit_record(
    *,
    request: HttpRequest,
    action: str,
    target_model: str = "",
    target_id: str | int = "",
    detail: str = "",
) -> AuditEntry:
    """Append one entry to the audit log of staff access to personal data.

    The address is the path only: query strings may carry search terms, which go to
    `detail` where only privacy officers read them.
    """
    user = request.user if request.user.is_authenticated else None
    return AuditEntry.objects.create(
        user=user,
        username=user.get_username() if user else "",
        action=action,
        target_model=target_model,
        target_id=str(target_id),
        detail=detail[:500],
        path=request.path[:500],
        ip_address=_client_address(request),
    )


def audit_prune(*, older_than_days: int) -> int:
    """Erase audit entries past their retention; returns how many went."""
    if older_than_days < 1:
        raise ValidationError(_("The retention must be at least one day."))
    cutoff = timezone.now() - timedelta(days=older_than_days)
    deleted, _by_model = AuditEntry.objects.filter(occurred_at__lt=cutoff).delete()
    return deleted
