from django.contrib import admin
from django.contrib.admin.views.main import SEARCH_VAR
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from privacy.audit.mixins import AuditedAdminMixin
from privacy.audit.models import AuditAction
from webstrella.admin_inputs import (
    IndexedDateHierarchyMixin,
    LargeTableAdminMixin,
    RelatedSearchMixin,
    SafeInputsMixin,
    StaleEditGuardMixin,
)

from .forms import AnalyticsEventForm, CustomerContactFormSet, SupportEmailForm
from .mail.admin import (
    HandledByFilter,
    SenderFilter,
    SupportEmailAttachmentInline,
    contact_or_create_link,
)
from .mail.services import support_emails_link_by_address
from .models import AnalyticsEvent, Contact, Customer, CustomerContact, SupportEmail
from .selectors import contact_ids_matching_phone


def masked_email(email: str) -> str:
    """Enough of an address to tell two people apart, not enough to write to: a…@example.com."""
    local, at, domain = email.partition("@")
    if not at:
        return ""
    return f"{local[:1]}…@{domain}"


def contact_distinction(contact: Contact | None, request) -> str:
    """What tells namesakes apart in a list of choices: the city and a masked email.

    Shown only to those who may see contacts.
    """
    if contact is None or not request.user.has_perm("customers.view_contact"):
        return ""
    return ", ".join(part for part in (contact.city, masked_email(contact.email)) if part)


class PhoneSearchMixin:
    """Lets staff search a phone number as they hear it ("040 123 4567").

    Numbers are stored in E.164 form, so the typed number is normalised and matched
    exactly in addition to the ordinary text search.
    """

    phone_lookup_path = "pk"

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        contact_ids = contact_ids_matching_phone(search_term)
        if contact_ids is not None:
            # `queryset` already carries the changelist's filters; stay within them.
            results |= queryset.filter(**{f"{self.phone_lookup_path}__in": contact_ids})
        return results, may_have_duplicates


class CustomerRoleInline(SafeInputsMixin, admin.TabularInline):
    model = CustomerContact
    formset = CustomerContactFormSet
    fk_name = "contact"
    extra = 0
    autocomplete_fields = ["customer"]
    verbose_name = _("role in a customer relationship")
    verbose_name_plural = _("roles in customer relationships")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("contact", "customer__primary_contact")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "customer":
            kwargs["queryset"] = Customer.objects.select_related("primary_contact")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class CountryFilter(admin.SimpleListFilter):
    """Finland or abroad: a list of every country in the register would read the whole table."""

    title = _("country")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        return [("FI", _("Finland")), ("abroad", _("Other countries"))]

    def queryset(self, request, queryset):
        if self.value() == "FI":
            return queryset.filter(country="FI")
        if self.value() == "abroad":
            return queryset.exclude(country="FI")
        return queryset


@admin.register(Contact)
class ContactAdmin(
    SafeInputsMixin,
    StaleEditGuardMixin,
    AuditedAdminMixin,
    LargeTableAdminMixin,
    IndexedDateHierarchyMixin,
    PhoneSearchMixin,
    admin.ModelAdmin,
):
    list_display = ["full_name", "email", "phone_display", "city", "source", "created_at"]
    list_display_links = ["full_name"]
    list_filter = ["source", "preferred_language", CountryFilter]
    # Beginnings of words, as staff hear them: "Virta" finds Virtanen, "anna.k" an address.
    search_fields = ["^last_name", "^first_name", "^email", "^phone", "^city"]
    search_help_text = _(
        "Finds contacts whose surname, first name, email address or city begins with each "
        'word typed ("Virta" finds Virtanen, not Kivirta), and phone numbers however they '
        "are written (040 123 4567)."
    )
    date_hierarchy = "created_at"
    readonly_fields = ["created_at", "updated_at"]
    inlines = [CustomerRoleInline]
    fieldsets = [
        (None, {"fields": ["first_name", "last_name", "preferred_language"]}),
        (_("Contact details"), {"fields": ["email", "phone"]}),
        (_("Postal address"), {"fields": ["street_address", "postal_code", "city", "country"]}),
        (_("Origin"), {"fields": ["source", "created_at", "updated_at"]}),
    ]

    def get_ordering(self, request):
        if request.GET.get(SEARCH_VAR):
            # Found contacts are sorted after they are found. In name order, the database
            # would walk the name index from A and test every contact until a page of
            # matches is full: for "Virtanen", nearly the whole table.
            return [Upper("last_name"), Upper("first_name"), "pk"]
        return super().get_ordering(request)

    @admin.display(description=_("name"), ordering="last_name")
    def full_name(self, obj: Contact) -> str:
        return obj.full_name

    def autocomplete_label(self, obj: Contact, request) -> str:
        detail = contact_distinction(obj, request)
        return f"{obj} ({detail})" if detail else str(obj)

    @admin.display(description=_("phone"), ordering="phone")
    def phone_display(self, obj: Contact) -> str:
        return obj.phone_display


class CustomerContactInline(SafeInputsMixin, admin.TabularInline):
    model = CustomerContact
    formset = CustomerContactFormSet
    fk_name = "customer"
    extra = 0
    autocomplete_fields = ["contact"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("contact")


def staff_name(user) -> str:
    if user is None:
        return "–"
    return user.get_full_name() or user.get_username()


class CustomerSupportEmailInline(admin.TabularInline):
    """The email history with the customer, read-only."""

    model = SupportEmail
    fk_name = "customer"
    extra = 0
    fields = ["sent_at", "direction", "from_address", "subject", "handled_by_name"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False
    ordering = ["-sent_at"]
    verbose_name_plural = _("email history")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("handled_by")

    @admin.display(description=_("handled by"))
    def handled_by_name(self, obj: SupportEmail) -> str:
        return staff_name(obj.handled_by)


@admin.register(Customer)
class CustomerAdmin(
    SafeInputsMixin,
    StaleEditGuardMixin,
    AuditedAdminMixin,
    LargeTableAdminMixin,
    IndexedDateHierarchyMixin,
    RelatedSearchMixin,
    PhoneSearchMixin,
    admin.ModelAdmin,
):
    list_display = [
        "customer_number",
        "display_name",
        "kind",
        "status",
        "primary_contact_email",
        "started_on",
        "ended_on",
    ]
    list_select_related = ["primary_contact"]
    list_filter = ["kind", "status"]
    search_fields = ["^customer_number", "company_name", "^business_id"]
    search_related = {"primary_contact": ["^last_name", "^first_name", "^email"]}
    search_help_text = _(
        "Finds customers whose number or business ID begins with the words typed, whose "
        "company name contains them, or whose contact person's surname, first name or email "
        "address begins with them; phone numbers however they are written."
    )
    phone_lookup_path = "primary_contact"
    date_hierarchy = "started_on"
    autocomplete_fields = ["primary_contact"]
    readonly_fields = ["created_at", "updated_at"]
    # orders/admin.py adds the customer's orders after the contact persons.
    inlines = [CustomerContactInline, CustomerSupportEmailInline]
    fieldsets = [
        (None, {"fields": ["customer_number", "kind", "company_name", "business_id"]}),
        (_("Relationship"), {"fields": ["primary_contact", "status", "started_on", "ended_on"]}),
        (_("Notes"), {"fields": ["notes", "created_at", "updated_at"]}),
    ]

    autocomplete_select_related = ["primary_contact"]

    @admin.display(description=_("name"), ordering="company_name")
    def display_name(self, obj: Customer) -> str:
        return obj.display_name

    def autocomplete_label(self, obj: Customer, request) -> str:
        detail = contact_distinction(obj.primary_contact, request)
        return f"{obj} ({detail})" if detail else str(obj)

    @admin.display(description=_("email"), ordering="primary_contact__email")
    def primary_contact_email(self, obj: Customer) -> str:
        return obj.primary_contact.email


@admin.register(SupportEmail)
class SupportEmailAdmin(
    SafeInputsMixin,
    StaleEditGuardMixin,
    AuditedAdminMixin,
    LargeTableAdminMixin,
    RelatedSearchMixin,
    admin.ModelAdmin,
):
    form = SupportEmailForm
    list_display = [
        "sent_at",
        "direction",
        "subject",
        "from_address",
        contact_or_create_link,
        "handled_by_name",
    ]
    list_select_related = ["contact", "handled_by"]
    list_filter = [
        SenderFilter,
        "direction",
        "source",
        HandledByFilter,
        # Not a date hierarchy: listing the years and months of a million messages reads
        # them all; these ranges use the index on the time.
        ("sent_at", admin.DateFieldListFilter),
    ]
    search_fields = ["subject", "^from_address", "^to_addresses", "=message_id"]
    search_related = {
        "contact": ["^last_name", "^first_name", "^email"],
        "customer": ["^customer_number"],
    }
    search_help_text = _(
        "Finds messages whose subject contains the words typed, whose sender or recipient "
        "address begins with them, or with the Message-ID given in full; and the messages of "
        "the contacts whose name or email address begins with them, or of the customer number."
    )
    autocomplete_fields = ["contact", "customer"]
    readonly_fields = ["created_at", "source"]
    fieldsets = [
        (None, {"fields": ["direction", "sent_at", "message_id", "thread_id", "source"]}),
        (
            _("Message"),
            {
                "fields": [
                    "from_name",
                    "from_address",
                    "to_addresses",
                    "cc_addresses",
                    "subject",
                    "in_reply_to",
                    "references",
                ]
            },
        ),
        (None, {"fields": ["body_text"]}),
        (_("Linked to"), {"fields": ["contact", "customer", "handled_by", "created_at"]}),
    ]
    actions = ["link_by_address"]

    def get_inlines(self, request, obj):
        # Shown only where there is something to show: typed-in mail has no attachments.
        if obj is not None and obj.attachments.exists():
            return [SupportEmailAttachmentInline]
        return []

    @admin.action(
        description=_("Link to the contacts with the same address"), permissions=["change"]
    )
    def link_by_address(self, request, queryset):
        emails = list(queryset.filter(contact__isnull=True))
        linked = support_emails_link_by_address(emails=emails)
        for email in emails:
            self._audit(request, AuditAction.CHANGE, email.pk, detail="link by address")
        self.message_user(request, _("%(count)d messages linked.") % {"count": linked})

    @admin.display(description=_("handled by"), ordering="handled_by__first_name")
    def handled_by_name(self, obj: SupportEmail) -> str:
        return staff_name(obj.handled_by)

    def get_changeform_initial_data(self, request):
        return {"handled_by": request.user.pk, **super().get_changeform_initial_data(request)}


@admin.register(AnalyticsEvent)
class AnalyticsEventAdmin(
    SafeInputsMixin,
    StaleEditGuardMixin,
    AuditedAdminMixin,
    LargeTableAdminMixin,
    RelatedSearchMixin,
    admin.ModelAdmin,
):
    form = AnalyticsEventForm
    list_display = ["occurred_at", "event_type", "path", "contact", "customer"]
    list_select_related = ["contact", "customer__primary_contact"]
    # Time ranges, not a date hierarchy: see SupportEmailAdmin.
    list_filter = ["event_type", ("occurred_at", admin.DateFieldListFilter)]
    search_fields = ["^path"]
    search_related = {"contact": ["^email"], "customer": ["^customer_number"]}
    search_help_text = _(
        "Finds events whose path begins with the text typed (/hinnasto/), and the events of "
        "the contacts whose email address, or the customers whose number, begins with it."
    )
    autocomplete_fields = ["contact", "customer"]
