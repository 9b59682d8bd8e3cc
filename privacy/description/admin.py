from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from privacy.templatetags.richtext import richtext
from webstrella.admin_inputs import DateTextInput

from .models import CONTROLLER_FIELDS, LANGUAGE_CODES, SECTION_KEYS, SECTIONS, RegisterDescription
from .notice import inventory_gaps, notice_missing_items, notice_sections_snapshot
from .services import (
    description_create_draft,
    description_create_notice_draft,
    description_publish,
)
from .views import render_description_preview


def _section_fieldsets():
    return [
        (
            f"{number} {title_fi}",
            {
                "fields": (["contents_intro_fi", "contents_intro_en"] if key == "contents" else [])
                + [f"{key}_fi", f"{key}_en"]
            },
        )
        for number, (key, title_fi, _title_en) in enumerate(SECTIONS, start=1)
    ]


def _rendered_section(name: str):
    """A read-only field showing section text `name` rendered, sanitised again on output."""

    def rendered(obj: RegisterDescription) -> SafeString:
        return richtext(getattr(obj, name))

    rendered.__name__ = f"{name}_rendered"
    rendered.short_description = RegisterDescription._meta.get_field(name).verbose_name
    return rendered


_rendered = {
    f"{key}_{language}": _rendered_section(f"{key}_{language}")
    for key in SECTION_KEYS
    for language in LANGUAGE_CODES
}


class PublishForm(forms.Form):
    """The date a version takes effect, confirmed when it is published."""

    # Left empty, the draft's own date stands.
    effective_date = forms.DateField(
        label=_("Takes effect on"), required=False, widget=DateTextInput
    )


# What a privacy notice's staff write themselves; its other sections come from the inventory.
_NOTICE_FIELDSETS = [
    (_("Security of the data"), {"fields": ["protection_fi", "protection_en"]}),
    (_("Generated from the personal-data inventory"), {"fields": ["notice_completeness"]}),
]


@admin.register(RegisterDescription)
class RegisterDescriptionAdmin(admin.ModelAdmin):
    list_display = ["effective_date", "kind", "status", "published_at", "published_by"]
    list_select_related = ["published_by"]
    list_filter = ["status", "kind"]
    readonly_fields = [
        "kind",
        "status",
        "published_at",
        "published_by",
        "created_at",
        "created_by",
        "notice_completeness",
    ]
    fieldsets = [
        (None, {"fields": ["effective_date", "kind", "status", "published_at", "published_by"]}),
        (
            _("Register"),
            {
                "fields": [
                    "register_name_fi",
                    "register_name_en",
                    "legal_basis_fi",
                    "legal_basis_en",
                ]
            },
        ),
        (
            _("Controller and contact person"),
            {"fields": CONTROLLER_FIELDS},
        ),
        *_section_fieldsets(),
        (_("History"), {"fields": ["created_at", "created_by"]}),
    ]

    @admin.display(description=_("What publishing would still lack"))
    def notice_completeness(self, obj: RegisterDescription) -> str:
        if obj.is_published:
            missing = notice_missing_items(obj)
        else:
            missing = inventory_gaps() + notice_missing_items(obj, notice_sections_snapshot())
        if not missing:
            return _("Nothing: every item of GDPR Art. 13 and 14 is there.")
        return format_html(
            "<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((m,) for m in missing))
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and obj.is_privacy_notice:
            # The 2013 format's sections give way to those generated from the inventory.
            fieldsets = [*fieldsets[:3], *_NOTICE_FIELDSETS, fieldsets[-1]]
        else:
            fieldsets = [f for f in fieldsets if "notice_completeness" not in f[1]["fields"]]
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # Read-only, the sections are shown as the public page renders them, not as HTML.
        return [
            (name, {**options, "fields": [_rendered.get(f, f) for f in options["fields"]]})
            for name, options in fieldsets
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None and obj.is_privacy_notice:
            # Not section 6 of the 2013 format: the notice's last section.
            for language in LANGUAGE_CODES:
                field = form.base_fields.get(f"protection_{language}")
                if field is not None:
                    field.label = format_lazy("{} ({})", _("Security of the data"), language)
        return form

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return readonly
        return [*readonly, *_rendered.values()]

    def has_change_permission(self, request, obj=None) -> bool:
        # A published version is shown read-only.
        if obj is not None and obj.is_published:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.is_published:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path(
                "<int:pk>/preview/<str:language>/",
                self.admin_site.admin_view(self.preview_view),
                name=f"{prefix}_preview",
            ),
            path(
                "<int:pk>/publish/",
                self.admin_site.admin_view(self.publish_view),
                name=f"{prefix}_publish",
            ),
            path(
                "draft-notice/",
                self.admin_site.admin_view(require_POST(self.draft_notice_view)),
                name=f"{prefix}_draft_notice",
            ),
            path(
                "<int:pk>/new-draft/",
                self.admin_site.admin_view(require_POST(self.new_draft_view)),
                name=f"{prefix}_new_draft",
            ),
            *super().get_urls(),
        ]

    def _get_description(self, request: HttpRequest, pk: int) -> RegisterDescription:
        if not self.has_view_permission(request):
            raise PermissionDenied
        return get_object_or_404(RegisterDescription, pk=pk)

    def preview_view(self, request: HttpRequest, pk: int, language: str) -> HttpResponse:
        description = self._get_description(request, pk)
        if language not in ("fi", "en"):
            raise PermissionDenied
        return render_description_preview(request, description, language)

    def publish_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        description = self._get_description(request, pk)
        if not self.has_change_permission(request, description):
            raise PermissionDenied
        change_url = reverse("admin:privacy_registerdescription_change", args=[pk])
        form = PublishForm(
            request.POST if request.method == "POST" else None,
            initial={"effective_date": description.effective_date},
        )
        if request.method == "POST" and form.is_valid():
            try:
                description_publish(
                    description=description,
                    published_by=request.user,
                    effective_date=form.cleaned_data["effective_date"],
                )
            except ValidationError as exc:
                self.message_user(request, " ".join(exc.messages), messages.ERROR)
            else:
                self.message_user(
                    request, _("The register description is published."), messages.SUCCESS
                )
            return HttpResponseRedirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Publish the register description"),
            "description": description,
            "change_url": change_url,
            "form": form,
        }
        return TemplateResponse(
            request, "admin/privacy/registerdescription/publish_confirm.html", context
        )

    def new_draft_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        source = self._get_description(request, pk)
        if not self.has_add_permission(request):
            raise PermissionDenied
        draft = description_create_draft(created_by=request.user, based_on=source)
        self.message_user(
            request,
            _("A new draft was started from the version of %(date)s.")
            % {"date": source.effective_date.strftime("%d.%m.%Y")},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(
            reverse("admin:privacy_registerdescription_change", args=[draft.pk])
        )

    def draft_notice_view(self, request: HttpRequest) -> HttpResponse:
        """One press: a draft privacy notice from the inventory and the version in force."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        draft = description_create_notice_draft(created_by=request.user)
        self.message_user(
            request,
            _(
                "A draft privacy notice was created: its data sections come from the "
                "personal-data inventory. Revise the controller's details and the security "
                "text, preview it and publish it."
            ),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(
            reverse("admin:privacy_registerdescription_change", args=[draft.pk])
        )
