"""Background tasks of the privacy app."""

import logging

from django.tasks import task

from netvaerk.organisations.models import Organisation
from netvaerk.privacy.models import RetentionRule
from netvaerk.privacy.services.retention import retention_apply

logger = logging.getLogger(__name__)


@task()
def apply_retention() -> dict[str, dict[str, int]]:
    """Apply the retention rules of every organisation that has an active one (scheduled:
    enqueue it nightly, or run `netvaerk apply_retention` from cron)."""
    done: dict[str, dict[str, int]] = {}
    ids = RetentionRule.objects.filter(active=True).values_list("organisation_id", flat=True)
    for organisation in Organisation.objects.filter(pk__in=ids).order_by("slug"):
        run = retention_apply(organisation=organisation, trigger="schedule")
        done[organisation.slug] = run.removed
        logger.info("Retention applied to %s: %s", organisation.slug, run.removed)
    return done
