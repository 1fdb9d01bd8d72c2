"""The data controller's details and the organisation's own words in its privacy notice."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netvaerk.core.access import Actor
from netvaerk.core.audit import log_action
from netvaerk.core.errors import full_clean_or_refuse, require
from netvaerk.privacy.models import PrivacySettings

FIELDS = (
    "controller_name",
    "controller_address",
    "controller_email",
    "controller_phone",
    "controller_cvr",
    "dpo_name",
    "dpo_email",
    "notice_text",
)


@transaction.atomic
def privacy_settings_save(*, actor: Actor, **values: Any) -> PrivacySettings:
    """Save the settings; a change of the notice's own text is a new version of the notice,
    so that later consents say which text the person saw."""
    require(
        actor,
        "privacy.edit_settings",
        None,
        _("Only an administrator or the data-protection staff can change this."),
    )
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown settings: {sorted(unknown)}")
    found, _created = PrivacySettings.objects.select_for_update().get_or_create(
        organisation=actor.organisation
    )
    cleaned = {name: (str(value or "")).strip() for name, value in values.items()}
    changed = [name for name, value in cleaned.items() if getattr(found, name) != value]
    for name, value in cleaned.items():
        setattr(found, name, value)
    full_clean_or_refuse(found)
    if not changed:
        return found
    if "notice_text" in changed:
        found.notice_version += 1
    found.updated_at = timezone.now()
    found.save(update_fields=[*changed, "notice_version", "updated_at"])
    log_action(
        actor=actor,
        organisation=actor.organisation,
        action="privacy.settings_changed",
        obj=found,
        data={"fields": changed, "notice_version": found.notice_version},
    )
    return found
