from django.urls import path

from netvaerk.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("preferences/", views.email_preferences, name="preferences"),
    path("read-all/", views.notifications_mark_all_read, name="mark_all_read"),
    path("<int:notification_id>/", views.notification_open, name="open"),
    path("<int:notification_id>/read/", views.notification_mark_read, name="mark_read"),
]
