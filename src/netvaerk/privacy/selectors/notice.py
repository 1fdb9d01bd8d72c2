"""The organisation's privacy settings as the notice and the consents read them."""

from netvaerk.organisations.models import Organisation
from netvaerk.privacy.models import PrivacySettings, RetentionRule


def privacy_settings(organisation: Organisation) -> PrivacySettings:
    """The settings, or unsaved defaults when the organisation has none yet."""
    found = PrivacySettings.objects.filter(organisation=organisation).first()
    return found if found is not None else PrivacySettings(organisation=organisation)


def notice_version(organisation: Organisation) -> int:
    version = (
        PrivacySettings.objects.filter(organisation=organisation)
        .values_list("notice_version", flat=True)
        .first()
    )
    return version or 1


def active_retention_rules(organisation: Organisation) -> list[RetentionRule]:
    return list(RetentionRule.objects.filter(organisation=organisation, active=True))
