"""Forms of announcements, the follow-up and the newsletter. They check the shape of the
input; the services in meetings/services/outreach.py decide."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from netvaerk.meetings.models import Event


class AnnounceForm(forms.Form):
    message = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text=_("Sent above the event's title, time and place, and a link to register."),
        error_messages={"required": _("Write a message to go with the event.")},
    )


class MaterialForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Give the material a title.")},
    )
    url = forms.CharField(
        label=_("Link (https://…)"),
        max_length=500,
        error_messages={"required": _("Give the link to the material.")},
    )


class FollowUpForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the participants"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        error_messages={"required": _("Write a message to the participants.")},
    )
    include_absent = forms.BooleanField(
        label=_("Also send it to those who registered but did not come"), required=False
    )


class EventChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        from django.utils import formats

        when = formats.date_format(obj.local_start, "SHORT_DATETIME_FORMAT")
        network = f" – {obj.network.name}" if obj.network_id and obj.network else ""
        return f"{obj.title} ({when}{network})"


class NewsletterForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Give the newsletter a title.")},
    )
    introduction = forms.CharField(
        label=_("Introduction"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=5000,
    )
    events = EventChoiceField(
        label=_("Upcoming events"),
        queryset=Event.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Events open to all members or to the public, from today on."),
        error_messages={
            "required": _("Choose at least one event."),
            "invalid_choice": _(
                "A newsletter lists only this organisation's upcoming events that are open to "
                "all members or to the public. Choose events from the list."
            ),
            "invalid_pk_value": _("Choose events from the list."),
        },
    )

    def __init__(self, *args: Any, candidates: QuerySet[Event], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["events"].queryset = candidates  # type: ignore[attr-defined]
