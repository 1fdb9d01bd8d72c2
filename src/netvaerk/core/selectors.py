"""Reads shared by every app."""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet


def paginate(qs: QuerySet, *, page: str | int | None, per_page: int) -> Page:
    """One page of a list; a missing, malformed or too-high page number gives a valid page."""
    return Paginator(qs, per_page).get_page(page)
