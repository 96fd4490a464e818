"""Who may see and do what with pilot projects.

Roles *on a pilot* (:func:`pilot_roles`, the names the stage rules use): editors and
drafters of the undertaking organization (承担单位), editors of the supervising
organization (主管单位), and programme administrators (the standardization authority).

Visibility: a pilot is public once approved (立项, even if later revoked); an application
is seen by its undertaking and supervising organizations only. Documents (applications,
plans, reports) stay with those organizations and the administrators.
"""

from __future__ import annotations

from django.db.models import Q

from stdhub.core.permissions import is_programme_admin, member_orgs, orgs_with_roles, policy

from .models import Pilot, PilotDocument
from .stages import Role

UNDERTAKER_ROLES = ("editor", "drafter")
SUPERVISOR_ROLES = ("editor",)


def pilot_roles(user, pilot: Pilot) -> set[str]:
    """The stage-rule roles ``user`` holds on ``pilot``."""
    if is_programme_admin(user):
        return {Role.ADMIN}
    roles = set()
    if pilot.undertaker_id in orgs_with_roles(user, UNDERTAKER_ROLES):
        roles.add(Role.UNDERTAKER)
    if pilot.supervisor_id and pilot.supervisor_id in orgs_with_roles(user, SUPERVISOR_ROLES):
        roles.add(Role.SUPERVISOR)
    return roles


def _insider_q(user, prefix: str = "") -> Q:
    orgs = member_orgs(user)
    return Q(**{f"{prefix}undertaker__in": orgs}) | Q(**{f"{prefix}supervisor__in": orgs})


def is_insider(user, pilot: Pilot) -> bool:
    orgs = member_orgs(user)
    return is_programme_admin(user) or pilot.undertaker_id in orgs or pilot.supervisor_id in orgs


def _visible_pilots(user, action, queryset):
    return queryset.filter(Q(approved_on__isnull=False) | _insider_q(user))


@policy(Pilot, actions=("view", "add", "change", "move", "upload"), visible=_visible_pilots)
def pilot_policy(user, action, pilot):
    if pilot is None:  # lists (narrowed by _visible_pilots), or "may apply at all?"
        return action == "view" or (action == "add"
                                    and bool(orgs_with_roles(user, UNDERTAKER_ROLES)))
    if action == "view":
        return pilot.approved_on is not None or is_insider(user, pilot)
    roles = pilot_roles(user, pilot)
    if action == "move":
        return bool(roles)  # which move, the stage rules decide
    # add (for one's own organization), change, upload
    return Role.UNDERTAKER in roles or Role.SUPERVISOR in roles


def _visible_documents(user, action, queryset):
    return queryset.filter(_insider_q(user, "pilot__"))


@policy(PilotDocument, actions=("view",), visible=_visible_documents)
def document_policy(user, action, document):
    if document is None:
        return bool(getattr(user, "is_authenticated", False))  # lists are narrowed
    return is_insider(user, document.pilot)
