from django import forms
from django.utils.translation import gettext_lazy as _

from netvaerk.meetings.services.attendance_csv import MAX_FILE_SIZE


class CheckInCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Check-in code"),
        max_length=40,
        help_text=_("The six letters and digits from your registration; spaces do not matter."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class DeskCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Participant's check-in code"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class CameForm(forms.Form):
    came = forms.BooleanField(required=False)


class PersonChoiceForm(forms.Form):
    person = forms.IntegerField(min_value=1)


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Participant list (CSV)"),
        help_text=_(
            "The participant report exported from Zoom, Teams or Jitsi, or any CSV file with a "
            "column of names and one of e-mail addresses. At most 5 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,text/csv,text/plain"}),
    )
    guests = forms.BooleanField(
        label=_("Record participants who are not in the organisation as named guests"),
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_SIZE:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s MB. Upload only the participant list.")
                % {"limit": MAX_FILE_SIZE // (1024 * 1024)}
            )
        return upload


class ImportConfirmForm(forms.Form):
    payload = forms.CharField(widget=forms.HiddenInput)
