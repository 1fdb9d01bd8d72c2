from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReachConfig(AppConfig):
    name = "netvaerk.reach"
    label = "reach"
    verbose_name = _("Branch reach")

    def ready(self) -> None:
        from netvaerk.reach import rules  # noqa: F401  (registers the permissions)
