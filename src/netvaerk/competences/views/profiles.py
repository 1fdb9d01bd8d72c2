"""Placeholder: replaced by its part of issue 6."""

from django.http import Http404, HttpRequest, HttpResponse


def my_profile(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def delete_profile(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def profile(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404
