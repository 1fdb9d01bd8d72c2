"""The competence search page, `/<org>/competences/?q=…`: the form, and the results as one
partial that htmx swaps in place as the searcher types (the plain GET form without it)."""

from html import escape
from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from netvaerk.competences.forms.search import Option, SearchForm
from netvaerk.competences.models import Availability, Profile
from netvaerk.competences.search.query import MAX_WORDS, ParsedQuery, matches
from netvaerk.competences.selectors.search import popular_tags, search_profiles
from netvaerk.core.access import Actor, ensure, org_view
from netvaerk.core.http import HttpRequest

RESULTS_ID = "search-results"
FILTERS = (("tag", "tags"), ("region", "regions"), ("network", "networks"), ("branch", "branches"))


def _options_html(options: list[Option], selected: object) -> str:
    """A select's options, written here rather than by a template loop: the list of
    branches can be a thousand long, and the template engine would take tens of
    milliseconds over it on every search."""
    return mark_safe(  # noqa: S308 - every value is escaped here
        "".join(
            f'<option value="{escape(option.slug)}"'
            f"{' selected' if option.slug == selected else ''}>{escape(option.name)}</option>"
            for option in options
        )
    )


def _mark_tags(
    profiles: list[Profile], parsed: ParsedQuery, config: str, tag_id: int | None
) -> None:
    """Each profile's `shown_tags`: (tag, matched) pairs, matched when the search's words or
    its competence filter found that tag."""
    for profile in profiles:
        shown: list[tuple[Any, bool]] = []
        for tag in profile.tags.all():
            text = " ".join([tag.name, *(synonym.term for synonym in tag.synonyms.all())])
            shown.append((tag, tag.pk == tag_id or matches(text, parsed, config)))
        profile.shown_tags = shown  # type: ignore[attr-defined]


@require_GET
@org_view
def search(request: HttpRequest, actor: Actor) -> HttpResponse:
    ensure(actor, "competences.search")
    form = SearchForm(request.GET, organisation=actor.organisation)
    notices: list[str] = []
    page = None
    tags: list[Any] = []
    if form.is_valid():
        params = form.params()
        if params.q.strip() or params.has_filter:
            page = search_profiles(actor=actor, params=params, page=request.GET.get("page"))
            _mark_tags(
                list(page.object_list),
                form.parsed,
                form.config,
                params.tag.pk if params.tag else None,
            )
            if form.parsed.dropped:
                notices.append(
                    ngettext(
                        "Only the first %(limit)d words were searched for; %(count)d word "
                        "was left out.",
                        "Only the first %(limit)d words were searched for; %(count)d words "
                        "were left out.",
                        form.parsed.dropped,
                    )
                    % {"limit": MAX_WORDS, "count": form.parsed.dropped}
                )
        else:
            tags = popular_tags(actor)
            if "q" in request.GET:
                notices.append(_("Type what you are looking for, or choose a competence."))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "tags": tags,
        "notices": notices,
        "query": query.urlencode(),
        "paused": Availability.PAUSED,
        "results_id": RESULTS_ID,
        "options": {
            name: _options_html(getattr(form, plural), form[name].value())
            for name, plural in FILTERS
        },
    }
    template = "competences/search.html"
    if request.htmx and request.htmx.target == RESULTS_ID:
        template += "#results"
    return render(request, template, context)
