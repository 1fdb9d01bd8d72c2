"""Placeholder views: the programmes helper replaces every one of them."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def support_list(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def select_branch(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def criterion_add(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def supported_detail(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def supported_edit(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def supported_status(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def case_entry_add(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404
