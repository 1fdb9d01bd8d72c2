from django.urls import URLPattern, path

from netvaerk.meetings.views import attendance as attendance_views

app_name = "meetings"

E = "events/<int:event_id>/"

urlpatterns: list[URLPattern] = [
    # Events, registration and calendars.
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
    # Announcements, reminders, follow-up and the newsletter.
]
