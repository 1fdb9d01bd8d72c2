"""The programme status report's sentence on the network's competence list."""

import pytest

from netvaerk.competences.models import Tag
from netvaerk.competences.tests.factories import TagFactory
from netvaerk.competences.tests.factories_overview import covered_network
from netvaerk.programmes.documents import draft_competences, report_figures
from netvaerk.programmes.services import reports as services
from netvaerk.programmes.tests.status_report_data import build_seed, day

pytestmark = pytest.mark.django_db


def _create(world, seed):
    return services.status_report_create(
        actor=world.actor("staff"),
        programme=seed.programme,
        date=day(0),
        period_start=seed.start,
        period_end=seed.end,
        contacts=[seed.owner, seed.staff],
    )


def test_the_report_says_how_many_members_are_on_the_list_and_what_they_lack(world):
    seed = build_seed(world)
    covered_network(world)
    report = _create(world, seed)
    # The reach paragraphs come first, unchanged; then the competence list.
    assert report.network_text.startswith("3 of the 9 branches (33.3 %) take part in")
    assert report.network_text.endswith(
        "\n\n5 of the network's active members are on the competence list, covering 3 "
        "competences between them. No one in the network covers Kommunalvalgkamp."
    )
    assert report_figures(report)["competences"] == {
        "people": 5,
        "competences": 3,
        "uncovered": ["Kommunalvalgkamp"],
        "uncovered_total": 1,
    }


def test_it_names_at_most_three_competences_the_network_lacks(world):
    seed = build_seed(world)
    covered_network(world)
    for name in ("Aktindsigt", "Biodiversitet", "Fundraising", "Mødeledelse"):
        TagFactory(organisation=world.organisation, name=name)
    report = _create(world, seed)
    assert report.network_text.endswith(
        "No one in the network covers Aktindsigt, Biodiversitet, Fundraising and 2 more of "
        "the organisation's competences."
    )


def test_an_organisation_without_a_vocabulary_gets_no_sentence(world):
    seed = build_seed(world)
    assert not Tag.objects.exists()
    report = _create(world, seed)
    assert "competence" not in report.network_text
    assert report_figures(report)["competences"] is None


def test_the_sentence_for_no_one_and_for_everything_covered():
    assert draft_competences(None) == ""
    assert draft_competences(
        {"people": 0, "competences": 0, "uncovered": ["A"], "uncovered_total": 1}
    ) == ("None of the network's active members is on the competence list yet.")
    assert draft_competences(
        {"people": 1, "competences": 1, "uncovered": [], "uncovered_total": 0}
    ) == (
        "1 of the network's active members is on the competence list, covering 1 competence. "
        "They cover every competence of the organisation's list."
    )
