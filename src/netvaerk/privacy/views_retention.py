"""The retention rules, what the next run will remove, and the last runs (the
data-protection staff, the administrators and, to read, the office)."""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.validators import MinValueValidator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from netvaerk.core.access import Actor, ensure, org_view
from netvaerk.core.actions import form_action
from netvaerk.core.http import HttpRequest
from netvaerk.privacy.models import RetentionKind, RetentionRule, RetentionRun
from netvaerk.privacy.services.retention import (
    KIND_MONTHS_MIN,
    MONTHS_MAX,
    MONTHS_MIN,
    retention_apply,
    retention_preview,
    retention_rule_set,
)

LAST_RUNS = 10
# A new rule's proposal until the staff set one.
DEFAULT_MONTHS = 60


class RuleForm(forms.Form):
    months = forms.IntegerField(
        label=gettext_lazy("Months"),
        min_value=MONTHS_MIN,
        max_value=MONTHS_MAX,
        error_messages={"required": gettext_lazy("Give a number of months.")},
    )
    active = forms.BooleanField(label=gettext_lazy("Apply this rule"), required=False)

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        kwargs["prefix"] = kind
        super().__init__(*args, **kwargs)
        least = KIND_MONTHS_MIN.get(RetentionKind(kind), MONTHS_MIN)
        months = self.fields["months"]
        assert isinstance(months, forms.IntegerField)
        months.min_value = least
        months.validators.append(MinValueValidator(least))
        months.widget.attrs["min"] = least
        months.help_text = _("From %(min)d to %(max)d months.") % {"min": least, "max": MONTHS_MAX}
        self.kind = kind
        self.label = RetentionKind(kind).label


def _index_url(actor: Actor) -> str:
    return reverse("retention:index", kwargs={"org": actor.organisation.slug})


def _forms(actor: Actor, bound: RuleForm | None = None) -> list[RuleForm]:
    rules = {
        rule.kind: rule for rule in RetentionRule.objects.filter(organisation=actor.organisation)
    }
    result = []
    for kind in RetentionKind.values:
        if bound is not None and bound.kind == kind:
            result.append(bound)
            continue
        rule = rules.get(kind)
        initial = (
            {"months": rule.months, "active": rule.active}
            if rule
            else {
                "months": max(DEFAULT_MONTHS, KIND_MONTHS_MIN.get(RetentionKind(kind), 0)),
                "active": False,
            }
        )
        result.append(RuleForm(kind=kind, initial=initial))
    return result


def _page(request: HttpRequest, actor: Actor, *, bound: RuleForm | None = None) -> HttpResponse:
    organisation = actor.organisation
    labels = dict(RetentionKind.choices)
    context = {
        "forms": _forms(actor, bound),
        "can_edit": actor.can("privacy.edit_retention"),
        "previews": retention_preview(organisation=organisation),
        "runs": [
            (run, [(labels.get(kind, kind), n) for kind, n in run.removed.items() if n])
            for run in RetentionRun.objects.filter(organisation=organisation)[:LAST_RUNS]
        ],
    }
    return render(
        request, "privacy/retention.html", context, status=400 if bound is not None else 200
    )


def _kind_of(request: HttpRequest) -> str | None:
    kind = request.POST.get("kind", "")
    return kind if kind in RetentionKind.values else None


@require_http_methods(["GET", "POST"])
@org_view
def index(request: HttpRequest, actor: Actor) -> HttpResponse:
    ensure(actor, "privacy.view_retention")
    if request.method == "GET":
        return _page(request, actor)
    ensure(actor, "privacy.edit_retention")
    kind = _kind_of(request)
    if kind is None:
        messages.error(request, _("There is no such retention rule."))
        return redirect(_index_url(actor))
    form = RuleForm(request.POST, kind=kind)
    return form_action(
        request,
        form,
        lambda data: retention_rule_set(
            actor=actor, kind=kind, months=data["months"], active=data["active"]
        ),
        done=_("The retention rule “%(rule)s” has been saved.") % {"rule": form.label},
        then=_index_url(actor),
        again=lambda: _page(request, actor, bound=form),
    )


@require_POST
@org_view
def apply_now(request: HttpRequest, actor: Actor) -> HttpResponse:
    ensure(actor, "privacy.edit_retention")
    run = retention_apply(organisation=actor.organisation, trigger="staff", actor=actor)
    removed = sum(run.removed.values())
    messages.success(
        request,
        _("The retention rules have been applied: %(count)d removed or anonymised.")
        % {"count": removed},
    )
    return redirect(_index_url(actor))
