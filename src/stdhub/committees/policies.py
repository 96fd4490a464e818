"""Who may see and do what with technical committees.

Committees, their members, standards and international participation are public (the
authority publishes them). Programme administrators establish, edit and dissolve
committees; the secretariat (members holding the secretariat or editor role in the
secretariat organization) keeps the member list, the standards and the participation.
"""

from __future__ import annotations

from stdhub.core.permissions import orgs_with_roles, policy

from .models import Committee, CommitteeStandard, Member, Participation

SECRETARIAT_ROLES = ("secretariat", "editor")


def runs_secretariat(user, committee: Committee) -> bool:
    return committee.secretariat_id in orgs_with_roles(user, SECRETARIAT_ROLES)


@policy(Committee, actions=("view", "add", "change", "dissolve", "manage"))
def committee_policy(user, action, committee):
    if action == "view":
        return True
    if action == "manage" and committee is not None:
        return runs_secretariat(user, committee) and committee.status == "active"
    return False  # add, change, dissolve: administrators (checked before any policy)


def _public_read(user, action, obj) -> bool:
    return True


for _model in (Member, CommitteeStandard, Participation):
    policy(_model, actions=("view",))(_public_read)
