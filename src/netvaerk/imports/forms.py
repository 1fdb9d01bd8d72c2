"""The wizard's forms: the upload, the column mapping, the report's filter."""

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from netvaerk.imports.engine import FIELDS
from netvaerk.imports.models import RowOutcome


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("The member system's export (CSV or XLSX)"),
        error_messages={
            "required": _("Choose a file to upload."),
            "empty": _("The file is empty."),
            "invalid": _("No file was received. Choose the file again."),
        },
    )
    notify_contacts = forms.BooleanField(
        label=_("Send the information notice to new contacts who are not members"),
        required=False,
        initial=True,
        help_text=_("The law requires it when their data did not come from them (GDPR art. 14)."),
    )


class MappingForm(forms.Form):
    """One select per field of ours, offering the file's columns."""

    def __init__(self, *args: Any, columns: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("— not imported —")), *((column, column) for column in columns)]
        for field in FIELDS:
            self.fields[field.key] = forms.ChoiceField(
                label=capfirst(str(field.label)) + (" *" if field.required else ""),
                choices=choices,
                required=False,
                error_messages={"invalid_choice": _("The file has no such column.")},
            )

    def mapping(self) -> dict[str, str]:
        return {key: value for key, value in self.cleaned_data.items() if value}


class ReportFilterForm(forms.Form):
    outcome = forms.ChoiceField(
        required=False,
        choices=[("", _("All")), *RowOutcome.choices],
        error_messages={"invalid_choice": _("There is no such outcome; every row is shown.")},
    )

    def value(self) -> str:
        if not self.is_bound or not self.is_valid():
            return ""
        return str(self.cleaned_data.get("outcome") or "")
