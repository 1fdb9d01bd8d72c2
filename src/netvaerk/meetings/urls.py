from django.urls import URLPattern, path

from netvaerk.meetings.views import attendance as attendance_views
from netvaerk.meetings.views import conference as conference_views
from netvaerk.meetings.views import events as events_views
from netvaerk.meetings.views import exports as exports_views
from netvaerk.meetings.views import outreach as outreach_views

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
    path(E + "registrations.csv", exports_views.registrations_csv, name="registrations_csv"),
    path(E + "registrations.xlsx", exports_views.registrations_xlsx, name="registrations_xlsx"),
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
    path(E + "attendance/", attendance_views.attendance, name="attendance"),
    path(
        E + "attendance/registrations/<int:registration_id>/",
        attendance_views.attendance_toggle,
        name="attendance_toggle",
    ),
    path(E + "attendance/add/", attendance_views.attendance_add, name="attendance_add"),
    path(
        E + "attendance/<int:attendance_id>/remove/",
        attendance_views.attendance_remove,
        name="attendance_remove",
    ),
    path(E + "attendance/desk/", attendance_views.attendance_desk, name="attendance_desk"),
    path(E + "attendance/import/", attendance_views.attendance_import, name="attendance_import"),
    path(
        E + "attendance/import/confirm/",
        attendance_views.attendance_import_confirm,
        name="attendance_import_confirm",
    ),
    path(E + "attendance/summary/", attendance_views.attendance_summary, name="attendance_summary"),
    path(
        "events/series/<int:series_id>/attendance/",
        attendance_views.attendance_series,
        name="attendance_series",
    ),
    path(E + "check-in/", attendance_views.check_in, name="check_in"),
    path("events/check-in/<str:token>/", attendance_views.check_in_token, name="check_in_token"),
    path(
        "events/registration/<str:token>/qr.svg",
        attendance_views.check_in_qr,
        name="check_in_qr",
    ),
    # The annual conference: programme and budget.
    path(f"{E}programme/", conference_views.programme, name="programme"),
    path(f"{E}programme/add/", conference_views.session_add, name="session_add"),
    path(f"{E}programme/<int:session_id>/", conference_views.session_edit, name="session_edit"),
    path(
        f"{E}programme/<int:session_id>/remove/",
        conference_views.session_remove,
        name="session_remove",
    ),
    path(
        f"{E}programme/<int:session_id>/speakers/add/",
        conference_views.speaker_add,
        name="speaker_add",
    ),
    path(
        f"{E}programme/<int:session_id>/speakers/<int:speaker_id>/remove/",
        conference_views.speaker_remove,
        name="speaker_remove",
    ),
    path(
        f"{E}programme/<int:session_id>/speakers/<int:speaker_id>/move/",
        conference_views.speaker_move,
        name="speaker_move",
    ),
    path(f"{E}budget/", conference_views.budget, name="budget"),
    path(f"{E}budget/lines/add/", conference_views.budget_line_add, name="budget_line_add"),
    path(
        f"{E}budget/lines/<int:line_id>/",
        conference_views.budget_line_edit,
        name="budget_line_edit",
    ),
    path(
        f"{E}budget/lines/<int:line_id>/remove/",
        conference_views.budget_line_remove,
        name="budget_line_remove",
    ),
    path(f"{E}budget/submit/", conference_views.budget_submit, name="budget_submit"),
    path(f"{E}budget/decide/", conference_views.budget_decide, name="budget_decide"),
    path(f"{E}budget/return/", conference_views.budget_return, name="budget_return"),
    path(f"{E}budget/actuals/", conference_views.budget_actuals, name="budget_actuals"),
    path(
        f"{E}budget/unbudgeted/",
        conference_views.budget_unbudgeted_add,
        name="budget_unbudgeted_add",
    ),
    path("conferences/", conference_views.conferences, name="conferences"),
    # Announcements, reminders, follow-up and the newsletter.
    path(E + "announce/", outreach_views.event_announce, name="event_announce"),
    path(E + "follow-up/", outreach_views.event_follow_up, name="event_follow_up"),
    path(E + "follow-up/send/", outreach_views.event_follow_up_send, name="event_follow_up_send"),
    path(E + "follow-up/materials/", outreach_views.event_material_add, name="event_material_add"),
    path(
        E + "follow-up/materials/<int:material_id>/remove/",
        outreach_views.event_material_remove,
        name="event_material_remove",
    ),
    path("newsletters/", outreach_views.newsletters, name="newsletters"),
    path("newsletters/new/", outreach_views.newsletter_new, name="newsletter_new"),
    path("newsletters/<int:newsletter_id>/", outreach_views.newsletter_detail, name="newsletter"),
    path(
        "newsletters/<int:newsletter_id>/edit/",
        outreach_views.newsletter_edit,
        name="newsletter_edit",
    ),
    path(
        "newsletters/<int:newsletter_id>/send/",
        outreach_views.newsletter_send,
        name="newsletter_send",
    ),
]
