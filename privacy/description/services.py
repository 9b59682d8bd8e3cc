"""Writes of the register description: drafts and publishing."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import LANGUAGE_CODES, SECTION_KEYS, DescriptionStatus, RegisterDescription
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
        raise ValidationError(_("This version is already published."), code="published")
    missing = _missing_sections(description)
    if missing:
        raise ValidationError(
            _("Every section needs its text in Finnish and English before publishing: %(fields)s")
            % {"fields": ", ".join(missing)},
            code="sections_missing",
        )
    latest = (
        RegisterDescription.objects.filter(status=DescriptionStatus.PUBLISHED)
        .order_by("-effective_date")
        .first()
    )
    if latest and description.effective_date <= latest.effective_date:
        raise ValidationError(
            _("The effective date must be after that of the latest published version (%(date)s).")
            % {"date": latest.effective_date.strftime("%d.%m.%Y")},
            code="not_after_latest",
        )
    description.data_categories = data_categories_snapshot()
    description.status = DescriptionStatus.PUBLISHED
    description.published_at = timezone.now()
    description.published_by = published_by
    description.full_clean()
    description.save()
    return description
