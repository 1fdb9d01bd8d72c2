"""Forms of a programme's status reports: the header of a new report and its period, and the
edit form of the header and the narrative. The services check everything again."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from netvaerk.programmes.models import Programme
from netvaerk.programmes.selectors.report_data import eligible_contacts
from netvaerk.programmes.services.reports import MAX_NARRATIVE


def _date_field(label: Any, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class ContactChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.name


class _HeaderForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    item_number = forms.CharField(
        label=_("Agenda item"), max_length=20, required=False, help_text=_("For example 5.1.")
    )
    date = _date_field(_("Date of the report"))
    board_meeting = forms.CharField(
        label=_("Board meeting"),
        max_length=200,
        required=False,
        help_text=_("For example: Hovedbestyrelsen – møde d. 1. november 2023."),
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contacts"] = ContactChoice(
            label=_("Contact persons"),
            queryset=eligible_contacts(programme),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=_(
                "The programme's owners and the staff. E-mail and phone are printed only for "
                "those who agreed to be shown as a contact."
            ),
        )


class StatusReportCreateForm(_HeaderForm):
    period_start = _date_field(_("Period from"), _("The figures cover this period."))
    period_end = _date_field(_("Period to"))

    field_order = [
        "title",
        "item_number",
        "date",
        "board_meeting",
        "period_start",
        "period_end",
        "contacts",
    ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period must end after it starts."))
        return data


NARRATIVE_HINT = _("Separate paragraphs with a blank line; start a line with “- ” for a list.")


def _narrative_field(label: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=MAX_NARRATIVE,
        help_text=NARRATIVE_HINT,
        widget=forms.Textarea(attrs={"rows": 8}),
    )


class StatusReportForm(_HeaderForm):
    introduction = _narrative_field(_("Introduction"))
    general_support = _narrative_field(_("1. General support across all branches"))
    focused_support = _narrative_field(_("2. Focused support"))
    network_text = _narrative_field(_("3. The network"))

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, programme=programme, **kwargs)
        self.fields["title"].required = True
        branches = programme.organisation.branches_word
        self.fields["general_support"].label = _("1. General support across all %(branches)s") % {
            "branches": branches
        }
        self.fields["focused_support"].label = _("2. Focused support for selected %(branches)s") % {
            "branches": branches
        }
        self.order_fields(
            [
                "title",
                "item_number",
                "date",
                "board_meeting",
                "contacts",
                "introduction",
                "general_support",
                "focused_support",
                "network_text",
            ]
        )
