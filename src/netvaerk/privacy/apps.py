from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "netvaerk.privacy"
    label = "privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        from netvaerk.privacy import rules  # noqa: F401  (registers the permissions)
