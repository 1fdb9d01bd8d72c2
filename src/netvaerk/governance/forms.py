from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from netvaerk.governance.models import ProposalKind, ProposalStatus, RequestKind
from netvaerk.governance.selectors import persons_with_role
from netvaerk.networks.forms import PlausibleDateField
from netvaerk.networks.models import Network, NetworkStatus
from netvaerk.organisations.models import Organisation, OrgRole

TEXT_LIMIT = 50_000


class RulesForm(forms.Form):
    text = forms.CharField(
        label=_("Rules of procedure"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 20}),
        help_text=_(
            "Markdown is allowed: # for headings, - for lists, a blank line between paragraphs."
        ),
    )
    change_summary = forms.CharField(
        label=_("What changes"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("A sentence or two for the board on what is new in this version."),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class RequiredReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class RulesDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("return", _("Return to the network"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("The board's reasoning"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the rules are returned."),
    )
    reference = forms.CharField(
        label=_("Decision reference"),
        max_length=200,
        required=False,
        help_text=_("Where the board decided it, e.g. the board meeting of 12 March 2026, item 4."),
    )


class ProposalForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ProposalKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(
        label=_("Proposal"),
        max_length=TEXT_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("The statement or the action plan as the network proposes it."),
    )
    rationale = forms.CharField(
        label=_("Rationale"),
        max_length=TEXT_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Why the network proposes it, and what it builds on."),
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Attach a file"), max_length=200)


class HandleProposalForm(forms.Form):
    preparer: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Board member who prepares it"), queryset=None, required=False
    )
    answer_due = PlausibleDateField(label=_("The network gets an answer by"), required=False)

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["preparer"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = persons_with_role(
            organisation=organisation, roles=(OrgRole.BOARD,)
        ).order_by("name")


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Private note for the board"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ProposalDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (ProposalStatus.ADOPTED, ProposalStatus.ADOPTED.label),
            (ProposalStatus.ADOPTED_WITH_CHANGES, ProposalStatus.ADOPTED_WITH_CHANGES.label),
            (ProposalStatus.REJECTED, ProposalStatus.REJECTED.label),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("The board's reasoning"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    adopted_text = forms.CharField(
        label=_("Text as adopted"),
        max_length=TEXT_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Only when the board adopts it with changes."),
    )
    reference = forms.CharField(
        label=_("Decision reference"),
        max_length=200,
        required=False,
        help_text=_("Where the board decided it, e.g. the board meeting of 12 March 2026, item 4."),
    )


class BoardRequestForm(forms.Form):
    network: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Network"), queryset=None)
    kind = forms.ChoiceField(label=_("The board asks for"), choices=RequestKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(
        label=_("What the board asks"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    deadline = PlausibleDateField(label=_("Deadline"))

    def __init__(
        self, *args: Any, organisation: Organisation, network: Network | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["network"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Network.objects.filter(
            organisation=organisation, status=NetworkStatus.ACTIVE
        ).order_by("name")
        if network is not None:
            del self.fields["network"]


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("The network's answer"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), ("pending", _("Waiting for the board"))]
        + [(value, label) for value, label in ProposalStatus.choices if value != "draft"],
    )
    network: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Network"), queryset=None, required=False
    )
    overdue = forms.BooleanField(label=_("Only overdue answers"), required=False)

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["network"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Network.objects.filter(organisation=organisation).order_by("name")
