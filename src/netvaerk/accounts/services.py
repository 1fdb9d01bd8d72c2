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
