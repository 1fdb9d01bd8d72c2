from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "netvaerk.governance"
    verbose_name = _("Governance")

    def ready(self) -> None:
        from netvaerk.governance import rules  # noqa: F401  (registers the permissions)
