"""The annual conference's pages: its programme, its budget (drafted by the network, decided
by the office, compared with the actual costs after the event) and the office's and board's
overview of every conference's costs."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netvaerk.core.access import Actor, ensure, org_view
from netvaerk.core.actions import form_action, form_error
from netvaerk.core.errors import ServiceError
from netvaerk.core.http import HttpRequest
from netvaerk.core.selectors import paginate
from netvaerk.meetings.access import access_event
from netvaerk.meetings.forms_conference import (
    ActualsForm,
    BudgetLineForm,
    DecisionForm,
    MoveForm,
    NoteForm,
    SessionForm,
    SpeakerForm,
    UnbudgetedForm,
)
from netvaerk.meetings.models import (
    BudgetLine,
    BudgetStatus,
    ConferenceBudget,
    ConferenceSession,
    Coverage,
    Event,
    EventKind,
    Speaker,
)
from netvaerk.meetings.services import conference as services
from netvaerk.reports import charts

PAGE_SIZE = 25


def _conference(actor: Actor, event_id: int, permission: str = "meetings.view_event") -> Event:
    event = access_event(actor, event_id, permission)
    if event.kind != EventKind.CONFERENCE:
        raise Http404
    return event


def _try(
    request: HttpRequest,
    form: Any,
    do: Callable[[], Any],
    *,
    done: str,
    then: str,
    again: Callable[[], HttpResponse],
) -> HttpResponse:
    """The shared form action for a service that reads the form itself."""
    return form_action(request, form, lambda _data: do(), done=done, then=then, again=again)


# --- the programme ------------------------------------------------------------------------


def _programme_context(actor: Actor, event: Event, form: SessionForm | None = None) -> dict:
    sessions = ConferenceSession.objects.filter(event=event).prefetch_related("speakers__person")
    return {
        "event": event,
        "network": event.network,
        "sessions": sessions,
        "can_edit": actor.can("meetings.edit_event", event),
        "can_view_budget": actor.can("meetings.view_budget", event),
        "form": form or SessionForm(event=event),
    }


@require_GET
@org_view
def programme(request: HttpRequest, actor: Actor, event_id: int) -> HttpResponse:
    event = _conference(actor, event_id)
    return render(request, "meetings/conference_programme.html", _programme_context(actor, event))


@require_POST
@org_view
def session_add(request: HttpRequest, actor: Actor, event_id: int) -> HttpResponse:
    """Adds a programme item: with htmx the programme and a fresh form come back in place;
    without, the page is loaded again."""
    event = _conference(actor, event_id, "meetings.edit_event")
    form = SessionForm(request.POST, event=event)
    error = False
    if form.is_valid():
        starts_at, ends_at = form.times()
        try:
            services.session_add(
                actor=actor,
                event=event,
                title=form.cleaned_data["title"],
                starts_at=starts_at,
                ends_at=ends_at,
                room=form.cleaned_data["room"],
                description=form.cleaned_data["description"],
            )
        except ServiceError as refusal:
            form_error(form, refusal)
            error = True
        else:
            messages.success(request, _("The item has been added to the programme."))
            if not request.htmx:
                return redirect(services.programme_url(event))
            form = SessionForm(event=event)
    else:
        error = True
    context = _programme_context(actor, event, form)
    if request.htmx:
        # htmx swaps only successful answers: a problem shows in the swapped-in form.
        return render(request, "meetings/conference_programme.html#programme", context)
    return render(
        request, "meetings/conference_programme.html", context, status=400 if error else 200
    )


def _session(actor: Actor, event: Event, session_id: int) -> ConferenceSession:
    return get_object_or_404(
        ConferenceSession.objects.select_related("event"),
        pk=session_id,
        event=event,
        organisation=actor.organisation,
    )


def _session_url(event: Event, session: ConferenceSession) -> str:
    return reverse(
        "meetings:session_edit",
        kwargs={"org": event.organisation.slug, "event_id": event.pk, "session_id": session.pk},
    )


def _session_page(
    request: HttpRequest,
    event: Event,
    session: ConferenceSession,
    *,
    form: SessionForm | None = None,
    speaker_form: SpeakerForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "event": event,
        "network": event.network,
        "session": session,
        "speakers": session.speakers.select_related("person"),
        "form": form or SessionForm.for_session(session, event),
        "speaker_form": speaker_form or SpeakerForm(event=event),
    }
    return render(request, "meetings/conference_session.html", context, status=status)


@require_http_methods(["GET", "POST"])
@org_view
def session_edit(
    request: HttpRequest, actor: Actor, event_id: int, session_id: int
) -> HttpResponse:
    event = _conference(actor, event_id, "meetings.edit_event")
    session = _session(actor, event, session_id)
    if request.method == "GET":
        return _session_page(request, event, session)
    form = SessionForm(request.POST, event=event)

    def do() -> Any:
        starts_at, ends_at = form.times()
        return services.session_update(
            actor=actor,
            session=session,
            title=form.cleaned_data["title"],
            starts_at=starts_at,
            ends_at=ends_at,
            room=form.cleaned_data["room"],
            description=form.cleaned_data["description"],
        )

    return _try(
        request,
        form,
        do,
        done=_("The programme item has been saved."),
        then=services.programme_url(event),
        again=lambda: _session_page(request, event, session, form=form, status=400),
    )


@require_POST
@org_view
def session_remove(
    request: HttpRequest, actor: Actor, event_id: int, session_id: int
) -> HttpResponse:
    event = _conference(actor, event_id, "meetings.edit_event")
    session = _session(actor, event, session_id)
    try:
        services.session_remove(actor=actor, session=session)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The item has been removed from the programme."))
    return redirect(services.programme_url(event))


@require_POST
@org_view
def speaker_add(request: HttpRequest, actor: Actor, event_id: int, session_id: int) -> HttpResponse:
    event = _conference(actor, event_id, "meetings.edit_event")
    session = _session(actor, event, session_id)
    form = SpeakerForm(request.POST, event=event)
    return _try(
        request,
        form,
        lambda: services.speaker_add(
            actor=actor,
            session=session,
            person=form.cleaned_data.get("person"),
            name=form.cleaned_data["name"],
            affiliation=form.cleaned_data["affiliation"],
        ),
        done=_("The speaker has been added."),
        then=_session_url(event, session),
        again=lambda: _session_page(request, event, session, speaker_form=form, status=400),
    )


def _speaker(actor: Actor, session: ConferenceSession, speaker_id: int) -> Speaker:
    return get_object_or_404(
        Speaker.objects.select_related("session", "session__event"),
        pk=speaker_id,
        session=session,
        organisation=actor.organisation,
    )


@require_POST
@org_view
def speaker_remove(
    request: HttpRequest, actor: Actor, event_id: int, session_id: int, speaker_id: int
) -> HttpResponse:
    event = _conference(actor, event_id, "meetings.edit_event")
    session = _session(actor, event, session_id)
    speaker = _speaker(actor, session, speaker_id)
    try:
        services.speaker_remove(actor=actor, speaker=speaker)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The speaker has been removed."))
    return redirect(_session_url(event, session))


@require_POST
@org_view
def speaker_move(
    request: HttpRequest, actor: Actor, event_id: int, session_id: int, speaker_id: int
) -> HttpResponse:
    event = _conference(actor, event_id, "meetings.edit_event")
    session = _session(actor, event, session_id)
    speaker = _speaker(actor, session, speaker_id)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Move a speaker up or down."))
    else:
        services.speaker_move(
            actor=actor, speaker=speaker, direction=form.cleaned_data["direction"]
        )
    return redirect(_session_url(event, session))


# --- the budget ---------------------------------------------------------------------------


def _budget_or_blank(event: Event) -> ConferenceBudget:
    """The budget, or an unsaved draft standing in for it until the first line is added."""
    return services.budget_of(event) or ConferenceBudget(
        organisation=event.organisation, event=event, status=BudgetStatus.DRAFT
    )


def _chart(comparison: services.Comparison) -> Any:
    if not comparison.categories:
        return None
    return charts.bar_chart(
        title=_("Approved and actual costs by category (DKK)"),
        labels=[label for _value, label, _f in comparison.categories],
        series={
            _("Planned"): [round(f.planned) for _v, _l, f in comparison.categories],
            _("Approved centrally"): [round(f.approved) for _v, _l, f in comparison.categories],
            _("Actual"): [round(f.actual) for _v, _l, f in comparison.categories],
        },
        alt=_(
            "Bars per category for the planned amount, the amount the office approved to cover "
            "centrally, and the actual cost. The table above gives the same figures."
        ),
    )


def _budget_page(
    request: HttpRequest, actor: Actor, event: Event, *, status: int = 200, **forms: Any
) -> HttpResponse:
    budget = _budget_or_blank(event)
    lines = list(budget.lines.order_by("position", "pk")) if budget.pk else []
    comparison = services.comparison(budget=budget, lines=lines)
    started = timezone.now() >= event.starts_at
    can_record = started and actor.can("meetings.record_actual_costs", event)
    can_decide = bool(budget.pk) and actor.can("meetings.decide_budget", budget)
    central = [line for line in lines if line.coverage == Coverage.CENTRAL and not line.unbudgeted]
    context = {
        "event": event,
        "network": event.network,
        "budget": budget,
        "comparison": comparison,
        "chart": _chart(comparison) if lines else None,
        "started": started,
        "can_edit": actor.can("meetings.edit_budget", budget),
        "can_decide": can_decide,
        "can_return": bool(budget.pk) and actor.can("meetings.return_budget", budget),
        "can_record": can_record,
        "line_form": forms.get("line_form") or BudgetLineForm(),
        "decision_form": forms.get("decision_form") or DecisionForm(lines=central),
        "return_form": forms.get("return_form") or NoteForm(),
        "actuals_form": forms.get("actuals_form") or ActualsForm(lines=lines),
        "unbudgeted_form": forms.get("unbudgeted_form") or UnbudgetedForm(),
    }
    return render(request, "meetings/conference_budget.html", context, status=status)


@require_GET
@org_view
def budget(request: HttpRequest, actor: Actor, event_id: int) -> HttpResponse:
    event = _conference(actor, event_id, "meetings.view_budget")
    return _budget_page(request, actor, event)


def _ensure_edit(actor: Actor, event: Event) -> None:
    ensure(actor, "meetings.edit_budget", _budget_or_blank(event))


@require_POST
@org_view
def budget_line_add(request: HttpRequest, actor: Actor, event_id: int) -> HttpResponse:
    event = _conference(actor, event_id, "meetings.view_budget")
    _ensure_edit(actor, event)
    form = BudgetLineForm(request.POST)
    return _try(
        request,
        form,
        lambda: services.budget_line_add(
            actor=actor,
            event=event,
            category=form.cleaned_data["category"],
            description=form.cleaned_data["description"],
            amount=form.cleaned_data["amount"],
            coverage=form.cleaned_data["coverage"] or None,
        ),
        done=_("The line has been added to the budget."),
        then=services.budget_url(event),
        again=lambda: _budget_page(request, actor, event, line_form=form, status=400),
    )


def _line(actor: Actor, event: Event, line_id: int) -> BudgetLine:
    return get_object_or_404(
        BudgetLine.objects.select_related("budget", "budget__event"),
        pk=line_id,
        budget__event=event,
        organisation=actor.organisation,
    )


@require_http_methods(["GET", "POST"])
@org_view
def budget_line_edit(
    request: HttpRequest, actor: Actor, event_id: int, line_id: int
) -> HttpResponse:
    event = _conference(actor, event_id, "meetings.view_budget")
    line = _line(actor, event, line_id)
    ensure(actor, "meetings.edit_budget", line.budget)
    if line.unbudgeted:
        raise Http404

    def page(form: BudgetLineForm, status: int = 200) -> HttpResponse:
        context = {"event": event, "network": event.network, "line": line, "form": form}
        return render(request, "meetings/conference_budget_line.html", context, status=status)

    if request.method == "GET":
        return page(BudgetLineForm.for_line(line))
    form = BudgetLineForm(request.POST)
    return _try(
        request,
        form,
        lambda: services.budget_line_update(
            actor=actor,
            line=line,
            category=form.cleaned_data["category"],
            description=form.cleaned_data["description"],
            amount=form.cleaned_data["amount"],
            coverage=form.cleaned_data["coverage"] or None,
        ),
        done=_("The line has been saved."),
        then=services.budget_url(event),
        again=lambda: page(form, status=400),
    )


@require_POST
@org_view
def budget_line_remove(
    request: HttpRequest, actor: Actor, event_id: int, line_id: int
) -> HttpResponse:
    event = _conference(actor, event_id, "meetings.view_budget")
    line = _line(actor, event, line_id)
    if line.unbudgeted:
        ensure(actor, "meetings.record_actual_costs", event)
    else:
        ensure(actor, "meetings.edit_budget", line.budget)
    try:
        services.budget_line_remove(actor=actor, line=line)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The line has been removed."))
    return redirect(services.budget_url(event))


@require_POST
@org_view
def budget_submit(request: HttpRequest, actor: Actor, event_id: int) -> HttpResponse:
    event = _conference(actor, event_id, "meetings.view_budget")
    _ensure_edit(actor, event)
    try:
        services.budget_submit(actor=actor, event=event)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The budget has been submitted to the office."))
    return redirect(services.budget_url(event))


def _existing_budget(event: Event) -> ConferenceBudget:
    found = services.budget_of(event)
    if found is None:
        raise Http404
    return found


@require_POST
@org_view
def budget_decide(request: HttpRequest, actor: Actor, event_id: int) -> HttpResponse:
    event = _conference(actor, event_id, "meetings.view_budget")
    found = _existing_budget(event)
    ensure(actor, "meetings.decide_budget", found)
    central = list(
        found.lines.filter(coverage=Coverage.CENTRAL, unbudgeted=False).order_by("position", "pk")
    )
    form = DecisionForm(request.POST, lines=central)
    if form.is_valid():
        data = form.cleaned_data
        decisions = {
            line.pk: services.LineChoice(
                decision=data[f"decision_{line.pk}"],
                amount=data[f"amount_{line.pk}"] or None,
                note=data[f"note_{line.pk}"],
            )
            for line in central
        }
        try:
            services.budget_decide(actor=actor, event=event, decisions=decisions, note=data["note"])
        except ServiceError as error:
            # Keep what the office typed: a partial decision is refused as a whole.
            form_error(form, error)
        else:
            messages.success(
                request, _("The decision has been saved and the network's leads told.")
            )
            return redirect(services.budget_url(event))
    return _budget_page(request, actor, event, decision_form=form, status=400)


@require_POST
@org_view
def budget_return(request: HttpRequest, actor: Actor, event_id: int) -> HttpResponse:
    event = _conference(actor, event_id, "meetings.view_budget")
    found = _existing_budget(event)
    ensure(actor, "meetings.return_budget", found)
    form = NoteForm(request.POST)
    return _try(
        request,
        form,
        lambda: services.budget_return(actor=actor, event=event, note=form.cleaned_data["note"]),
        done=_("The budget has been returned to the network as a draft."),
        then=services.budget_url(event),
        again=lambda: _budget_page(request, actor, event, return_form=form, status=400),
    )


@require_POST
@org_view
def budget_actuals(request: HttpRequest, actor: Actor, event_id: int) -> HttpResponse:
    event = _conference(actor, event_id, "meetings.record_actual_costs")
    found = _existing_budget(event)
    lines = list(found.lines.order_by("position", "pk"))
    form = ActualsForm(request.POST, lines=lines)
    return _try(
        request,
        form,
        lambda: services.budget_actuals_record(
            actor=actor,
            event=event,
            amounts={line.pk: form.cleaned_data[f"actual_{line.pk}"] for line in lines},
        ),
        done=_("The actual costs have been saved."),
        then=services.budget_url(event),
        again=lambda: _budget_page(request, actor, event, actuals_form=form, status=400),
    )


@require_POST
@org_view
def budget_unbudgeted_add(request: HttpRequest, actor: Actor, event_id: int) -> HttpResponse:
    event = _conference(actor, event_id, "meetings.record_actual_costs")
    form = UnbudgetedForm(request.POST)
    return _try(
        request,
        form,
        lambda: services.budget_unbudgeted_add(
            actor=actor,
            event=event,
            category=form.cleaned_data["category"],
            description=form.cleaned_data["description"],
            actual=form.cleaned_data["actual"],
        ),
        done=_("The cost has been added as not in the budget."),
        then=services.budget_url(event),
        again=lambda: _budget_page(request, actor, event, unbudgeted_form=form, status=400),
    )


# --- the overview -------------------------------------------------------------------------


@require_GET
@org_view
def conferences(request: HttpRequest, actor: Actor) -> HttpResponse:
    ensure(actor, "meetings.view_conference_costs")
    page = paginate(
        services.conferences_overview(organisation=actor.organisation),
        page=request.GET.get("page"),
        per_page=PAGE_SIZE,
    )
    return render(request, "meetings/conference_overview.html", {"page": page})
