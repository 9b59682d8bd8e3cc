"""The register description (rekisteriseloste): versions, drafts and what is published."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .richtext import sanitize

# The seven sections of the register description, in order: (key, Finnish title, English
# title). Finnish titles as the company's published page has them.
SECTIONS = [
    ("basis", "Rekisterin pitämisen peruste", _("Basis for keeping the register")),
    ("purpose", "Rekisterin käyttötarkoitus", _("Purpose of the register")),
    ("contents", "Rekisterin sisältämät tiedot", _("Data contents of the register")),
    ("sources", "Säännönmukaiset tietolähteet", _("Regular sources of data")),
    ("disclosures", "Tietojen luovutus", _("Disclosure of data")),
    ("protection", "Rekisterin suojaus", _("Protection of the register")),
    ("access", "Tarkastusoikeus", _("Right of access")),
]
SECTION_KEYS = [key for key, _fi, _en in SECTIONS]
LANGUAGE_CODES = ["fi", "en"]
# Who keeps the register and whom to ask: the same in every version and both languages.
CONTROLLER_FIELDS = [
    "controller_name",
    "controller_business_id",
    "controller_street_address",
    "controller_postal_code",
    "controller_city",
    "controller_email",
    "controller_phone",
    "contact_person",
]


class DescriptionKind(models.TextChoices):
    """The format of a version: which law's list of contents it follows."""

    # Henkilötietolaki 523/1999, 10 §: the seven sections of a register description.
    REGISTER_DESCRIPTION = "register_description", _("Register description (Personal Data Act)")
    # GDPR Art. 13 and 14 (tietosuojaseloste): its data sections generated from the inventory.
    PRIVACY_NOTICE = "privacy_notice", _("Privacy notice (GDPR)")


class DescriptionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


def _section_field(language: str, title) -> models.TextField:
    return models.TextField(
        format_lazy("{} ({})", title, language),
        blank=True,
        help_text=_("Paragraphs, lists and links (simple HTML); anything else is removed."),
    )


class RegisterDescription(models.Model):
    """One version of the register description (rekisteriseloste).

    A published version never changes. A newer published version supersedes it, and it
    stays readable at its own dated address.
    """

    Status = DescriptionStatus
    Kind = DescriptionKind

    kind = models.CharField(
        _("format"),
        max_length=30,
        choices=Kind,
        default=Kind.REGISTER_DESCRIPTION,
        editable=False,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.DRAFT, editable=False
    )
    effective_date = models.DateField(
        _("effective date"), help_text=_("The date from which this text applies.")
    )
    register_name_fi = models.CharField(_("register name (fi)"), max_length=200)
    register_name_en = models.CharField(_("register name (en)"), max_length=200)
    legal_basis_fi = models.CharField(_("statutory basis (fi)"), max_length=300, blank=True)
    legal_basis_en = models.CharField(_("statutory basis (en)"), max_length=300, blank=True)

    controller_name = models.CharField(_("controller"), max_length=200)
    controller_business_id = models.CharField(
        _("controller's business ID"), max_length=9, blank=True
    )
    controller_street_address = models.CharField(_("postal address"), max_length=200)
    controller_postal_code = models.CharField(_("postal code"), max_length=12)
    controller_city = models.CharField(_("city"), max_length=100)
    controller_email = models.EmailField(_("email"), blank=True)
    controller_phone = models.CharField(_("phone"), max_length=30, blank=True)
    contact_person = models.CharField(_("person in charge of register matters"), max_length=200)

    basis_fi = _section_field("fi", _("1 Basis"))
    basis_en = _section_field("en", _("1 Basis"))
    purpose_fi = _section_field("fi", _("2 Purpose"))
    purpose_en = _section_field("en", _("2 Purpose"))
    contents_intro_fi = models.CharField(
        _("3 Data contents, lead-in (fi)"), max_length=300, blank=True
    )
    contents_intro_en = models.CharField(
        _("3 Data contents, lead-in (en)"), max_length=300, blank=True
    )
    contents_fi = _section_field("fi", _("3 Data contents, explanation"))
    contents_en = _section_field("en", _("3 Data contents, explanation"))
    sources_fi = _section_field("fi", _("4 Sources"))
    sources_en = _section_field("en", _("4 Sources"))
    disclosures_fi = _section_field("fi", _("5 Disclosures"))
    disclosures_en = _section_field("en", _("5 Disclosures"))
    protection_fi = _section_field("fi", _("6 Protection"))
    protection_en = _section_field("en", _("6 Protection"))
    access_fi = _section_field("fi", _("7 Right of access"))
    access_en = _section_field("en", _("7 Right of access"))

    # Section 3's list of data categories, frozen from the personal-data inventory when the
    # version is published: [{"key", "fi", "en", "items_fi": [...], "items_en": [...]}].
    data_categories = models.JSONField(_("data categories"), default=list, editable=False)
    # A privacy notice's sections generated from the inventory, frozen when it is published:
    # {"fi": [{"key", "title", "html"}], "en": [...]}. Empty for a register description.
    notice_sections = models.JSONField(
        _("privacy notice sections"), default=dict, blank=True, editable=False
    )

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("created by"),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("published by"),
    )

    class Meta:
        verbose_name = _("register description")
        verbose_name_plural = _("register descriptions")
        ordering = ["-effective_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=DescriptionStatus.values),
                name="description_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=DescriptionKind.values),
                name="description_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="description_published_has_time",
            ),
            # One published text per date: the dated address must name exactly one version.
            models.UniqueConstraint(
                fields=["effective_date"],
                condition=Q(status="published"),
                name="description_one_published_per_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.effective_date:%d.%m.%Y} ({self.get_status_display()})"

    def save(self, *args, **kwargs) -> None:
        if self.pk and self._stored_status() == DescriptionStatus.PUBLISHED:
            raise ValidationError(
                _("A published register description cannot be changed; create a new version."),
                code="published",
            )
        # Sanitised on every save, not only through forms, so no path stores raw HTML.
        for key in SECTION_KEYS:
            for language in LANGUAGE_CODES:
                name = f"{key}_{language}"
                setattr(self, name, sanitize(getattr(self, name)))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._stored_status() == DescriptionStatus.PUBLISHED:
            raise ValidationError(
                _("A published register description cannot be deleted."), code="published"
            )
        return super().delete(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.status == DescriptionStatus.PUBLISHED

    @property
    def is_privacy_notice(self) -> bool:
        return self.kind == DescriptionKind.PRIVACY_NOTICE

    def section_text(self, key: str, language: str) -> str:
        return getattr(self, f"{key}_{language}")

    def _stored_status(self) -> str | None:
        return (
            type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if self.pk
            else None
        )
