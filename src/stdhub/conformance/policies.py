"""Who may do what with data standards, code lists and conformance runs.

- Anyone views data standards, their versions and code lists (they are published).
- Department editors publish data standards and code lists for their own organizations
  (programme administrators may do everything, checked before any policy).
- Any member of an organization (any role) runs a test for that organization; the run
  is visible to that organization's members only, and to readers other apps grant
  (an evaluator whose assessment has the run as evidence).
"""

import operator
from functools import reduce

from django.db.models import Q

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


# Apps above this one let other readers see a run (an evaluator sees a run attached as
# evidence to its assessment): each entry is ``fn(user) -> Q`` over ConformanceRun.
run_readers: list = []


def _extra_runs(user) -> Q | None:
    grants = [grant(user) for grant in run_readers] if getattr(user, "pk", None) else []
    return reduce(operator.or_, grants) if grants else None


def _runs_of_member_orgs(user, action, queryset):
    own = Q(organization_id__in=member_orgs(user))
    if action == "view" and (extra := _extra_runs(user)) is not None:
        return queryset.filter(own | extra).distinct()
    return queryset.filter(own)


@policy(ConformanceRun, actions=("view", "add", "change"), visible=_runs_of_member_orgs)
def run_policy(user, action, run):
    orgs = member_orgs(user)
    if action == "change":
        return False  # runs are advanced by stdhub's worker (SYSTEM) only
    if run is None:  # listing runs, or "may start one at all?"
        return bool(orgs)
    if run.organization_id in orgs:
        return True
    extra = _extra_runs(user) if action == "view" else None
    return extra is not None and ConformanceRun.objects.filter(extra, pk=run.pk).exists()
