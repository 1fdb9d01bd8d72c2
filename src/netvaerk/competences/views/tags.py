"""Placeholder: replaced by its part of issue 6."""

from django.http import Http404, HttpRequest, HttpResponse


def tags(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def tag_options(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def tag(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def merge(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def set_status(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def settings_page(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404
