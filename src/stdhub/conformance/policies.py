"""Who may do what with data standards, code lists and conformance runs.

- Anyone views data standards, their versions and code lists (they are published).
- Department editors publish data standards and code lists for their own organizations
  (programme administrators may do everything, checked before any policy).
- Any member of an organization (any role) runs a test for that organization; the run
  is visible to that organization's members only.
"""

from stdhub.core.permissions import member_orgs, policy
from stdhub.standards.policies import editor_orgs

from .models import CodeList, CodeListVersion, ConformanceRun, DataStandard, DataStandardVersion


def _published(user, action, obj) -> bool:
    """Data standards and code lists: public reads, writes by their organization's editors."""
    if action == "view":
        return True
    orgs = editor_orgs(user)
    if obj is None:  # "may publish any at all?"
        return action == "add" and bool(orgs)
    return obj.organization_id in orgs


policy(DataStandard, actions=("view", "add", "change", "publish"))(_published)
policy(CodeList, actions=("view", "add", "change"))(_published)


@policy(DataStandardVersion, actions=("view",))
def version_policy(user, action, version):
    return True  # published through the data standard's "publish" check


@policy(CodeListVersion, actions=("view",))
def code_list_version_policy(user, action, version):
    return True


def _runs_of_member_orgs(user, action, queryset):
    return queryset.filter(organization_id__in=member_orgs(user))


@policy(ConformanceRun, actions=("view", "add", "change"), visible=_runs_of_member_orgs)
def run_policy(user, action, run):
    orgs = member_orgs(user)
    if action == "change":
        return False  # runs are advanced by stdhub's worker (SYSTEM) only
    if run is None:  # listing runs, or "may start one at all?"
        return bool(orgs)
    return run.organization_id in orgs
