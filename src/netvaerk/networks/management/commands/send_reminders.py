from typing import Any

from django.core.management.base import BaseCommand

from netvaerk.networks.services import mandates_send_term_reminders


class Command(BaseCommand):
    help = "Remind each board of coordinator terms that end soon. Run daily (cron, systemd timer)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = mandates_send_term_reminders()
        self.stdout.write(f"{sent} reminder(s) queued.")
