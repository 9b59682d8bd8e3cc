"""Products and orders: the customer/order register (asiakas-/tilausrekisteri)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from customers.models import Customer
from webstrella.validators import validate_record_time

from .vat import CURRENT_VAT_RATES, VAT_RATE_CHOICES, VAT_RATES, Totals, compute_totals, line_net

ZERO = Decimal("0")


class ProductKind(models.TextChoices):
    WEB_SERVICE = "web_service", _("Web service")
    WEB_SHOP_PLAN = "web_shop_plan", _("Web-shop plan")
    DOMAIN = "domain", _("Domain")
    OTHER = "other", _("Other")


class Product(models.Model):
    Kind = ProductKind

    name = models.CharField(_("name"), max_length=200)
    sku = models.CharField(_("SKU"), max_length=40, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind, default=Kind.WEB_SERVICE)
    price = models.DecimalField(
        _("price (VAT 0 %)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(ZERO)],
    )
    vat_rate = models.DecimalField(
        _("VAT rate (%)"),
        max_digits=4,
        decimal_places=1,
        choices=VAT_RATE_CHOICES,
        default=Decimal("25.5"),
    )
    is_active = models.BooleanField(_("on sale"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(price__gte=0), name="product_price_not_negative"),
            models.CheckConstraint(condition=Q(vat_rate__in=VAT_RATES), name="product_vat_valid"),
            models.CheckConstraint(
                condition=Q(kind__in=ProductKind.values), name="product_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.sku})"

    def clean(self) -> None:
        if self.vat_rate is not None and self.vat_rate not in CURRENT_VAT_RATES:
            raise ValidationError({"vat_rate": _("This VAT rate is no longer in force.")})


class OrderStatus(models.TextChoices):
    NEW = "new", _("New")
    PAID = "paid", _("Paid")
    DELIVERED = "delivered", _("Delivered")
    CANCELLED = "cancelled", _("Cancelled")


class Order(models.Model):
    Status = OrderStatus

    number = models.CharField(_("order number"), max_length=20, unique=True)
    customer = models.ForeignKey(
        Customer, on_delete=models.PROTECT, related_name="orders", verbose_name=_("customer")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.NEW)
    ordered_at = models.DateTimeField(_("ordered"), validators=[validate_record_time])
    paid_at = models.DateTimeField(
        _("paid"), null=True, blank=True, validators=[validate_record_time]
    )
    delivered_at = models.DateTimeField(
        _("delivered"), null=True, blank=True, validators=[validate_record_time]
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR", editable=False)
    # Billing details are copied at ordering time: the order must show what was invoiced
    # even after the customer's details change.
    billing_name = models.CharField(_("billing name"), max_length=200)
    billing_email = models.EmailField(_("billing email"), blank=True)
    billing_street_address = models.CharField(_("billing street address"), max_length=200)
    billing_postal_code = models.CharField(_("billing postal code"), max_length=12)
    billing_city = models.CharField(_("billing city"), max_length=100)
    billing_country = models.CharField(_("billing country"), max_length=2, default="FI")
    billing_business_id = models.CharField(_("billing business ID"), max_length=9, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-ordered_at"]
        indexes = [
            # Date hierarchy and date-range filters of the order changelist.
            models.Index(fields=["ordered_at"], name="order_ordered_idx"),
            # A customer's order history, newest first.
            models.Index(fields=["customer", "-ordered_at"], name="order_customer_idx"),
            models.Index(fields=["status", "ordered_at"], name="order_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=OrderStatus.values), name="order_status_valid"
            ),
            models.CheckConstraint(condition=Q(currency="EUR"), name="order_currency_eur"),
            models.CheckConstraint(
                condition=Q(paid_at__isnull=True) | Q(paid_at__gte=F("ordered_at")),
                name="order_paid_after_ordered",
            ),
            models.CheckConstraint(
                condition=Q(delivered_at__isnull=True) | Q(delivered_at__gte=F("ordered_at")),
                name="order_delivered_after_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def clean(self) -> None:
        errors = {}
        if self.ordered_at and self.paid_at and self.paid_at < self.ordered_at:
            errors["paid_at"] = ValidationError(
                _("An order cannot be paid before it was placed."), code="paid_before_ordered"
            )
        if self.ordered_at and self.delivered_at and self.delivered_at < self.ordered_at:
            errors["delivered_at"] = ValidationError(
                _("An order cannot be delivered before it was placed."),
                code="delivered_before_ordered",
            )
        if errors:
            raise ValidationError(errors)

    @property
    def totals(self) -> Totals:
        """VAT breakdown; uses prefetched lines when the queryset prefetched them."""
        return compute_totals(
            (line.quantity, line.unit_price, line.vat_rate) for line in self.lines.all()
        )


class OrderLine(models.Model):
    order = models.ForeignKey(
        Order, on_delete=models.CASCADE, related_name="lines", verbose_name=_("order")
    )
    product = models.ForeignKey(
        Product, on_delete=models.PROTECT, related_name="order_lines", verbose_name=_("product")
    )
    # Snapshots: what was sold and at what price, whatever the product costs today.
    description = models.CharField(_("description"), max_length=200, blank=True)
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(ZERO)],
    )
    unit_price = models.DecimalField(
        _("unit price (VAT 0 %)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(ZERO)],
    )
    vat_rate = models.DecimalField(
        _("VAT rate (%)"), max_digits=4, decimal_places=1, choices=VAT_RATE_CHOICES
    )

    class Meta:
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gte=0), name="orderline_quantity_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(unit_price__gte=0), name="orderline_price_not_negative"
            ),
            models.CheckConstraint(condition=Q(vat_rate__in=VAT_RATES), name="orderline_vat_valid"),
        ]

    def __str__(self) -> str:
        return self.description or str(self.product_id)

    @property
    def net_amount(self) -> Decimal:
        if self.quantity is None or self.unit_price is None:
            return ZERO
        return line_net(self.quantity, self.unit_price)
