from typing import Any

from django.http import HttpRequest


def netvaerk(request: HttpRequest) -> dict[str, Any]:
    return {
        "organisation": getattr(request, "organisation", None),
        "actor": getattr(request, "actor", None),
    }
