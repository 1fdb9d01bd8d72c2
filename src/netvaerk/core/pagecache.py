"""A whole-page cache for what anonymous visitors see of an organisation.

The directory and network pages are what the public, search engines and link previews load
most; for a visitor without a login they are the same for everyone who asks in the same
language. Rendering them costs tens of milliseconds, answering from memory well under one.

Correctness rests on two things:
- The key holds the organisation's ``content_version``, which every audited write bumps
  (``core.audit.log_action``), so a change shows on the next request in every process.
  The cache itself is per process (``LocMemCache``): the version is read from the database
  on each request, one indexed row.
- Only what is the same for every anonymous visitor is stored: no signed-in user, no
  pending messages, no CSRF token or cookie in the response. A page that breaks one of
  these is served uncached.

``PUBLIC_PAGE_CACHE_SECONDS`` bounds staleness for what no service writes (a coordinator's
term running out at midnight is in the key as the date); 0 turns the cache off."""

import functools
import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.db import connection
from django.db.models import F
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.utils import translation

from netvaerk.core.access import today
from netvaerk.core.http import HttpRequest
from netvaerk.organisations.models import Organisation

CACHE_ALIAS = "pages"


def invalidate(organisation_id: int) -> None:
    """Make every cached page of the organisation stale, in every process."""
    Organisation.objects.filter(pk=organisation_id).update(content_version=F("content_version") + 1)


def _cacheable_request(request: HttpRequest) -> bool:
    if settings.PUBLIC_PAGE_CACHE_SECONDS <= 0 or request.method != "GET":
        return False
    if request.user.is_authenticated:
        return False
    # A message waiting for this visitor (after a form they sent) is theirs alone.
    return len(messages.get_messages(request)) == 0


def _content_version(slug: str) -> tuple[int, int] | None:
    """The organisation's id and content version, or None for an unknown address.

    The one query of a cache hit, so it is written out: building it with the ORM costs
    more than everything else a hit does."""
    table = connection.ops.quote_name(Organisation._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, content_version FROM {table} WHERE slug = %s", [slug])  # noqa: S608
        row = cursor.fetchone()
    return (row[0], row[1]) if row else None


def _key(request: HttpRequest, organisation_id: int, version: int) -> str:
    htmx = request.htmx
    parts = [
        request.get_full_path(),
        translation.get_language() or "",
        today().isoformat(),
        f"{bool(htmx)}:{htmx.target if htmx else ''}",
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"page:{organisation_id}:{version}:{digest}"


def _cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # A CSRF token in the page would be one visitor's token served to everyone.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


def public_page(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Cache an organisation's page for anonymous visitors. Put it outside ``@org_view``:
    a hit needs neither the organisation object nor an actor."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, org: str, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not _cacheable_request(request):
            return view(request, org, *args, **kwargs)
        found = _content_version(org)
        if found is None:
            return view(request, org, *args, **kwargs)
        cache = caches[CACHE_ALIAS]
        key = _key(request, *found)
        stored = cache.get(key)
        if stored is not None:
            content, content_type = stored
            hit = HttpResponse(content, content_type=content_type)
            hit["X-Page-Cache"] = "hit"
            return hit
        response = view(request, org, *args, **kwargs)
        if isinstance(response, HttpResponse) and _cacheable_response(request, response):
            cache.set(
                key,
                (response.content, response["Content-Type"]),
                settings.PUBLIC_PAGE_CACHE_SECONDS,
            )
            response["X-Page-Cache"] = "miss"
        return response

    return wrapper
