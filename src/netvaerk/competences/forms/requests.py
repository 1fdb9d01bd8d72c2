"""Forms for asking for sparring and for answering a request. They only read and check the
input; the services decide what may be done."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from netvaerk.competences.models import Profile, Tag
from netvaerk.competences.services.requests import NOTE_MAX, QUESTION_MAX, SUBJECT_MAX


class AskForm(forms.Form):
    subject = forms.CharField(
        label=_("Subject"),
        max_length=SUBJECT_MAX,
        help_text=_("A few words on what you need sparring on."),
    )
    question = forms.CharField(
        label=_("Your question"),
        max_length=QUESTION_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What you are working on, and what you would like help with."),
    )
    tags = forms.ModelMultipleChoiceField(
        label=_("Competences it is about"),
        queryset=Tag.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        error_messages={
            "invalid_choice": _("Choose competences from the list."),
            "invalid_pk_value": _("Choose competences from the list."),
        },
    )

    def __init__(self, *args: Any, tags: QuerySet[Tag], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["tags"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = tags


class AcceptForm(forms.Form):
    prefix = "accept"

    note = forms.CharField(
        label=_("A word to the person who asked (optional)"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ProfileChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        if getattr(obj, "in_network", False):
            return str(_("%(name)s (in the network)") % {"name": obj.person.name})
        return str(obj.person.name)


class PassOnForm(forms.Form):
    """`to_profile` accepts any of the candidates given. The page never renders its widget,
    which would list every one of them: it shows the first few matching a search by name as
    radio choices (`selectors.requests.pass_on_choices`)."""

    prefix = "pass"

    to_profile = ProfileChoiceField(
        label=_("Pass it on to"),
        queryset=Profile.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the person to pass the request on to."),
            "invalid_choice": _("That person cannot be asked now. Choose another from the list."),
        },
    )
    note = forms.CharField(
        label=_("A note for them (optional)"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, candidates: QuerySet[Profile], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to_profile"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = candidates


class CloseForm(forms.Form):
    prefix = "close"

    outcome = forms.CharField(
        label=_("How did it go?"),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A short note of the outcome, for both of you and the history."),
        error_messages={"required": _("Write a short note of the outcome.")},
    )
