"""Placeholder: replaced by its part of issue 6."""

from django.http import Http404, HttpRequest, HttpResponse


def network_overview(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404
