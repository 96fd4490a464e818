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

from stdhub.core.permissions import can, member_orgs, policy, scope
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


# A version is seen with its data standard or code list (and published through the
# data standard's "publish" check or the code list's "change").
def _versions_of_visible(parent: str, parent_model):
    def visible(user, action, queryset):
        return queryset.filter(**{f"{parent}__in": scope(user, "view", parent_model.objects.all())})
    return visible


@policy(DataStandardVersion, actions=("view",),
        visible=_versions_of_visible("data_standard", DataStandard))
def version_policy(user, action, version):
    return version is None or can(user, "view", version.data_standard)


@policy(CodeListVersion, actions=("view",), visible=_versions_of_visible("code_list", CodeList))
def code_list_version_policy(user, action, version):
    return version is None or can(user, "view", version.code_list)


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
    if action == "add" and not can(user, "view", run.version):
        return False  # a test only against a version the member may see
    if run.organization_id in orgs:
        return True
    extra = _extra_runs(user) if action == "view" else None
    return extra is not None and ConformanceRun.objects.filter(extra, pk=run.pk).exists()
