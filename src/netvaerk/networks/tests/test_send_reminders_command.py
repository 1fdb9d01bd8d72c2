import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from netvaerk.networks.tests.factories import MandateFactory


@pytest.mark.django_db
def test_the_command_queues_one_reminder_per_ending_term(world):
    ending = MandateFactory(
        network=world.other_network,
        term_end=timezone.localdate() + datetime.timedelta(days=10),
    )
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    assert out.getvalue().strip() == "1 reminder(s) queued."
    ending.refresh_from_db()
    assert ending.reminder_sent_at is not None
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    assert out.getvalue().strip() == "0 reminder(s) queued."
