"""Mounted at the organisation's root (/<org>/), beside the networks and governance pages."""

from django.urls import path

from netvaerk.reports import views

app_name = "reports"

_report = "networks/<slug:network>/reports/<int:year>/"

urlpatterns = [
    path("board/reports/", views.overview, name="overview"),
    path("networks/<slug:network>/reports/", views.network_reports, name="network_reports"),
    path(_report, views.report_page, name="report"),
    path(f"{_report}start/", views.start, name="start"),
    path(f"{_report}submit/", views.submit, name="submit"),
    path(f"{_report}reopen/", views.reopen, name="reopen"),
    path(f"{_report}acknowledge/", views.acknowledge, name="acknowledge"),
    path(f"{_report}agenda/", views.agenda, name="agenda"),
    path(f"{_report}report.pdf", views.report_pdf, name="pdf"),
    path(f"{_report}report.docx", views.report_docx, name="docx"),
]
