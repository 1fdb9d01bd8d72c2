"""Forms of the privacy pages: plain input, checked again by the services."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from netvaerk.organisations.models import Branch, Organisation
from netvaerk.privacy.models import Channel, ConsentKind, PrivacySettings, RequestKind

STAFF_CHANNELS = [(value, label) for value, label in Channel.choices if value != Channel.IMPORT]


class CorrectForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    branch = forms.ModelChoiceField(
        label=_("Branch"), queryset=Branch.objects.none(), required=False
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["branch"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Branch.objects.filter(organisation=organisation).order_by("name")
        field.label = organisation.branch_word.capitalize()


class ConsentForm(forms.Form):
    kind = forms.ChoiceField(choices=ConsentKind.choices)
    given = forms.TypedChoiceField(
        choices=[("1", _("Give")), ("0", _("Withdraw"))], coerce=lambda value: value == "1"
    )


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, I ask for my data to be erased."),
        error_messages={"required": _("Tick the box to confirm.")},
    )
    details = forms.CharField(
        label=_("Anything you want to add (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        required=False,
    )


class RequestForm(forms.Form):
    person = forms.IntegerField(label=_("Person"), widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("What they ask for"), choices=RequestKind.choices)
    channel = forms.ChoiceField(label=_("How it reached you"), choices=STAFF_CHANNELS)
    details = forms.CharField(
        label=_("What they asked"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class OutcomeForm(forms.Form):
    outcome = forms.CharField(
        label=_("What was done"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        required=False,
    )


class StaffEraseForm(forms.Form):
    typed_name = forms.CharField(label=_("Type the person's name to confirm"), max_length=200)
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class SettingsForm(forms.ModelForm):
    class Meta:
        model = PrivacySettings
        fields = [
            "controller_name",
            "controller_address",
            "controller_email",
            "controller_phone",
            "controller_cvr",
            "dpo_name",
            "dpo_email",
            "notice_text",
        ]
        widgets = {
            "controller_address": forms.Textarea(attrs={"rows": 3}),
            "notice_text": forms.Textarea(attrs={"rows": 12}),
        }
