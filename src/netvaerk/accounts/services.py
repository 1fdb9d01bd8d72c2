"""Creating logins outside the sign-up flow (demo, import, tests)."""

from allauth.account.models import EmailAddress
from django.db import transaction

from netvaerk.accounts.models import User


@transaction.atomic
def account_create(
    *, email: str, password: str | None, verified: bool, language: str = "da"
) -> User:
    user = User.objects.create_user(email=email, password=password, language=language)
    EmailAddress.objects.create(user=user, email=user.email, verified=verified, primary=True)
    return user


@transaction.atomic
def account_set_language(*, user: User, language: str) -> None:
    """A login's language choice, also on the persons it is, for their e-mail."""
    from netvaerk.people.models import Person

    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    from netvaerk.core.access import Actor
    from netvaerk.core.audit import log_action

    for person in (
        Person.objects.filter(user=user).exclude(language=language).select_related("organisation")
    ):
        person.language = language
        person.save(update_fields=["language"])
        log_action(
            actor=Actor(organisation=person.organisation, user=user, person=person),
            organisation=person.organisation,
            action="person.language_changed",
            obj=person,
            data={"language": language},
        )
