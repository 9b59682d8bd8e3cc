"""Forms of the access-request steps in the admin; the services check the rules."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from webstrella.admin_inputs import DateTextInput

from . import workflow
from .deadlines import MAX_EXTENSION_MONTHS
from .models import INTAKE_FIELDS, AccessRequest, AnswerChannel, IdentityMethod

OUT_OF_DATE = _("This page is out of date: open the request again.")


def _stamp_field(*, required: bool = True) -> forms.CharField:
    return forms.CharField(
        widget=forms.HiddenInput,
        required=required,
        max_length=64,
        error_messages={"required": OUT_OF_DATE, "max_length": OUT_OF_DATE},
    )


class AccessRequestIntakeForm(forms.ModelForm):
    """The letter as logged; the scan field never shows the stored file's name or address.

    A correction carries the stamp of the request as the form showed it (`seen`).
    """

    # Checked in clean(): the admin does not show the errors of a hidden field.
    seen = _stamp_field(required=False)

    class Meta:
        model = AccessRequest
        fields = INTAKE_FIELDS
        widgets = {
            "scan": forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
            "letter_date": DateTextInput,
            "received_on": DateTextInput,
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["seen"].initial = workflow.stamp(self.instance)

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is not None and not cleaned_data.get("seen"):
            raise forms.ValidationError(OUT_OF_DATE, code="stale")
        return cleaned_data


class StepForm(forms.Form):
    """A workflow step's form: carries the stamp of the request it was made from (`seen`)."""

    seen = _stamp_field()

    def __init__(self, *args, access_request: AccessRequest, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["seen"].initial = workflow.stamp(access_request)


class VerifyIdentityForm(StepForm):
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


class ExtendForm(StepForm):
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


class AnswerForm(StepForm):
    answered_on = forms.DateField(
        label=_("Answer sent on"),
        initial=timezone.localdate,
        widget=DateTextInput,
    )
    channel = forms.ChoiceField(
        label=_("Sent by"),
        choices=AnswerChannel.choices,
        widget=forms.RadioSelect(attrs={"class": "radiolist inline"}),
    )


class RefuseForm(StepForm):
    reason = forms.CharField(
        label=_("Reason for refusal"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("GDPR Art. 12(4): the requester is told the reason and their remedies."),
    )


class ConfirmMatchesForm(forms.Form):
    """The decisions on the candidates listed; `shown` carries the ids of those listed."""

    confirmed = forms.TypedMultipleChoiceField(
        label=_("Belongs to the requester"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    shown = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, matches, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["confirmed"].choices = [(match.pk, str(match.pk)) for match in matches]
        self.fields["shown"].initial = ",".join(str(match.pk) for match in matches)

    def clean_shown(self) -> list[int]:
        parts = [part for part in self.cleaned_data["shown"].split(",") if part]
        if not all(part.isascii() and part.isdigit() for part in parts):
            raise forms.ValidationError(OUT_OF_DATE, code="stale")
        return [int(part) for part in parts]
