"""Pages of the events part: the list, an event, planning (one event or a series),
changing, cancelling and closing it, its registration questions and registrations,
registering, the holder's own page behind its secret link, and the calendars."""

import functools
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netvaerk.core.access import Actor, LoginRequired, ensure, org_view
from netvaerk.core.actions import form_action, form_error
from netvaerk.core.errors import ServiceError
from netvaerk.core.http import HttpRequest
from netvaerk.core.selectors import paginate
from netvaerk.governance.models import Proposal, ProposalStatus
from netvaerk.meetings import services
from netvaerk.meetings.access import (
    REGISTRATION_LINK_DAYS_AFTER_EVENT,
    RegistrationLinkExpired,
    access_event,
    access_registration,
    access_registration_by_token,
    registration_link_last_day,
    registration_link_works,
)
from netvaerk.meetings.forms_events import (
    CancelEventForm,
    CloseEventForm,
    EventFilterForm,
    EventForm,
    QuestionForm,
    RegisterForm,
    SeriesForm,
)
from netvaerk.meetings.models import (
    CalendarFeed,
    Event,
    EventKind,
    EventStatus,
    RegistrationQuestion,
    RegistrationStatus,
)
from netvaerk.meetings.selectors import events as selectors
from netvaerk.meetings.services.attendance import check_in_window
from netvaerk.meetings.views import events_calendar as ics
from netvaerk.networks.access import access_network
from netvaerk.networks.models import Network
from netvaerk.privacy.access import record_access
from netvaerk.privacy.models import AccessKind

PAGE_SIZE = 20
REGISTRATIONS_PAGE_SIZE = 50


def _event_url(event: Event) -> str:
    return reverse("meetings:event", kwargs={"org": event.organisation.slug, "event_id": event.pk})


# --- the list ----------------------------------------------------------------------------


def _visible_networks(actor: Actor) -> Any:
    return Network.objects.filter(organisation=actor.organisation, status="active").order_by("name")


@require_GET
@org_view
def event_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    form = EventFilterForm(request.GET or None, networks=_visible_networks(actor))
    data = form.cleaned_data if form.is_valid() else {}
    past = data.get("when") == "past"
    qs = selectors.event_list(
        actor=actor, past=past, network=data.get("network"), kind=data.get("kind") or ""
    )
    query = "&".join(
        f"{key}={value}"
        for key, value in (
            ("when", "past" if past else ""),
            ("network", data["network"].slug if data.get("network") else ""),
            ("kind", data.get("kind") or ""),
        )
        if value
    )
    context = {
        "form": form,
        "past": past,
        "page": paginate(qs, page=request.GET.get("page"), per_page=PAGE_SIZE),
        "query": query,
        "can_plan": actor.can("meetings.create_event", None)
        or selectors.plannable_networks(actor=actor).exists(),
        "can_compose_newsletter": actor.can("meetings.compose_newsletter"),
        "can_see_conference_costs": actor.can("meetings.view_conference_costs"),
    }
    return render(request, "meetings/events_list.html", context)


# --- planning ----------------------------------------------------------------------------


def _planning_form_args(actor: Actor) -> dict[str, Any]:
    return {
        "networks": selectors.plannable_networks(actor=actor),
        "office": actor.can("meetings.create_event", None),
    }


def _require_planner(actor: Actor) -> dict[str, Any]:
    args = _planning_form_args(actor)
    if not args["office"] and not args["networks"].exists():
        ensure(actor, "meetings.create_event", None)
    return args


def _plan_kwargs(data: dict[str, Any]) -> dict[str, Any]:
    return {
        key: data.get(key)
        for key in (
            "kind", "format", "audience", "title", "description", "agenda", "time_zone",
            "venue_name", "venue_address", "online_url", "capacity", "registration_required",
        )
    }  # fmt: skip


@require_http_methods(["GET", "POST"])
@org_view
def event_new(request: HttpRequest, actor: Actor) -> HttpResponse:
    args = _require_planner(actor)
    initial = {"network": request.GET.get("network")} if request.GET.get("network") else {}
    form = EventForm(request.POST or None, initial=initial, **args)

    def again() -> HttpResponse:
        return render(
            request,
            "meetings/events_form.html",
            {"form": form, "heading": _("Plan an event")},
            status=400 if request.method == "POST" else 200,
        )

    if request.method == "GET":
        return again()
    return form_action(
        request,
        form,
        lambda data: services.event_create(
            actor=actor,
            network=data.get("network"),
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            registration_closes_at=data.get("registration_closes_at"),
            **_plan_kwargs(data),
        ),
        done=_("The event has been planned."),
        then=_event_url,
        again=again,
        refused_to=reverse("meetings:events", kwargs={"org": actor.organisation.slug}),
    )


@require_http_methods(["GET", "POST"])
@org_view
def series_new(request: HttpRequest, actor: Actor) -> HttpResponse:
    args = _require_planner(actor)
    initial = {"network": request.GET.get("network")} if request.GET.get("network") else {}
    form = SeriesForm(request.POST or None, initial=initial, **args)

    def again() -> HttpResponse:
        return render(
            request,
            "meetings/events_form.html",
            {"form": form, "heading": _("Plan a series of sessions"), "series": True},
            status=400 if request.method == "POST" else 200,
        )

    if request.method == "GET":
        return again()
    return form_action(
        request,
        form,
        lambda data: services.series_create(
            actor=actor,
            network=data.get("network"),
            sessions=data["sessions"],
            **_plan_kwargs(data),
        ),
        done=lambda series: (
            _("The series has been planned with %(count)d sessions.")
            % {"count": series.events.count()}
        ),
        then=lambda series: reverse("meetings:events", kwargs={"org": actor.organisation.slug}),
        again=again,
        refused_to=reverse("meetings:events", kwargs={"org": actor.organisation.slug}),
    )


def _edit_initial(event: Event) -> dict[str, Any]:
    return {
        "kind": event.kind,
        "format": event.format,
        "audience": event.audience,
        "title": event.title,
        "description": event.description,
        "agenda": event.agenda,
        "starts_at": event.local_start.replace(tzinfo=None),
        "ends_at": event.local_end.replace(tzinfo=None),
        "time_zone": event.time_zone,
        "venue_name": event.venue_name,
        "venue_address": event.venue_address,
        "online_url": event.online_url if event.room_provider == "link" else "",
        "capacity": event.capacity,
        "registration_required": event.registration_required,
        "registration_closes_at": (
            event.registration_closes_at.astimezone(event.tz).replace(tzinfo=None)
            if event.registration_closes_at
            else None
        ),
    }


@require_http_methods(["GET", "POST"])
@org_view
def event_edit(request: HttpRequest, actor: Actor, event_id: int) -> HttpResponse:
    event = access_event(actor, event_id, "meetings.edit_event")
    form = EventForm(request.POST or None, initial=_edit_initial(event))

    def again() -> HttpResponse:
        return render(
            request,
            "meetings/events_form.html",
            {"form": form, "heading": _("Change the event"), "event": event},
            status=400 if request.method == "POST" else 200,
        )

    if request.method == "GET":
        return again()
    return form_action(
        request,
        form,
        lambda data: services.event_update(
            actor=actor,
            event=event,
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            registration_closes_at=data.get("registration_closes_at"),
            **_plan_kwargs(data),
        ),
        done=_("The event has been changed. Those registered have been told."),
        then=_event_url(event),
        again=again,
        refused_to=_event_url(event),
    )


# --- the event page ----------------------------------------------------------------------


def _event_page(
    request: HttpRequest,
    actor: Actor,
    event: Event,
    *,
    status: int = 200,
    register_form: RegisterForm | None = None,
    cancel_form: CancelEventForm | None = None,
    template: str = "meetings/events_event.html",
) -> HttpResponse:
    counts = selectors.event_counts(event=event)
    mine = selectors.open_registration(event=event, person=actor.person)
    can_manage = actor.can("meetings.manage_event", event)
    questions = list(event.questions.all())
    can_register = mine is None and actor.can("meetings.register", event)
    can_register_guest = actor.can("meetings.register_as_guest", event)
    context = {
        "event": event,
        "counts": counts,
        "seats_left": selectors.seats_left(event, counts["confirmed"]),
        "mine": mine,
        "position": services.waiting_position(mine) if mine else None,
        "can_manage": can_manage,
        "can_edit": actor.can("meetings.edit_event", event),
        "can_register": can_register,
        "can_register_guest": can_register_guest,
        "register_form": register_form
        or RegisterForm(questions=questions, guest=can_register_guest),
        "cancel_form": cancel_form or CancelEventForm(),
        "show_room": bool(event.online_url)
        and (can_manage or (mine is not None and mine.status == RegistrationStatus.CONFIRMED)),
        "questions": questions,
        "proposals": list(event.proposals.all()) if event.status == EventStatus.HELD else [],
        # The other parts' pages, linked where the actor may use them.
        "can_take_attendance": actor.can("meetings.manage_attendance", event),
        "can_see_who_came": actor.can("meetings.view_attendance_summary", event),
        "can_announce": actor.can("meetings.announce_event", event),
        "can_see_budget": event.kind == EventKind.CONFERENCE
        and actor.can("meetings.view_budget", event),
        # The personal link stops working a while after the event (access.py).
        "link_works": mine is not None and registration_link_works(event),
        "check_in_open": mine is not None
        and mine.status == RegistrationStatus.CONFIRMED
        and _check_in_open(event),
        "took_part": event.is_past
        and (can_manage or (mine is not None and mine.status == RegistrationStatus.CONFIRMED)),
    }
    return render(request, template, context, status=status)


def _check_in_open(event: Event) -> bool:
    opens, closes = check_in_window(event)
    return event.status == EventStatus.SCHEDULED and opens <= timezone.now() <= closes


@require_GET
@org_view
def event_detail(request: HttpRequest, actor: Actor, event_id: int) -> HttpResponse:
    return _event_page(request, actor, access_event(actor, event_id))


@require_GET
@org_view
def event_ics(request: HttpRequest, actor: Actor, event_id: int) -> HttpResponse:
    return ics.one_event(access_event(actor, event_id))


@require_POST
@org_view
def event_register(request: HttpRequest, actor: Actor, event_id: int) -> HttpResponse:
    event = access_event(actor, event_id)
    guest = actor.person is None
    if guest and not actor.can("meetings.register_as_guest", event):
        ensure(actor, "meetings.register", event)
    form = RegisterForm(request.POST, questions=list(event.questions.all()), guest=guest)
    partial = "meetings/events_event.html#register" if request.htmx else None

    def again() -> HttpResponse:
        return _event_page(
            request,
            actor,
            event,
            status=400,
            register_form=form,
            template=partial or "meetings/events_event.html",
        )

    if form.is_valid():
        try:
            if guest:
                registration = services.registration_create_guest(
                    actor=actor,
                    event=event,
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    language=form.cleaned_data["language"],
                    answers=form.answers(),
                )
            else:
                registration = services.registration_create(
                    actor=actor, event=event, answers=form.answers()
                )
        except ServiceError as error:
            if error.field is None:
                messages.error(request, error.message)
                if partial:
                    return _event_page(request, actor, event, status=400, template=partial)
                return redirect(_event_url(event))
            form_error(form, error)
            return again()
        if registration.status == RegistrationStatus.CONFIRMED:
            messages.success(
                request, _("You are registered. A confirmation is on its way by e-mail.")
            )
        else:
            messages.success(
                request,
                _("The event is full: you are number %(position)d on the waiting list.")
                % {"position": services.waiting_position(registration)},
            )
        if partial:
            return _event_page(request, actor, event, template=partial)
        if guest:
            return redirect(
                reverse(
                    "meetings:registration",
                    kwargs={"org": actor.organisation.slug, "token": registration.token},
                )
            )
        return redirect(_event_url(event))
    return again()


@require_POST
@org_view
def event_cancel(request: HttpRequest, actor: Actor, event_id: int) -> HttpResponse:
    event = access_event(actor, event_id, "meetings.edit_event")
    form = CancelEventForm(request.POST)
    return form_action(
        request,
        form,
        lambda data: services.event_cancel(actor=actor, event=event, reason=data["reason"]),
        done=_("The event has been cancelled. Those registered have been told."),
        then=_event_url(event),
        again=lambda: _event_page(request, actor, event, status=400, cancel_form=form),
        refused_to=_event_url(event),
    )


def _network_proposals(event: Event) -> Any:
    if event.network_id is None:
        return Proposal.objects.none()
    return (
        Proposal.objects.filter(network_id=event.network_id)
        .exclude(status=ProposalStatus.DRAFT)
        .order_by("-created_at")
    )


@require_http_methods(["GET", "POST"])
@org_view
def event_close(request: HttpRequest, actor: Actor, event_id: int) -> HttpResponse:
    event = access_event(actor, event_id, "meetings.manage_event")
    initial = {
        "minutes": event.minutes,
        "headcount": event.headcount,
        "proposals": list(event.proposals.all()),
    }
    form = CloseEventForm(
        request.POST or None, initial=initial, proposals=_network_proposals(event)
    )

    def again() -> HttpResponse:
        return render(
            request,
            "meetings/events_close.html",
            {"form": form, "event": event},
            status=400 if request.method == "POST" else 200,
        )

    if request.method == "GET":
        return again()
    return form_action(
        request,
        form,
        lambda data: services.event_close(
            actor=actor,
            event=event,
            minutes=data["minutes"],
            headcount=data["headcount"],
            proposals=list(data.get("proposals") or []),
        ),
        done=_("The event has been closed with its minutes."),
        then=_event_url(event),
        again=again,
        refused_to=_event_url(event),
    )


# --- questions ---------------------------------------------------------------------------


def _questions_url(event: Event) -> str:
    return reverse(
        "meetings:event_questions",
        kwargs={"org": event.organisation.slug, "event_id": event.pk},
    )


@require_http_methods(["GET", "POST"])
@org_view
def event_questions(request: HttpRequest, actor: Actor, event_id: int) -> HttpResponse:
    event = access_event(actor, event_id, "meetings.manage_event")
    if request.method == "POST":
        ensure(actor, "meetings.edit_event", event)
    form = QuestionForm(request.POST or None)

    def again() -> HttpResponse:
        return render(
            request,
            "meetings/events_questions.html",
            {
                "event": event,
                "form": form,
                "questions": list(event.questions.all()),
                "can_edit": actor.can("meetings.edit_event", event),
            },
            status=400 if request.method == "POST" else 200,
        )

    if request.method == "GET":
        return again()
    return form_action(
        request,
        form,
        lambda data: services.question_add(actor=actor, event=event, **data),
        done=_("The question has been added."),
        then=_questions_url(event),
        again=again,
        refused_to=_questions_url(event),
    )


def _question(event: Event, question_id: int) -> RegistrationQuestion:
    return get_object_or_404(
        RegistrationQuestion, pk=question_id, event=event, organisation=event.organisation
    )


@require_http_methods(["GET", "POST"])
@org_view
def question_edit(
    request: HttpRequest, actor: Actor, event_id: int, question_id: int
) -> HttpResponse:
    event = access_event(actor, event_id, "meetings.edit_event")
    question = _question(event, question_id)
    form = QuestionForm(
        request.POST or None,
        initial={
            "text": question.text,
            "kind": question.kind,
            "choices": question.choices,
            "required": question.required,
        },
    )

    def again() -> HttpResponse:
        return render(
            request,
            "meetings/events_question_form.html",
            {"event": event, "form": form, "question": question},
            status=400 if request.method == "POST" else 200,
        )

    if request.method == "GET":
        return again()
    return form_action(
        request,
        form,
        lambda data: services.question_update(actor=actor, question=question, **data),
        done=_("The question has been changed."),
        then=_questions_url(event),
        again=again,
        refused_to=_questions_url(event),
    )


@require_POST
@org_view
def question_remove(
    request: HttpRequest, actor: Actor, event_id: int, question_id: int
) -> HttpResponse:
    event = access_event(actor, event_id, "meetings.edit_event")
    question = _question(event, question_id)
    try:
        services.question_remove(actor=actor, question=question)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The question has been removed."))
    return redirect(_questions_url(event))


# --- registrations -----------------------------------------------------------------------


@require_GET
@org_view
def event_registrations(request: HttpRequest, actor: Actor, event_id: int) -> HttpResponse:
    event = access_event(actor, event_id, "meetings.view_registrations")
    show_cancelled = request.GET.get("cancelled") == "1"
    page = paginate(
        selectors.event_registrations(event=event, include_cancelled=show_cancelled),
        page=request.GET.get("page"),
        per_page=REGISTRATIONS_PAGE_SIZE,
    )
    questions = list(event.questions.all())
    rows = [
        (registration, [registration.answers.get(str(q.pk), "") for q in questions])
        for registration in page.object_list
    ]
    context = {
        "event": event,
        "page": page,
        "rows": rows,
        "questions": questions,
        "counts": selectors.event_counts(event=event),
        "show_cancelled": show_cancelled,
        "query": "cancelled=1" if show_cancelled else "",
        "can_cancel": event.status == EventStatus.SCHEDULED,
    }
    record_access(
        actor=actor,
        request=request,
        kind=AccessKind.LIST,
        person_ids=[r.person_id for r in page.object_list if r.person_id is not None],
        subject=event.title,
    )
    return render(request, "meetings/events_registrations.html", context)


@require_POST
@org_view
def registration_cancel(
    request: HttpRequest, actor: Actor, event_id: int, registration_id: int
) -> HttpResponse:
    event = access_event(actor, event_id, "meetings.view_registrations")
    registration = access_registration(actor, event, registration_id)
    try:
        services.registration_cancel(actor=actor, registration=registration)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The registration of %(name)s has been cancelled.")
            % {"name": registration.display_name},
        )
    return redirect(
        reverse(
            "meetings:event_registrations",
            kwargs={"org": actor.organisation.slug, "event_id": event.pk},
        )
    )


def registration_link_expired(request: HttpRequest) -> HttpResponse:
    """What a personal link answers once it has expired (see access.py): a page that says so
    and where to look instead, and nothing about the registration — not the name, the event
    or the network. 410 Gone rather than 404: the link was real and is gone for good, which is
    what the page says and what the status tells browsers and link checkers. Telling an
    expired link from a wrong one gives nothing away: only the holder of a real link (a long
    random secret) ever sees the difference, and a wrong token still answers 404."""
    response = render(
        request,
        "meetings/registration_link_expired.html",
        {"days": REGISTRATION_LINK_DAYS_AFTER_EVENT},
        status=410,
    )
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    add_never_cache_headers(response)
    return response


def answers_expired_link(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For the views behind a personal link (under `org_view`): an expired link, which
    `access_registration_by_token` raises before the view changes anything, gets the page
    that says so instead of a 404."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except RegistrationLinkExpired:
            return registration_link_expired(request)

    return wrapped


@require_http_methods(["GET", "POST"])
@org_view
@answers_expired_link
def registration_by_token(request: HttpRequest, actor: Actor, token: str) -> HttpResponse:
    """The holder's own page from the link in their e-mail: works without a login, until a
    while after the event (then it only says that it has expired, and changes nothing)."""
    registration = access_registration_by_token(actor, token)
    if request.method == "POST":
        try:
            services.registration_cancel(actor=actor, registration=registration, token=token)
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your registration has been cancelled."))
        return redirect(request.path)
    event = registration.event
    context = {
        "registration": registration,
        "event": event,
        "position": services.waiting_position(registration),
        "show_room": registration.status == RegistrationStatus.CONFIRMED and bool(event.online_url),
        "can_cancel": registration.status != RegistrationStatus.CANCELLED
        and event.status == EventStatus.SCHEDULED
        and not event.is_past,
        "link_works_until": registration_link_last_day(event),
    }
    response = render(request, "meetings/events_registration.html", context)
    response["Referrer-Policy"] = "no-referrer"
    return response


# --- calendars ---------------------------------------------------------------------------


@require_GET
@org_view
def org_calendar(request: HttpRequest, actor: Actor) -> HttpResponse:
    org = actor.organisation
    events = selectors.org_calendar_events(organisation_id=org.pk, since=ics.feed_since())
    return ics.calendar_response(events, name=org.name, org_slug=org.slug)


@require_GET
@org_view
def network_calendar(request: HttpRequest, actor: Actor, network: str) -> HttpResponse:
    net = access_network(actor, network)
    events = (
        selectors.visible_events(actor=actor)
        .filter(network=net, ends_at__gte=ics.feed_since())
        .exclude(status=EventStatus.HELD)
    )
    return ics.calendar_response(events, name=net.name, org_slug=actor.organisation.slug)


@require_GET
@org_view
def person_calendar(request: HttpRequest, actor: Actor, token: str) -> HttpResponse:
    if not token or len(token) > 64:
        raise Http404
    feed = get_object_or_404(
        CalendarFeed.objects.select_related("person"),
        token=token,
        organisation=actor.organisation,
    )
    events = selectors.person_calendar_events(person=feed.person, since=ics.feed_since())
    return ics.calendar_response(
        events,
        name=_("My events – %(organisation)s") % {"organisation": actor.organisation.name},
        org_slug=actor.organisation.slug,
    )


@require_http_methods(["GET", "POST"])
@org_view
def my_calendar(request: HttpRequest, actor: Actor) -> HttpResponse:
    if not actor.is_authenticated:
        raise LoginRequired
    if actor.person is None:
        raise PermissionDenied
    url = reverse("meetings:my_calendar", kwargs={"org": actor.organisation.slug})
    if request.method == "POST":
        had = CalendarFeed.objects.filter(person=actor.person).exists()
        services.calendar_feed_reset(actor=actor)
        messages.success(
            request,
            _("Your calendar has a new address. The old one no longer works.")
            if had
            else _("Your calendar address is ready."),
        )
        return redirect(url)
    feed = CalendarFeed.objects.filter(person=actor.person).first()
    context = {
        "feed": feed,
        "feed_url": request.build_absolute_uri(
            reverse(
                "meetings:person_calendar",
                kwargs={"org": actor.organisation.slug, "token": feed.token},
            )
        )
        if feed
        else "",
        "registrations": list(selectors.my_registrations(actor=actor)[:50]),
    }
    return render(request, "meetings/events_my_calendar.html", context)
