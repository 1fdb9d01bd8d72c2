from django.urls import path

from netvaerk.people import views

app_name = "people"

urlpatterns = [
    path("", views.me, name="me"),
    path("networks/", views.my_networks, name="my_networks"),
    path("contact-consent/", views.contact_consent, name="contact_consent"),
]
