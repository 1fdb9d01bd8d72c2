from typing import Any

from django.core.management.base import BaseCommand

from netvaerk.meetings.services.outreach import event_reminders_send, outreach_fan_outs_resume


class Command(BaseCommand):
    help = (
        "Remind those registered a day and an hour before an event, and queue again any "
        "announcement or newsletter whose sending stopped. Run every 10 minutes (cron, "
        "systemd timer); two runs at once send each reminder once."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        reminded = event_reminders_send()
        resumed = outreach_fan_outs_resume()
        self.stdout.write(f"{reminded} reminder(s) queued, {resumed} sending(s) resumed.")
