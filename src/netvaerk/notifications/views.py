from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netvaerk.core.access import Actor, ensure, org_view
from netvaerk.core.errors import ServiceError
from netvaerk.core.http import HttpRequest
from netvaerk.core.mail import is_local_path
from netvaerk.core.selectors import paginate
from netvaerk.notifications import selectors, services
from netvaerk.notifications.access import access_notification
from netvaerk.notifications.forms import EmailPreferenceForm
from netvaerk.notifications.models import DigestKind, Notification


def _list_url(actor: Actor, page: str | None = None) -> str:
    url = reverse("notifications:list", kwargs={"org": actor.organisation.slug})
    if page and page.isdigit() and page != "1":
        url += f"?page={page}"
    return url


@require_GET
@org_view
def notification_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    ensure(actor, "notifications.view_list")
    notifications = (
        selectors.person_notifications(organisation=actor.organisation, person=actor.person)
        if actor.person is not None
        else Notification.objects.none()
    )
    page = paginate(
        notifications,
        page=request.GET.get("page"),
        per_page=selectors.NOTIFICATION_PAGE_SIZE,
    )
    return render(request, "notifications/list.html", {"page": page, "person": actor.person})


@require_GET
@org_view
def notification_open(request: HttpRequest, actor: Actor, notification_id: int) -> HttpResponse:
    """Mark the notification read and go to what it is about: a path on this site only."""
    notification = access_notification(actor, notification_id)
    services.notification_mark_read(actor=actor, notification=notification)
    if notification.url and is_local_path(notification.url):
        return redirect(notification.url)
    return redirect(_list_url(actor))


@require_POST
@org_view
def notification_mark_read(
    request: HttpRequest, actor: Actor, notification_id: int
) -> HttpResponse:
    notification = access_notification(actor, notification_id)
    services.notification_mark_read(actor=actor, notification=notification)
    messages.success(request, _("The notification is marked as read."))
    return redirect(_list_url(actor, request.POST.get("page")))


@require_POST
@org_view
def notifications_mark_all_read(request: HttpRequest, actor: Actor) -> HttpResponse:
    ensure(actor, "notifications.view_list")
    count = services.notifications_mark_all_read(actor=actor)
    if count:
        messages.success(request, _("All your notifications are marked as read."))
    else:
        messages.info(request, _("You have no unread notifications."))
    return redirect(_list_url(actor))


@require_http_methods(["GET", "POST"])
@org_view
def email_preferences(request: HttpRequest, actor: Actor) -> HttpResponse:
    """The person's choice: news that can wait at once, or one e-mail a week."""
    ensure(actor, "notifications.choose_delivery")
    assert actor.person is not None
    status = 200
    if request.method == "POST":
        form = EmailPreferenceForm(request.POST)
        if form.is_valid():
            try:
                services.email_preference_set(actor=actor, delivery=form.cleaned_data["delivery"])
            except ServiceError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Your choice is saved."))
                return redirect(
                    reverse("notifications:preferences", kwargs={"org": actor.organisation.slug})
                )
        status = 400
    else:
        form = EmailPreferenceForm(
            initial={"delivery": selectors.email_delivery(person=actor.person)}
        )
    context = {
        "form": form,
        "pending": selectors.pending_digest_count(person=actor.person),
        "digest_kinds": DigestKind.choices,
    }
    return render(request, "notifications/preferences.html", context, status=status)
