"""The office's forms for the vocabulary and the limits."""

from typing import Any

from django import forms
from django.db import models
from django.db.models import QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from netvaerk.competences.models import CompetenceSettings, Tag, TagStatus
from netvaerk.competences.services.tags import DESCRIPTION_MAX, NAME_MAX

SYNONYMS_MAX = 4000


class TagFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *TagStatus.choices],
        error_messages={"invalid_choice": _("There is no such status; every tag is shown.")},
    )

    def status_value(self) -> str:
        if not self.is_bound or not self.is_valid():
            return ""
        return str(self.cleaned_data.get("status") or "")


class TagForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=NAME_MAX)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    synonyms = forms.CharField(
        label=_("Synonyms"),
        required=False,
        max_length=SYNONYMS_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Other words for the same competence, one per line. Searching for one of them "
            "finds the competence."
        ),
    )

    def clean_synonyms(self) -> list[str]:
        text = self.cleaned_data.get("synonyms") or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    @staticmethod
    def initial_from(tag: Tag, synonyms: str) -> dict[str, Any]:
        return {"name": tag.name, "description": tag.description, "synonyms": synonyms}


class TagMergeForm(forms.Form):
    into = forms.ModelChoiceField(
        label=_("Merge into"),
        queryset=Tag.objects.none(),
        error_messages={
            "invalid_choice": _("Choose a competence in use or suggested from the list."),
            "required": _("Choose the competence to merge into."),
        },
    )

    def __init__(self, *args: Any, targets: QuerySet[Tag], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["into"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = targets


class TagStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=TagStatus.choices,
        error_messages={"invalid_choice": _("There is no such status.")},
    )


class CompetenceSettingsForm(forms.Form):
    open_requests_per_person = forms.IntegerField(min_value=1, max_value=100)
    sometimes_per_year = forms.IntegerField(min_value=1, max_value=100)
    requests_per_day = forms.IntegerField(min_value=1, max_value=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            model_field = CompetenceSettings._meta.get_field(name)
            assert isinstance(model_field, models.Field)
            field.label = capfirst(str(model_field.verbose_name))
            field.help_text = str(model_field.help_text or "") or _("A whole number from 1 to 100.")

    @staticmethod
    def initial_from(settings: CompetenceSettings) -> dict[str, Any]:
        return {
            "open_requests_per_person": settings.open_requests_per_person,
            "sometimes_per_year": settings.sometimes_per_year,
            "requests_per_day": settings.requests_per_day,
        }
