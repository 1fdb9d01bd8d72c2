from typing import Any

from django.http import HttpRequest


def netvaerk(request: HttpRequest) -> dict[str, Any]:
    actor = getattr(request, "actor", None)
    return {
        "organisation": getattr(request, "organisation", None),
        "actor": actor,
        # Roles are already on the actor: no query.
        "nav_board": actor is not None and actor.can("governance.view_board"),
    }
