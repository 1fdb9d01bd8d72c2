from django.urls import path

from netvaerk.networks import export_views, founding_views, views

app_name = "networks"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("new/", views.network_create_view, name="create"),
    # Proposals to start a new network; before <slug:network>/, whose slugs reserve these.
    path("propose/", founding_views.propose, name="propose"),
    path("propose/<slug:token>/", founding_views.proposal_status, name="proposal_status"),
    path("propose/<slug:token>/answer/", founding_views.proposal_answer, name="proposal_answer"),
    path(
        "propose/<slug:token>/withdraw/",
        founding_views.proposal_withdraw,
        name="proposal_withdraw",
    ),
    path("proposals/", founding_views.proposals, name="proposals"),
    path("proposals/<int:proposal_id>/", founding_views.proposal_detail, name="proposal_detail"),
    path("proposals/<int:proposal_id>/ask/", founding_views.proposal_ask, name="proposal_ask"),
    path(
        "proposals/<int:proposal_id>/reject/",
        founding_views.proposal_reject,
        name="proposal_reject",
    ),
    path(
        "proposals/<int:proposal_id>/board/", founding_views.proposal_refer, name="proposal_refer"
    ),
    path(
        "proposals/<int:proposal_id>/decide/",
        founding_views.proposal_decide,
        name="proposal_decide",
    ),
    path("<slug:network>/", views.network_detail, name="detail"),
    path("<slug:network>/join/", views.join, name="join"),
    path("<slug:network>/leave/", views.leave, name="leave"),
    path("<slug:network>/withdraw/", views.withdraw, name="withdraw"),
    path("<slug:network>/sharing/", views.sharing, name="sharing"),
    path("<slug:network>/edit/", views.network_edit_view, name="edit"),
    path("<slug:network>/regional/new/", views.regional_create_view, name="regional_create"),
    path("<slug:network>/members/", views.members, name="members"),
    path("<slug:network>/members.csv", export_views.members_csv, name="members_csv"),
    path("<slug:network>/members.xlsx", export_views.members_xlsx, name="members_xlsx"),
    path("<slug:network>/members/add/", views.member_add, name="member_add"),
    path("<slug:network>/members/<int:membership_id>/", views.member_action, name="member_action"),
    path("<slug:network>/coordinator/", views.coordinator, name="coordinator"),
    path(
        "<slug:network>/coordinator/<int:mandate_id>/end/",
        views.coordinator_end,
        name="coordinator_end",
    ),
]
