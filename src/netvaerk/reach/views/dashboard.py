"""The branch-reach pages: the dashboard (charts first, the numbers in tables below), a
network's reach and health, the branch-by-network table, the office's settings, and asking
for fresh figures. Pages read only the materialised figures, so each costs a fixed number
of queries; when the figures are stale a page asks for a refresh and says so, polling a
small status fragment with htmx (a plain link to reload is the fallback without script)."""

from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netvaerk.core.access import Actor, ensure, org_view
from netvaerk.core.actions import form_action
from netvaerk.core.http import HttpRequest
from netvaerk.core.selectors import paginate
from netvaerk.networks.models import Network
from netvaerk.organisations.models import Organisation
from netvaerk.programmes.selectors.indicators import dashboard_programmes
from netvaerk.reach.access import access_reach_network
from netvaerk.reach.forms.settings import NetworkGoalForm, ReachSettingsForm
from netvaerk.reach.models import NetworkGoal, ReachSettings
from netvaerk.reach.selectors import figures, health
from netvaerk.reach.selectors.recruitment import overdue_next_steps
from netvaerk.reach.services.refresh import reach_is_stale, reach_request_refresh
from netvaerk.reach.services.settings import (
    network_goal_clear,
    network_goal_set,
    reach_settings_update,
)
from netvaerk.reports.charts import percent_bar_chart, percent_line_chart
from netvaerk.reports.documents import Chart

GOALS_PER_PAGE = 50


def _url(name: str, organisation: Organisation, **kwargs: Any) -> str:
    return reverse(f"reach:{name}", kwargs={"org": organisation.slug, **kwargs})


def _pct(value: Decimal | None) -> str:
    return "–" if value is None else f"{floatformat(value, -1)} %"


# --- how fresh the figures are -------------------------------------------------------------


def _freshness(request: HttpRequest, organisation: Organisation, *, ask: bool) -> dict[str, Any]:
    """When the figures were computed, and whether a refresh is under way. With `ask`, a
    stale set of figures is refreshed (queued, not forced: at most every few minutes)."""
    state = figures.reach_state(organisation)
    stale = reach_is_stale(state, organisation)
    if stale and ask and reach_request_refresh(organisation=organisation):
        state = figures.reach_state(organisation)
    refreshing = state is not None and state.requested_at is not None
    return {
        "state": state,
        "stale": stale,
        "refreshing": refreshing,
        "estimate": (
            max(1, round(state.last_duration))
            if state is not None and state.last_duration is not None
            else None
        ),
        "reload_url": _reload_url(request, organisation),
    }


def _reload_url(request: HttpRequest, organisation: Organisation) -> str:
    """The page to reload: this one, or for the htmx-polled fragment the page it sits on."""
    if getattr(request, "htmx", None) and request.htmx.current_url:
        current = request.htmx.current_url_abs_path or ""
        if current and url_has_allowed_host_and_scheme(
            current, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return current
    if request.resolver_match and request.resolver_match.url_name == "status":
        return _url("dashboard", organisation)
    return request.get_full_path()


# --- charts ---------------------------------------------------------------------------------


def _trend_chart(
    points: list[figures.Point], goal: Decimal | None, title: str, series_name: str
) -> Chart | None:
    shown = [point for point in points if point.share is not None]
    if not shown:
        return None
    first, last = shown[0], shown[-1]
    alt = (
        _("%(title)s: %(share)s in %(month)s.")
        % {
            "title": title,
            "share": _pct(last.share),
            "month": date_format(last.month, "YEAR_MONTH_FORMAT"),
        }
        if first is last
        else _(
            "%(title)s: %(first)s in %(first_month)s, %(last)s in %(last_month)s. The numbers "
            "of every month are in the table below."
        )
        % {
            "title": title,
            "first": _pct(first.share),
            "first_month": date_format(first.month, "YEAR_MONTH_FORMAT"),
            "last": _pct(last.share),
            "last_month": date_format(last.month, "YEAR_MONTH_FORMAT"),
        }
    )
    if goal is not None:
        alt += " " + _("The goal is %(goal)s.") % {"goal": _pct(goal)}
    return percent_line_chart(
        title=title,
        labels=[date_format(point.month, "M Y") for point in shown],
        series={series_name: [float(point.share or 0) for point in shown]},
        goal=float(goal) if goal is not None else None,
        goal_label=_("Goal"),
        alt=alt,
    )


def _networks_chart(rows: list[figures.NetworkReach]) -> Chart | None:
    if not rows:
        return None
    alt = "; ".join(
        _("%(network)s: %(share)s, goal %(goal)s")
        % {
            "network": row.network.name,
            "share": _pct(row.reach.share),
            "goal": _pct(row.reach.goal),
        }
        for row in rows
    )
    return percent_bar_chart(
        title=_("Reach of each network against its goal"),
        labels=[row.network.name for row in rows],
        series={
            _("Share taking part"): [
                float(row.reach.share) if row.reach.share is not None else None for row in rows
            ],
            _("Goal"): [
                float(row.reach.goal) if row.reach.goal is not None else None for row in rows
            ],
        },
        alt=alt,
    )


def _regions_chart(rows: list[figures.RegionReach], title: str) -> Chart | None:
    if not rows:
        return None
    alt = "; ".join(
        _("%(region)s: %(count)s of %(total)s (%(share)s)")
        % {
            "region": row.region.name,
            "count": row.reach.taking_part,
            "total": row.reach.total,
            "share": _pct(row.reach.share),
        }
        for row in rows
    )
    return percent_bar_chart(
        title=title,
        labels=[row.region.name for row in rows],
        series={
            _("Share taking part"): [
                float(row.reach.share) if row.reach.share is not None else None for row in rows
            ]
        },
        alt=alt,
    )


# --- the dashboard --------------------------------------------------------------------------

# The dashboard's figures change only when they are recomputed or the organisation's data or
# goals change (its content_version), so what is derived from them — every network sorted
# against its goal, the warnings, the trend and the charts — is kept per process until then.
DASHBOARD_CACHE_SECONDS = 600


def _dashboard_figures(
    organisation: Organisation, settings: ReachSettings, state: Any, sort: str
) -> dict[str, Any]:
    refreshed = state.refreshed_at.timestamp() if state is not None and state.refreshed_at else 0
    parts = (
        organisation.pk,
        organisation.content_version,
        refreshed,
        settings.updated_at.timestamp(),
        get_language(),
        sort,
    )
    key = "reach-dashboard:" + ":".join(map(str, parts))
    derived: dict[str, Any] | None = cache.get(key)
    if derived is None:
        points = figures.trend(organisation, settings)
        regions = figures.by_region(organisation, settings)
        derived = {
            "rows": figures.network_reaches(organisation, settings, sort=sort),
            "overdue": health.overdue(organisation, settings),
            "points": points,
            "regions": regions,
            "trend_chart": _trend_chart(
                points,
                settings.goal_percent,
                _("Share of %(branches)s taking part in a network, month by month")
                % {"branches": organisation.branches_word},
                _("Share taking part"),
            ),
            "regions_chart": _regions_chart(
                regions,
                _("Share of %(branches)s taking part, by region")
                % {"branches": organisation.branches_word},
            ),
        }
        cache.set(key, derived, DASHBOARD_CACHE_SECONDS)
    return derived


@require_GET
@org_view
def dashboard(request: HttpRequest, actor: Actor) -> HttpResponse:
    ensure(actor, "reach.view_dashboard")
    organisation = actor.organisation
    settings = figures.reach_settings(organisation)
    fresh = _freshness(request, organisation, ask=True)
    context: dict[str, Any] = {
        **fresh,
        "settings": settings,
        "reach": None,
        "can_refresh": actor.can("reach.refresh"),
        "can_manage": actor.can("reach.manage_settings"),
    }
    reach = figures.organisation_reach(organisation, settings)
    if reach is not None:
        sort = request.GET.get("sort", "gap")
        if sort not in figures.SORTS:
            sort = "gap"
        derived = _dashboard_figures(organisation, settings, fresh["state"], sort)
        page = Paginator(derived["rows"], figures.NETWORKS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        overdue = derived["overdue"]
        programmes, programmes_total = dashboard_programmes(organisation=organisation)
        context.update(
            reach=reach,
            sort=sort,
            sorts=[
                ("gap", _("furthest below the goal")),
                ("share", _("share, lowest first")),
                ("name", _("name")),
            ],
            networks=page,
            query=urlencode({"sort": sort}),
            network_rows=[(row, overdue.counts.get(row.network.pk, 0)) for row in page],
            points=derived["points"],
            regions=derived["regions"],
            overdue=overdue,
            overdue_steps=overdue_next_steps(organisation),
            programmes=programmes,
            programmes_total=programmes_total,
            overdue_indicators=[
                (item.programme, status) for item in programmes for status in item.overdue
            ],
            trend_chart=derived["trend_chart"],
            networks_chart=_networks_chart(list(page)),
            regions_chart=derived["regions_chart"],
        )
    return render(request, "reach/dashboard.html", context)


@require_GET
@org_view
def status(request: HttpRequest, actor: Actor) -> HttpResponse:
    """The status fragment the dashboard polls while a refresh is under way."""
    ensure(actor, "reach.view_dashboard")
    context = _freshness(request, actor.organisation, ask=False)
    context["polled"] = True
    return render(request, "reach/partials/status.html", context)


@require_POST
@org_view
def refresh(request: HttpRequest, actor: Actor) -> HttpResponse:
    ensure(actor, "reach.refresh")
    organisation = actor.organisation
    if reach_request_refresh(organisation=organisation, actor=actor, force=True):
        messages.success(
            request,
            _("The figures are being updated. Reload the page in a moment to see them."),
        )
    else:
        messages.info(request, _("An update of the figures is already under way."))
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not (
        target.startswith("/")
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        target = _url("dashboard", organisation)
    return redirect(target)


# --- one network -----------------------------------------------------------------------------


def _network_page(
    request: HttpRequest,
    actor: Actor,
    network: Network,
    *,
    goal_form: NetworkGoalForm | None = None,
    status: int = 200,
) -> HttpResponse:
    organisation = actor.organisation
    settings = figures.reach_settings(organisation)
    fresh = _freshness(request, organisation, ask=True)
    can_set_goal = actor.can("reach.manage_settings", network)
    reached = figures.network_reach(organisation, settings, network)
    context: dict[str, Any] = {
        **fresh,
        "network": network,
        "settings": settings,
        "reached": reached,
        "can_refresh": actor.can("reach.refresh", network),
        "can_view_recruitment": actor.can("reach.view_recruitment", network),
        "can_view_dashboard": actor.can("reach.view_dashboard"),
        "can_set_goal": can_set_goal,
    }
    if can_set_goal:
        own = reached.goal_source == "network" if reached is not None else False
        context["own_goal"] = own
        context["goal_form"] = goal_form or NetworkGoalForm(
            initial={
                "goal_percent": (
                    ReachSettingsForm.initial_from(ReachSettings(goal_percent=reached.reach.goal))[
                        "goal_percent"
                    ]
                    if own and reached is not None
                    else ""
                )
            }
        )
    if reached is not None:
        points = figures.trend(organisation, settings, network)
        regions = figures.by_region(organisation, settings, network)
        network_health = health.network_health(network)
        context.update(
            points=points,
            regions=regions,
            health=network_health,
            churn=health.churn_percent(network_health) if network_health else None,
            warnings=(health.warning_messages(network_health, settings) if network_health else []),
            trend_chart=_trend_chart(
                points,
                reached.reach.goal,
                _("Share of %(branches)s taking part in %(network)s, month by month")
                % {"branches": organisation.branches_word, "network": network.name},
                _("Share taking part"),
            ),
            regions_chart=_regions_chart(
                regions,
                _("Share of %(branches)s taking part in %(network)s, by region")
                % {"branches": organisation.branches_word, "network": network.name},
            ),
        )
    return render(request, "reach/network.html", context, status=status)


@require_GET
@org_view
def network_reach(request: HttpRequest, actor: Actor, network: str) -> HttpResponse:
    found = access_reach_network(actor, network, "reach.view_network")
    return _network_page(request, actor, found)


@require_POST
@org_view
def set_goal(request: HttpRequest, actor: Actor, network: str) -> HttpResponse:
    found = access_reach_network(actor, network, "reach.view_network")
    ensure(actor, "reach.manage_settings", found)
    form = NetworkGoalForm(request.POST)
    back = _url("network", actor.organisation, network=found.slug)

    def do(data: dict[str, Any]) -> Any:
        if data["action"] == NetworkGoalForm.CLEAR:
            return network_goal_clear(actor=actor, network=found)
        return network_goal_set(actor=actor, network=found, goal_percent=data["goal_percent"])

    def done(result: Any) -> str:
        if isinstance(result, NetworkGoal):
            return _("%(network)s now aims for %(goal)s of the %(branches)s.") % {
                "network": found.name,
                "goal": _pct(result.goal_percent),
                "branches": actor.organisation.branches_word,
            }
        if result:
            return _("%(network)s now follows the organisation's goal.") % {"network": found.name}
        return _("%(network)s had no goal of its own.") % {"network": found.name}

    return form_action(
        request,
        form,
        do,
        done=done,
        then=back,
        again=lambda: _network_page(request, actor, found, goal_form=form, status=400),
    )


# --- the branch-by-network table -------------------------------------------------------------


def _heat_query(region: str, page: int, networks: int) -> str:
    params: dict[str, Any] = {}
    if region:
        params["region"] = region
    if page > 1:
        params["page"] = page
    if networks > 1:
        params["networks"] = networks
    return "?" + urlencode(params) if params else "?"


@require_GET
@org_view
def branches(request: HttpRequest, actor: Actor) -> HttpResponse:
    ensure(actor, "reach.view_branches")
    organisation = actor.organisation
    settings = figures.reach_settings(organisation)
    fresh = _freshness(request, organisation, ask=True)
    notices = []
    regions = figures.regions(organisation)
    region_slug = request.GET.get("region", "")
    region = next((r for r in regions if r.slug == region_slug), None)
    if region_slug and region is None:
        notices.append(
            _("There is no region “%(region)s”; every region is shown.")
            % {"region": region_slug[:60]}
        )
        region_slug = ""
    page, page_ok = figures.page_number(request.GET.get("page"))
    columns, columns_ok = figures.page_number(request.GET.get("networks"))
    if not (page_ok and columns_ok):
        notices.append(_("That page number is not one; the first page is shown."))
    table = figures.heat_map(
        organisation, settings, region=region, branch_page=page, network_page=columns
    )
    rows_page, columns_page = table.branches, table.networks

    def link(**changes: int) -> str:
        return _heat_query(
            region_slug,
            changes.get("page", rows_page.number),
            changes.get("networks", columns_page.number),
        )

    context = {
        **fresh,
        "settings": settings,
        "table": table,
        "regions": regions,
        "region": region,
        "notices": notices,
        "can_refresh": actor.can("reach.refresh"),
        "prev_rows": link(page=rows_page.previous_page_number())
        if rows_page.has_previous()
        else None,
        "next_rows": link(page=rows_page.next_page_number()) if rows_page.has_next() else None,
        "prev_columns": link(networks=columns_page.previous_page_number())
        if columns_page.has_previous()
        else None,
        "next_columns": link(networks=columns_page.next_page_number())
        if columns_page.has_next()
        else None,
        "computed": fresh["state"] is not None and fresh["state"].refreshed_at is not None,
    }
    return render(request, "reach/branches.html", context)


# --- the office's settings -------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@org_view
def settings_page(request: HttpRequest, actor: Actor) -> HttpResponse:
    ensure(actor, "reach.manage_settings")
    organisation = actor.organisation
    settings = figures.reach_settings(organisation)
    form = ReachSettingsForm(
        request.POST or None,
        initial=ReachSettingsForm.initial_from(settings),
        organisation=organisation,
    )

    def again() -> HttpResponse:
        goals = paginate(
            NetworkGoal.objects.filter(organisation=organisation)
            .select_related("network", "set_by")
            .order_by("network__name", "pk"),
            page=request.GET.get("page"),
            per_page=GOALS_PER_PAGE,
        )
        return render(
            request,
            "reach/settings.html",
            {"form": form, "settings": settings, "goals": goals},
            status=400 if request.method == "POST" else 200,
        )

    if request.method == "GET":
        return again()
    return form_action(
        request,
        form,
        lambda data: reach_settings_update(actor=actor, organisation=organisation, **data),
        done=_(
            "The settings have been saved. The figures and warnings are being updated with them."
        ),
        then=_url("settings", organisation),
        again=again,
    )
