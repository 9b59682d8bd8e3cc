"""Forms of the access-request steps in the admin; the services check the rules."""

import contextlib

from django import forms
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from privacy.inventory.subjects import rows_of_subject
from privacy.lifecycle.services import Correction
from webstrella.admin_inputs import DateTextInput

from . import workflow
from .deadlines import MAX_EXTENSION_MONTHS
from .models import INTAKE_FIELDS, AccessRequest, AnswerChannel, IdentityMethod
from .services import access_request_erasure_plan, access_request_subject

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
        help_text=_(
            "GDPR Art. 12(3): tell the requester of the extension and its reason. The reason "
            "is quoted in the letter to the requester, so write it in their language."
        ),
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
        help_text=_(
            "GDPR Art. 12(4): the requester is told the reason and their remedies. The reason "
            "is quoted in the letter to the requester, so write it in their language."
        ),
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


class EraseForm(StepForm):
    """Approves the erasure plan shown; `plan` carries its digest, refused if the data changed."""

    plan = forms.CharField(
        widget=forms.HiddenInput,
        max_length=64,
        error_messages={"required": OUT_OF_DATE, "max_length": OUT_OF_DATE},
    )

    def __init__(self, *args, access_request: AccessRequest, **kwargs) -> None:
        super().__init__(*args, access_request=access_request, **kwargs)
        self.plan_error = ""
        self.plan_rows: list[dict] = []
        self.nothing_to_erase = False
        try:
            plan = access_request_erasure_plan(access_request)
        except forms.ValidationError as exc:
            self.plan_error = " ".join(exc.messages)
            return
        self.fields["plan"].initial = plan.digest
        language = "fi" if (translation.get_language() or "fi").startswith("fi") else "en"
        for entry in plan.as_list():
            self.plan_rows.append(
                {
                    "name": entry[f"name_{language}"],
                    "deleted": entry["deleted"],
                    "anonymised": entry["anonymised"],
                    "kept": entry["kept"],
                    "law": entry[f"law_{language}"],
                }
            )
        self.nothing_to_erase = plan.is_empty


# Corrections offered on one page; a request with more is carried out in several letters.
MAX_CORRECTIONS = 3


class RectifyForm(StepForm):
    """What the requester said was wrong, and what each declared field is now."""

    what_was_wrong = forms.CharField(
        label=_("What the requester said was wrong"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, access_request: AccessRequest, **kwargs) -> None:
        super().__init__(*args, access_request=access_request, **kwargs)
        choices = [("", "---------")]
        with contextlib.suppress(forms.ValidationError):
            choices += _correctable_fields(access_request)
        for n in range(1, MAX_CORRECTIONS + 1):
            self.fields[f"field_{n}"] = forms.ChoiceField(
                label=_("Field to correct (%(n)d)") % {"n": n}, choices=choices, required=n == 1
            )
            self.fields[f"value_{n}"] = forms.CharField(
                label=_("Correct value (%(n)d)") % {"n": n}, required=False, max_length=500
            )

    def clean(self):
        cleaned = super().clean()
        corrections = []
        for n in range(1, MAX_CORRECTIONS + 1):
            target = cleaned.get(f"field_{n}")
            if target:
                data, object_id, field = target.split(":", 2)
                corrections.append(
                    Correction(data, object_id, field, cleaned.get(f"value_{n}", ""))
                )
        return {
            "seen": cleaned.get("seen"),
            "what_was_wrong": cleaned.get("what_was_wrong", ""),
            "corrections": corrections,
        }


def _correctable_fields(access_request: AccessRequest) -> list[tuple[str, str]]:
    """(data:id:field, label) of every declared plain field of the requester's rows."""
    choices = []
    for found in rows_of_subject(access_request_subject(access_request)):
        declaration = found.declaration
        names = [
            name
            for name in declaration.field_names
            if not declaration.model._meta.get_field(name).is_relation
            and declaration.model._meta.get_field(name).editable
        ]
        for row in found.rows[:50]:
            for name in names:
                current = declaration.model._meta.get_field(name).value_to_string(row)
                choices.append(
                    (
                        f"{declaration.label_lower}:{row.pk}:{name}",
                        f"{declaration.model_name()} {row.pk}: "
                        f"{declaration.item_label(name)} = {current[:60]}",
                    )
                )
    return choices


class RestrictForm(StepForm):
    until = forms.DateField(
        label=_("Restricted until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty to restrict until the restriction is lifted."),
    )
