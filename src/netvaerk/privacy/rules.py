"""Who may do what with personal data as such. The access log and other people's data
requests are for the data-protection role alone: not the office, not the admin — the log
records what they see too. A person always reaches their own data.

Predicates take (actor, None) unless said otherwise."""

from typing import TYPE_CHECKING

import rules

from netvaerk.networks.rules import is_org_admin, is_person, is_staff
from netvaerk.organisations.models import OrgRole

if TYPE_CHECKING:
    from netvaerk.core.access import Actor


@rules.predicate
def is_data_protection(actor: "Actor", obj: object = None) -> bool:
    return actor.has_role(OrgRole.DATA_PROTECTION)


rules.add_rule("privacy.view_notice", rules.always_allow)
rules.add_rule("privacy.edit_settings", is_org_admin | is_data_protection)
rules.add_rule("privacy.view_access_log", is_data_protection)
rules.add_rule("privacy.handle_requests", is_data_protection)
rules.add_rule("privacy.view_retention", is_data_protection | is_org_admin | is_staff)
rules.add_rule("privacy.edit_retention", is_data_protection | is_org_admin)
rules.add_rule("privacy.own_data", is_person)
