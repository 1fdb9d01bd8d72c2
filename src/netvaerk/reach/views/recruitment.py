"""A network's recruitment list (the branches with nobody in it, as of the last refresh of the
figures), its exports, and one branch's pipeline entry with its notes."""

from collections.abc import Iterator
from typing import Any

from django.contrib import messages
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netvaerk.core.access import Actor, ensure, org_view, today
from netvaerk.core.actions import form_error
from netvaerk.core.errors import ServiceError
from netvaerk.core.exports import csv_response, xlsx_response
from netvaerk.core.http import HttpRequest
from netvaerk.core.selectors import paginate
from netvaerk.networks.models import Network
from netvaerk.organisations.models import Branch
from netvaerk.privacy.access import record_access, record_export
from netvaerk.privacy.models import AccessKind
from netvaerk.reach.access import access_branch, access_reach_network, recruitment_entry_for
from netvaerk.reach.forms.recruitment import (
    RecruitmentEntryForm,
    RecruitmentFilterForm,
    RecruitmentNoteForm,
)
from netvaerk.reach.models import RecruitmentEntry, RecruitmentStage
from netvaerk.reach.selectors import recruitment as selectors
from netvaerk.reach.services import recruitment as services

VIEW = "reach.view_recruitment"
MANAGE = "reach.manage_recruitment"
REPRESENTED_TAB = "represented"


def _list_url(network: Network) -> str:
    return reverse(
        "reach:recruitment", kwargs={"org": network.organisation.slug, "network": network.slug}
    )


def _entry_url(network: Network, branch: Branch) -> str:
    return reverse(
        "reach:recruitment_entry",
        kwargs={"org": network.organisation.slug, "network": network.slug, "branch": branch.slug},
    )


def _filters(request: HttpRequest, network: Network) -> tuple[RecruitmentFilterForm, Any]:
    params = request.GET.copy()
    for key in ("page", "view"):
        params.pop(key, None)
    form = RecruitmentFilterForm(params or None, regions=selectors.regions(network=network))
    return form, form.filters()


# --- the list ----------------------------------------------------------------------------


@require_GET
@org_view
def recruitment(request: HttpRequest, actor: Actor, network: str) -> HttpResponse:
    found = access_reach_network(actor, network, VIEW)
    form, filters = _filters(request, found)
    state = selectors.reach_state(found)
    computed = state is not None and state.refreshed_at is not None
    tab = REPRESENTED_TAB if request.GET.get("view") == REPRESENTED_TAB else ""
    if not computed:
        rows: Any = RecruitmentEntry.objects.none()
    elif tab:
        rows = selectors.represented_in_pipeline(network=found)
    else:
        rows = selectors.unrepresented_branches(network=found, filters=filters, today=today())
    query = filters.query()
    page = paginate(rows, page=request.GET.get("page"), per_page=selectors.PAGE_SIZE)
    if computed:
        page.object_list = list(page.object_list)
        if not tab:
            _label_rows(page.object_list)
        # Both tabs name who is on each branch (the owner).
        record_access(
            actor=actor,
            request=request,
            kind=AccessKind.LIST,
            person_ids=[row.owner_id for row in page.object_list if row.owner_id],
            subject=found.name,
        )
    context = {
        "network": found,
        "form": form,
        "state": state,
        "computed": computed,
        "counts": selectors.recruitment_counts(network=found) if computed else None,
        "tab": tab,
        "page": page,
        # Pagination links keep the filters (and the tab).
        "query": "&".join(part for part in (query, f"view={tab}" if tab else "") if part),
        "filter_query": query,
        "can_see_dashboard": actor.can("reach.view_dashboard"),
    }
    return render(request, "reach/recruitment.html", context)


def _label_rows(rows: list[Any]) -> None:
    """Each row's stage as words, and whether its next step is overdue."""
    labels = dict(RecruitmentStage.choices)
    day = today()
    for row in rows:
        row.stage_label = labels.get(row.stage_now, row.stage_now)
        row.overdue = (
            row.next_on is not None and row.next_on < day and row.stage_now in selectors.OPEN_STAGES
        )


# --- exports -------------------------------------------------------------------------------


def _export_header(network: Network) -> list[str]:
    return [
        capfirst(network.organisation.branch_word),
        _("Region"),
        _("Persons"),
        _("Members"),
        _("Networks"),
        _("Stage"),
        _("Who is on it"),
        _("Next step"),
        _("Next step by"),
        _("Last note"),
    ]


def _export(
    request: HttpRequest, actor: Actor, network: str, file_format: str
) -> tuple[Network, Iterator[list[Any]]]:
    found = access_reach_network(actor, network, VIEW)
    _form, filters = _filters(request, found)
    state = selectors.reach_state(found)
    if state is None or state.refreshed_at is None:
        rows: Any = Branch.objects.none()
        count = 0
        owners: list[int] = []
    else:
        rows = selectors.unrepresented_branches(network=found, filters=filters, today=today())
        count = rows.count()
        owners = [pk for pk in rows.values_list("owner_id", flat=True) if pk]
    # The file names who is on each branch (and notes may name people): an audited read, and
    # an export of those persons' data in the access log.
    record_export(
        actor=actor,
        request=request,
        action="reach.recruitment_exported",
        obj=found,
        person_ids=owners,
        subject=found.name,
        data={"rows": count, "filters": filters.as_data(), "format": file_format},
    )
    return found, _export_rows(rows)


def _export_rows(rows: Any) -> Iterator[list[Any]]:
    labels = dict(RecruitmentStage.choices)
    for branch in rows.iterator(chunk_size=500):
        yield [
            branch.name,
            branch.region.name,
            branch.size_persons,
            branch.size_members,
            branch.size_networks,
            str(labels.get(branch.stage_now, branch.stage_now)),
            branch.owner_name or "",
            branch.next_step or "",
            branch.next_on,
            timezone.localdate(branch.last_note_at) if branch.last_note_at else None,
        ]


def _filename(network: Network, extension: str) -> str:
    return f"{_('recruitment')}-{network.slug}-{today().isoformat()}.{extension}"


@require_GET
@org_view
def export_csv(request: HttpRequest, actor: Actor, network: str) -> StreamingHttpResponse:
    found, rows = _export(request, actor, network, "csv")
    return csv_response(_filename(found, "csv"), _export_header(found), rows)


@require_GET
@org_view
def export_xlsx(request: HttpRequest, actor: Actor, network: str) -> HttpResponse:
    found, rows = _export(request, actor, network, "xlsx")
    return xlsx_response(_filename(found, "xlsx"), _("Recruitment"), _export_header(found), rows)


# --- one branch ------------------------------------------------------------------------------


def _entry_initial(current: RecruitmentEntry | None) -> dict[str, Any]:
    if current is None:
        return {"stage": RecruitmentStage.NOT_CONTACTED}
    return {
        "stage": current.stage,
        "owner": current.owner_id,
        "next_step": current.next_step,
        "next_step_on": current.next_step_on,
    }


def _entry_page(
    request: HttpRequest,
    actor: Actor,
    network: Network,
    branch: Branch,
    *,
    form: RecruitmentEntryForm | None = None,
    note_form: RecruitmentNoteForm | None = None,
    status: int = 200,
) -> HttpResponse:
    current = recruitment_entry_for(network, branch)
    owners = selectors.eligible_owners(network=network, today=today())
    context = {
        "network": network,
        "branch": branch,
        "entry": current,
        "facts": selectors.branch_facts(network=network, branch=branch),
        "state": selectors.reach_state(network),
        "notes": paginate(
            selectors.entry_notes(entry=current),
            page=request.GET.get("page"),
            per_page=selectors.NOTES_PAGE_SIZE,
        ),
        "form": form or RecruitmentEntryForm(owners=owners, initial=_entry_initial(current)),
        "note_form": note_form or RecruitmentNoteForm(),
        "can_manage": actor.can(MANAGE, network),
    }
    # The person on it, and for those who may change that, the persons to choose from.
    shown = [current.owner_id] if current is not None and current.owner_id else []
    if context["can_manage"]:
        shown += owners.values_list("pk", flat=True)
    record_access(
        actor=actor,
        request=request,
        kind=AccessKind.LIST,
        person_ids=shown,
        subject=f"{network.name}: {branch.name}",
    )
    template = "reach/recruitment_entry.html"
    if request.htmx:
        # htmx swaps only successful answers: a problem shows in the swapped-in forms.
        return render(request, f"{template}#pipeline", context)
    return render(request, template, context, status=status)


def _after_write(
    request: HttpRequest, actor: Actor, network: Network, branch: Branch, done: str
) -> HttpResponse:
    messages.success(request, done)
    if request.htmx:
        return _entry_page(request, actor, network, branch)
    return redirect(_entry_url(network, branch))


@require_http_methods(["GET", "POST"])
@org_view
def entry(request: HttpRequest, actor: Actor, network: str, branch: str) -> HttpResponse:
    found = access_reach_network(actor, network, VIEW)
    if request.method == "POST":
        ensure(actor, MANAGE, found)
    the_branch = access_branch(actor, branch)
    if request.method == "GET":
        return _entry_page(request, actor, found, the_branch)
    form = RecruitmentEntryForm(
        request.POST, owners=selectors.eligible_owners(network=found, today=today())
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.recruitment_entry_update(
                actor=actor,
                network=found,
                branch=the_branch,
                stage=data["stage"],
                owner=data["owner"],
                next_step=data["next_step"],
                next_step_on=data["next_step_on"],
                note=data["note"],
            )
        except ServiceError as error:
            form_error(form, error)
        else:
            return _after_write(
                request,
                actor,
                found,
                the_branch,
                _("The recruitment of %(branch)s has been updated.") % {"branch": the_branch.name},
            )
    return _entry_page(request, actor, found, the_branch, form=form, status=400)


@require_POST
@org_view
def add_note(request: HttpRequest, actor: Actor, network: str, branch: str) -> HttpResponse:
    found = access_reach_network(actor, network, MANAGE)
    the_branch = access_branch(actor, branch)
    note_form = RecruitmentNoteForm(request.POST)
    if note_form.is_valid():
        try:
            services.recruitment_note_add(
                actor=actor, network=found, branch=the_branch, text=note_form.cleaned_data["text"]
            )
        except ServiceError as error:
            form_error(note_form, error)
        else:
            return _after_write(
                request,
                actor,
                found,
                the_branch,
                _("The note on %(branch)s has been added.") % {"branch": the_branch.name},
            )
    return _entry_page(request, actor, found, the_branch, note_form=note_form, status=400)
