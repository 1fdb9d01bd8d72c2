"""The only ways programme views fetch programmes and what hangs on them: scoped to the
actor's organisation and the programme in the URL. A programme the actor may not see is a 404
(it is not announced), refusing an action on one they may see is a 403."""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from netvaerk.core.access import Actor, ensure
from netvaerk.programmes.models import (
    Goal,
    Indicator,
    IndicatorValue,
    Programme,
    StatusReport,
    SupportedBranch,
)


def programmes_of(actor: Actor) -> QuerySet[Programme]:
    return Programme.objects.filter(organisation=actor.organisation).select_related("network")


def access_programme(actor: Actor, slug: str, permission: str = "programmes.view") -> Programme:
    programme = get_object_or_404(programmes_of(actor), slug=slug)
    if not actor.can("programmes.view", programme):
        if not actor.is_authenticated:
            ensure(actor, "programmes.view", programme)  # to the login page
        raise Http404
    if permission != "programmes.view":
        ensure(actor, permission, programme)
    return programme


def access_goal(programme: Programme, goal_id: int) -> Goal:
    return get_object_or_404(Goal, pk=goal_id, programme=programme)


def access_indicator(programme: Programme, indicator_id: int) -> Indicator:
    return get_object_or_404(
        Indicator.objects.select_related("goal", "network"),
        pk=indicator_id,
        goal__programme=programme,
    )


def access_value(indicator: Indicator, value_id: int) -> IndicatorValue:
    return get_object_or_404(IndicatorValue, pk=value_id, indicator=indicator)


def access_supported(
    actor: Actor, slug: str, branch_slug: str, permission: str = "programmes.view_support"
) -> SupportedBranch:
    """A branch's place in a programme's focused-support track. A branch lead may see their
    own branch's without seeing the rest of the programme."""
    supported = get_object_or_404(
        SupportedBranch.objects.select_related("programme", "branch", "branch__region", "contact"),
        programme__organisation=actor.organisation,
        programme__slug=slug,
        branch__slug=branch_slug,
    )
    if not actor.can("programmes.view_support", supported):
        if not actor.is_authenticated:
            ensure(actor, "programmes.view_support", supported)
        raise Http404
    if permission != "programmes.view_support":
        ensure(actor, permission, supported.programme)
    return supported


def access_status_report(actor: Actor, programme: Programme, report_id: int) -> StatusReport:
    ensure(actor, "programmes.view_reports", programme)
    return get_object_or_404(
        StatusReport.objects.select_related("programme"), pk=report_id, programme=programme
    )
