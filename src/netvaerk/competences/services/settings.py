"""The organisation's limits on sparring requests, set by the office."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netvaerk.competences.models import CompetenceSettings
from netvaerk.competences.selectors.settings import competence_settings
from netvaerk.core.access import Actor
from netvaerk.core.audit import log_action
from netvaerk.core.errors import ServiceError, require

LIMIT_MIN = 1
LIMIT_MAX = 100
FIELDS = ("open_requests_per_person", "sometimes_per_year", "requests_per_day")


@transaction.atomic
def competence_settings_update(
    *,
    actor: Actor,
    open_requests_per_person: int,
    sometimes_per_year: int,
    requests_per_day: int,
) -> CompetenceSettings:
    """Change the limits. A person's own lower limit stays theirs; one above the new limit
    counts as the organisation's limit."""
    require(
        actor,
        "competences.manage_settings",
        None,
        _("Only the %(office)s sets the limits for sparring requests.")
        % {"office": actor.organisation.office_word},
    )
    values = {
        "open_requests_per_person": open_requests_per_person,
        "sometimes_per_year": sometimes_per_year,
        "requests_per_day": requests_per_day,
    }
    for field, value in values.items():
        if not isinstance(value, int) or not LIMIT_MIN <= value <= LIMIT_MAX:
            raise ServiceError(
                _("Give a whole number from %(min)d to %(max)d.")
                % {"min": LIMIT_MIN, "max": LIMIT_MAX},
                field=field,
            )
    settings = competence_settings(actor.organisation)
    settings = CompetenceSettings.objects.select_for_update().get(pk=settings.pk)
    before = {field: getattr(settings, field) for field in FIELDS}
    for field, value in values.items():
        setattr(settings, field, value)
    settings.updated_at = timezone.now()
    settings.save(update_fields=[*FIELDS, "updated_at"])
    log_action(
        actor=actor,
        organisation=actor.organisation,
        action="competences.settings_updated",
        obj=settings,
        data={"before": before, "after": values},
    )
    return settings
