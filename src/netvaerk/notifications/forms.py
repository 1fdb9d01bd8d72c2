from django import forms
from django.utils.translation import gettext_lazy as _

from netvaerk.notifications.models import Delivery


class EmailPreferenceForm(forms.Form):
    delivery = forms.ChoiceField(
        label=_("E-mail that can wait"),
        choices=Delivery.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how you want to receive e-mail."),
            "invalid_choice": _("Choose one of the two ways to receive e-mail."),
        },
    )
