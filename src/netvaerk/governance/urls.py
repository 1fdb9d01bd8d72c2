from django.urls import path

from netvaerk.governance import views

app_name = "governance"

N = "networks/<slug:network>/"

urlpatterns = [
    path("board/", views.board_overview, name="board"),
    path("board/proposals/", views.proposal_queue, name="proposal_queue"),
    path("board/requests/", views.board_requests, name="board_requests"),
    path("board/requests/new/", views.board_request_new, name="board_request_new"),
    # Rules of procedure.
    path(f"{N}rules/", views.rules_page, name="rules"),
    path(f"{N}rules/edit/", views.rules_edit, name="rules_edit"),
    path(f"{N}rules/compare/", views.rules_compare, name="rules_compare"),
    path(f"{N}rules/<int:version_id>/", views.rules_version, name="rules_version"),
    path(f"{N}rules/<int:version_id>/submit/", views.rules_submit, name="rules_submit"),
    path(f"{N}rules/<int:version_id>/withdraw/", views.rules_withdraw, name="rules_withdraw"),
    path(f"{N}rules/<int:version_id>/decide/", views.rules_decide, name="rules_decide"),
    # Proposals to the board.
    path(f"{N}proposals/", views.network_proposals, name="proposals"),
    path(f"{N}proposals/new/", views.proposal_new, name="proposal_new"),
    path(f"{N}proposals/<int:proposal_id>/", views.proposal_detail, name="proposal"),
    path(f"{N}proposals/<int:proposal_id>/edit/", views.proposal_edit, name="proposal_edit"),
    path(f"{N}proposals/<int:proposal_id>/submit/", views.proposal_submit, name="proposal_submit"),
    path(
        f"{N}proposals/<int:proposal_id>/withdraw/",
        views.proposal_withdraw,
        name="proposal_withdraw",
    ),
    path(f"{N}proposals/<int:proposal_id>/handle/", views.proposal_handle, name="proposal_handle"),
    path(f"{N}proposals/<int:proposal_id>/notes/", views.proposal_note, name="proposal_note"),
    path(f"{N}proposals/<int:proposal_id>/decide/", views.proposal_decide, name="proposal_decide"),
    path(
        f"{N}proposals/<int:proposal_id>/attachments/",
        views.attachment_add,
        name="attachment_add",
    ),
    path(
        f"{N}proposals/<int:proposal_id>/attachments/<int:attachment_id>/",
        views.attachment_download,
        name="attachment",
    ),
    path(
        f"{N}proposals/<int:proposal_id>/attachments/<int:attachment_id>/remove/",
        views.attachment_remove,
        name="attachment_remove",
    ),
    # Requests from the board.
    path(f"{N}requests/", views.network_requests, name="requests"),
    path(f"{N}requests/new/", views.network_request_new, name="request_new"),
    path(f"{N}requests/<int:request_id>/", views.request_detail, name="request"),
    path(f"{N}requests/<int:request_id>/answer/", views.request_answer, name="request_answer"),
    path(
        f"{N}requests/<int:request_id>/withdraw/", views.request_withdraw, name="request_withdraw"
    ),
]
