"""Recompute the branch-reach figures, branch sizes and network health: of every
organisation, or of one (`--organisation SLUG`). Meant to run nightly from cron, so that the
trend's running month and the engagement window move on even on days nobody looks:

    15 2 * * *  cd /srv/netvaerk && uv run netvaerk refresh_reach
"""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from netvaerk.organisations.models import Organisation
from netvaerk.reach.services.refresh import reach_refresh


class Command(BaseCommand):
    help = "Recompute the branch-reach figures of every organisation, or of one."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--organisation",
            metavar="SLUG",
            help="Only this organisation (its address, e.g. dn).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        organisations = Organisation.objects.order_by("slug")
        if options["organisation"]:
            organisations = organisations.filter(slug=options["organisation"])
            if not organisations.exists():
                raise CommandError(
                    f"There is no organisation with the address {options['organisation']!r}."
                )
        count = 0
        for organisation in organisations.iterator():
            started = time.monotonic()
            reach_refresh(organisation=organisation)
            count += 1
            self.stdout.write(
                f"{organisation.slug}: figures recomputed in {time.monotonic() - started:.1f} s."
            )
        self.stdout.write(self.style.SUCCESS(f"{count} organisation(s) recomputed."))
