"""Placeholder views: the programmes helper replaces every one of them."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def programme_list(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def programme_create(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def programme_detail(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def programme_edit(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def goal_create(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def goal_edit(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def goal_delete(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def indicator_create(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def indicator_detail(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def indicator_edit(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def indicator_delete(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def value_add(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def value_delete(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404
