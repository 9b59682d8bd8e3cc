"""Reads of the register description."""

from dataclasses import dataclass
from datetime import date

from django.db import connection
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


def version_stamp_sql(*, in_force_on: date | None = None, of_date: date | None = None):
    """SQL and parameters of a one-value subquery: the stamp of the newest published version
    ("id@time of publishing"), or of the one in force on a day, or of the one of a date.

    A published version never changes, so its stamp names its content for good; the time
    tells apart versions of a database restored or recreated with the same ids. Plain SQL
    (the same on PostgreSQL and SQLite), as it runs on every view of a public page.
    """
    quote = connection.ops.quote_name
    table = quote(RegisterDescription._meta.db_table)
    effective_date = quote("effective_date")
    sql = (
        f"SELECT {quote('id')} || '@' || {quote('published_at')} FROM {table} "  # noqa: S608
        f"WHERE {quote('status')} = %s"
    )
    params: list = [DescriptionStatus.PUBLISHED.value]
    if in_force_on is not None:
        sql += f" AND {effective_date} <= %s"
        params.append(in_force_on)
    if of_date is not None:
        sql += f" AND {effective_date} = %s"
        params.append(of_date)
    return f"{sql} ORDER BY {effective_date} DESC LIMIT 1", params


def description_of_stamp(stamp: str) -> RegisterDescription:
    return RegisterDescription.objects.get(pk=int(stamp.partition("@")[0]))


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
