from django.http import HttpRequest as DjangoHttpRequest
from django_htmx.middleware import HtmxDetails


class HttpRequest(DjangoHttpRequest):
    """The request as our middleware leaves it, for type checking."""

    htmx: HtmxDetails
