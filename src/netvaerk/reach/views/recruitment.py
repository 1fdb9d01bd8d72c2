"""Placeholder views: the recruitment helper replaces every one of them."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def recruitment(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def export_csv(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def export_xlsx(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def entry(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def add_note(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404
