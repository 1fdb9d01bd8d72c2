"""The form of one's own competence profile. The form offers only what may be chosen (tags in
use, the organisation's regions, the languages offered); the service checks it all again."""

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from netvaerk.competences.models import (
    SPARRING_LANGUAGES,
    Availability,
    ContactPreference,
    Experience,
    Profile,
    Tag,
    TagStatus,
    Visibility,
)
from netvaerk.competences.services.profiles import SUGGESTION_MAX, SUMMARY_MAX
from netvaerk.organisations.models import Organisation, Region

AVAILABILITY_HELP = {
    Availability.OPEN: _("People may ask you whenever they need to, up to your limit."),
    Availability.SOMETIMES: _(
        "You are asked only a few times a year; the organisation sets how many."
    ),
    Availability.PAUSED: _(
        "Nobody can ask you for now. Your profile can still be found if you let it."
    ),
}
VISIBILITY_HELP = {
    Visibility.NETWORKS: _("Only people who are in one of your networks can find and see you."),
    Visibility.ORGANISATION: _("Every person in the organisation can find and see you."),
    Visibility.NOBODY: _(
        "Your profile is hidden everywhere: in search, on pages and in every count. "
        "Only you can see it."
    ),
}


class ProfileForm(forms.Form):
    tags = forms.ModelMultipleChoiceField(
        label=_("Your competences"),
        queryset=Tag.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _(
                "One of the competences you chose is not in the list (any more). "
                "Choose from the list."
            ),
            "invalid_pk_value": _("“%(pk)s” is not a competence from the list."),
        },
    )
    suggestion = forms.CharField(
        label=_("Suggest a competence that is not in the list"),
        required=False,
        max_length=SUGGESTION_MAX,
    )
    summary = forms.CharField(
        label=_("What you know and can help with"),
        required=False,
        max_length=SUMMARY_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("In your own words, at most 2000 characters."),
    )
    experience = forms.ChoiceField(
        label=_("Experience"), choices=Experience.choices, widget=forms.RadioSelect
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you can give sparring in"),
        choices=SPARRING_LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("“%(value)s” is not a language offered here.")},
    )
    region = forms.ModelChoiceField(
        label=_("Region where you can help"),
        queryset=Region.objects.none(),
        required=False,
        empty_label=_("No particular region"),
        error_messages={"invalid_choice": _("Choose one of the organisation's regions.")},
    )
    contact_preference = forms.ChoiceField(
        label=_("How you prefer to be contacted"),
        choices=ContactPreference.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Others see only the way you prefer. Your e-mail and phone are shared only with "
            "someone whose request you accept."
        ),
    )
    availability = forms.ChoiceField(
        label=_("How much you want to be asked"),
        choices=Availability.choices,
        widget=forms.RadioSelect,
    )
    visibility = forms.ChoiceField(
        label=_("Who may find you"), choices=Visibility.choices, widget=forms.RadioSelect
    )
    open_requests_limit = forms.IntegerField(
        label=_("At most this many open requests at a time"),
        required=False,
        min_value=1,
    )

    def __init__(
        self,
        *args: Any,
        organisation: Organisation,
        profile: Profile | None,
        organisation_limit: int,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        allowed = Q(status=TagStatus.ACTIVE)
        if profile is not None:
            allowed |= Q(status=TagStatus.SUGGESTED, profile_tags__profile=profile)
        tags = self.fields["tags"]
        assert isinstance(tags, forms.ModelMultipleChoiceField)
        tags.queryset = Tag.objects.filter(allowed, organisation=organisation).distinct()
        region = self.fields["region"]
        assert isinstance(region, forms.ModelChoiceField)
        region.queryset = Region.objects.filter(organisation=organisation)
        limit = self.fields["open_requests_limit"]
        assert isinstance(limit, forms.IntegerField)
        limit.widget.attrs.update({"min": 1, "max": organisation_limit})
        limit.validators.append(_max_validator(organisation_limit))
        self.fields["suggestion"].help_text = _(
            "It is added to your profile at once, but others see it and can search for it "
            "only when the %(office)s has approved it."
        ) % {"office": organisation.office_word}
        limit.help_text = _(
            "Leave empty to use the organisation's limit of %(limit)d. You can only set a "
            "lower one."
        ) % {"limit": organisation_limit}

    @staticmethod
    def initial_from(profile: Profile | None, default_region: Region | None) -> dict[str, Any]:
        if profile is None:
            return {
                "experience": Experience.SOME,
                "region": default_region,
                "contact_preference": ContactPreference.EMAIL,
                "availability": Availability.OPEN,
                "visibility": Visibility.NETWORKS,
            }
        return {
            "tags": [tag.pk for tag in profile.tags.exclude(status=TagStatus.RETIRED)],
            "summary": profile.summary,
            "experience": profile.experience,
            "languages": profile.languages,
            "region": profile.region_id,
            "contact_preference": profile.contact_preference,
            "availability": profile.availability,
            "visibility": profile.visibility,
            "open_requests_limit": profile.open_requests_limit,
        }

    def tag_queryset(self) -> QuerySet[Tag]:
        field = self.fields["tags"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        return field.queryset  # type: ignore[return-value]


def _max_validator(limit: int) -> Any:
    from django.core.validators import MaxValueValidator

    return MaxValueValidator(
        limit,
        message=_("Your own limit can be at most the organisation's limit of %(limit_value)s."),
    )
