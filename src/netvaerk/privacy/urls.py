"""Mounted at /<org>/privacy/: the notice (public), its settings, the data-protection staff's
requests and a person's data for them."""

from django.urls import path

from netvaerk.privacy import views_notice, views_requests

app_name = "privacy"

_request = "requests/<int:request_id>/"

urlpatterns = [
    path("", views_notice.notice, name="notice"),
    path("settings/", views_notice.settings_page, name="settings"),
    path("requests/", views_requests.request_list, name="requests"),
    path("requests/new/", views_requests.request_new, name="request_new"),
    path(_request, views_requests.request_detail, name="request"),
    path(f"{_request}data.json", views_requests.request_json, name="request_json"),
    path(f"{_request}data.pdf", views_requests.request_pdf, name="request_pdf"),
    path(f"{_request}correct/", views_requests.request_correct, name="request_correct"),
    path(f"{_request}erase/", views_requests.request_erase, name="request_erase"),
    path(f"{_request}refuse/", views_requests.request_refuse_view, name="request_refuse"),
    path(f"{_request}done/", views_requests.request_done_view, name="request_done"),
    path("persons/<int:person_id>/", views_requests.person_data, name="person"),
]
