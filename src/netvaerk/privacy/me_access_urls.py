"""Mounted at /<org>/me/seen-by/: who has looked at the person's own data."""

from django.urls import path

from netvaerk.privacy import views_access

app_name = "seenby"

urlpatterns = [path("", views_access.seen_by, name="index")]
