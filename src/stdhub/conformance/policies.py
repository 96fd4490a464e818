"""Who may do what with data standards, code lists and conformance runs.

- Anyone views data standards, their versions and code lists (they are published).
- Department editors publish data standards and code lists for their own organizations
  (programme administrators may do everything, checked before any policy).
- Any member of an organization (any role) runs a test for that organization; the run
  is visible to that organization's members.
"""

from stdhub.core.permissions import policy, roles_of
from stdhub.standards.policies import EDITING_ROLES

from .models import CodeList, CodeListVersion, ConformanceRun, DataStandard, DataStandardVersion


def editor_orgs(user) -> set[int]:
    roles = roles_of(user)
    return set().union(*(roles.get(r, set()) for r in EDITING_ROLES))


def member_orgs(user) -> set[int]:
    return set().union(*roles_of(user).values())


def _published(user, action, obj) -> bool:
    """Data standards and code lists: public reads, writes by their organization's editors."""
    if action == "view":
        return True
    orgs = editor_orgs(user)
    if obj is None:  # "may publish any at all?"
        return action == "add" and bool(orgs)
    return obj.organization_id in orgs


policy(DataStandard)(_published)
policy(CodeList)(_published)


@policy(DataStandardVersion)
def version_policy(user, action, version):
    return action == "view"  # published through the data standard's "publish" check


@policy(CodeListVersion)
def code_list_version_policy(user, action, version):
    return action == "view"


@policy(ConformanceRun)
def run_policy(user, action, run):
    orgs = member_orgs(user)
    if run is None:  # listing runs, or "may start one at all?"
        return action in ("view", "add") and bool(orgs)
    return action in ("view", "add") and run.organization_id in orgs
