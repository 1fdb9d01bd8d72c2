"""Forms of the conference's programme and budget. Amounts are text: the service reads them
(Danish or plain decimals) and says what is wrong, so the forms only carry what was typed."""

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from netvaerk.meetings.models import BudgetCategory, BudgetLine, Coverage, Event
from netvaerk.meetings.services.conference import ADJUST, APPROVE, REJECT
from netvaerk.networks.models import Membership, MembershipStatus
from netvaerk.people.models import Person

AMOUNT_HELP = _("In kroner, e.g. 12.500,50 or 12500.50.")


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label=_("Starts"), widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("Ends"), widget=forms.TimeInput(attrs={"type": "time"}))
    room = forms.CharField(label=_("Room"), max_length=100, required=False)
    description = forms.CharField(
        label=_("Description"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        self.event = event
        if "initial" not in kwargs and not args:
            kwargs["initial"] = {"day": event.local_start.date()}
        super().__init__(*args, **kwargs)
        self.fields["start"].help_text = _("In the conference's time zone, %(zone)s.") % {
            "zone": event.time_zone
        }

    @classmethod
    def for_session(cls, session: Any, event: Event) -> "SessionForm":
        start = session.starts_at.astimezone(event.tz)
        end = session.ends_at.astimezone(event.tz)
        return cls(
            event=event,
            initial={
                "title": session.title,
                "day": start.date(),
                "start": start.time().replace(second=0, microsecond=0),
                "end": end.time().replace(second=0, microsecond=0),
                "room": session.room,
                "description": session.description,
            },
        )

    def times(self) -> tuple[datetime.datetime, datetime.datetime]:
        """The start and end as aware datetimes on the chosen day in the event's time zone."""
        data = self.cleaned_data
        tz = self.event.tz
        return (
            datetime.datetime.combine(data["day"], data["start"], tzinfo=tz),
            datetime.datetime.combine(data["day"], data["end"], tzinfo=tz),
        )


class SpeakerForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("A member of the network"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("— a guest speaker —"),
    )
    name = forms.CharField(label=_("Or the guest speaker's name"), max_length=200, required=False)
    affiliation = forms.CharField(label=_("Title or affiliation"), max_length=200, required=False)

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        assert isinstance(field, forms.ModelChoiceField)
        if event.network_id is None:
            del self.fields["person"]
            self.fields["name"].label = _("The speaker's name")
            return
        members = Membership.objects.filter(
            network_id=event.network_id, status=MembershipStatus.ACTIVE
        ).values("person_id")
        field.queryset = Person.objects.filter(
            organisation_id=event.organisation_id, pk__in=members
        ).order_by("name", "pk")


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Up")), ("down", _("Down"))])


class BudgetLineForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=BudgetCategory.choices)
    description = forms.CharField(label=_("Description"), max_length=300)
    amount = forms.CharField(label=_("Amount (DKK)"), max_length=40, help_text=AMOUNT_HELP)
    coverage = forms.ChoiceField(
        label=_("Who pays"),
        choices=[("", _("As the category says")), *Coverage.choices],
        required=False,
        help_text=_(
            "Venue and catering are covered centrally, by agreement with the office; travel is "
            "never covered. Other lines may be put to the office."
        ),
    )

    @classmethod
    def for_line(cls, line: BudgetLine) -> "BudgetLineForm":
        return cls(
            initial={
                "category": line.category,
                "description": line.description,
                "amount": str(line.amount).replace(".", ","),
                "coverage": line.coverage,
            }
        )


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("What the network should change"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class UnbudgetedForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=BudgetCategory.choices)
    description = forms.CharField(label=_("Description"), max_length=300)
    actual = forms.CharField(label=_("Actual cost (DKK)"), max_length=40, help_text=AMOUNT_HELP)


class DecisionForm(forms.Form):
    """One decision per line covered centrally, in one form: decision_<id>, amount_<id>,
    note_<id>. None is required here: the service refuses a partial decision as a whole."""

    note = forms.CharField(
        label=_("A note to the network on the whole budget"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, lines: list[BudgetLine], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lines = lines
        choices = [
            (APPROVE, _("Approve")),
            (ADJUST, _("Approve another amount")),
            (REJECT, _("Reject")),
        ]
        for line in lines:
            self.fields[f"decision_{line.pk}"] = forms.ChoiceField(
                label=_("Decision"), choices=choices, required=False, widget=forms.RadioSelect
            )
            self.fields[f"amount_{line.pk}"] = forms.CharField(
                label=_("Approved amount (DKK), when adjusted"), max_length=40, required=False
            )
            self.fields[f"note_{line.pk}"] = forms.CharField(
                label=_("Note, required when adjusted or rejected"),
                max_length=500,
                required=False,
            )

    def rows(self) -> list[tuple[BudgetLine, Any, Any, Any]]:
        return [
            (line, self[f"decision_{line.pk}"], self[f"amount_{line.pk}"], self[f"note_{line.pk}"])
            for line in self.lines
        ]


class ActualsForm(forms.Form):
    """The actual cost of every line, in one form: actual_<id>."""

    def __init__(self, *args: Any, lines: list[BudgetLine], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lines = lines
        for line in lines:
            self.fields[f"actual_{line.pk}"] = forms.CharField(
                label=_("Actual cost of %(line)s (DKK)") % {"line": line.description},
                max_length=40,
                required=False,
                initial=(
                    "" if line.actual_amount is None else str(line.actual_amount).replace(".", ",")
                ),
            )

    def rows(self) -> list[tuple[BudgetLine, Any]]:
        return [(line, self[f"actual_{line.pk}"]) for line in self.lines]
