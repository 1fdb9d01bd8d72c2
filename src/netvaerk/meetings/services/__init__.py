"""Every write on events, registrations and calendars goes through here (the events part);
the other parts of the meetings app import their own service modules directly."""

from netvaerk.meetings.services.events import (
    calendar_feed_reset,
    event_cancel,
    event_close,
    event_create,
    event_update,
    question_add,
    question_remove,
    question_update,
    series_create,
)
from netvaerk.meetings.services.registrations import (
    fill_free_seats,
    registration_cancel,
    registration_create,
    registration_create_guest,
    waiting_position,
)

__all__ = [
    "calendar_feed_reset",
    "event_cancel",
    "event_close",
    "event_create",
    "event_update",
    "fill_free_seats",
    "question_add",
    "question_remove",
    "question_update",
    "registration_cancel",
    "registration_create",
    "registration_create_guest",
    "series_create",
    "waiting_position",
]
