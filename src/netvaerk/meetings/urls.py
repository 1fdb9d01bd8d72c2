from django.urls import URLPattern, path

from netvaerk.meetings.views import outreach as outreach_views

app_name = "meetings"

E = "events/<int:event_id>/"

urlpatterns: list[URLPattern] = [
    # Events, registration and calendars.
    # Attendance.
    # The annual conference: programme and budget.
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
