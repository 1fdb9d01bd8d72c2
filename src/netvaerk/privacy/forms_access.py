"""The access log's search form. Every field is optional; a date the form cannot read, or a
range that ends before it starts, is an error on its field and the log is not searched."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from netvaerk.privacy.models import AccessKind
from netvaerk.privacy.selectors.access import LogFilter

TEXT_MAX = 200


class AccessLogSearchForm(forms.Form):
    viewer = forms.CharField(label=_("Who looked (name)"), required=False, max_length=TEXT_MAX)
    # The page says above the form that searches are recorded too.
    person = forms.CharField(
        label=_("Person seen (name or member number)"), required=False, max_length=TEXT_MAX
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any kind")), *AccessKind.choices]
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end of the period comes before its start."))
        return data

    def filters(self) -> LogFilter:
        data = self.cleaned_data
        return LogFilter(
            viewer=data.get("viewer") or "",
            person=data.get("person") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            kind=data.get("kind") or "",
        )
