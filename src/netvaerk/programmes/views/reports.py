"""Placeholder views: the reports helper replaces every one of them."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def report_list(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def report_create(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def report_detail(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def report_send(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def report_pdf(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def report_docx(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def latest_pdf(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def latest_docx(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404
