"""The office's limits on sparring requests."""

import pytest

from netvaerk.competences.selectors.settings import competence_settings
from netvaerk.competences.services.settings import competence_settings_update
from netvaerk.core.errors import ServiceError
from netvaerk.core.models import AuditEntry

pytestmark = pytest.mark.django_db

LIMITS = {"open_requests_per_person": 5, "sometimes_per_year": 6, "requests_per_day": 7}


def test_the_office_sets_the_limits(world):
    competence_settings_update(actor=world.actor("org_admin"), **LIMITS)
    found = competence_settings(world.organisation)
    assert (found.open_requests_per_person, found.sometimes_per_year, found.requests_per_day) == (
        5,
        6,
        7,
    )
    entry = AuditEntry.objects.get(action="competences.settings_updated")
    assert entry.data["before"]["open_requests_per_person"] == 3


@pytest.mark.parametrize("value", [0, 101, -1])
@pytest.mark.parametrize("field", sorted(LIMITS))
def test_it_refuses_limits_outside_1_to_100(world, field, value):
    with pytest.raises(ServiceError) as error:
        competence_settings_update(actor=world.actor("staff"), **{**LIMITS, field: value})
    assert error.value.field == field
    assert competence_settings(world.organisation).open_requests_per_person == 3


@pytest.mark.parametrize("persona", ["member", "chair", "board", "outsider", "branch_lead"])
def test_only_the_office_sets_the_limits(world, persona):
    with pytest.raises(ServiceError):
        competence_settings_update(actor=world.actor(persona), **LIMITS)
    assert not AuditEntry.objects.filter(action="competences.settings_updated").exists()
