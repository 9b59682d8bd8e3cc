"""Admin forms of the customer register."""

import json
from email.utils import make_msgid

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .models import AnalyticsEvent, CustomerContact, SupportEmail


class PropertiesJSONField(forms.JSONField):
    """A JSON field that refuses what the parser would choke on, before parsing it.

    Django's field turns only a syntax error into a form error; deep nesting makes the
    parser raise RecursionError and a number of thousands of digits a ValueError.
    """

    # Escapes such as \\u00e4 take six characters for two bytes of stored text.
    max_input_chars = 4 * AnalyticsEvent.MAX_PROPERTIES_BYTES

    def _is_too_long(self, value) -> bool:
        return isinstance(value, str) and len(value) > self.max_input_chars

    def to_python(self, value):
        if self._is_too_long(value):
            raise forms.ValidationError(
                _("Properties may be at most %(max)d characters long."),
                code="too_long",
                params={"max": self.max_input_chars},
            )
        try:
            return super().to_python(value)
        except (RecursionError, ValueError):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None

    def bound_data(self, data, initial):
        # Shown again as typed when the form is refused, without parsing it once more.
        if self._is_too_long(data):
            return forms.fields.InvalidJSONInput(data)
        try:
            return super().bound_data(data, initial)
        except (RecursionError, ValueError):
            return forms.fields.InvalidJSONInput(data)

    def prepare_value(self, value):
        text = super().prepare_value(value)
        try:
            text.encode()
        except UnicodeEncodeError:
            # A lone surrogate, given as an escape, is shown as the escape again.
            text = json.dumps(value, ensure_ascii=True, cls=self.encoder)
        return text


class AnalyticsEventForm(forms.ModelForm):
    class Meta:
        model = AnalyticsEvent
        fields = [
            "event_type",
            "occurred_at",
            "path",
            "session_hash",
            "contact",
            "customer",
            "properties",
        ]
        field_classes = {"properties": PropertiesJSONField}


class CustomerContactFormSet(forms.BaseInlineFormSet):
    """Refuses a role that pairs a customer and a contact already paired in the database.

    The formset's own unique check leaves out the parent's side of the pair, so a role that
    a colleague saved after this page was opened would otherwise reach the constraint.
    """

    def clean(self):
        super().clean()
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form) or form.errors:
                continue
            customer = form.cleaned_data.get("customer")
            contact = form.cleaned_data.get("contact")
            if customer is None or contact is None or customer.pk is None or contact.pk is None:
                # A pair with a record this page creates cannot be in the database yet.
                continue
            taken = CustomerContact.objects.filter(customer=customer, contact=contact)
            if form.instance.pk:
                taken = taken.exclude(pk=form.instance.pk)
            if taken.exists():
                form.add_error(
                    None, _("This contact already has a role in this customer relationship.")
                )


def new_message_id() -> str:
    """A Message-ID in the register's own mail domain, for a message logged without one."""
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or None
    return make_msgid(domain=domain)


class StaffChoiceField(forms.ModelChoiceField):
    """Staff by name, the username beside it: the same name may be worn by two people."""

    def label_from_instance(self, obj) -> str:
        name = obj.get_full_name()
        return f"{name} ({obj.get_username()})" if name else obj.get_username()


class SupportEmailForm(forms.ModelForm):
    class Meta:
        model = SupportEmail
        fields = [
            "direction",
            "sent_at",
            "message_id",
            "thread_id",
            "from_address",
            "to_addresses",
            "cc_addresses",
            "subject",
            "body_text",
            "contact",
            "customer",
            "handled_by",
        ]
        field_classes = {"handled_by": StaffChoiceField}
        help_texts = {"message_id": _("Left empty, a new one is made.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "message_id" in self.fields:
            self.fields["message_id"].required = False
        if "handled_by" in self.fields:
            self.fields["handled_by"].queryset = (
                get_user_model()
                .objects.filter(is_staff=True, is_active=True)
                .order_by("first_name", "last_name", "username")
            )

    def clean_message_id(self) -> str:
        return self.cleaned_data["message_id"].strip() or new_message_id()
