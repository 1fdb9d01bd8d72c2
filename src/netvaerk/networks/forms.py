from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from netvaerk.networks.models import (
    ChannelKind,
    JoinPolicy,
    MembershipRole,
    Network,
    NetworkChannel,
    NetworkKind,
    NetworkStatus,
)
from netvaerk.organisations.models import Organisation, Region, slug_validator
from netvaerk.people.models import Person

URL_MAX = NetworkChannel._meta.get_field("url").max_length or 200
LABEL_MAX = NetworkChannel._meta.get_field("label").max_length or 100


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    region = forms.SlugField(label=_("Region"), required=False, max_length=50)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("Central and regional")), *NetworkKind.choices],
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.regions = list(Region.objects.filter(organisation=organisation).order_by("name"))
        self.fields["q"].error_messages["max_length"] = _(
            "Search with at most %(limit_value)d characters."
        )

    def clean_region(self) -> Region | None:
        slug = self.cleaned_data["region"]
        if not slug:
            return None
        for region in self.regions:
            if region.slug == slug:
                return region
        raise forms.ValidationError(
            _("There is no region called “%(region)s”."), params={"region": slug}
        )


class NetworkForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    slug = forms.CharField(
        label=_("Address"),
        max_length=60,
        validators=[slug_validator],
        help_text=_("Used in the network's web address, e.g. boligpolitisk-netvaerk."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=NetworkKind.choices)
    central = forms.ModelChoiceField(
        label=_("Central network it mirrors"), queryset=Network.objects.none(), required=False
    )
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.none(), required=False
    )
    purpose = forms.CharField(
        label=_("Purpose"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    audience = forms.CharField(
        label=_("Audience"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Who the network is for, e.g. everyone engaged in housing policy."),
    )
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False, max_length=254)
    join_policy = forms.ChoiceField(label=_("Joining"), choices=JoinPolicy.choices)
    status = forms.ChoiceField(label=_("Status"), choices=NetworkStatus.choices)
    channels = forms.CharField(
        label=_("External channels"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self, *args: Any, organisation: Organisation, network: Network | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        # Built per form, not at import, so that it follows the language of each request.
        self.fields["channels"].help_text = _(
            "One per line: kind, link and an optional label separated by spaces, e.g. "
            "“facebook https://facebook.com/groups/… Our group”. Kinds: %(kinds)s."
        ) % {"kinds": ", ".join(ChannelKind.values)}
        centrals = Network.objects.filter(organisation=organisation, kind=NetworkKind.CENTRAL)
        if network is not None:
            centrals = centrals.exclude(pk=network.pk)
            self.fields["slug"].disabled = True
            self.fields["slug"].required = False
        self.fields["central"].queryset = centrals.order_by("name")  # type: ignore[attr-defined]
        self.fields["region"].queryset = Region.objects.filter(organisation=organisation)  # type: ignore[attr-defined]

    def clean_channels(self) -> list[tuple[str, str, str]]:
        from django.core.validators import URLValidator

        result = []
        validate_url = URLValidator(schemes=["http", "https"])
        for number, line in enumerate(self.cleaned_data["channels"].splitlines(), start=1):
            parts = line.split(maxsplit=2)
            if not parts:
                continue
            if len(parts) < 2 or parts[0] not in ChannelKind.values:
                raise forms.ValidationError(
                    _("Line %(line)d: start with a kind (%(kinds)s) followed by a link."),
                    params={"line": number, "kinds": ", ".join(ChannelKind.values)},
                )
            try:
                validate_url(parts[1])
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("Line %(line)d: “%(url)s” is not a web address."),
                    params={"line": number, "url": parts[1][:100]},
                ) from None
            label = parts[2] if len(parts) > 2 else ""
            if len(parts[1]) > URL_MAX or len(label) > LABEL_MAX:
                raise forms.ValidationError(
                    _(
                        "Line %(line)d: keep the link under %(url_max)d and the label under "
                        "%(label_max)d characters."
                    ),
                    params={"line": number, "url_max": URL_MAX, "label_max": LABEL_MAX},
                )
            result.append((parts[0], parts[1], label))
        return result


class LeaveForm(forms.Form):
    successor = forms.IntegerField(required=False, widget=forms.HiddenInput)


class RequestMessageForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the chair (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ContactSharingForm(forms.Form):
    share = forms.BooleanField(
        label=_("The network's chair and coordination group may see my e-mail and phone"),
        required=False,
    )


class MemberActionForm(forms.Form):
    ACTIONS = [
        ("approve", _("Approve")),
        ("decline", _("Decline")),
        ("role", _("Change role")),
        ("remove", _("Remove from the network")),
    ]
    action = forms.ChoiceField(choices=ACTIONS)
    role = forms.ChoiceField(choices=MembershipRole.choices, required=False)
    reason = forms.CharField(max_length=500, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action") == "role" and not data.get("role"):
            self.add_error("role", _("Choose a role."))
        return data


class PersonLookupField(forms.CharField):
    """A person named by e-mail or member number: works without JavaScript and at any size
    of organisation, where a drop-down of every person would not."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 254)
        kwargs.setdefault("help_text", _("The person's e-mail address or member number."))
        super().__init__(**kwargs)


def resolve_person(organisation: Organisation, value: str) -> Person:
    value = value.strip()
    qs = Person.objects.filter(organisation=organisation)
    matches = list(
        (qs.filter(email__iexact=value) if "@" in value else qs.filter(member_number=value))[:2]
    )
    if not matches:
        raise forms.ValidationError(
            _("No one in %(organisation)s has the e-mail address or member number “%(value)s”."),
            params={"organisation": organisation.name, "value": value[:100]},
        )
    if len(matches) > 1:
        raise forms.ValidationError(
            _("Several persons share that e-mail address; use the member number instead.")
        )
    return matches[0]


class AddMemberForm(forms.Form):
    person = PersonLookupField(label=_("Person"))
    role = forms.ChoiceField(
        label=_("Role"), choices=MembershipRole.choices, initial=MembershipRole.MEMBER
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_person(self) -> Person:
        return resolve_person(self.organisation, self.cleaned_data["person"])


class PlausibleDateField(forms.DateField):
    """A date in this century: a typo like year 0001 or 9999 gets a message, not a crash."""

    # A date input takes and gives ISO dates whatever the page's language.
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value and not 2000 <= value.year <= 2100:
            raise forms.ValidationError(
                _("Choose a date between the years %(first)d and %(last)d."),
                params={"first": 2000, "last": 2100},
            )


class MandateForm(forms.Form):
    person = PersonLookupField(label=_("Coordinator"))
    decision_reference = forms.CharField(
        label=_("Board decision"),
        max_length=200,
        help_text=_("Where the board decided it, e.g. the board meeting of 12 March 2026, item 4."),
    )
    term_start = PlausibleDateField(label=_("Term from"))
    term_end = PlausibleDateField(label=_("Term to"))

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_person(self) -> Person:
        return resolve_person(self.organisation, self.cleaned_data["person"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("term_start"), data.get("term_end")
        if start and end and end < start:
            self.add_error("term_end", _("The term must end after it starts."))
        return data


class EndMandateForm(forms.Form):
    ended_on = PlausibleDateField(label=_("Last day"))
    reason = forms.CharField(label=_("Reason"), max_length=300)
