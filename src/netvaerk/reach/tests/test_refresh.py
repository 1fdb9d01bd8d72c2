"""Fresh figures: asked for by a page, by the office's button or a settings change, computed
by the task in the worker; and recomputed nightly by the management command."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from netvaerk.accounts.models import User
from netvaerk.meetings.tests.factories import EventFactory
from netvaerk.networks.models import Network
from netvaerk.reach.models import NetworkHealth, ReachFigure, ReachState
from netvaerk.reach.services.refresh import reach_refresh, reach_request_refresh
from netvaerk.testing import make_world


@pytest.fixture
def committed_world(transactional_db):
    # The worker closes connections between tasks, so these tests commit for real. Pages in
    # English, as for the `world` fixture (see conftest).
    world = make_world()
    User.objects.update(language="")
    return world


def test_the_dashboard_asks_for_figures_and_the_worker_computes_them(
    client, committed_world, run_worker
):
    world = committed_world
    client.force_login(world.users["staff"])
    response = client.get(reverse("reach:dashboard", kwargs={"org": world.organisation.slug}))
    assert b"The figures are being computed" in response.content
    assert ReachState.objects.get(organisation=world.organisation).requested_at is not None
    run_worker()
    state = ReachState.objects.get(organisation=world.organisation)
    assert state.refreshed_at is not None
    assert state.requested_at is None
    assert state.last_duration is not None
    overall = ReachFigure.objects.get(
        organisation=world.organisation, network=None, region=None, month=None
    )
    assert (overall.branches_member, overall.branches_total) == (1, 1)
    response = client.get(reverse("reach:dashboard", kwargs={"org": world.organisation.slug}))
    assert b"1 of 1 branches take part in at least one network." in response.content


def test_a_settings_change_shows_in_the_warnings_after_the_refresh(
    client, committed_world, run_worker
):
    world = committed_world
    # A network of two years with two meetings in the last months: enough by default.
    Network.objects.filter(pk=world.network.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=730)
    )
    for days in (30, 90):
        start = timezone.now() - datetime.timedelta(days=days)
        EventFactory(
            network=world.network,
            meeting=True,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
        )
    reach_refresh(organisation=world.organisation)
    assert NetworkHealth.objects.get(network=world.network).warnings == []
    client.force_login(world.users["staff"])
    response = client.post(
        reverse("reach:settings", kwargs={"org": world.organisation.slug}),
        {
            "basis": "member",
            "goal_percent": "33,4",
            "inactive_after_months": "6",
            "min_meetings_per_year": "3",
            "max_churn_percent": "25",
            "term_warning_days": "60",
        },
    )
    assert response.status_code == 302
    # Saving asked for fresh figures at once, not only after the usual interval.
    assert ReachState.objects.get(organisation=world.organisation).requested_at is not None
    run_worker()
    assert NetworkHealth.objects.get(network=world.network).warnings == ["few_meetings"]
    page = client.get(
        reverse(
            "reach:network",
            kwargs={"org": world.organisation.slug, "network": world.network.slug},
        )
    )
    assert b"Only 2 meetings in the last twelve months; at least 3 are expected." in page.content


@pytest.mark.django_db
def test_a_refresh_already_queued_is_not_queued_again(world):
    assert reach_request_refresh(organisation=world.organisation)
    assert not reach_request_refresh(organisation=world.organisation)
    assert not reach_request_refresh(organisation=world.organisation, force=True)


@pytest.mark.django_db
def test_the_command_recomputes_every_organisation(world):
    out = io.StringIO()
    call_command("refresh_reach", stdout=out)
    assert ReachState.objects.filter(refreshed_at__isnull=False).count() == 2
    assert "2 organisation(s) recomputed." in out.getvalue()


@pytest.mark.django_db
def test_the_command_recomputes_one_organisation_by_its_address(world):
    out = io.StringIO()
    call_command("refresh_reach", "--organisation", "org", stdout=out)
    assert list(ReachState.objects.values_list("organisation__slug", flat=True)) == ["org"]
    assert ReachFigure.objects.filter(organisation=world.organisation).exists()


@pytest.mark.django_db
def test_the_command_refuses_an_unknown_organisation(world):
    with pytest.raises(CommandError, match="no organisation with the address 'nowhere'"):
        call_command("refresh_reach", "--organisation", "nowhere")
    assert not ReachState.objects.exists()
