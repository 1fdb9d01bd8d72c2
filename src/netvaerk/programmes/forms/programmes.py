"""Forms of programmes, goals, indicators and values. Numbers are text: the service reads
them (Danish or plain decimals) and says what does not fit the unit."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from netvaerk.meetings.models import EventSeries
from netvaerk.networks.models import Network
from netvaerk.organisations.models import Organisation
from netvaerk.people.models import Person
from netvaerk.programmes.models import (
    Goal,
    GoalLevel,
    Indicator,
    IndicatorDirection,
    IndicatorSource,
    IndicatorUnit,
    Programme,
    ProgrammeStatus,
)
from netvaerk.programmes.selectors.programmes import (
    goal_choices,
    networks_of,
    owner_candidates,
    series_of,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProgrammeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    slug = forms.SlugField(
        label=_("Address"),
        max_length=60,
        help_text=_("Lower-case letters, digits and hyphens, e.g. lokalpolitik."),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    starts_on = forms.DateField(label=_("From"), widget=DATE)
    ends_on = forms.DateField(label=_("To"), required=False, widget=DATE)
    status = forms.ChoiceField(label=_("Status"), choices=ProgrammeStatus.choices)
    owners = forms.ModelMultipleChoiceField(
        label=_("Owners"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Persons holding the staff, admin or board role."),
    )
    network = forms.ModelChoiceField(
        label=_("Network it works with"),
        queryset=Network.objects.none(),
        required=False,
        empty_label=_("— no network —"),
    )
    series = forms.ModelMultipleChoiceField(
        label=_("Workshop series"),
        queryset=EventSeries.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owners"].queryset = owner_candidates(organisation)  # type: ignore[attr-defined]
        self.fields["network"].queryset = networks_of(organisation)  # type: ignore[attr-defined]
        self.fields["series"].queryset = series_of(organisation)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The programme cannot end before it starts."))
        return data

    @classmethod
    def initial_for(cls, programme: Programme) -> dict[str, Any]:
        return {
            "name": programme.name,
            "slug": programme.slug,
            "description": programme.description,
            "starts_on": programme.starts_on,
            "ends_on": programme.ends_on,
            "status": programme.status,
            "owners": list(programme.owners.all()),
            "network": programme.network,
            "series": list(programme.series.all()),
        }


class GoalForm(forms.Form):
    parent = forms.ModelChoiceField(
        label=_("Under"), queryset=Goal.objects.none(), required=False, empty_label=None
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self, *args: Any, programme: Programme, goal: Goal | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        parent = self.fields["parent"]
        if goal is not None and goal.level == GoalLevel.PURPOSE:
            del self.fields["parent"]
        else:
            parent.queryset = goal_choices(programme, exclude=goal)  # type: ignore[attr-defined]
            parent.label_from_instance = lambda g: f"{g.get_level_display()}: {g.title}"  # type: ignore[attr-defined]
            if goal is None:
                parent.widget = forms.HiddenInput()


class IndicatorForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=300)
    source = forms.ChoiceField(label=_("Measured"), choices=IndicatorSource.choices)
    unit = forms.ChoiceField(
        label=_("Unit"),
        choices=IndicatorUnit.choices,
        help_text=_(
            "A computed indicator is measured in its own unit: per cent for reach, a "
            "number for the others."
        ),
    )
    target = forms.CharField(label=_("Target"), max_length=30)
    direction = forms.ChoiceField(
        label=_("Met when the value is"), choices=IndicatorDirection.choices
    )
    target_date = forms.DateField(label=_("By"), required=False, widget=DATE)
    baseline = forms.CharField(label=_("Starting point"), max_length=30, required=False)
    network = forms.ModelChoiceField(
        label=_("Network measured"),
        queryset=Network.objects.none(),
        required=False,
        empty_label=_("— the programme's network —"),
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = networks_of(organisation)  # type: ignore[attr-defined]

    @classmethod
    def initial_for(cls, indicator: Indicator) -> dict[str, Any]:
        return {
            "name": indicator.name,
            "source": indicator.source,
            "unit": indicator.unit,
            "target": _plain(indicator.target),
            "direction": indicator.direction,
            "target_date": indicator.target_date,
            "baseline": "" if indicator.baseline is None else _plain(indicator.baseline),
            "network": indicator.network,
        }


def _plain(value: Any) -> str:
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


class ValueForm(forms.Form):
    measured_on = forms.DateField(label=_("Measured on"), widget=DATE)
    value = forms.CharField(label=_("Value"), max_length=30)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
    replace = forms.BooleanField(label=_("Replace the value of that day"), required=False)


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(required=False)
