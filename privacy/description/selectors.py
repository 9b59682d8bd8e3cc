"""Reads of the register description."""

from dataclasses import dataclass
from datetime import date

from django.db.models import CharField, QuerySet, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone, translation

from privacy.inventory import registry

from .models import SECTIONS, DescriptionStatus, RegisterDescription


def data_categories_snapshot() -> list[dict]:
    """Section 3's data categories from the personal-data inventory, in both languages.

    Only categories that the system really stores are listed, each with its data items.
    """
    snapshot = []
    for category in registry.categories_in_use():
        entry = {"key": category.key, "fi": category.name_fi, "en": str(category.name_en)}
        for language in ("fi", "en"):
            with translation.override(language):
                entry[f"items_{language}"] = [
                    str(label) for label in registry.item_labels(category, language)
                ]
            # How long the category is kept, as the inventory declares and retention applies it.
            entry[f"retention_{language}"] = list(
                dict.fromkeys(
                    d.retention.text.in_language(language) for d in registry.for_category(category)
                )
            )
        snapshot.append(entry)
    return snapshot


def description_data_categories(description: RegisterDescription, language: str) -> list[dict]:
    """Section 3's list as `[{"name", "items", "retention"}]` in one language.

    A published version shows the list frozen at publishing (versions published before
    retention was listed show none); a draft's preview shows the list as publishing it now
    would freeze it.
    """
    if description.status == DescriptionStatus.PUBLISHED:
        categories = description.data_categories
    else:
        categories = data_categories_snapshot()
    return [
        {
            "name": category[language],
            "items": category.get(f"items_{language}", []),
            "retention": category.get(f"retention_{language}", []),
        }
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


def published_newest_first() -> QuerySet[RegisterDescription]:
    return RegisterDescription.objects.filter(status=DescriptionStatus.PUBLISHED).order_by(
        "-effective_date"
    )


def version_stamp_query(versions: QuerySet[RegisterDescription]) -> QuerySet:
    """The first version's stamp, "id@time of publishing", as a one-value queryset.

    A published version never changes, so its stamp names its content for good; the time
    tells apart versions of a database restored or recreated with the same ids.
    """
    return versions.annotate(
        stamp=Concat(
            Cast("pk", CharField()),
            Value("@"),
            Cast("published_at", CharField()),
            output_field=CharField(),
        )
    ).values_list("stamp", flat=True)[:1]


def description_published_on(effective_date: date) -> RegisterDescription | None:
    return RegisterDescription.objects.filter(
        status=DescriptionStatus.PUBLISHED, effective_date=effective_date
    ).first()


def descriptions_published() -> list[RegisterDescription]:
    """Every published version, newest first: few, and what a public page's stamp needs."""
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
