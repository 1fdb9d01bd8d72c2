from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from netvaerk.reports.models import AnnualReport
from netvaerk.reports.services import MAX_NARRATIVE


class NarrativeForm(forms.ModelForm):
    class Meta:
        model = AnnualReport
        fields = ["summary", "activities", "cooperation", "plans"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 6, "maxlength": MAX_NARRATIVE})
            for name in ("summary", "activities", "cooperation", "plans")
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        hint = _("Separate paragraphs with a blank line; start a line with “- ” for a list.")
        for field in self.fields.values():
            field.help_text = f"{field.help_text} {hint}"


class AgendaForm(forms.Form):
    item_number = forms.CharField(
        label=_("Agenda item"), max_length=20, required=False, help_text=_("For example 5.1.")
    )
    board_meeting = forms.CharField(
        label=_("Board meeting"),
        max_length=200,
        required=False,
        help_text=_("For example the board meeting of 12 March 2027."),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the report returned?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AcknowledgeForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment to the network (optional)"),
        max_length=MAX_NARRATIVE,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OverviewForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False)
