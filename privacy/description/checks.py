"""System check: the published register description is a privacy notice the GDPR accepts."""

from django.core.checks import Warning
from django.db import DatabaseError
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from .models import DescriptionKind, DescriptionStatus, RegisterDescription
from .notice import notice_missing_items
from .selectors import description_current

OUTDATED_NOTICE = "privacy.W001"  # the version in force predates the GDPR or lacks an item


def _admin_url(name: str, *args) -> str:
    try:
        return reverse(f"admin:privacy_registerdescription_{name}", args=args)
    except NoReverseMatch:
        return "/admin/privacy/registerdescription/"


def check_published_notice_is_current(app_configs=None, databases=None, **kwargs):
    """Warn while the version in force lacks what GDPR Art. 13 and 14 require.

    It reads the database, so it runs when the checks are given one (`migrate`, `check
    --database default`), as Django's database checks do.
    """
    if not databases or "default" not in databases:
        return []
    try:
        current = description_current()
        if current is None:
            return []
        with translation.override("en"):
            missing = notice_missing_items(current)
        if not missing:
            return []
        draft = (
            RegisterDescription.objects.filter(
                status=DescriptionStatus.DRAFT, kind=DescriptionKind.PRIVACY_NOTICE
            )
            .order_by("-pk")
            .first()
        )
    except DatabaseError:
        # Tables not migrated yet: nothing is published.
        return []
    if draft is not None:
        hint = (
            f"Review the draft privacy notice of {draft.effective_date:%d.%m.%Y} at "
            f"{_admin_url('change', draft.pk)}, preview it and publish it with the date it "
            "takes effect."
        )
    else:
        hint = (
            f"Create a draft privacy notice with 'Draft a privacy notice' at "
            f"{_admin_url('changelist')}; its data sections are generated from the "
            "personal-data inventory. Review it and publish it with the date it takes effect."
        )
    return [
        Warning(
            f"The register description in force (from {current.effective_date:%d.%m.%Y}) is "
            f"not a complete privacy notice under GDPR Art. 13 and 14: it lacks "
            f"{'; '.join(missing)}.",
            hint=hint,
            obj=current,
            id=OUTDATED_NOTICE,
        )
    ]
