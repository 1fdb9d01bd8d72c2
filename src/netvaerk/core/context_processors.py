import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

# The data-protection pages, each with the permission that opens it, in the order of the
# section's menu; the main menu links to the first one the actor may open.
PRIVACY_PAGES = (
    ("privacy:requests", "privacy.handle_requests", _("Requests under the GDPR")),
    ("accesslog:index", "privacy.view_access_log", _("Access log")),
    ("retention:index", "privacy.view_retention", _("How long we keep data")),
    ("privacy:settings", "privacy.edit_settings", _("Privacy settings")),
)


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
        "privacy_pages": _privacy_pages(actor),
        "unread_notifications": _unread_count(actor),
    }


def _privacy_pages(actor: Any) -> list[tuple[str, Any]]:
    """(url name, label) of the data-protection pages the actor may open (roles are on the
    actor: no query)."""
    if actor is None or actor.person is None:
        return []
    return [(name, label) for name, permission, label in PRIVACY_PAGES if actor.can(permission)]


def _unread_count(actor: Any) -> Callable[[], int] | int:
    """The header's badge: one COUNT on the unread index, run only if a page shows it, and
    only once however often it does."""
    if actor is None or actor.person is None:
        return 0
    from netvaerk.notifications.selectors import unread_notification_count

    return functools.cache(
        lambda: unread_notification_count(organisation=actor.organisation, person=actor.person)
    )
