"""A network's competence overview, for its chair, coordination group and coordinator and for
the office: what the network covers and where it is thin, by tag and region — a chart, the
numbers in tables, each number a link to the search showing those people."""

from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from netvaerk.competences.access import access_competence_network
from netvaerk.competences.selectors import overview as selectors
from netvaerk.competences.selectors.overview import Overview
from netvaerk.core.access import Actor, org_view
from netvaerk.core.http import HttpRequest
from netvaerk.reports.charts import bar_chart
from netvaerk.reports.documents import Chart

# The chart shows this many of the most covered tags; the table below has all of them.
CHART_TAGS = 20


def _chart(overview: Overview) -> Chart | None:
    rows = [row for row in overview.tags_by_count if row.count][:CHART_TAGS]
    if not rows:
        return None
    title = _("People in %(network)s by competence") % {"network": overview.network.name}
    described = ", ".join(
        ngettext("%(tag)s: %(count)d person", "%(tag)s: %(count)d people", row.count)
        % {"tag": row.tag.name, "count": row.count}
        for row in rows
    )
    return bar_chart(
        title=title,
        labels=[row.tag.name for row in rows],
        series={_("People"): [row.count for row in rows]},
        alt=_("Bar chart, most covered competences first. %(described)s.")
        % {"described": described},
    )


@require_GET
@org_view
def network_overview(request: HttpRequest, actor: Actor, network: str) -> HttpResponse:
    found = access_competence_network(actor, network, "competences.view_overview")
    overview = selectors.network_overview(found)
    search_url = reverse("competences:search", kwargs={"org": actor.organisation.slug})
    search = f"{search_url}?{urlencode({'network': found.slug})}"
    context = {
        "network": found,
        "overview": overview,
        "chart": _chart(overview),
        "search": search,
        "chart_tags": CHART_TAGS,
    }
    return render(request, "competences/overview.html", context)
