"""Every write to networks, memberships and coordinator mandates goes through here."""

from netvaerk.networks.services.mandates import (
    mandate_appoint,
    mandate_end,
    mandates_send_term_reminders,
)
from netvaerk.networks.services.memberships import (
    membership_add,
    membership_decide,
    membership_join,
    membership_leave,
    membership_remove,
    membership_set_contact_sharing,
    membership_set_role,
    membership_withdraw_request,
)
from netvaerk.networks.services.networks import (
    ChannelData,
    network_create,
    network_update,
)

__all__ = [
    "ChannelData",
    "mandate_appoint",
    "mandate_end",
    "mandates_send_term_reminders",
    "membership_add",
    "membership_decide",
    "membership_join",
    "membership_leave",
    "membership_remove",
    "membership_set_contact_sharing",
    "membership_set_role",
    "membership_withdraw_request",
    "network_create",
    "network_update",
]
