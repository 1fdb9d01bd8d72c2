"""Mounted at /<org>/reach/."""

from django.urls import path

from netvaerk.reach.views import dashboard, recruitment

app_name = "reach"

_network = "<slug:network>/"
_entry = f"{_network}recruitment/<slug:branch>/"

urlpatterns = [
    # The dashboard, the branch-by-network table, settings and refreshing (reach helper).
    path("", dashboard.dashboard, name="dashboard"),
    path("branches/", dashboard.branches, name="branches"),
    path("settings/", dashboard.settings_page, name="settings"),
    path("refresh/", dashboard.refresh, name="refresh"),
    path("status/", dashboard.status, name="status"),
    path(_network, dashboard.network_reach, name="network"),
    path(f"{_network}goal/", dashboard.set_goal, name="set_goal"),
    # The recruitment list and pipeline (recruitment helper).
    path(f"{_network}recruitment/", recruitment.recruitment, name="recruitment"),
    path(f"{_network}recruitment.csv", recruitment.export_csv, name="recruitment_csv"),
    path(f"{_network}recruitment.xlsx", recruitment.export_xlsx, name="recruitment_xlsx"),
    path(_entry, recruitment.entry, name="recruitment_entry"),
    path(f"{_entry}note/", recruitment.add_note, name="recruitment_note"),
]
