"""Announcing an event, the follow-up after it, and the activity newsletter."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netvaerk.core.access import Actor, ensure, org_view
from netvaerk.core.actions import form_error
from netvaerk.core.errors import ServiceError
from netvaerk.core.http import HttpRequest
from netvaerk.core.selectors import paginate
from netvaerk.meetings.access import access_event
from netvaerk.meetings.forms.outreach import (
    AnnounceForm,
    FollowUpForm,
    MaterialForm,
    NewsletterForm,
)
from netvaerk.meetings.models import (
    Attendance,
    Event,
    EventMaterial,
    Newsletter,
    NewsletterStatus,
    Registration,
    RegistrationStatus,
)
from netvaerk.meetings.services import outreach as services

PAGE_SIZE = 25
RECENT_ANNOUNCEMENTS = 10


def _act(
    request: HttpRequest,
    form: Any,
    do: Callable[[dict[str, Any]], Any],
    *,
    done: Callable[[Any], str] | str,
    then: str,
    again: Callable[[], HttpResponse],
) -> HttpResponse:
    """One form's action (as governance's): valid input runs the service and goes on to
    `then`; a field's problem shows the form again with status 400; a refusal about the
    state of things is said on the page as it now is."""
    if form.is_valid():
        try:
            result = do(form.cleaned_data)
        except ServiceError as error:
            if error.field is None or error.field not in form.fields:
                messages.error(request, error.message)
                return redirect(then)
            form_error(form, error)
        else:
            messages.success(request, done(result) if callable(done) else done)
            return redirect(then)
    return again()


def _event_kwargs(event: Event) -> dict[str, Any]:
    return {"org": event.organisation.slug, "event_id": event.pk}


# ---------------------------------------------------------------- announcing


def _announce_page(
    request: HttpRequest,
    actor: Actor,
    event: Event,
    form: AnnounceForm,
    *,
    confirm: bool = False,
    status: int = 200,
) -> HttpResponse:
    context = {
        "event": event,
        "form": form,
        "confirm": confirm,
        "split": services.audience_split(persons=services.announcement_audience(event=event)),
        "announcements": list(
            event.announcements.select_related("sent_by").order_by("-sent_at")[
                :RECENT_ANNOUNCEMENTS
            ]
        ),
        "event_url": services.event_path(event),
    }
    return render(request, "meetings/outreach_announce.html", context, status=status)


@require_http_methods(["GET", "POST"])
@org_view
def event_announce(request: HttpRequest, actor: Actor, event_id: int) -> HttpResponse:
    """Compose, then confirm with the number of people it will reach, then send."""
    event = access_event(actor, event_id, "meetings.announce_event")
    here = reverse("meetings:event_announce", kwargs=_event_kwargs(event))
    if request.method == "GET":
        return _announce_page(request, actor, event, AnnounceForm())
    form = AnnounceForm(request.POST)
    if "confirm" not in request.POST:
        # The first step: show whom it will reach, and ask again.
        if form.is_valid():
            return _announce_page(request, actor, event, form, confirm=True)
        return _announce_page(request, actor, event, form, status=400)
    return _act(
        request,
        form,
        lambda data: services.event_announce(actor=actor, event=event, message=data["message"]),
        done=lambda announcement: (
            ngettext(
                "The announcement is on its way to %(count)s person.",
                "The announcement is on its way to %(count)s people.",
                announcement.recipient_count,
            )
            % {"count": announcement.recipient_count}
        ),
        then=here,
        again=lambda: _announce_page(request, actor, event, form, status=400),
    )


# ---------------------------------------------------------------- follow-up


def _follow_up_event(actor: Actor, event_id: int) -> tuple[Event, bool]:
    """The event, for those who run it (True) or took part in it (False); others: 403."""
    event = access_event(actor, event_id)
    if actor.can("meetings.manage_event", event):
        return event, True
    if services.took_part(event=event, person=actor.person):
        return event, False
    if not actor.is_authenticated:
        ensure(actor, "meetings.manage_event", event)
    raise PermissionDenied


def _follow_up_page(
    request: HttpRequest,
    actor: Actor,
    event: Event,
    manages: bool,
    *,
    status: int = 200,
    **forms: Any,
) -> HttpResponse:
    context: dict[str, Any] = {
        "event": event,
        "manages": manages,
        "materials": list(event.materials.select_related("added_by")),
        "event_url": services.event_path(event),
    }
    if manages:
        attended = Attendance.objects.filter(event=event).count()
        context.update(
            {
                "material_form": forms.get("material_form") or MaterialForm(),
                "follow_up_form": forms.get("follow_up_form")
                or FollowUpForm(initial={"message": event.follow_up_message}),
                "attended": attended,
                "registered_absent": Registration.objects.filter(
                    event=event, status=RegistrationStatus.CONFIRMED, attendance__isnull=True
                ).count(),
                "can_send": event.follow_up_sent_at is None
                and not event.is_cancelled
                and event.is_past,
            }
        )
    return render(request, "meetings/outreach_follow_up.html", context, status=status)


def _follow_up_url(event: Event) -> str:
    return reverse("meetings:event_follow_up", kwargs=_event_kwargs(event))


@require_GET
@org_view
def event_follow_up(request: HttpRequest, actor: Actor, event_id: int) -> HttpResponse:
    event, manages = _follow_up_event(actor, event_id)
    return _follow_up_page(request, actor, event, manages)


@require_POST
@org_view
def event_material_add(request: HttpRequest, actor: Actor, event_id: int) -> HttpResponse:
    event = access_event(actor, event_id, "meetings.manage_event")
    form = MaterialForm(request.POST)
    return _act(
        request,
        form,
        lambda data: services.event_material_add(
            actor=actor, event=event, title=data["title"], url=data["url"]
        ),
        done=_("The material has been added."),
        then=_follow_up_url(event),
        again=lambda: _follow_up_page(request, actor, event, True, material_form=form, status=400),
    )


@require_POST
@org_view
def event_material_remove(
    request: HttpRequest, actor: Actor, event_id: int, material_id: int
) -> HttpResponse:
    event = access_event(actor, event_id, "meetings.manage_event")
    material = get_object_or_404(
        EventMaterial, pk=material_id, event=event, organisation=actor.organisation
    )
    try:
        services.event_material_remove(actor=actor, material=material)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The material has been removed."))
    return redirect(_follow_up_url(event))


@require_POST
@org_view
def event_follow_up_send(request: HttpRequest, actor: Actor, event_id: int) -> HttpResponse:
    event = access_event(actor, event_id, "meetings.manage_event")
    form = FollowUpForm(request.POST)
    return _act(
        request,
        form,
        lambda data: services.event_follow_up_send(
            actor=actor,
            event=event,
            message=data["message"],
            include_absent=data["include_absent"],
        ),
        done=lambda count: (
            ngettext(
                "The follow-up is on its way to %(count)s person.",
                "The follow-up is on its way to %(count)s people.",
                count,
            )
            % {"count": count}
        ),
        then=_follow_up_url(event),
        again=lambda: _follow_up_page(request, actor, event, True, follow_up_form=form, status=400),
    )


# ---------------------------------------------------------------- the newsletter


def _newsletters_url(actor: Actor) -> str:
    return reverse("meetings:newsletters", kwargs={"org": actor.organisation.slug})


def _newsletter_url(newsletter: Newsletter) -> str:
    return reverse(
        "meetings:newsletter",
        kwargs={"org": newsletter.organisation.slug, "newsletter_id": newsletter.pk},
    )


def _access_newsletter(actor: Actor, newsletter_id: int) -> Newsletter:
    ensure(actor, "meetings.compose_newsletter")
    return get_object_or_404(
        Newsletter.objects.select_related("organisation", "created_by", "sent_by"),
        pk=newsletter_id,
        organisation=actor.organisation,
    )


@require_GET
@org_view
def newsletters(request: HttpRequest, actor: Actor) -> HttpResponse:
    ensure(actor, "meetings.compose_newsletter")
    listing = (
        Newsletter.objects.filter(organisation=actor.organisation)
        .select_related("created_by", "sent_by")
        .annotate(event_count=Count("events"))
        .order_by("-created_at", "-pk")
    )
    page = paginate(listing, page=request.GET.get("page"), per_page=PAGE_SIZE)
    return render(request, "meetings/outreach_newsletters.html", {"page": page})


def _newsletter_form_page(
    request: HttpRequest,
    form: NewsletterForm,
    newsletter: Newsletter | None,
    *,
    status: int = 200,
) -> HttpResponse:
    context = {"form": form, "newsletter": newsletter}
    return render(request, "meetings/outreach_newsletter_form.html", context, status=status)


def _event_ids(data: dict[str, Any]) -> list[int]:
    return [event.pk for event in data["events"]]


@require_http_methods(["GET", "POST"])
@org_view
def newsletter_new(request: HttpRequest, actor: Actor) -> HttpResponse:
    ensure(actor, "meetings.compose_newsletter")
    candidates = services.newsletter_candidates(organisation=actor.organisation)
    if request.method == "GET":
        preselected = services.newsletter_preselected(organisation=actor.organisation)
        form = NewsletterForm(
            candidates=candidates,
            initial={"events": list(preselected.values_list("pk", flat=True))},
        )
        return _newsletter_form_page(request, form, None)
    form = NewsletterForm(request.POST, candidates=candidates)
    return _act(
        request,
        form,
        lambda data: services.newsletter_create(
            actor=actor,
            title=data["title"],
            introduction=data["introduction"],
            event_ids=_event_ids(data),
        ),
        done=_("The newsletter is saved as a draft. Read it through, then send it."),
        then=_newsletters_url(actor),
        again=lambda: _newsletter_form_page(request, form, None, status=400),
    )


@require_http_methods(["GET", "POST"])
@org_view
def newsletter_edit(request: HttpRequest, actor: Actor, newsletter_id: int) -> HttpResponse:
    newsletter = _access_newsletter(actor, newsletter_id)
    if newsletter.status != NewsletterStatus.DRAFT:
        messages.error(request, _("The newsletter has been sent; it can no longer be changed."))
        return redirect(_newsletter_url(newsletter))
    candidates = services.newsletter_candidates(organisation=actor.organisation)
    if request.method == "GET":
        form = NewsletterForm(
            candidates=candidates,
            initial={
                "title": newsletter.title,
                "introduction": newsletter.introduction,
                "events": list(newsletter.events.values_list("pk", flat=True)),
            },
        )
        return _newsletter_form_page(request, form, newsletter)
    form = NewsletterForm(request.POST, candidates=candidates)
    return _act(
        request,
        form,
        lambda data: services.newsletter_update(
            actor=actor,
            newsletter=newsletter,
            title=data["title"],
            introduction=data["introduction"],
            event_ids=_event_ids(data),
        ),
        done=_("The newsletter is saved."),
        then=_newsletter_url(newsletter),
        again=lambda: _newsletter_form_page(request, form, newsletter, status=400),
    )


@require_GET
@org_view
def newsletter_detail(request: HttpRequest, actor: Actor, newsletter_id: int) -> HttpResponse:
    """The preview: the e-mail exactly as members get it, in either language."""
    newsletter = _access_newsletter(actor, newsletter_id)
    languages = dict(settings.LANGUAGES)
    language = request.GET.get("language") or translation.get_language() or ""
    if language not in languages:
        language = settings.LANGUAGE_CODE
    subject, body = services.render_newsletter_preview(newsletter=newsletter, language=language)
    context = {
        "newsletter": newsletter,
        "subject": subject,
        "body": body,
        "language": language,
        "languages": settings.LANGUAGES,
        "recipients": (
            newsletter.recipient_count
            if newsletter.status == NewsletterStatus.SENT
            else services.newsletter_recipients(organisation=actor.organisation).count()
        ),
        "is_draft": newsletter.status == NewsletterStatus.DRAFT,
    }
    return render(request, "meetings/outreach_newsletter.html", context)


@require_POST
@org_view
def newsletter_send(request: HttpRequest, actor: Actor, newsletter_id: int) -> HttpResponse:
    newsletter = _access_newsletter(actor, newsletter_id)
    try:
        sent = services.newsletter_send(actor=actor, newsletter=newsletter)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            ngettext(
                "The newsletter is on its way to %(count)s member.",
                "The newsletter is on its way to %(count)s members.",
                sent.recipient_count,
            )
            % {"count": sent.recipient_count},
        )
    return redirect(_newsletter_url(newsletter))
