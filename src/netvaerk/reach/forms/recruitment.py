"""Forms of the recruitment list: its filters, a branch's pipeline entry, and a note."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from netvaerk.networks.forms import PlausibleDateField
from netvaerk.organisations.models import Region
from netvaerk.people.models import Person
from netvaerk.reach.models import RecruitmentStage
from netvaerk.reach.selectors.recruitment import RecruitmentFilters, RecruitmentSort
from netvaerk.reach.services.recruitment import NEXT_STEP_MAX, NOTE_MAX


class RecruitmentFilterForm(forms.Form):
    """The list's filters from the query string. A value that is not offered is named on the
    form and left out, the other filters still apply."""

    region = forms.ChoiceField(label=_("Region"), required=False)
    stage = forms.ChoiceField(
        label=_("Stage"),
        required=False,
        choices=[("", _("All stages")), *RecruitmentStage.choices],
    )
    overdue = forms.BooleanField(label=_("Only where the next step is overdue"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=RecruitmentSort.choices())

    def __init__(self, *args: Any, regions: QuerySet[Region], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.regions = {region.slug: region for region in regions}
        field = self.fields["region"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("All regions"))] + [
            (slug, region.name) for slug, region in self.regions.items()
        ]

    def filters(self) -> RecruitmentFilters:
        """The valid filters (an unbound form: none, sorted by size)."""
        if not self.is_bound:
            return RecruitmentFilters()
        self.is_valid()
        data = self.cleaned_data
        return RecruitmentFilters(
            region=self.regions.get(data.get("region") or ""),
            stage=data.get("stage") or "",
            overdue=bool(data.get("overdue")),
            sort=data.get("sort") or RecruitmentSort.DEFAULT,
        )


class RecruitmentEntryForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=RecruitmentStage.choices)
    owner: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Who is on it"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("Nobody yet"),
        help_text=_(
            "The network's chair, its coordination group, its coordinator or someone of the office."
        ),
    )
    next_step = forms.CharField(label=_("Next step"), max_length=NEXT_STEP_MAX, required=False)
    next_step_on = PlausibleDateField(label=_("Next step by"), required=False)
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the entry's history, which those who recruit can read."),
    )

    def __init__(self, *args: Any, owners: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["owner"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = owners


class RecruitmentNoteForm(forms.Form):
    text = forms.CharField(
        label=_("New note"),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].help_text = _(
            "At most %(max)d characters. Those who work on the recruitment can read it."
        ) % {"max": NOTE_MAX}
