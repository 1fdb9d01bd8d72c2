"""The focused-support track's pages: the list of branches in it with counts by status, the
selection of a branch, the programme's criteria, and a branch's page with its status and case
log. A branch lead sees their own branch's page, read-only."""

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netvaerk.core.access import Actor, org_view, today
from netvaerk.core.actions import form_action
from netvaerk.core.errors import ServiceError
from netvaerk.core.http import HttpRequest
from netvaerk.core.selectors import paginate
from netvaerk.privacy.access import record_access
from netvaerk.privacy.models import AccessKind
from netvaerk.programmes.access import access_programme, access_supported
from netvaerk.programmes.forms.support import (
    CaseEntryForm,
    CriterionForm,
    SelectForm,
    StatusForm,
    SupportedForm,
)
from netvaerk.programmes.models import (
    SUPPORT_TRANSITIONS,
    Programme,
    SupportedBranch,
    SupportStatus,
)
from netvaerk.programmes.selectors.support import (
    case_log,
    criteria_met,
    criteria_of,
    status_counts,
    supported_branches,
)
from netvaerk.programmes.services import support as services

PAGE_SIZE = 50


def support_url(programme: Programme) -> str:
    return reverse(
        "programmes:support",
        kwargs={"org": programme.organisation.slug, "programme": programme.slug},
    )


def supported_url(supported: SupportedBranch) -> str:
    return reverse(
        "programmes:supported",
        kwargs={
            "org": supported.programme.organisation.slug,
            "programme": supported.programme.slug,
            "branch": supported.branch.slug,
        },
    )


def _list_page(
    request: HttpRequest,
    actor: Actor,
    programme: Programme,
    *,
    select_form: SelectForm | None = None,
    criterion_form: CriterionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    page = paginate(supported_branches(programme), page=request.GET.get("page"), per_page=PAGE_SIZE)
    can_manage = actor.can("programmes.manage_support", programme)
    return render(
        request,
        "programmes/support_list.html",
        {
            "programme": programme,
            "page": page,
            "counts": status_counts(programme),
            "criteria": criteria_of(programme),
            "can_manage": can_manage,
            "select_form": (select_form or SelectForm(programme=programme)) if can_manage else None,
            "criterion_form": criterion_form or CriterionForm(),
        },
        status=status,
    )


@require_GET
@org_view
def support_list(request: HttpRequest, actor: Actor, programme: str) -> HttpResponse:
    # The programme's own view right: a branch lead sees only their own branch's page.
    obj = access_programme(actor, programme)
    return _list_page(request, actor, obj)


@require_POST
@org_view
def select_branch(request: HttpRequest, actor: Actor, programme: str) -> HttpResponse:
    obj = access_programme(actor, programme, "programmes.manage_support")
    form = SelectForm(request.POST, programme=obj)

    def do(data: dict[str, Any]) -> SupportedBranch:
        branch = form.chosen_branch()
        if branch is None:
            raise ServiceError(_("Choose one of the organisation's own branches."), field="branch")
        return services.branch_select(
            actor=actor,
            programme=obj,
            branch=branch,
            criteria=data["criteria"],
            selection_reason=data["selection_reason"],
            focus_theme=data["focus_theme"],
            contact_email=data["contact_email"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            today=today(),
        )

    return form_action(
        request,
        form,
        do,
        done=_("The branch has been selected and is now invited."),
        then=supported_url,
        refused_to=support_url(obj),
        again=lambda: _list_page(request, actor, obj, select_form=form, status=400),
    )


@require_POST
@org_view
def criterion_add(request: HttpRequest, actor: Actor, programme: str) -> HttpResponse:
    obj = access_programme(actor, programme, "programmes.manage_support")
    form = CriterionForm(request.POST)
    return form_action(
        request,
        form,
        lambda data: services.criterion_add(actor=actor, programme=obj, text=data["text"]),
        done=_("The criterion has been added."),
        then=support_url(obj),
        again=lambda: _list_page(request, actor, obj, criterion_form=form, status=400),
    )


def _detail_page(
    request: HttpRequest,
    actor: Actor,
    supported: SupportedBranch,
    *,
    status_form: StatusForm | None = None,
    entry_form: CaseEntryForm | None = None,
    status: int = 200,
) -> HttpResponse:
    programme = supported.programme
    can_manage = actor.can("programmes.manage_support", programme)
    met = criteria_met(supported)
    next_statuses = [
        (value, label)
        for value, label in SupportStatus.choices
        if value in SUPPORT_TRANSITIONS[SupportStatus(supported.status)]
    ]
    form = status_form or StatusForm()
    form.fields["status"].choices = next_statuses  # type: ignore[attr-defined]
    if supported.contact_id is not None:
        record_access(
            actor=actor,
            request=request,
            kind=AccessKind.PERSON,
            person_ids=[supported.contact_id],
            subject=str(supported),
        )
    return render(
        request,
        "programmes/supported_detail.html",
        {
            "programme": programme,
            "supported": supported,
            "criteria": [(c, c.pk in met) for c in criteria_of(programme)],
            "entries": case_log(supported),
            "can_manage": can_manage,
            "can_view_programme": actor.can("programmes.view", programme),
            "next_statuses": next_statuses,
            "status_form": form,
            "entry_form": entry_form or CaseEntryForm(initial={"happened_on": today()}),
        },
        status=status,
    )


@require_GET
@org_view
def supported_detail(
    request: HttpRequest, actor: Actor, programme: str, branch: str
) -> HttpResponse:
    return _detail_page(request, actor, access_supported(actor, programme, branch))


def _edit_page(
    request: HttpRequest,
    actor: Actor,
    supported: SupportedBranch,
    form: SupportedForm,
    status: int = 200,
) -> HttpResponse:
    # The choice of contact lists the branch's persons.
    record_access(
        actor=actor,
        request=request,
        kind=AccessKind.LIST,
        person_ids=form.fields["contact"].queryset.values_list("pk", flat=True),  # type: ignore[attr-defined]
        subject=str(supported),
    )
    return render(
        request,
        "programmes/supported_form.html",
        {"programme": supported.programme, "supported": supported, "form": form},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@org_view
def supported_edit(request: HttpRequest, actor: Actor, programme: str, branch: str) -> HttpResponse:
    supported = access_supported(actor, programme, branch, "programmes.manage_support")
    obj = supported.programme
    if request.method == "GET":
        form = SupportedForm(
            programme=obj,
            branch=supported.branch,
            initial={
                "criteria": list(supported.criteria.all()),
                "selection_reason": supported.selection_reason,
                "focus_theme": supported.focus_theme,
                "contact": supported.contact,
                "starts_on": supported.starts_on,
                "ends_on": supported.ends_on,
            },
        )
        return _edit_page(request, actor, supported, form)
    form = SupportedForm(request.POST, programme=obj, branch=supported.branch)
    return form_action(
        request,
        form,
        lambda data: services.supported_update(
            actor=actor,
            supported=supported,
            criteria=data["criteria"],
            selection_reason=data["selection_reason"],
            focus_theme=data["focus_theme"],
            contact=data["contact"],
            contact_email=data["contact_email"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
        ),
        done=_("The branch's focused support has been saved."),
        then=supported_url(supported),
        again=lambda: _edit_page(request, actor, supported, form, 400),
    )


@require_POST
@org_view
def supported_status(
    request: HttpRequest, actor: Actor, programme: str, branch: str
) -> HttpResponse:
    supported = access_supported(actor, programme, branch, "programmes.manage_support")
    form = StatusForm(request.POST)
    return form_action(
        request,
        form,
        lambda data: services.supported_set_status(
            actor=actor,
            supported=supported,
            status=data["status"],
            note=data["note"],
            today=today(),
        ),
        done=_("The status has been changed."),
        then=supported_url(supported),
        again=lambda: _detail_page(request, actor, supported, status_form=form, status=400),
    )


@require_POST
@org_view
def case_entry_add(request: HttpRequest, actor: Actor, programme: str, branch: str) -> HttpResponse:
    supported = access_supported(actor, programme, branch, "programmes.manage_support")
    form = CaseEntryForm(request.POST)
    return form_action(
        request,
        form,
        lambda data: services.case_entry_add(
            actor=actor,
            supported=supported,
            kind=data["kind"],
            happened_on=data["happened_on"],
            text=data["text"],
            today=today(),
        ),
        done=_("The entry has been added to the case log."),
        then=supported_url(supported),
        again=lambda: _detail_page(request, actor, supported, entry_form=form, status=400),
    )
