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
from netvaerk.organisations.models import Organisation
from netvaerk.privacy.access import record_access
from netvaerk.privacy.models import AccessKind

RESULTS_ID = "search-results"
FILTERS = (("tag", "tags"), ("region", "regions"), ("network", "networks"), ("branch", "branches"))


def _options_html(
    organisation: Organisation, name: str, options: list[Option], selected: object
) -> str:
    """A select's options, written here rather than by a template loop: the list of
    branches can be a thousand long, and the template engine would take tens of
    milliseconds over it on every search. Written once per organisation version (see
    `_all_options_html`); the chosen option is then marked in the text."""
    html = _all_options_html(organisation.pk, organisation.content_version, name, options)
    if isinstance(selected, str) and selected:
        chosen = f'<option value="{escape(selected)}">'
        html = html.replace(chosen, chosen[:-1] + " selected>", 1)
    return mark_safe(html)  # noqa: S308 - every value is escaped in _all_options_html


# Written options by (organisation, content version, list): a new version (a branch or a
# network changed) makes a new entry, and the oldest are let go.
_WRITTEN: dict[tuple[int, int, str], str] = {}
_WRITTEN_MAX = 64


def _all_options_html(organisation_id: int, version: int, name: str, options: list[Option]) -> str:
    key = (organisation_id, version, name)
    html = _WRITTEN.get(key)
    if html is None:
        html = "".join(
            f'<option value="{escape(option.slug)}">{escape(option.name)}</option>'
            for option in options
        )
        while len(_WRITTEN) >= _WRITTEN_MAX:
            _WRITTEN.pop(next(iter(_WRITTEN)))
        _WRITTEN[key] = html
    return html


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
            record_access(
                actor=actor,
                request=request,
                kind=AccessKind.SEARCH,
                person_ids=[profile.person_id for profile in page.object_list],
                subject=_("Competence search"),
            )
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
            name: _options_html(actor.organisation, name, getattr(form, plural), form[name].value())
            for name, plural in FILTERS
        },
    }
    template = "competences/search.html"
    if request.htmx and request.htmx.target == RESULTS_ID:
        template += "#results"
    return render(request, template, context)
