"""Placeholder: replaced by its part of issue 6."""

from django.http import Http404, HttpRequest, HttpResponse


def ask_person(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def ask_network(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def request_list(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def request_detail(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def accept(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def decline(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def pass_on(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def withdraw(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def close(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404
