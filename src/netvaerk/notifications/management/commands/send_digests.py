from typing import Any

from django.core.management.base import BaseCommand

from netvaerk.notifications.digest import digests_send


class Command(BaseCommand):
    help = (
        "Send everyone who chose the weekly digest one e-mail with the news waiting for them. "
        "Run weekly (cron, systemd timer); a second run in the same week sends nothing new."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = digests_send()
        self.stdout.write(f"{sent} digest(s) queued.")
