"""Who may do what with programmes, tasks, targets and progress reports.

- Programmes, their areas, tasks, units and targets are public (the plan is published);
  programme administrators (checked before any policy) load and change them.
- A responsible unit's editors report progress on the tasks their unit is responsible for,
  and see their unit's reports; the lead unit's editors accept or return every report on
  their task. Accepted reports are public.
- Evidence files are seen by whoever may see their report, never by anyone else.
"""

from stdhub.core.permissions import policy
from stdhub.standards.policies import editor_orgs

from .choices import ReportStatus
from .models import (
    Area,
    Milestone,
    Programme,
    ProgressReport,
    ReportEvidence,
    Target,
    Task,
    TaskUnit,
)


def _public_read(user, action, obj) -> bool:
    return action == "view"


for _model in (Programme, Area, Task, TaskUnit, Milestone):
    policy(_model)(_public_read)
policy(Target, actions=("view", "add", "change", "delete", "report-value"))(_public_read)


def _visible_reports(user, action, queryset):
    if action != "view":
        return queryset.none()
    from django.db.models import Q

    orgs = editor_orgs(user)
    return queryset.filter(
        Q(status=ReportStatus.ACCEPTED) | Q(organization_id__in=orgs)
        | Q(task__units__position=0, task__units__organization_id__in=orgs)).distinct()


def _unit_orgs(task) -> dict[int, int]:
    """``{organization id: position}`` of the task's responsible units."""
    return dict(task.units.values_list("organization_id", "position"))


@policy(ProgressReport, actions=("view", "add", "review"), visible=_visible_reports)
def report_policy(user, action, report):
    orgs = editor_orgs(user)
    if report is None:  # listing (narrowed by _visible_reports), or "may report at all?"
        return action == "view" or (action == "add" and bool(orgs))
    units = _unit_orgs(report.task)
    if action == "view":
        lead = next((org for org, pos in units.items() if pos == 0), None)
        return (report.status == ReportStatus.ACCEPTED or report.organization_id in orgs
                or lead in orgs)
    if action == "add":  # an editor reports for its own unit, on a task the unit shares
        return report.organization_id in orgs and report.organization_id in units
    if action == "review":
        return any(pos == 0 and org in orgs for org, pos in units.items())
    return False


def _visible_evidence(user, action, queryset):
    return queryset.filter(report__in=_visible_reports(user, "view", ProgressReport.objects.all()))


@policy(ReportEvidence, actions=("view",), visible=_visible_evidence)
def evidence_policy(user, action, evidence):
    if evidence is None:
        return True  # lists are narrowed by _visible_evidence
    return report_policy(user, "view", evidence.report)
