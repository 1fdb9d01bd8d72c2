"""Who may import persons from the member system: the office and the admin."""

import rules

from netvaerk.networks.rules import is_org_admin, is_staff

rules.add_rule("imports.import_members", is_staff | is_org_admin)
