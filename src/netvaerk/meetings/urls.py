from django.urls import URLPattern, path  # noqa: F401  (the sections below fill in)

app_name = "meetings"

E = "events/<int:event_id>/"

urlpatterns: list[URLPattern] = [
    # Events, registration and calendars.
    # Attendance.
    # The annual conference: programme and budget.
    # Announcements, reminders, follow-up and the newsletter.
]
