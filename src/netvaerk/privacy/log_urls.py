"""Mounted at /<org>/privacy/access-log/: for the data-protection role only. There is no
address that changes or removes an entry: the log is append-only."""

from django.urls import path

from netvaerk.privacy import views_access

app_name = "accesslog"

urlpatterns = [
    path("", views_access.log_index, name="index"),
    path("entry/<int:entry_id>/", views_access.log_entry, name="entry"),
    path("access-log.csv", views_access.log_csv, name="csv"),
    path("access-log.xlsx", views_access.log_xlsx, name="xlsx"),
]
