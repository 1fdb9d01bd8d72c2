"""Forms of the events part: planning, series, cancelling, closing, questions, registering.
They only parse input; every rule is checked by the services."""

import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from netvaerk.governance.models import Proposal
from netvaerk.meetings.models import (
    DEFAULT_TIME_ZONE,
    Audience,
    EventFormat,
    EventKind,
    QuestionKind,
    RegistrationQuestion,
    time_zone_choices,
)
from netvaerk.networks.models import Network

TEXT_LIMIT = 50_000
LOCAL_FORMATS = ("%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S")


class LocalDateTimeField(forms.DateTimeField):
    """A wall-clock time as entered, without a time zone: the service reads it in the
    event's own zone (not the server's)."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def to_python(self, value: Any) -> datetime.datetime | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.replace(tzinfo=None)
        for fmt in LOCAL_FORMATS:
            try:
                return datetime.datetime.strptime(str(value).strip(), fmt)  # noqa: DTZ007 - local
            except ValueError:
                continue
        raise ValidationError(_("Enter a date and time like 2026-09-12 19:00."), code="invalid")


class _Planning(forms.Form):
    network = forms.ModelChoiceField(
        label=_("Network"), queryset=Network.objects.none(), required=False
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    format = forms.ChoiceField(label=_("Format"), choices=EventFormat.choices)
    audience = forms.ChoiceField(label=_("Who may take part"), choices=Audience.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        max_length=TEXT_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        max_length=TEXT_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown is allowed: - for lists, a blank line between paragraphs."),
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"), choices=time_zone_choices, initial=DEFAULT_TIME_ZONE
    )
    venue_name = forms.CharField(
        label=_("Venue"),
        max_length=200,
        required=False,
        help_text=_("Required when the event is in person."),
    )
    venue_address = forms.CharField(label=_("Address"), max_length=300, required=False)
    online_url = forms.CharField(
        label=_("Link to your own online room"),
        max_length=500,
        required=False,
        help_text=_(
            "Paste an https:// link to a Zoom or Teams meeting, or leave it blank to get a "
            "room generated for the event."
        ),
    )
    capacity = forms.IntegerField(
        label=_("Seats"),
        min_value=1,
        max_value=100_000,
        required=False,
        help_text=_("Leave blank for no limit."),
    )
    registration_required = forms.BooleanField(
        label=_("Registration required"), required=False, initial=True
    )

    def __init__(
        self,
        *args: Any,
        networks: QuerySet[Network] | None = None,
        office: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if networks is None:
            del self.fields["network"]
        else:
            field = self.fields["network"]
            field.queryset = networks  # type: ignore[attr-defined]
            field.to_field_name = "slug"  # type: ignore[attr-defined]
            field.required = not office
            field.empty_label = (  # type: ignore[attr-defined]
                _("None: the office plans it for the whole organisation") if office else None
            )


class EventForm(_Planning):
    starts_at = LocalDateTimeField(label=_("Starts"))
    ends_at = LocalDateTimeField(label=_("Ends"))
    registration_closes_at = LocalDateTimeField(
        label=_("Registration closes"),
        required=False,
        help_text=_("Leave blank to keep registration open until the event starts."),
    )

    field_order = [
        "network", "kind", "format", "audience", "title", "description", "agenda",
        "starts_at", "ends_at", "time_zone",
    ]  # fmt: skip


class SeriesForm(_Planning):
    sessions = forms.CharField(
        label=_("Dates"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_(
            "One session per line: the date, the start and the end, like 2026-09-12 19:00-21:00."
        ),
    )

    field_order = ["network", "kind", "format", "audience", "title", "sessions"]

    def clean_sessions(self) -> list[tuple[datetime.datetime, datetime.datetime]]:
        sessions = []
        lines = [line.strip() for line in self.cleaned_data["sessions"].splitlines()]
        for number, line in enumerate((line for line in lines if line), start=1):
            try:
                day, times = line.split()
                start, end = times.split("-")
                sessions.append(
                    (
                        datetime.datetime.strptime(f"{day} {start}", "%Y-%m-%d %H:%M"),  # noqa: DTZ007
                        datetime.datetime.strptime(f"{day} {end}", "%Y-%m-%d %H:%M"),  # noqa: DTZ007
                    )
                )
            except ValueError:
                raise ValidationError(
                    _(
                        "Line %(number)d is not a date with a start and an end, "
                        "like 2026-09-12 19:00-21:00."
                    ),
                    params={"number": number},
                ) from None
        return sessions


class CancelEventForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the event cancelled?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Everyone registered or waiting is told, with this reason."),
    )


class CloseEventForm(forms.Form):
    minutes = forms.CharField(
        label=_("Minutes"),
        max_length=TEXT_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Markdown is allowed."),
    )
    headcount = forms.IntegerField(
        label=_("How many came"), min_value=0, max_value=1_000_000, required=False
    )
    proposals = forms.ModelMultipleChoiceField(
        label=_("Proposals to the board it produced"),
        queryset=Proposal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, proposals: QuerySet[Proposal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["proposals"].queryset = proposals  # type: ignore[attr-defined]
        if not proposals.exists():
            del self.fields["proposals"]


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Question"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=QuestionKind.choices)
    choices = forms.CharField(
        label=_("Answers to choose from"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For a choice: one answer per line."),
    )
    required = forms.BooleanField(label=_("An answer is required"), required=False)


class RegisterForm(forms.Form):
    """The event's questions, and for a visitor name, e-mail and language."""

    def __init__(
        self, *args: Any, questions: list[RegistrationQuestion], guest: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if guest:
            self.fields["name"] = forms.CharField(label=_("Your name"), max_length=200)
            self.fields["email"] = forms.EmailField(label=_("Your e-mail"), max_length=254)
            self.fields["language"] = forms.ChoiceField(
                label=_("Language of our e-mails"), choices=settings.LANGUAGES
            )
        for question in questions:
            name = f"q{question.pk}"
            if question.kind == QuestionKind.CHOICE:
                self.fields[name] = forms.ChoiceField(
                    label=question.text,
                    choices=[(c, c) for c in question.choice_list],
                    required=question.required,
                    widget=forms.RadioSelect,
                )
            elif question.kind == QuestionKind.YES_NO:
                self.fields[name] = forms.ChoiceField(
                    label=question.text,
                    choices=[("yes", _("Yes")), ("no", _("No"))],
                    required=question.required,
                    widget=forms.RadioSelect,
                )
            else:
                self.fields[name] = forms.CharField(
                    label=question.text,
                    max_length=2000,
                    required=question.required,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
        self.questions = questions

    def answers(self) -> dict[str, str]:
        return {str(q.pk): self.cleaned_data.get(f"q{q.pk}") or "" for q in self.questions}


class EventFilterForm(forms.Form):
    when = forms.ChoiceField(
        label=_("When"),
        choices=[("upcoming", _("Upcoming")), ("past", _("Past"))],
        required=False,
    )
    network = forms.ModelChoiceField(
        label=_("Network"),
        queryset=Network.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label=_("All networks"),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *EventKind.choices], required=False
    )

    def __init__(self, *args: Any, networks: QuerySet[Network], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = networks  # type: ignore[attr-defined]
