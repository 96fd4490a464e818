"""Who may do what with standard systems.

- Frameworks, their nodes and entries are public (a standard system is published).
- Editors of the framework's owning organization build it (nodes, entries, imports);
  programme administrators (checked before any policy) may do everything.
- Anyone, signed in or not, may raise a demand (标准需求) against a node; the owning
  organization's editors see all demands and accept or decline them; a signed-in
  submitter sees their own.
"""

from django.db.models import Q

from stdhub.core.permissions import policy
from stdhub.standards.policies import editor_orgs

from .models import Demand, Entry, Framework, Node


def _owner_of(obj):
    if isinstance(obj, Framework):
        return obj.organization_id
    if isinstance(obj, Node):
        return obj.framework.organization_id
    if isinstance(obj, Entry):
        return obj.node.framework.organization_id
    return obj.node.framework.organization_id  # Demand


def _built_by_owner(user, action, obj) -> bool:
    if action == "view":
        return True
    orgs = editor_orgs(user)
    if obj is None:
        return action == "add" and bool(orgs)
    return _owner_of(obj) in orgs


policy(Framework, actions=("view", "add", "change", "import"))(_built_by_owner)
policy(Node)(_built_by_owner)
policy(Entry)(_built_by_owner)


def _visible_demands(user, action, queryset):
    if action != "view":
        return queryset.none()
    mine = Q(submitted_by_id=user.pk) if getattr(user, "pk", None) else Q(pk__in=[])
    return queryset.filter(mine | Q(node__framework__organization_id__in=editor_orgs(user)))


@policy(Demand, actions=("view", "add", "review"), visible=_visible_demands)
def demand_policy(user, action, demand):
    if action == "add":
        return True  # anyone may raise a need; the service limits the rate
    if demand is None:
        return action == "view"  # lists are narrowed by _visible_demands
    if action == "view" and demand.submitted_by_id and demand.submitted_by_id == user.pk:
        return True
    return _owner_of(demand) in editor_orgs(user)
