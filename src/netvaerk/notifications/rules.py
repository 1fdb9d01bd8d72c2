"""Who may do what with notifications. A person sees and marks only their own."""

from typing import TYPE_CHECKING

import rules

if TYPE_CHECKING:
    from netvaerk.core.access import Actor
    from netvaerk.notifications.models import Notification


@rules.predicate
def is_signed_in(actor: "Actor", obj: object = None) -> bool:
    return actor.is_authenticated


@rules.predicate
def is_recipient(actor: "Actor", notification: "Notification") -> bool:
    return (
        actor.person is not None
        and notification.person_id == actor.person.pk
        and notification.organisation_id == actor.organisation.pk
    )


# Anyone signed in has a list; without a person in the organisation it is empty.
rules.add_rule("notifications.view_list", is_signed_in)
rules.add_rule("notifications.read", is_signed_in & is_recipient)


@rules.predicate
def is_person_here(actor: "Actor", obj: object = None) -> bool:
    return actor.person is not None


# One's own choice between e-mail at once and the weekly digest.
rules.add_rule("notifications.choose_delivery", is_signed_in & is_person_here)
