"""Reads of programmes: targets computed live from the registry, task progress, the status
that `stdhub programme status` prints and the dashboard shows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear
from django.utils import timezone

from stdhub.committees.models import Committee
from stdhub.core.derived import cached
from stdhub.framework.models import Entry
from stdhub.framework.queries import coverage
from stdhub.pilots.models import Pilot
from stdhub.pilots.stages import Result as PilotResult
from stdhub.pilots.stages import Stage as PilotStage
from stdhub.standards.models import Standard

from . import rules
from .choices import ReportStatus
from .models import Programme, ProgressReport, Target, Task

# A counter turns a metric into the queryset of records that count toward a target, or None
# while stdhub holds no records of that kind at all (the target then shows "no data").
Counter = Callable[[rules.Metric], QuerySet | None]
_counters: dict[str, Counter] = {}


def counter(kind: str):
    """Register the counter of a metric kind (apps holding pilots or committees add theirs)."""
    def register(fn: Counter) -> Counter:
        _counters[kind] = fn
        return fn
    return register


def _of_metric(queryset: QuerySet, dated: str, metric: rules.Metric) -> QuerySet:
    """``queryset`` narrowed to the metric's levels and to ``dated`` in its window."""
    if metric.levels:
        queryset = queryset.filter(level__in=metric.levels)
    if metric.start:
        queryset = queryset.filter(**{f"{dated}__gte": metric.start})
    if metric.end:
        queryset = queryset.filter(**{f"{dated}__lte": metric.end})
    return queryset


@counter("standards")
def counted_standards(metric: rules.Metric) -> QuerySet[Standard]:
    """Standards of the metric's levels issued in its window (made or revised then), placed in
    its standard system when it names one."""
    queryset = Standard.objects.all()
    if metric.framework:
        queryset = queryset.filter(pk__in=Entry.objects.filter(
            node__framework__code=metric.framework).values("standard_id"))
    return _of_metric(queryset, "issued_on", metric)


@counter("pilots")
def counted_pilots(metric: rules.Metric) -> QuerySet[Pilot] | None:
    """Pilots of the metric's levels that passed acceptance (验收通过) in its window; None
    until the first pilot is registered (pilots kept outside stdhub are no data, not 0)."""
    if not Pilot.objects.exists():
        return None
    accepted = Pilot.objects.filter(stage=PilotStage.ACCEPTED, result=PilotResult.PASSED)
    return _of_metric(accepted, "accepted_on", metric)


@counter("committees")
def counted_committees(metric: rules.Metric) -> QuerySet[Committee] | None:
    """Committees of the metric's levels established in its window (dissolved later or not);
    None until the first committee is registered."""
    if not Committee.objects.exists():
        return None
    return _of_metric(Committee.objects.all(), "established_on", metric)


def counted_records(target: Target) -> QuerySet | None:
    """The records that count toward ``target``; None when nothing in stdhub counts them."""
    metric = rules.parse_metric(target.metric)
    count = _counters.get(metric.kind)
    return count(metric) if count else None


def target_value(target: Target) -> Decimal | None:
    if rules.parse_metric(target.metric).kind == "manual":
        return target.manual_value
    records = counted_records(target)
    return None if records is None else Decimal(records.count())


@dataclass(frozen=True)
class TargetRow:
    target: Target
    value: Decimal | None
    status: str

    @property
    def percent(self) -> int | None:
        if self.value is None or not self.target.goal:
            return None
        return min(int(self.value * 100 / self.target.goal), 100)


@dataclass(frozen=True)
class TaskRow:
    task: Task
    lead: str
    co: list[str]
    progress: int | None  # mean of each unit's latest accepted percentage


def target_rows(programme: Programme, today=None) -> list[TargetRow]:
    today = today or timezone.localdate()
    rows = []
    for target in programme.targets.all():
        value = target_value(target)
        status = rules.target_status(
            None if value is None else float(value), float(target.goal),
            starts=programme.starts_on, due=target.due_on, today=today)
        rows.append(TargetRow(target, value, status))
    return rows


def task_rows(programme: Programme) -> list[TaskRow]:
    tasks = list(programme.tasks.prefetch_related("units__organization"))
    latest: dict[tuple[int, int], int] = {}
    accepted = (ProgressReport.objects.filter(task__programme=programme,
                                              status=ReportStatus.ACCEPTED)
                .order_by("period").values_list("task_id", "organization_id", "percent"))
    for task_id, org_id, percent in accepted:
        latest[task_id, org_id] = percent  # later periods overwrite earlier ones
    rows = []
    for task in tasks:
        units = list(task.units.all())
        done = [latest[task.pk, u.organization_id] for u in units
                if (task.pk, u.organization_id) in latest]
        rows.append(TaskRow(task, units[0].name_as_written if units else "",
                            [u.name_as_written for u in units[1:]],
                            round(sum(done) / len(done)) if done else None))
    return rows


def status(programme: Programme, today=None) -> dict:
    """The programme's status as plain values (``stdhub programme status --json``)."""
    def number(value):
        if value is None:
            return None
        return int(value) if value == int(value) else float(value)

    return {
        "programme": programme.title,
        "code": programme.code,
        "source": programme.source,
        "targets": [{"key": r.target.key, "name": r.target.name, "goal": number(r.target.goal),
                     "value": number(r.value), "status": r.status,
                     "due": r.target.due_on.isoformat()}
                    for r in target_rows(programme, today)],
        "tasks": [{"number": r.task.number, "title": r.task.title, "lead": r.lead, "co": r.co,
                   "lead_organization": r.task.units.all()[0].organization.name
                   if r.lead else None,
                   "progress": r.progress}
                  for r in task_rows(programme)],
    }


def target_path(target: Target) -> list[tuple[int, int]]:
    """``(year, value at the year's end)`` from the programme's first year to its last: the
    target's path over the years, for counted targets."""
    records = counted_records(target)
    if records is None or records.model is not Standard:
        return []
    programme = target.programme
    per_year = dict(records.filter(issued_on__isnull=False)
                    .annotate(y=ExtractYear("issued_on")).values_list("y")
                    .annotate(n=Count("pk")).values_list("y", "n"))
    path, total = [], 0
    for year in range(programme.starts_on.year, max(programme.ends_on.year, target.due_on.year)
                      + 1):
        total += per_year.get(year, 0)
        path.append((year, total))
    return path


@dataclass(frozen=True)
class LateRow:
    task: Task
    unit: str  # as the programme writes it
    periods: list[str]


def late_reports(programme: Programme, today=None) -> list[LateRow]:
    """Responsible units whose report for a finished period is missing (a returned report
    counts as missing until it is sent again)."""
    today = today or timezone.localdate()
    grace = getattr(settings, "STDHUB_PROGRESS_GRACE_DAYS", 30)
    sent = set(ProgressReport.objects.filter(task__programme=programme)
               .exclude(status=ReportStatus.RETURNED)
               .values_list("task_id", "organization_id", "period"))
    rows = []
    for task in programme.tasks.prefetch_related("units"):
        for unit in task.units.all():
            reported = {p for t, o, p in sent if t == task.pk and o == unit.organization_id}
            late = rules.late_periods(programme.starts_on, programme.ends_on,
                                      programme.report_every, reported, today=today,
                                      grace_days=grace)
            if late:
                rows.append(LateRow(task, unit.name_as_written, late))
    return rows


def progress_by_unit(programme: Programme) -> list[tuple[str, int, int, int | None]]:
    """Per responsible unit: tasks led, tasks shared, mean latest accepted percentage."""
    latest: dict[tuple[int, int], int] = {}
    for task_id, org_id, percent in (ProgressReport.objects
                                     .filter(task__programme=programme,
                                             status=ReportStatus.ACCEPTED)
                                     .order_by("period")
                                     .values_list("task_id", "organization_id", "percent")):
        latest[task_id, org_id] = percent
    units: dict[str, list] = {}
    for task in programme.tasks.prefetch_related("units"):
        for unit in task.units.all():
            row = units.setdefault(unit.name_as_written, [0, 0, []])
            row[0 if unit.is_lead else 1] += 1
            if (task.pk, unit.organization_id) in latest:
                row[2].append(latest[task.pk, unit.organization_id])
    return [(name, led, shared, round(sum(p) / len(p)) if p else None)
            for name, (led, shared, p) in units.items()]


def standards_by_branch(programme: Programme) -> list[tuple[str, int, int]]:
    """Per top-level branch of the programme's standard system: (name, 应有数, 现有数)."""
    if programme.framework is None:
        return []
    cover = coverage(programme.framework)
    return [(f"{n.code} {n.name}", cover[n.code].required, cover[n.code].existing)
            for n in programme.framework.nodes.filter(depth=1).order_by("sort_key")]


def dashboard(programme: Programme, today=None) -> dict:
    """Everything the dashboard shows, as plain values; cached until the next write."""
    today = today or timezone.localdate()

    def compute():
        by_level = dict(Standard.objects.values_list("level").annotate(n=Count("pk")))
        by_status = dict(Standard.objects.values_list("status").annotate(n=Count("pk")))
        return {"targets": target_rows(programme, today), "tasks": task_rows(programme),
                "by_level": by_level, "by_status": by_status,
                "by_branch": standards_by_branch(programme),
                "by_unit": progress_by_unit(programme),
                "late": late_reports(programme, today)}

    return cached(f"programme-dashboard:{programme.pk}:{today}", compute)


@dataclass(frozen=True)
class AnnualReport:
    programme: Programme
    year: int
    targets: list[tuple[Target, int | None, Decimal]]  # (target, value at year end, goal)
    reports: list[ProgressReport]  # accepted reports of the year's periods
    standards: list[Standard]  # counted toward a target, issued in the year
    late: list[LateRow]


def annual_report(programme: Programme, year: int) -> AnnualReport:
    """The programme's year: targets at the year's end, accepted progress, new standards."""
    targets = []
    for target in programme.targets.all():
        path = dict(target_path(target))
        value = path.get(year) if path else (target_value(target) if year >= target.due_on.year
                                             else None)
        targets.append((target, value, target.goal))
    reports = list(ProgressReport.objects.filter(
        task__programme=programme, status=ReportStatus.ACCEPTED, period__startswith=str(year))
        .select_related("task", "organization").order_by("task__number", "period"))
    counted = Standard.objects.none()
    for target in programme.targets.all():
        records = counted_records(target)
        if records is not None and records.model is Standard:
            counted = counted | records
    standards = list(counted.filter(issued_on__year=year).distinct().order_by("issued_on", "code"))
    year_end = min(programme.ends_on, timezone.localdate()).replace(year=year, month=12, day=31)
    late = [LateRow(r.task, r.unit, [p for p in r.periods if p.startswith(str(year))])
            for r in late_reports(programme, max(year_end, timezone.localdate()))]
    return AnnualReport(programme, year, targets, reports, standards,
                        [r for r in late if r.periods])
