from django.urls import path

from netvaerk.networks import views

app_name = "networks"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("new/", views.network_create_view, name="create"),
    path("<slug:network>/", views.network_detail, name="detail"),
    path("<slug:network>/join/", views.join, name="join"),
    path("<slug:network>/leave/", views.leave, name="leave"),
    path("<slug:network>/withdraw/", views.withdraw, name="withdraw"),
    path("<slug:network>/sharing/", views.sharing, name="sharing"),
    path("<slug:network>/edit/", views.network_edit_view, name="edit"),
    path("<slug:network>/regional/new/", views.regional_create_view, name="regional_create"),
    path("<slug:network>/members/", views.members, name="members"),
    path("<slug:network>/members/add/", views.member_add, name="member_add"),
    path("<slug:network>/members/<int:membership_id>/", views.member_action, name="member_action"),
    path("<slug:network>/coordinator/", views.coordinator, name="coordinator"),
    path(
        "<slug:network>/coordinator/<int:mandate_id>/end/",
        views.coordinator_end,
        name="coordinator_end",
    ),
]
