"""Rules of procedure: the current rules, drafts, the board's decision and comparison."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netvaerk.core.access import Actor, ensure, org_view
from netvaerk.core.actions import form_action, form_error
from netvaerk.core.errors import ServiceError
from netvaerk.core.http import HttpRequest
from netvaerk.core.selectors import paginate
from netvaerk.governance import selectors, services
from netvaerk.governance.access import (
    access_rules_version,
)
from netvaerk.governance.forms import (
    ReasonForm,
    RulesDecisionForm,
    RulesForm,
)
from netvaerk.governance.models import (
    RulesOfProcedure,
    RulesStatus,
)
from netvaerk.governance.views.common import (
    PAGE_SIZE,
    _network,
    _rules_url,
)


@require_GET
@org_view
def rules_page(request: HttpRequest, actor: Actor, network: str) -> HttpResponse:
    net = _network(actor, network, "governance.view_rules")
    sees_work = actor.can("governance.view_rules_work", net)
    versions = selectors.rules_versions(network=net, include_work=sees_work)
    context = {
        "network": net,
        "current": selectors.current_rules(network=net),
        "open_version": selectors.open_rules(network=net) if sees_work else None,
        "page": paginate(versions, page=request.GET.get("page"), per_page=PAGE_SIZE),
        "can_draft": actor.can("governance.draft_rules", net),
    }
    return render(request, "governance/rules.html", context)


@require_http_methods(["GET", "POST"])
@org_view
def rules_edit(request: HttpRequest, actor: Actor, network: str) -> HttpResponse:
    net = _network(actor, network, "governance.draft_rules")
    open_version = selectors.open_rules(network=net)
    if open_version is not None and open_version.status == RulesStatus.SUBMITTED:
        messages.error(
            request,
            _("The rules are with the board. Withdraw them first if you need to change them."),
        )
        return redirect(_rules_url(net, open_version))
    base = open_version or selectors.current_rules(network=net)
    initial = {
        "text": base.text if base else "",
        "change_summary": open_version.change_summary if open_version else "",
    }
    if request.method == "POST":
        form = RulesForm(request.POST, initial=initial)
        if form.is_valid():
            try:
                saved = services.rules_draft_save(
                    actor=actor,
                    network=net,
                    text=form.cleaned_data["text"],
                    change_summary=form.cleaned_data["change_summary"],
                )
            except ServiceError as error:
                form_error(form, error)
            else:
                messages.success(request, _("The draft has been saved."))
                return redirect(_rules_url(net, saved))
    else:
        form = RulesForm(initial=initial)
    return render(
        request,
        "governance/rules_form.html",
        {"form": form, "network": net, "open_version": open_version},
        status=400 if form.errors else 200,
    )


def _rules_version_page(
    request: HttpRequest,
    actor: Actor,
    version: RulesOfProcedure,
    *,
    decision_form: RulesDecisionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    net = version.network
    previous = (
        RulesOfProcedure.objects.filter(
            network=net, status=RulesStatus.APPROVED, created_at__lt=version.created_at
        )
        .order_by("-created_at")
        .first()
    )
    sees_work = actor.can("governance.view_rules_work", net)
    context = {
        "network": net,
        "version": version,
        "previous": previous,
        "current": selectors.current_rules(network=net),
        "can_draft": actor.can("governance.draft_rules", net),
        "can_decide": actor.can("governance.decide_rules", version),
        "decision_form": decision_form or RulesDecisionForm(),
        "withdraw_form": ReasonForm(),
        "history": (
            selectors.history(obj=version, organisation=actor.organisation) if sees_work else []
        ),
    }
    return render(request, "governance/rules_version.html", context, status=status)


@require_GET
@org_view
def rules_version(
    request: HttpRequest, actor: Actor, network: str, version_id: int
) -> HttpResponse:
    net = _network(actor, network, "governance.view_rules")
    return _rules_version_page(request, actor, access_rules_version(actor, net, version_id))


@require_POST
@org_view
def rules_submit(request: HttpRequest, actor: Actor, network: str, version_id: int) -> HttpResponse:
    net = _network(actor, network, "governance.draft_rules")
    version = access_rules_version(actor, net, version_id)
    try:
        services.rules_submit(actor=actor, version=version)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The rules have been submitted to the board."))
    return redirect(_rules_url(net, version))


@require_POST
@org_view
def rules_withdraw(
    request: HttpRequest, actor: Actor, network: str, version_id: int
) -> HttpResponse:
    net = _network(actor, network, "governance.draft_rules")
    version = access_rules_version(actor, net, version_id)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.rules_withdraw(actor=actor, version=version, reason=reason)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect(_rules_url(net, version))
    messages.success(request, _("The draft has been withdrawn."))
    return redirect(_rules_url(net))


@require_POST
@org_view
def rules_decide(request: HttpRequest, actor: Actor, network: str, version_id: int) -> HttpResponse:
    net = _network(actor, network, "governance.view_rules_work")
    version = access_rules_version(actor, net, version_id)
    ensure(actor, "governance.decide_rules", version)
    form = RulesDecisionForm(request.POST)

    def said(decided: RulesOfProcedure) -> str:
        if decided.status == RulesStatus.APPROVED:
            return _("Version %(number)s of the rules has been approved.") % {
                "number": decided.number
            }
        return _("The rules have been returned to the network.")

    return form_action(
        request,
        form,
        lambda data: services.rules_decide(
            actor=actor,
            version=version,
            approve=data["decision"] == "approve",
            reason=data["reason"],
            reference=data["reference"],
        ),
        done=said,
        then=_rules_url(net, version),
        again=lambda: _rules_version_page(request, actor, version, decision_form=form, status=400),
    )


@require_GET
@org_view
def rules_compare(request: HttpRequest, actor: Actor, network: str) -> HttpResponse:
    net = _network(actor, network, "governance.view_rules")
    try:
        old_id = int(request.GET.get("old", ""))
        new_id = int(request.GET.get("new", ""))
    except ValueError:
        raise Http404 from None
    old = access_rules_version(actor, net, old_id)
    new = access_rules_version(actor, net, new_id)
    context = {
        "network": net,
        "old": old,
        "new": new,
        "lines": selectors.rules_diff(old=old, new=new),
    }
    return render(request, "governance/rules_compare.html", context)
