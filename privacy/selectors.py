"""Read queries of the privacy app."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q, Sum
from django.utils import timezone, translation

from .models import (
    CLOSED_ACCESS_REQUEST_STATUSES,
    SECTIONS,
    AccessRequest,
    DescriptionStatus,
    RegisterDescription,
    VisitCounterSettings,
    VisitDay,
)


def data_categories_snapshot() -> list[dict]:
    """Section 3's data categories from the personal-data inventory, in both languages.

    Only categories that the system really stores are listed, each with its data items.
    """
    from .inventory import registry

    snapshot = []
    for category in registry.categories_in_use():
        entry = {"key": category.key, "fi": category.name_fi, "en": str(category.name_en)}
        for language in ("fi", "en"):
            with translation.override(language):
                entry[f"items_{language}"] = [
                    str(label) for label in registry.item_labels(category, language)
                ]
        snapshot.append(entry)
    return snapshot


def description_data_categories(description: RegisterDescription, language: str) -> list[dict]:
    """Section 3's list as `[{"name", "items"}]` in one language.

    A published version shows the list frozen at publishing; a draft's preview shows the
    list as publishing it now would freeze it.
    """
    if description.status == DescriptionStatus.PUBLISHED:
        categories = description.data_categories
    else:
        categories = data_categories_snapshot()
    return [
        {"name": category[language], "items": category.get(f"items_{language}", [])}
        for category in categories
    ]


def description_current(*, today: date | None = None) -> RegisterDescription | None:
    """The version in force today: the latest published one whose date has come."""
    today = today or timezone.localdate()
    return (
        RegisterDescription.objects.filter(
            status=DescriptionStatus.PUBLISHED, effective_date__lte=today
        )
        .order_by("-effective_date")
        .first()
    )


def description_published_on(effective_date: date) -> RegisterDescription | None:
    return RegisterDescription.objects.filter(
        status=DescriptionStatus.PUBLISHED, effective_date=effective_date
    ).first()


def descriptions_published() -> list[RegisterDescription]:
    return list(
        RegisterDescription.objects.filter(status=DescriptionStatus.PUBLISHED)
        .order_by("-effective_date")
        .only("effective_date", "status", "published_at")
    )


@dataclass(frozen=True)
class Section:
    number: int
    key: str
    title: str
    html: str


def description_sections(description: RegisterDescription, language: str) -> list[Section]:
    sections = []
    for number, (key, title_fi, title_en) in enumerate(SECTIONS, start=1):
        if language == "fi":
            title = title_fi
        else:
            with translation.override("en"):
                title = str(title_en)
        sections.append(Section(number, key, title, description.section_text(key, language)))
    return sections


@dataclass(frozen=True)
class VisitCounts:
    today: int
    total: int


def visit_counts(*, today: date | None = None) -> VisitCounts:
    today = today or timezone.localdate()
    counts = VisitDay.objects.aggregate(
        total=Sum("count", default=0), today=Sum("count", filter=Q(date=today), default=0)
    )
    carried_over = (
        VisitCounterSettings.objects.filter(pk=1)
        .values_list("carried_over_total", flat=True)
        .first()
        or 0
    )
    return VisitCounts(today=counts["today"], total=counts["total"] + carried_over)


def is_privacy_officer(user) -> bool:
    """Whether a user may handle access requests: a superuser or a privacy officer.

    Remembered on the user object: the admin asks several times on every page.
    """
    from .access import PRIVACY_OFFICER

    if not (user.is_active and user.is_staff):
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_is_privacy_officer", None)
    if cached is None:
        cached = user.groups.filter(name=PRIVACY_OFFICER).exists()
        user._is_privacy_officer = cached
    return cached


def privacy_officer_emails() -> list[str]:
    """Addresses of the active members of the "Privacy officer" group."""
    from django.contrib.auth import get_user_model

    from .access import PRIVACY_OFFICER

    return sorted(
        set(
            get_user_model()
            .objects.filter(is_active=True, groups__name=PRIVACY_OFFICER)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )


def access_requests_open():
    return AccessRequest.objects.exclude(status__in=CLOSED_ACCESS_REQUEST_STATUSES)


def access_requests_due(*, today: date, within_days: int) -> list[AccessRequest]:
    """Open requests due within `within_days` days from `today`, overdue ones included."""
    return list(
        access_requests_open()
        .filter(due_on__lte=today + timedelta(days=within_days))
        .order_by("due_on", "pk")
    )
