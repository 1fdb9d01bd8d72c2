import factory

from netvaerk.notifications.models import Notification


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    person = factory.SubFactory("netvaerk.people.tests.factories.PersonFactory")
    organisation = factory.SelfAttribute("person.organisation")
    title = factory.Sequence(lambda n: f"Notification {n}")
    body = "Something happened in your network."
    url = ""
