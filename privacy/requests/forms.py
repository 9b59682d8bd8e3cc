"""Forms of the access-request steps in the admin; the services check the rules."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .deadlines import MAX_EXTENSION_MONTHS
from .models import AccessRequest, AnswerChannel, IdentityMethod


class AccessRequestIntakeForm(forms.ModelForm):
    """The letter as logged; the scan field never shows the stored file's name or address."""

    class Meta:
        model = AccessRequest
        fields = [
            "requester_name",
            "street_address",
            "postal_code",
            "city",
            "country",
            "language",
            "email",
            "phone",
            "customer_number",
            "letter_date",
            "received_on",
            "scan",
            "is_signed",
        ]
        widgets = {
            "scan": forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
            "letter_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "received_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


class VerifyIdentityForm(forms.Form):
    method = forms.ChoiceField(
        label=_("How was the identity verified?"),
        choices=IdentityMethod.choices,
        widget=forms.RadioSelect(attrs={"class": "radiolist"}),
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "What was compared, without copying identity documents. The identifiers on the "
            "request (email, phone, customer number, name and address) count as verified "
            "from now on: correct or remove any that could not be checked before this step."
        ),
    )


class ExtendForm(forms.Form):
    months = forms.TypedChoiceField(
        label=_("Extend by"),
        coerce=int,
        choices=[(n, _("%(n)d month(s)") % {"n": n}) for n in range(1, MAX_EXTENSION_MONTHS + 1)],
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("GDPR Art. 12(3): tell the requester of the extension and its reason."),
    )


class AnswerForm(forms.Form):
    answered_on = forms.DateField(
        label=_("Answer sent on"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    channel = forms.ChoiceField(
        label=_("Sent by"),
        choices=AnswerChannel.choices,
        widget=forms.RadioSelect(attrs={"class": "radiolist inline"}),
    )


class RefuseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for refusal"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("GDPR Art. 12(4): the requester is told the reason and their remedies."),
    )


class ConfirmMatchesForm(forms.Form):
    confirmed = forms.TypedMultipleChoiceField(
        label=_("Belongs to the requester"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, matches, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["confirmed"].choices = [(match.pk, str(match.pk)) for match in matches]
