from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from customers.admin import CustomerAdmin, CustomerContactInline
from privacy.audit.mixins import AuditedAdminMixin
from webstrella.admin_inputs import (
    DecimalCommaField,
    LargeTableAdminMixin,
    RelatedSearchMixin,
    SafeInputsMixin,
    StaleEditGuardMixin,
)

from .models import Order, OrderLine, Product
from .services import order_create, order_fill_billing_from_customer, order_update


def _money(amount) -> str:
    """Two decimals in the reader's locale: 40,75 in Finnish."""
    return number_format(amount, decimal_pos=2, use_l10n=True)


BILLING_FIELDS = [
    "billing_name",
    "billing_email",
    "billing_street_address",
    "billing_postal_code",
    "billing_city",
    "billing_country",
    "billing_business_id",
]


@admin.register(Product)
class ProductAdmin(SafeInputsMixin, StaleEditGuardMixin, admin.ModelAdmin):
    list_display = ["name", "sku", "kind", "price", "vat_rate", "is_active"]
    list_filter = ["kind", "vat_rate", "is_active"]
    search_fields = ["name", "sku"]
    readonly_fields = ["created_at", "updated_at"]
    formfield_overrides = {models.DecimalField: {"form_class": DecimalCommaField}}


class OrderLineForm(forms.ModelForm):
    """Price and VAT rate may be left empty: they are copied from the product on saving."""

    class Meta:
        model = OrderLine
        fields = ["product", "description", "quantity", "unit_price", "vat_rate"]
        field_classes = {"quantity": DecimalCommaField, "unit_price": DecimalCommaField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("unit_price", "vat_rate"):
            self.fields[name].required = False
        # An empty choice must read as "not given" so the product's rate is copied.
        self.fields["vat_rate"].empty_value = None


class OrderLineInline(SafeInputsMixin, admin.TabularInline):
    model = OrderLine
    form = OrderLineForm
    extra = 0
    autocomplete_fields = ["product"]
    readonly_fields = ["net_amount"]

    class Media:
        css = {"all": ["css/admin_orders.css"]}

    @admin.display(description=_("net amount"))
    def net_amount(self, obj: OrderLine):
        if not obj.pk:
            return "–"
        try:
            return _money(obj.net_amount)
        except ValidationError:
            # A refused form shows the amounts as typed, which may not make a line.
            return "–"


class OrderForm(forms.ModelForm):
    """Billing details left empty are copied from the customer when the order is saved.

    The copy is also made while validating, so that copied details are checked as typed
    ones are, and a detail the customer lacks too is asked for.
    """

    # The order needs these; left empty, the customer's are taken.
    COPIED_FROM_CUSTOMER = [
        "billing_name",
        "billing_street_address",
        "billing_postal_code",
        "billing_city",
    ]

    class Meta:
        model = Order
        fields = [
            "number",
            "customer",
            "status",
            "ordered_at",
            "paid_at",
            "delivered_at",
            *BILLING_FIELDS,
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.COPIED_FROM_CUSTOMER:
            if name in self.fields:
                self.fields[name].required = False

    def clean(self):
        cleaned = super().clean()
        customer = cleaned.get("customer")
        if customer is not None:
            billing = Order(**{name: cleaned.get(name) or "" for name in BILLING_FIELDS})
            order_fill_billing_from_customer(order=billing, customer=customer)
            for name in BILLING_FIELDS:
                cleaned[name] = getattr(billing, name)
            for name in self.COPIED_FROM_CUSTOMER:
                if name in self.fields and not cleaned[name] and not self.has_error(name):
                    self.add_error(name, self.fields[name].error_messages["required"])
        return cleaned


@admin.register(Order)
class OrderAdmin(
    SafeInputsMixin,
    StaleEditGuardMixin,
    AuditedAdminMixin,
    LargeTableAdminMixin,
    RelatedSearchMixin,
    admin.ModelAdmin,
):
    form = OrderForm
    list_display = ["number", "customer", "status", "ordered_at", "line_count", "total_gross"]
    list_select_related = ["customer__primary_contact"]
    # Time ranges, not a date hierarchy: listing the years and months of a million orders
    # reads them all; these ranges use the index on the time.
    list_filter = ["status", ("ordered_at", admin.DateFieldListFilter)]
    search_fields = ["^number", "billing_name", "^billing_email"]
    search_related = {"customer": ["^customer_number", "company_name"]}
    search_help_text = _(
        "Finds orders whose number or billing email address begins with the words typed, "
        "whose billing name contains them, and the orders of the customers whose number "
        "begins with them or whose company name contains them."
    )
    autocomplete_fields = ["customer"]
    readonly_fields = ["currency", "vat_breakdown", "created_at", "updated_at"]
    inlines = [OrderLineInline]
    fieldsets = [
        (None, {"fields": ["number", "customer", "status", "currency"]}),
        (_("Dates"), {"fields": ["ordered_at", "paid_at", "delivered_at"]}),
        (
            _("Billing details at ordering time"),
            {"fields": BILLING_FIELDS},
        ),
        (_("Totals"), {"fields": ["vat_breakdown", "created_at", "updated_at"]}),
    ]

    def save_model(self, request, obj, form, change):
        # Saved in save_related() together with its lines, through the order services.
        pass

    def save_related(self, request, form, formsets, change):
        order = form.instance
        lines, removed_lines = [], []
        for formset in formsets:
            if formset.model is OrderLine:
                # Not committed: the formset only collects what the services then save.
                lines = formset.save(commit=False)
                removed_lines = formset.deleted_objects
        if change:
            order_update(order=order, lines=lines, removed_lines=removed_lines)
        else:
            order_create(order=order, lines=lines)

    def get_queryset(self, request):
        # One query for the lines of the whole page; counts and totals are then computed in
        # Python with the same rounding as the order page. Counting the lines in SQL would
        # join every order with its lines before the page is cut out of them.
        return super().get_queryset(request).prefetch_related("lines")

    @admin.display(description=_("lines"))
    def line_count(self, obj: Order) -> int:
        return len(obj.lines.all())

    @admin.display(description=_("total incl. VAT (EUR)"))
    def total_gross(self, obj: Order):
        return obj.totals.gross

    @admin.display(description=_("VAT breakdown"))
    def vat_breakdown(self, obj: Order) -> str:
        if not obj.pk:
            return "–"
        totals = obj.totals
        rows = [
            _("VAT %(rate)s %%: net %(net)s, VAT %(vat)s, total %(gross)s")
            % {
                "rate": number_format(g.rate, use_l10n=True),
                "net": _money(g.net),
                "vat": _money(g.vat),
                "gross": _money(g.gross),
            }
            for g in totals.groups
        ]
        rows.append(
            _("Total: net %(net)s, VAT %(vat)s, total %(gross)s EUR")
            % {"net": _money(totals.net), "vat": _money(totals.vat), "gross": _money(totals.gross)}
        )
        return "\n".join(str(row) for row in rows)


class CustomerOrderInline(admin.TabularInline):
    """The customer's orders on the customer page, read-only; each opens in the order admin."""

    model = Order
    extra = 0
    fields = ["number", "status", "ordered_at", "paid_at", "delivered_at"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False
    ordering = ["-ordered_at"]
    verbose_name_plural = _("orders")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


def _show_orders_on_the_customer_page() -> None:
    # Orders know customers, never the other way, so the customer page gets its list of
    # orders from here. The list sits between the contact persons and the email history.
    inlines = list(CustomerAdmin.inlines)
    inlines.insert(inlines.index(CustomerContactInline) + 1, CustomerOrderInline)
    CustomerAdmin.inlines = inlines


_show_orders_on_the_customer_page()
