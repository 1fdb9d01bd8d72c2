import datetime
from typing import Any

from django.core.management.base import BaseCommand

from netvaerk.notifications.services import outgoing_emails_requeue_due


class Command(BaseCommand):
    help = (
        "Queue again every e-mail in the outbox that is overdue (its task was lost or the "
        "worker was down). Safe to run at any time; run it every 10 minutes (cron, systemd timer)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--overdue-minutes",
            type=int,
            default=5,
            help="Only e-mails due at least this many minutes ago (default 5).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        requeued = outgoing_emails_requeue_due(
            overdue_after=datetime.timedelta(minutes=max(0, options["overdue_minutes"]))
        )
        self.stdout.write(f"{requeued} e-mail(s) queued again.")
