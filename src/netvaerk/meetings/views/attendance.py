"""Attendance: the organiser's list with a "came" toggle per registration, the check-in desk,
the import of the meeting tool's participant list, the counts for organisers and the board,
and the registration holder's own check-in (by code, or through the QR code)."""

import io
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netvaerk.core.access import Actor, LoginRequired, ensure, org_view
from netvaerk.core.errors import ServiceError
from netvaerk.core.http import HttpRequest
from netvaerk.core.selectors import paginate
from netvaerk.meetings.access import access_event, access_registration_by_token
from netvaerk.meetings.forms_attendance import (
    CameForm,
    CheckInCodeForm,
    DeskCodeForm,
    ImportConfirmForm,
    ImportUploadForm,
    PersonChoiceForm,
)
from netvaerk.meetings.models import (
    OPEN_REGISTRATION_STATUSES,
    Attendance,
    Event,
    EventSeries,
    Registration,
)
from netvaerk.meetings.selectors import attendance as selectors
from netvaerk.meetings.services import attendance as services
from netvaerk.meetings.views.events import answers_expired_link
from netvaerk.networks.models import Network
from netvaerk.people.models import Person
from netvaerk.privacy.access import record_access
from netvaerk.privacy.models import AccessKind
from netvaerk.reports.charts import bar_chart

PAGE_SIZE = 50
MANAGE = "meetings.manage_attendance"
SUMMARY = "meetings.view_attendance_summary"


def _url(name: str, event: Event, **kwargs: Any) -> str:
    return reverse(
        f"meetings:{name}",
        kwargs={"org": event.organisation.slug, "event_id": event.pk, **kwargs},
    )


def _list_url(event: Event, page: str | None = None) -> str:
    url = _url("attendance", event)
    if page and page.isdigit():
        url += "?" + urlencode({"page": page})
    return url


# -------------------------------------------------------------------- the organiser's list


def _list_page(
    request: HttpRequest, actor: Actor, event: Event, *, status: int = 200, **forms: Any
) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    opens, closes = services.check_in_window(event)
    page = paginate(
        selectors.attendance_list(event), page=request.GET.get("page"), per_page=PAGE_SIZE
    )
    walk_ins = paginate(
        selectors.walk_ins(event), page=request.GET.get("others"), per_page=PAGE_SIZE
    )
    found = selectors.search_persons(event, query) if query else []
    record_access(
        actor=actor,
        request=request,
        kind=AccessKind.SEARCH if query else AccessKind.LIST,
        person_ids=[
            *(r.person_id for r in page.object_list if r.person_id is not None),
            *(a.person_id for a in walk_ins.object_list if a.person_id is not None),
            *(person.pk for person in found),
        ],
        subject=event.title,
    )
    context = {
        "event": event,
        "page": page,
        "walk_ins": walk_ins,
        "headline": selectors.headline(event),
        "query": query,
        "found": found,
        "desk_form": forms.get("desk_form") or DeskCodeForm(),
        "may_record": timezone.now() >= opens and not event.is_cancelled,
        "check_in_open": opens <= timezone.now() <= closes and not event.is_cancelled,
        "opens": opens,
    }
    return render(request, "meetings/attendance.html", context, status=status)


@require_GET
@org_view
def attendance(request: HttpRequest, actor: Actor, event_id: int) -> HttpResponse:
    event = access_event(actor, event_id, MANAGE)
    return _list_page(request, actor, event)


def _registration(event: Event, registration_id: int) -> Registration:
    return get_object_or_404(
        Registration.objects.select_related("person", "attendance"),
        pk=registration_id,
        event=event,
        organisation=event.organisation,
        status__in=OPEN_REGISTRATION_STATUSES,
    )


@require_POST
@org_view
def attendance_toggle(
    request: HttpRequest, actor: Actor, event_id: int, registration_id: int
) -> HttpResponse:
    """Came / did not come for one registration: the row again for htmx, else the list."""
    event = access_event(actor, event_id, MANAGE)
    registration = _registration(event, registration_id)
    form = CameForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            if form.cleaned_data["came"]:
                services.attendance_mark(actor=actor, event=event, registration=registration)
            else:
                current = Attendance.objects.filter(registration=registration).first()
                if current is not None:
                    services.attendance_unmark(actor=actor, event=event, attendance=current)
        except ServiceError as refusal:
            error = refusal.message
    if request.htmx:
        fresh = _registration(event, registration_id)
        return render(
            request,
            "meetings/attendance.html#row",
            {"event": event, "registration": fresh, "row_error": error, "may_record": True},
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(
            request,
            (
                _("%(name)s is recorded as having come.")
                if form.cleaned_data.get("came")
                else _("%(name)s is no longer recorded as having come.")
            )
            % {"name": registration.display_name},
        )
    return redirect(_list_url(event, request.POST.get("page")))


@require_POST
@org_view
def attendance_add(request: HttpRequest, actor: Actor, event_id: int) -> HttpResponse:
    """A person of the organisation who came without registering."""
    event = access_event(actor, event_id, MANAGE)
    form = PersonChoiceForm(request.POST)
    person = None
    if form.is_valid():
        person = Person.objects.filter(
            organisation=actor.organisation, pk=form.cleaned_data["person"]
        ).first()
    if person is None:
        messages.error(request, _("Choose a person of the organisation from the search."))
        return redirect(_list_url(event))
    try:
        _attendance, created = services.attendance_mark(actor=actor, event=event, person=person)
    except ServiceError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            (
                _("%(name)s is recorded as having come.")
                if created
                else _("%(name)s was already recorded as having come.")
            )
            % {"name": person.name},
        )
    return redirect(_list_url(event))


@require_POST
@org_view
def attendance_remove(
    request: HttpRequest, actor: Actor, event_id: int, attendance_id: int
) -> HttpResponse:
    event = access_event(actor, event_id, MANAGE)
    record = get_object_or_404(
        Attendance.objects.select_related("person"),
        pk=attendance_id,
        event=event,
        organisation=actor.organisation,
    )
    try:
        services.attendance_unmark(actor=actor, event=event, attendance=record)
    except ServiceError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request, _("%(name)s is no longer recorded as having come.") % {"name": str(record)}
        )
    return redirect(_list_url(event))


@require_POST
@org_view
def attendance_desk(request: HttpRequest, actor: Actor, event_id: int) -> HttpResponse:
    """The check-in desk: the organiser types the code a participant shows."""
    event = access_event(actor, event_id, MANAGE)
    form = DeskCodeForm(request.POST)
    if form.is_valid():
        try:
            record, created = services.attendance_check_in_desk(
                actor=actor, event=event, code=form.cleaned_data["code"]
            )
        except ServiceError as refusal:
            if refusal.field is None:
                messages.error(request, refusal.message)
                return redirect(_list_url(event))
            form.add_error("code", refusal.message)
        else:
            messages.success(
                request,
                (_("%(name)s is checked in.") if created else _("%(name)s was already checked in."))
                % {"name": str(record)},
            )
            return redirect(_list_url(event))
    return _list_page(request, actor, event, status=400, desk_form=form)


# ------------------------------------------------------------------------------ import


def _import_page(
    request: HttpRequest,
    event: Event,
    *,
    form: ImportUploadForm,
    report: services.ImportReport | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "event": event,
        "form": form,
        "report": report,
        "confirm_form": ImportConfirmForm(initial={"payload": report.payload}) if report else None,
        "statuses": services.RowStatus,
    }
    return render(request, "meetings/attendance_import.html", context, status=status)


@require_http_methods(["GET", "POST"])
@org_view
def attendance_import(request: HttpRequest, actor: Actor, event_id: int) -> HttpResponse:
    """Upload → the dry run's report, row by row. Nothing is written here."""
    event = access_event(actor, event_id, MANAGE)
    if request.method == "GET":
        return _import_page(request, event, form=ImportUploadForm())
    form = ImportUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _import_page(request, event, form=form, status=400)
    try:
        report = services.attendance_import_preview(
            actor=actor,
            event=event,
            data=form.cleaned_data["file"].read(),
            guests=form.cleaned_data["guests"],
        )
    except ServiceError as refusal:
        form.add_error("file", refusal.message)
        return _import_page(request, event, form=form, status=400)
    return _import_page(request, event, form=ImportUploadForm(), report=report)


@require_POST
@org_view
def attendance_import_confirm(request: HttpRequest, actor: Actor, event_id: int) -> HttpResponse:
    event = access_event(actor, event_id, MANAGE)
    form = ImportConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The import could not be confirmed. Upload the file again."))
        return redirect(_url("attendance_import", event))
    try:
        report = services.attendance_import_confirm(
            actor=actor, event=event, payload=form.cleaned_data["payload"]
        )
    except ServiceError as refusal:
        messages.error(request, refusal.message)
        return redirect(_url("attendance_import", event))
    recorded = report.to_record
    messages.success(
        request,
        _(
            "The participant list is imported: %(recorded)s recorded as having come, "
            "%(already)s already recorded, %(unknown)s not found in the organisation."
        )
        % {
            "recorded": recorded,
            "already": report.counts[services.RowStatus.ALREADY],
            "unknown": report.counts[services.RowStatus.UNKNOWN],
        },
    )
    return redirect(_list_url(event))


# ----------------------------------------------------------------------------- summary


def _compare_network(request: HttpRequest, actor: Actor, own: Network | None) -> Network | None:
    """The event's own network, or for the office's events the one chosen with ?network=."""
    if own is not None:
        return own
    slug = request.GET.get("network", "")
    if not slug:
        return None
    return Network.objects.filter(organisation=actor.organisation, slug=slug[:100]).first()


def _chart(title: str, alt: str, groups: list[selectors.Group]) -> Any:
    return bar_chart(
        title=title,
        labels=[group.label for group in groups],
        series={
            _("Registered"): [group.registered for group in groups],
            _("Came"): [group.attended for group in groups],
        },
        alt=alt,
    )


def _alt(groups: list[selectors.Group]) -> str:
    return "; ".join(
        _("%(group)s: %(registered)s registered, %(came)s came")
        % {"group": group.label, "registered": group.registered, "came": group.attended}
        for group in groups
    )


@require_GET
@org_view
def attendance_summary(request: HttpRequest, actor: Actor, event_id: int) -> HttpResponse:
    event = access_event(actor, event_id, SUMMARY)
    network = _compare_network(request, actor, event.network)
    membership = selectors.by_membership(event, network)
    regions = selectors.by_region(event)
    branches = selectors.by_branch(event)
    context = {
        "event": event,
        "network": network,
        "networks": (
            selectors.networks_to_compare(event).only("slug", "name")
            if event.network is None
            else []
        ),
        "headline": selectors.headline(event),
        "membership": membership,
        "regions": regions,
        "branches": branches,
        "membership_chart": _chart(
            _("Registered and came, by membership of the network"), _alt(membership), membership
        ),
        "region_chart": _chart(_("Registered and came, by region"), _alt(regions), regions)
        if regions
        else None,
        "branch_chart": _chart(_("Registered and came, by branch"), _alt(branches), branches)
        if branches
        else None,
        "can_manage": actor.can(MANAGE, event),
    }
    return render(request, "meetings/attendance_summary.html", context)


@require_GET
@org_view
def attendance_series(request: HttpRequest, actor: Actor, series_id: int) -> HttpResponse:
    series = get_object_or_404(
        EventSeries.objects.select_related("network"),
        pk=series_id,
        organisation=actor.organisation,
    )
    ensure(actor, SUMMARY, series.network)
    network = _compare_network(request, actor, series.network)
    sessions = selectors.series_sessions(series, network)
    labels = [
        timezone.localtime(s.event.starts_at, s.event.tz).date().isoformat() for s in sessions
    ]
    chart = bar_chart(
        title=_("Registered and came, session by session"),
        labels=labels,
        series={
            _("Registered"): [s.registered for s in sessions],
            _("Came"): [s.attended for s in sessions],
            _("Came: network members"): [s.members for s in sessions],
        },
        alt="; ".join(
            _("%(date)s: %(registered)s registered, %(came)s came, %(members)s of them members")
            % {"date": label, "registered": s.registered, "came": s.attended, "members": s.members}
            for label, s in zip(labels, sessions, strict=True)
        ),
    )
    context = {
        "series": series,
        "network": network,
        "networks": (
            selectors.networks_to_compare(series).only("slug", "name")
            if series.network is None
            else []
        ),
        "sessions": sessions,
        "chart": chart if sessions else None,
    }
    return render(request, "meetings/attendance_series.html", context)


# ------------------------------------------------------------------ checking in oneself


def _check_in_page(
    request: HttpRequest,
    actor: Actor,
    event: Event,
    registration: Registration | None,
    *,
    form: CheckInCodeForm | None = None,
    status: int = 200,
) -> HttpResponse:
    opens, closes = services.check_in_window(event)
    context = {
        "event": event,
        "registration": registration,
        "checked_in": registration is not None
        and Attendance.objects.filter(registration=registration).exists(),
        "form": form or CheckInCodeForm(),
        "opens": opens,
        "closes": closes,
        "is_open": opens <= timezone.now() <= closes and not event.is_cancelled,
    }
    return render(request, "meetings/attendance_check_in.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
@org_view
def check_in(request: HttpRequest, actor: Actor, event_id: int) -> HttpResponse:
    """A logged-in registrant types the code from their registration."""
    if not actor.is_authenticated:
        raise LoginRequired
    event = access_event(actor, event_id)
    registration = (
        Registration.objects.filter(
            event=event, person=actor.person, status__in=OPEN_REGISTRATION_STATUSES
        ).first()
        if actor.person is not None
        else None
    )
    if request.method == "GET":
        return _check_in_page(request, actor, event, registration)
    if registration is None:
        messages.error(request, _("You have no registration for this event to check in with."))
        return redirect(_url("check_in", event))
    form = CheckInCodeForm(request.POST)
    if form.is_valid():
        try:
            _record, created = services.attendance_check_in(
                actor=actor, registration=registration, code=form.cleaned_data["code"]
            )
        except ServiceError as refusal:
            if refusal.field is None:
                messages.error(request, refusal.message)
                return redirect(_url("check_in", event))
            form.add_error("code", refusal.message)
        else:
            messages.success(
                request,
                _("You are checked in. Welcome!") if created else _("You were already checked in."),
            )
            return redirect(_url("check_in", event))
    return _check_in_page(request, actor, event, registration, form=form, status=400)


def _token_url(registration: Registration) -> str:
    return reverse(
        "meetings:check_in_token",
        kwargs={"org": registration.organisation.slug, "token": registration.token},
    )


@never_cache
@require_http_methods(["GET", "POST"])
@org_view
@answers_expired_link
def check_in_token(request: HttpRequest, actor: Actor, token: str) -> HttpResponse:
    """Where the QR code leads: GET asks for confirmation (a link preview or a scanner that
    opens the address checks nobody in); POST checks in. Check-in closes when the event ends;
    the page itself answers until the personal link expires, a while after."""
    registration = access_registration_by_token(actor, token)
    event = registration.event
    if request.method == "POST":
        try:
            _record, created = services.attendance_check_in(
                actor=actor, registration=registration, token=token
            )
        except ServiceError as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(
                request,
                _("You are checked in. Welcome!") if created else _("You were already checked in."),
            )
        return redirect(_token_url(registration))
    opens, closes = services.check_in_window(event)
    context = {
        "event": event,
        "registration": registration,
        "checked_in": Attendance.objects.filter(registration=registration).exists(),
        "opens": opens,
        "closes": closes,
        "is_open": opens <= timezone.now() <= closes and not event.is_cancelled,
    }
    response = render(request, "meetings/attendance_check_in_token.html", context)
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@require_GET
@org_view
@answers_expired_link
def check_in_qr(request: HttpRequest, actor: Actor, token: str) -> HttpResponse:
    """The holder's QR code (SVG): the absolute address of their check-in page."""
    registration = access_registration_by_token(actor, token)
    address = settings.SITE_URL.rstrip("/") + _token_url(registration)
    buffer = io.BytesIO()
    segno.make(address, error="m").save(
        buffer,
        kind="svg",
        scale=6,
        border=2,
        xmldecl=False,
        title=_("QR code for checking in at %(event)s") % {"event": registration.event.title},
    )
    response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
    response["X-Robots-Tag"] = "noindex"
    response["Content-Disposition"] = 'inline; filename="check-in.svg"'
    return response
