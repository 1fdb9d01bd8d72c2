"""Forms of the reach settings and a network's own goal. Shares are typed as text (a Danish
decimal comma is fine); the service reads them and says what is wrong."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from netvaerk.reach.models import ReachBasis, ReachSettings

PERCENT_HELP = _("A number from 0 to 100, for example 33,4 for more than one third.")


def _percent_input() -> forms.TextInput:
    return forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": 6})


class ReachSettingsForm(forms.Form):
    basis = forms.ChoiceField(
        label=_("What counts as taking part"),
        choices=ReachBasis.choices,
        widget=forms.RadioSelect,
    )
    goal_percent = forms.CharField(
        label=_("Goal for every network: share of branches taking part (%)"),
        required=False,
        max_length=20,
        help_text=_("Leave empty for no goal. A network may have its own goal."),
        widget=_percent_input(),
    )
    inactive_after_months = forms.IntegerField(
        label=_("A network is becoming inactive after this many months without a meeting"),
        min_value=1,
        max_value=36,
    )
    min_meetings_per_year = forms.IntegerField(
        label=_("Fewest meetings in twelve months before a warning"),
        min_value=0,
        max_value=365,
    )
    max_churn_percent = forms.CharField(
        label=_("Warn when more than this share of the members left in twelve months (%)"),
        max_length=20,
        help_text=PERCENT_HELP,
        widget=_percent_input(),
    )
    term_warning_days = forms.IntegerField(
        label=_("Warn this many days before a coordinator's term ends"),
        min_value=0,
        max_value=730,
    )

    def __init__(self, *args: Any, organisation: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisation is not None:
            self.fields["goal_percent"].label = _(
                "Goal for every network: share of %(branches)s taking part (%%)"
            ) % {"branches": organisation.branches_word}

    @classmethod
    def initial_from(cls, settings: ReachSettings) -> dict[str, Any]:
        def text(value: Any) -> str:
            if value is None:
                return ""
            return f"{value:f}".rstrip("0").rstrip(".").replace(".", ",")

        return {
            "basis": settings.basis,
            "goal_percent": text(settings.goal_percent),
            "inactive_after_months": settings.inactive_after_months,
            "min_meetings_per_year": settings.min_meetings_per_year,
            "max_churn_percent": text(settings.max_churn_percent),
            "term_warning_days": settings.term_warning_days,
        }


class NetworkGoalForm(forms.Form):
    SET = "set"
    CLEAR = "clear"

    goal_percent = forms.CharField(
        label=_("The network's own goal (%)"),
        required=False,
        max_length=20,
        help_text=PERCENT_HELP,
        widget=_percent_input(),
    )
    # Sent by the button pressed; without one the goal is set.
    action = forms.ChoiceField(
        choices=[(SET, _("Set the goal")), (CLEAR, _("Use the organisation's goal"))],
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("action"):
            data["action"] = self.SET
        if data.get("action") == self.SET and not (data.get("goal_percent") or "").strip():
            self.add_error("goal_percent", _("Write the goal as a number from 0 to 100."))
        return data
