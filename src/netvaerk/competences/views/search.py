"""Placeholder: replaced by its part of issue 6."""

from django.http import Http404, HttpRequest, HttpResponse


def search(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404
