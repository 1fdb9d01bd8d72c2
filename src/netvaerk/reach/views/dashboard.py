"""Placeholder views: the reach helper replaces every one of them."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def dashboard(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def branches(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def settings_page(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def refresh(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def status(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def network_reach(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def set_goal(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404
