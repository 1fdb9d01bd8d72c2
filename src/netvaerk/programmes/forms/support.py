"""Forms of the focused-support track."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from netvaerk.organisations.models import Branch
from netvaerk.people.models import Person
from netvaerk.programmes.models import Programme, SelectionCriterion, SupportStatus
from netvaerk.programmes.selectors.support import (
    MAX_CONTACT_CHOICES,
    branch_groups,
    contact_candidates,
    criteria_of,
)
from netvaerk.programmes.services.support import LOG_KINDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _DetailsForm(forms.Form):
    criteria = forms.ModelMultipleChoiceField(
        label=_("Criteria the branch meets"),
        queryset=SelectionCriterion.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    selection_reason = forms.CharField(
        label=_("Why the branch was selected"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    focus_theme = forms.CharField(
        label=_("Focus theme"),
        max_length=300,
        required=False,
        help_text=_("For example the organisation's adopted priorities for 2024–25."),
    )
    contact_email = forms.EmailField(
        label=_("Contact in the branch, by e-mail address"), required=False
    )
    starts_on = forms.DateField(label=_("Support from"), required=False, widget=DATE)
    ends_on = forms.DateField(label=_("Support to"), required=False, widget=DATE)

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["criteria"].queryset = criteria_of(programme)  # type: ignore[attr-defined]


class SelectForm(_DetailsForm):
    branch = forms.TypedChoiceField(label=_("Branch"), coerce=int, choices=())
    field_order = ["branch"]

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, programme=programme, **kwargs)
        organisation = programme.organisation
        field = self.fields["branch"]
        field.label = organisation.branch_word.capitalize()
        field.choices = [("", "—"), *branch_groups(organisation)]  # type: ignore[attr-defined]
        self.organisation = organisation

    def chosen_branch(self) -> Branch | None:
        """The branch chosen (the choices hold only the organisation's own)."""
        return Branch.objects.filter(
            pk=self.cleaned_data["branch"], organisation=self.organisation
        ).first()


class SupportedForm(_DetailsForm):
    contact = forms.ModelChoiceField(
        label=_("Contact in the branch"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("— no contact —"),
        help_text=_("Persons of the branch with a login; anyone else by e-mail address below."),
    )
    field_order = ["criteria", "selection_reason", "focus_theme", "contact", "contact_email"]

    def __init__(self, *args: Any, programme: Programme, branch: Branch, **kwargs: Any) -> None:
        super().__init__(*args, programme=programme, **kwargs)
        candidates = contact_candidates(branch)
        ids = list(candidates.values_list("pk", flat=True)[:MAX_CONTACT_CHOICES])
        initial = kwargs.get("initial", {}).get("contact")
        if initial is not None:
            ids.append(initial.pk)
        self.fields["contact"].queryset = candidates.model.objects.filter(  # type: ignore[attr-defined]
            pk__in=ids
        ).order_by("name", "pk")


class CriterionForm(forms.Form):
    text = forms.CharField(label=_("Criterion"), max_length=300)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=SupportStatus.choices)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CaseEntryForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(k.value, k.label) for k in LOG_KINDS],
    )
    happened_on = forms.DateField(label=_("Date"), widget=DATE)
    text = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 4}))
