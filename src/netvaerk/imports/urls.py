"""Mounted at /<org>/people/import/."""

from django.urls import path

from netvaerk.imports import views

app_name = "imports"

_job = "<int:job>/"

urlpatterns = [
    path("", views.index, name="index"),
    path(_job, views.job_page, name="job"),
    path(f"{_job}mapping/", views.mapping, name="mapping"),
    path(f"{_job}check/", views.check, name="check"),
    path(f"{_job}report/", views.report, name="report"),
    path(f"{_job}report.csv", views.report_csv, name="report_csv"),
    path(f"{_job}confirm/", views.confirm, name="confirm"),
    path(f"{_job}progress/", views.progress, name="progress"),
    path(f"{_job}cancel/", views.cancel, name="cancel"),
]
