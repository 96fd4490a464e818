"""Reads of programmes: targets computed live from the registry, task progress, the status
that `stdhub programme status` prints and the dashboard shows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone

from stdhub.framework.models import Entry
from stdhub.standards.models import Standard

from . import rules
from .choices import ReportStatus
from .models import Programme, ProgressReport, Target, Task

# A counter turns a metric into the queryset of records that count toward a target.
Counter = Callable[[rules.Metric], QuerySet]
_counters: dict[str, Counter] = {}


def counter(kind: str):
    """Register the counter of a metric kind (apps holding pilots or committees add theirs)."""
    def register(fn: Counter) -> Counter:
        _counters[kind] = fn
        return fn
    return register


@counter("standards")
def counted_standards(metric: rules.Metric) -> QuerySet[Standard]:
    """Standards of the metric's levels issued in its window (made or revised then), placed in
    its standard system when it names one."""
    queryset = Standard.objects.all()
    if metric.framework:
        queryset = queryset.filter(pk__in=Entry.objects.filter(
            node__framework__code=metric.framework).values("standard_id"))
    if metric.levels:
        queryset = queryset.filter(level__in=metric.levels)
    if metric.start:
        queryset = queryset.filter(issued_on__gte=metric.start)
    if metric.end:
        queryset = queryset.filter(issued_on__lte=metric.end)
    return queryset


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
