from django.urls import URLPattern, path

from netvaerk.meetings.views import events as events_views

app_name = "meetings"

E = "events/<int:event_id>/"

urlpatterns: list[URLPattern] = [
    # Events, registration and calendars.
    path("events/", events_views.event_list, name="events"),
    path("events/new/", events_views.event_new, name="event_new"),
    path("events/series/new/", events_views.series_new, name="series_new"),
    path("events/<int:event_id>.ics", events_views.event_ics, name="event_ics"),
    path(E, events_views.event_detail, name="event"),
    path(E + "edit/", events_views.event_edit, name="event_edit"),
    path(E + "cancel/", events_views.event_cancel, name="event_cancel"),
    path(E + "close/", events_views.event_close, name="event_close"),
    path(E + "questions/", events_views.event_questions, name="event_questions"),
    path(
        E + "questions/<int:question_id>/",
        events_views.question_edit,
        name="event_question_edit",
    ),
    path(
        E + "questions/<int:question_id>/remove/",
        events_views.question_remove,
        name="event_question_remove",
    ),
    path(E + "registrations/", events_views.event_registrations, name="event_registrations"),
    path(
        E + "registrations/<int:registration_id>/cancel/",
        events_views.registration_cancel,
        name="registration_cancel",
    ),
    path(E + "register/", events_views.event_register, name="event_register"),
    path(
        "events/registration/<str:token>/",
        events_views.registration_by_token,
        name="registration",
    ),
    path("calendar.ics", events_views.org_calendar, name="org_calendar"),
    path(
        "networks/<slug:network>/calendar.ics",
        events_views.network_calendar,
        name="network_calendar",
    ),
    path("calendar/<str:token>.ics", events_views.person_calendar, name="person_calendar"),
    path("me/calendar/", events_views.my_calendar, name="my_calendar"),
    # Attendance.
    # The annual conference: programme and budget.
    # Announcements, reminders, follow-up and the newsletter.
]
