"""Mounted at /<org>/privacy/retention/."""

from django.urls import path

from netvaerk.privacy import views_retention

app_name = "retention"

urlpatterns = [
    path("", views_retention.index, name="index"),
    path("apply/", views_retention.apply_now, name="apply"),
]
