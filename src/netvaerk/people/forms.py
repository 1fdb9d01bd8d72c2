from django import forms
from django.utils.translation import gettext_lazy as _


class ContactConsentForm(forms.Form):
    show_contact_details = forms.BooleanField(
        label=_("Show my e-mail and phone where I am named as a contact (for example as chair)"),
        required=False,
    )
