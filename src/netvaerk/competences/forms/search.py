"""The competence search form: the words, and filters named by their addresses (slugs) as
they appear in a shared link. A slug this organisation does not have is an error on its
field; the search is then not run, so that nothing is guessed."""

from typing import Any, NamedTuple

from django import forms
from django.core.cache import cache
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from netvaerk.competences.models import Tag, TagStatus
from netvaerk.competences.search.query import MAX_LENGTH, ParsedQuery, parse_query
from netvaerk.competences.search.text import config_for
from netvaerk.competences.selectors.search import SearchParams
from netvaerk.networks.models import Network, NetworkStatus
from netvaerk.organisations.models import Branch, Organisation, Region

# Longer slugs cannot exist; shown cut short in the message.
SLUG_SHOWN = 60


def _shown(slug: str) -> str:
    return slug if len(slug) <= SLUG_SHOWN else slug[:SLUG_SHOWN] + "…"


class Option(NamedTuple):
    pk: int
    slug: str
    name: str


def _options(qs: QuerySet[Any]) -> list[Option]:
    return [Option(*row) for row in qs.order_by("name").values_list("pk", "slug", "name")]


def search_options(organisation: Organisation) -> dict[str, list[Option]]:
    """The filters' options: the competences in use, regions, active networks and branches,
    the same for everyone in the organisation and cached until it changes (every audited
    write bumps its content_version)."""
    key = f"competences:search-options:{organisation.pk}:{organisation.content_version}"
    found: dict[str, list[Option]] | None = cache.get(key)
    if found is None:
        found = {
            "tags": _options(
                Tag.objects.filter(organisation=organisation, status=TagStatus.ACTIVE)
            ),
            "regions": _options(Region.objects.filter(organisation=organisation)),
            "networks": _options(
                Network.objects.filter(organisation=organisation, status=NetworkStatus.ACTIVE)
            ),
            "branches": _options(Branch.objects.filter(organisation=organisation)),
        }
        cache.set(key, found, timeout=24 * 3600)
    return found


class SearchForm(forms.Form):
    q = forms.CharField(label=_("What are you looking for?"), required=False)
    tag = forms.CharField(label=_("Competence"), required=False)
    region = forms.CharField(label=_("Region"), required=False)
    network = forms.CharField(label=_("Network"), required=False)
    branch = forms.CharField(label=_("Branch"), required=False)
    open = forms.BooleanField(label=_("Only people open to be asked"), required=False)

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["branch"].label = organisation.branch_word.capitalize()
        self.config = config_for(organisation.language)
        self.parsed = ParsedQuery()
        # The option lists can be a thousand long (branches): plain (pk, slug, name) rows, not
        # model instances, kept in the cache until the organisation changes; the chosen one
        # becomes an instance in _find.
        lists = search_options(organisation)
        self.tags = lists["tags"]
        self.regions = lists["regions"]
        self.networks = lists["networks"]
        self.branches = lists["branches"]

    def clean_q(self) -> str:
        text: str = self.cleaned_data["q"]
        if len(text) > MAX_LENGTH:
            raise forms.ValidationError(
                _(
                    "Search with at most %(limit)d characters: a few words that say what "
                    "you are looking for."
                ),
                params={"limit": MAX_LENGTH},
                code="max_length",
            )
        self.parsed = parse_query(text, self.config)
        if self.parsed.only_stop_words:
            raise forms.ValidationError(
                _(
                    "Your search has only common words such as “and” or “the”, which are "
                    "not searched for. Add a word that says what you are looking for."
                ),
                code="stop_words",
            )
        if text.strip() and self.parsed.is_empty:
            raise forms.ValidationError(
                _("Search with words of letters or digits; signs and symbols are left out."),
                code="no_words",
            )
        return text

    def _find(
        self, field: str, model: type[Any], options: list[Option], message: Any, **params: str
    ) -> Any:
        slug: str = self.cleaned_data[field].strip()
        if not slug:
            return None
        for option in options:
            if option.slug == slug:
                return model(
                    pk=option.pk, slug=option.slug, name=option.name, organisation=self.organisation
                )
        raise forms.ValidationError(
            message, params={"slug": _shown(slug), **params}, code="unknown"
        )

    def clean_tag(self) -> Tag | None:
        return self._find(
            "tag", Tag, self.tags, _("There is no competence called “%(slug)s” in the list.")
        )

    def clean_region(self) -> Region | None:
        return self._find(
            "region", Region, self.regions, _("There is no region called “%(slug)s”.")
        )

    def clean_network(self) -> Network | None:
        return self._find(
            "network", Network, self.networks, _("There is no active network called “%(slug)s”.")
        )

    def clean_branch(self) -> Branch | None:
        return self._find(
            "branch",
            Branch,
            self.branches,
            _("There is no %(branch_word)s called “%(slug)s”."),
            branch_word=self.organisation.branch_word,
        )

    def params(self) -> SearchParams:
        data = self.cleaned_data
        return SearchParams(
            q=data.get("q", ""),
            tag=data.get("tag"),
            region=data.get("region"),
            network=data.get("network"),
            branch=data.get("branch"),
            open_only=bool(data.get("open")),
        )
