"""The only way views fetch a notification: the actor's own, in this organisation, or 404."""

from django.http import Http404

from netvaerk.core.access import Actor, ensure
from netvaerk.notifications.models import Notification


def access_notification(actor: Actor, notification_id: int) -> Notification:
    ensure(actor, "notifications.view_list")
    if actor.person is None:
        raise Http404
    notification = Notification.objects.filter(
        pk=notification_id, organisation=actor.organisation, person=actor.person
    ).first()
    # Someone else's notification is answered as if it did not exist.
    if notification is None or not actor.can("notifications.read", notification):
        raise Http404
    return notification
