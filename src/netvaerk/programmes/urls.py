"""Mounted at /<org>/programmes/."""

from django.urls import path

from netvaerk.programmes.views import programmes, reports, support

app_name = "programmes"

_p = "<slug:programme>/"
_goal = f"{_p}goals/<int:goal>/"
_indicator = f"{_p}indicators/<int:indicator>/"
_supported = f"{_p}support/<slug:branch>/"
_report = f"{_p}reports/<int:report>/"

urlpatterns = [
    # Programmes, the goal hierarchy and indicators (programmes helper).
    path("", programmes.programme_list, name="list"),
    path("new/", programmes.programme_create, name="create"),
    path(_p, programmes.programme_detail, name="detail"),
    path(f"{_p}edit/", programmes.programme_edit, name="edit"),
    path(f"{_p}goals/new/", programmes.goal_create, name="goal_create"),
    path(f"{_goal}edit/", programmes.goal_edit, name="goal_edit"),
    path(f"{_goal}delete/", programmes.goal_delete, name="goal_delete"),
    path(f"{_goal}indicators/new/", programmes.indicator_create, name="indicator_create"),
    path(_indicator, programmes.indicator_detail, name="indicator"),
    path(f"{_indicator}edit/", programmes.indicator_edit, name="indicator_edit"),
    path(f"{_indicator}delete/", programmes.indicator_delete, name="indicator_delete"),
    path(f"{_indicator}values/", programmes.value_add, name="value_add"),
    path(f"{_indicator}values/<int:value>/delete/", programmes.value_delete, name="value_delete"),
    # The focused-support track (programmes helper).
    path(f"{_p}support/", support.support_list, name="support"),
    path(f"{_p}support/select/", support.select_branch, name="support_select"),
    path(f"{_p}support/criteria/", support.criterion_add, name="criterion_add"),
    path(_supported, support.supported_detail, name="supported"),
    path(f"{_supported}edit/", support.supported_edit, name="supported_edit"),
    path(f"{_supported}status/", support.supported_status, name="supported_status"),
    path(f"{_supported}log/", support.case_entry_add, name="case_entry_add"),
    # Status reports to the board (reports helper).
    path(f"{_p}reports/", reports.report_list, name="reports"),
    path(f"{_p}reports/new/", reports.report_create, name="report_create"),
    path(_report, reports.report_detail, name="report"),
    path(f"{_report}send/", reports.report_send, name="report_send"),
    path(f"{_report}report.pdf", reports.report_pdf, name="report_pdf"),
    path(f"{_report}report.docx", reports.report_docx, name="report_docx"),
    # The latest report (DESIGN.md: /<org>/programmes/<programme>/report.pdf and .docx).
    path(f"{_p}report.pdf", reports.latest_pdf, name="latest_pdf"),
    path(f"{_p}report.docx", reports.latest_docx, name="latest_docx"),
]
