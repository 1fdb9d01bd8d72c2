"""Mounted at /<org>/competences/."""

from django.urls import path

from netvaerk.competences.views import overview, profiles, requests, search, tags

app_name = "competences"

_request = "requests/<int:sparring_id>/"

urlpatterns = [
    # Search (search helper).
    path("", search.search, name="search"),
    # One's own profile and others' (profiles helper).
    path("me/", profiles.my_profile, name="my_profile"),
    path("me/delete/", profiles.delete_profile, name="delete_profile"),
    path("people/<int:profile>/", profiles.profile, name="profile"),
    # The vocabulary and the limits (profiles helper).
    path("tags/", tags.tags, name="tags"),
    path("tags/options/", tags.tag_options, name="tag_options"),
    path("tags/<slug:tag>/", tags.tag, name="tag"),
    path("tags/<slug:tag>/merge/", tags.merge, name="tag_merge"),
    path("tags/<slug:tag>/status/", tags.set_status, name="tag_status"),
    path("settings/", tags.settings_page, name="settings"),
    # Sparring requests (requests helper).
    path("people/<int:profile>/ask/", requests.ask_person, name="ask_person"),
    path("networks/<slug:network>/ask/", requests.ask_network, name="ask_network"),
    path("requests/", requests.request_list, name="requests"),
    path(_request, requests.request_detail, name="request"),
    path(f"{_request}accept/", requests.accept, name="request_accept"),
    path(f"{_request}decline/", requests.decline, name="request_decline"),
    path(f"{_request}pass/", requests.pass_on, name="request_pass"),
    path(f"{_request}pass/people/", requests.pass_on_people, name="request_pass_people"),
    path(f"{_request}withdraw/", requests.withdraw, name="request_withdraw"),
    path(f"{_request}close/", requests.close, name="request_close"),
    # A network's competence overview (overview helper).
    path("networks/<slug:network>/", overview.network_overview, name="network_overview"),
]
