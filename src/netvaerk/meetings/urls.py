from django.urls import URLPattern, path

from netvaerk.meetings.views import conference as conference_views

app_name = "meetings"

E = "events/<int:event_id>/"

urlpatterns: list[URLPattern] = [
    # Events, registration and calendars.
    # Attendance.
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
]
