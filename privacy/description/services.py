"""Writes of the register description: drafts and publishing."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import (
    CONTROLLER_FIELDS,
    LANGUAGE_CODES,
    SECTION_KEYS,
    DescriptionKind,
    DescriptionStatus,
    RegisterDescription,
)
from .notice import (
    NOTICE_LEGAL_BASIS,
    inventory_gaps,
    notice_missing_items,
    notice_sections_snapshot,
)
from .selectors import data_categories_snapshot, description_current

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
        draft.kind = based_on.kind
        for name in _COPIED_FIELDS:
            setattr(draft, name, getattr(based_on, name))
    draft.full_clean()
    draft.save()
    return draft


# What a privacy notice takes over from a register description for staff to revise: the
# register's name, the controller, its contact person and how the data is protected. The
# other sections are generated from the inventory.
_NOTICE_FREE_TEXT_FIELDS = [
    "register_name_fi",
    "register_name_en",
    *CONTROLLER_FIELDS,
    "protection_fi",
    "protection_en",
]


@transaction.atomic
def description_create_notice_draft(
    *, created_by, based_on: RegisterDescription | None = None, effective_date=None
) -> RegisterDescription:
    """A draft privacy notice (GDPR Art. 13 and 14) succeeding the version in force.

    Its data sections are generated from the inventory whenever it is previewed and frozen
    when it is published; its free-text parts start from `based_on`, by default the version
    in force today. Nothing is published: a person reviews and publishes the draft.
    """
    based_on = based_on or description_current()
    if based_on is not None and based_on.is_privacy_notice:
        return description_create_draft(
            created_by=created_by, based_on=based_on, effective_date=effective_date
        )
    draft = RegisterDescription(
        kind=DescriptionKind.PRIVACY_NOTICE,
        created_by=created_by,
        effective_date=effective_date or timezone.localdate(),
        legal_basis_fi=NOTICE_LEGAL_BASIS.fi,
        legal_basis_en=NOTICE_LEGAL_BASIS.en,
    )
    if based_on is not None:
        for name in _NOTICE_FREE_TEXT_FIELDS:
            setattr(draft, name, getattr(based_on, name))
    draft.full_clean()
    draft.save()
    return draft


def _refuse_incomplete_notice(description: RegisterDescription, sections: dict) -> None:
    missing = inventory_gaps() + notice_missing_items(description, sections)
    if missing:
        raise ValidationError(
            _("The privacy notice lacks what GDPR Art. 13 and 14 require: %(items)s"),
            code="notice_incomplete",
            params={"items": "; ".join(missing)},
        )


def _missing_sections(description: RegisterDescription) -> list[str]:
    return [
        f"{key}_{language}"
        for key in SECTION_KEYS
        for language in LANGUAGE_CODES
        if key != "contents" and not description.section_text(key, language).strip()
    ]


@transaction.atomic
def description_publish(
    *, description: RegisterDescription, published_by, effective_date=None
) -> RegisterDescription:
    """Publish a draft; it supersedes earlier versions from its effective date on.

    `effective_date`, when given, is the date it takes effect (else the draft's own).
    Section 3's category list, and a privacy notice's generated sections, are frozen from
    the personal-data inventory at this moment, so the published text lists every category
    the system stores. A privacy notice lacking an item of GDPR Art. 13 or 14 is refused,
    and so is a version of the 2013 format once a privacy notice has been published.
    """
    description = RegisterDescription.objects.select_for_update().get(pk=description.pk)
    if description.status == DescriptionStatus.PUBLISHED:
        raise ValidationError(_("This version is already published."), code="published")
    if effective_date is not None:
        description.effective_date = effective_date
    if (
        not description.is_privacy_notice
        and RegisterDescription.objects.filter(
            status=DescriptionStatus.PUBLISHED, kind=DescriptionKind.PRIVACY_NOTICE
        ).exists()
    ):
        # A draft of the old format made before the notice was published would put the
        # Personal Data Act's contents back in force, without the GDPR's items.
        raise ValidationError(
            _(
                "A privacy notice has been published, so a version in the 2013 register "
                "description format cannot follow it. Draft a privacy notice instead."
            ),
            code="superseded_format",
        )
    if description.is_privacy_notice:
        description.notice_sections = notice_sections_snapshot()
        _refuse_incomplete_notice(description, description.notice_sections)
    missing = [] if description.is_privacy_notice else _missing_sections(description)
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
