"""Mounted at /<org>/me/data/: a person's own data."""

from django.urls import path

from netvaerk.privacy import views_me

app_name = "mydata"

urlpatterns = [
    path("", views_me.index, name="index"),
    path("data.json", views_me.as_json, name="json"),
    path("data.pdf", views_me.as_pdf, name="pdf"),
    path("correct/", views_me.correct, name="correct"),
    path("consents/", views_me.consents, name="consents"),
    path("erase/", views_me.erase, name="erase"),
    path("erase/cancel/", views_me.cancel_erasure, name="erase_cancel"),
]
