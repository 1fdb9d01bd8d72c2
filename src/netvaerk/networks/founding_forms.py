"""Forms for proposals to start a new network (networks/founding.py)."""

from typing import Any

from django import forms
from django.forms.boundfield import BoundField
from django.utils.translation import gettext_lazy as _

from netvaerk.networks.founding import MESSAGE_MAX, REASON_MAX
from netvaerk.networks.models import NetworkKind
from netvaerk.organisations.models import Organisation, Region, slug_validator
from netvaerk.people.models import Person

# A field no person sees or fills in: only a bot that fills every field does.
HONEYPOT = "website"


def _textarea(rows: int, limit: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "maxlength": limit})


class RegionChoiceMixin:
    """Regions of the organisation only; a regional network needs one."""

    fields: dict[str, forms.Field]

    def _limit_regions(self, organisation: Organisation) -> None:
        region = self.fields["region"]
        region.queryset = Region.objects.filter(organisation=organisation).order_by("name")  # type: ignore[attr-defined]

    def _check_region(self, data: dict[str, Any]) -> None:
        if data.get("kind") == NetworkKind.REGIONAL and not data.get("region"):
            self.add_error("region", _("Choose the region the network would work in."))  # type: ignore[attr-defined]


class ProposalForm(RegionChoiceMixin, forms.Form):
    name = forms.CharField(label=_("Proposed name or topic"), max_length=150)
    purpose = forms.CharField(
        label=_("Why does the topic need its own network?"),
        max_length=MESSAGE_MAX,
        widget=_textarea(5, MESSAGE_MAX),
        help_text=_("What would the network work on, and why can it not be done locally?"),
    )
    helpers = forms.CharField(
        label=_("Who would help start it?"),
        max_length=2000,
        widget=_textarea(3, 2000),
        help_text=_("You and others who have said they would take part, and what they bring."),
    )
    kind = forms.ChoiceField(
        label=_("Central or regional"),
        choices=[
            (NetworkKind.CENTRAL, _("Central: for the whole organisation")),
            (NetworkKind.REGIONAL, _("Regional: in one region")),
        ],
        initial=NetworkKind.CENTRAL,
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.none(),
        required=False,
        help_text=_("Only for a regional network."),
    )
    proposer_name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    proposer_email = forms.EmailField(
        label=_("Your e-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("We send the link to follow your proposal here."),
    )
    proposer_phone = forms.CharField(
        label=_("Your phone (optional)"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    consent = forms.BooleanField(required=True)
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        # No length limit: whatever a bot puts here, it gets the honeypot's refusal.
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(
        self,
        *args: Any,
        organisation: Organisation,
        person: Person | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._limit_regions(organisation)
        # Built per form, so that it follows the language of the request.
        self.fields["consent"].label = _(
            "I agree that %(organisation)s keeps my name and contact details to handle this "
            "proposal, and that its office and board may read them and contact me about it."
        ) % {"organisation": organisation.name}
        self.fields["consent"].error_messages["required"] = _(
            "Agree to how we use your details, or we cannot handle your proposal."
        )
        if person is not None:
            self.fields["proposer_name"].initial = person.name
            if person.email:
                # A signed-in person proposes under the address the organisation has for them.
                email = self.fields["proposer_email"]
                email.initial = person.email
                email.disabled = True
                email.help_text = _(
                    "The address %(organisation)s has for you. Change it on your own page."
                ) % {"organisation": organisation.name}

    def visible_fields(self) -> list[BoundField]:
        return [field for field in super().visible_fields() if field.name != HONEYPOT]

    @property
    def honeypot(self) -> BoundField:
        return self[HONEYPOT]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get(HONEYPOT):
            raise forms.ValidationError(
                _(
                    "Your proposal could not be sent. If you filled in the field that should "
                    "be left empty, clear it and send the proposal again."
                )
            )
        self._check_region(data)
        return data


class AskForm(forms.Form):
    question = forms.CharField(
        label=_("Question to the proposer"),
        max_length=MESSAGE_MAX,
        widget=_textarea(4, MESSAGE_MAX),
        help_text=_("The proposer gets it by e-mail and answers on their proposal's page."),
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX,
        widget=_textarea(3, REASON_MAX),
        help_text=_("The proposer gets it by e-mail."),
    )


class ReferForm(RegionChoiceMixin, forms.Form):
    name = forms.CharField(label=_("Name of the network"), max_length=150)
    slug = forms.CharField(
        label=_("Address"),
        max_length=60,
        validators=[slug_validator],
        help_text=_("Used in the network's web address, e.g. boligpolitisk-netvaerk."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=NetworkKind.choices)
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.none(), required=False
    )
    purpose = forms.CharField(
        label=_("Purpose"), max_length=MESSAGE_MAX, widget=_textarea(4, MESSAGE_MAX)
    )
    note = forms.CharField(
        label=_("Note to the board (optional)"),
        max_length=REASON_MAX,
        required=False,
        widget=_textarea(3, REASON_MAX),
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limit_regions(organisation)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self._check_region(data)
        return data


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("The board's decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
    )
    reason = forms.CharField(
        label=_("Reason or board decision"),
        max_length=REASON_MAX,
        required=False,
        widget=_textarea(3, REASON_MAX),
        help_text=_(
            "Required when rejecting, and when you record the board's decision on its behalf: "
            "e.g. the board meeting of 12 March 2026, item 4."
        ),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer"), max_length=MESSAGE_MAX, widget=_textarea(5, MESSAGE_MAX)
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you withdrawing? (optional)"),
        max_length=REASON_MAX,
        required=False,
        widget=_textarea(2, REASON_MAX),
    )
