import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest


def netvaerk(request: HttpRequest) -> dict[str, Any]:
    actor = getattr(request, "actor", None)
    return {
        "organisation": getattr(request, "organisation", None),
        "actor": actor,
        # Roles are already on the actor: no query.
        "nav_board": actor is not None and actor.can("governance.view_board"),
        "nav_reach": actor is not None and actor.can("reach.view_dashboard"),
        # Programmes are run by the office and followed by the board; owners reach theirs
        # from the programme list.
        "nav_programmes": actor is not None and actor.can("reach.view_dashboard"),
        # Any person of the organisation may search the competence list.
        "nav_competences": actor is not None and actor.can("competences.search"),
        "unread_notifications": _unread_count(actor),
    }


def _unread_count(actor: Any) -> Callable[[], int] | int:
    """The header's badge: one COUNT on the unread index, run only if a page shows it, and
    only once however often it does."""
    if actor is None or actor.person is None:
        return 0
    from netvaerk.notifications.selectors import unread_notification_count

    return functools.cache(
        lambda: unread_notification_count(organisation=actor.organisation, person=actor.person)
    )
