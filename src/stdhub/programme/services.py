"""Every write to programmes: loading a programme from its data file, progress reports,
manually reported target values."""

from __future__ import annotations

import json
import uuid
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from stdhub.core import events
from stdhub.core.permissions import can, require
from stdhub.framework.services import load_framework
from stdhub.orgs.models import Organization
from stdhub.orgs.services import ORG_FIELDS, create_organization
from stdhub.refdata import read_csv_rows as read_rows_of
from stdhub.standards.models import Standard
from stdhub.standards.services import Lookups, create_standard

from . import rules
from .choices import ProgrammeEvent, ReportStatus
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

DATA_DIR = Path(__file__).parent / "data"
SEED_PROGRAMME = DATA_DIR / "zhejiang-2018-2020.json"


def read_programme_file(path: Path) -> dict:
    """The data file as plain values, checked before anything is written."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValidationError(f"{path}: {exc}") from exc
    errors = []
    names = data.get("unit_names", {})
    for task in data.get("tasks", []):
        for unit in task.get("units", []):
            if unit not in names:
                errors.append(f"task {task.get('number')}: unit '{unit}' is not in unit_names")
    for target in data.get("targets", []):
        try:
            rules.parse_metric(target.get("metric"))
        except rules.RuleError as exc:
            errors.append(f"target {target.get('key')}: {exc}")
    if not data.get("source"):
        errors.append("the programme names no source")
    if errors:
        raise ValidationError(errors)
    return data


def _organizations(actor, data: dict) -> dict[str, Organization]:
    """Register the programme's organizations that are missing; map full names to them."""
    by_name = {o.name: o for o in Organization.objects.filter(
        name__in=[row["name"] for row in data.get("organizations", [])])}
    for row in data.get("organizations", []):
        if row["name"] not in by_name:
            values = {k: v for k, v in row.items() if k in ORG_FIELDS}
            by_name[row["name"]] = create_organization(actor, **values)
    return by_name


def load_starter_standards(actor, path: Path) -> int:
    """Register the real standards a data file lists (code, title, dates, public source);
    those already registered are left as they are."""
    rows = read_rows_of(path)
    known = set(Standard.objects.filter(code__in=[r["code"] for r in rows])
                .values_list("code", flat=True))
    lookups = Lookups.load()
    made = 0
    for row in rows:
        if row["code"] not in known:
            create_standard(actor, row, lookups)
            made += 1
    return made


def load_programme(actor, path: Path = SEED_PROGRAMME) -> tuple[Programme, bool]:
    """Load a programme from its data file, with the starter standards and the standard
    system it names; ``(programme, created)``. Safe to run again: an existing programme
    (same code) is left as it is."""
    path = Path(path)
    data = read_programme_file(path)
    require(actor, "add", Programme)
    existing = Programme.objects.filter(code=data["code"]).first()
    if existing:
        return existing, False
    with transaction.atomic():
        orgs = _organizations(actor, data)
        if data.get("starter_standards"):
            load_starter_standards(actor, path.parent / data["starter_standards"])
        framework = None
        if data.get("framework"):
            framework_data = json.loads((path.parent / data["framework"]).read_text("utf-8"))
            framework = load_framework(actor, framework_data, orgs)[0]
        unit_org = {written: orgs[full] for written, full in data["unit_names"].items()}
        programme = Programme.objects.create(
            code=data["code"], title=data["title"], issued_by=data.get("issued_by", ""),
            issued_on=data.get("issued_on"), starts_on=data["starts_on"],
            ends_on=data["ends_on"], lead=orgs.get(data.get("lead")),
            goal=data.get("goal", ""), source=data["source"], framework=framework)
        areas = {a["number"]: Area.objects.create(programme=programme, number=a["number"],
                                                  title=a["title"], field=a["field"])
                 for a in data.get("areas", [])}
        for row in data.get("tasks", []):
            task = Task.objects.create(programme=programme, area=areas.get(row.get("area")),
                                       number=row["number"], title=row["title"],
                                       text=row.get("text", ""))
            TaskUnit.objects.bulk_create(
                TaskUnit(task=task, organization=unit_org[name], position=i,
                         name_as_written=name) for i, name in enumerate(row["units"]))
        for i, row in enumerate(data.get("targets", [])):
            target = Target.objects.create(
                programme=programme, key=row["key"], position=i, name=row["name"],
                text=row.get("text", ""), goal=row["goal"], unit=row.get("unit", ""),
                due_on=row["due"], metric=row["metric"])
            Milestone.objects.bulk_create(
                Milestone(target=target, year=m["year"], goal=m["goal"])
                for m in row.get("milestones", []))
        events.record(actor, programme, ProgrammeEvent.LOADED, f"from {Path(path).name}",
                      {"tasks": [None, len(data.get("tasks", []))],
                       "targets": [None, len(data.get("targets", []))]})
    programme.refresh_from_db()  # dates as dates, not the file's strings
    return programme, True


EVIDENCE_SUFFIXES = {".pdf", ".docx", ".doc", ".xlsx", ".xls", ".jpg", ".jpeg", ".png", ".ofd"}
EVIDENCE_MAX_BYTES = 20 << 20


def _evidence_errors(files) -> list[str]:
    errors = []
    for upload in files:
        suffix = Path(upload.name or "").suffix.lower()
        if suffix not in EVIDENCE_SUFFIXES:
            errors.append(f"{upload.name}: file type not accepted "
                          f"({', '.join(sorted(EVIDENCE_SUFFIXES))})")
        elif upload.size > EVIDENCE_MAX_BYTES:
            errors.append(f"{upload.name}: larger than {EVIDENCE_MAX_BYTES >> 20} MB")
    return errors


def submit_report(actor, task: Task, organization: Organization, *, period: str, text: str,
                  percent, evidence=(), projects=(), pilots=()) -> ProgressReport:
    """A responsible unit reports on its task for a period, with evidence files and the
    projects and pilots it speaks of; a returned report may be sent again for the period."""
    errors: dict[str, list[str]] = {}
    if bad := _evidence_errors(evidence):
        errors["evidence"] = bad
    try:
        start, _end = rules.parse_period(period)
        if not task.programme.starts_on.year <= start.year <= task.programme.ends_on.year + 1:
            errors["period"] = [f"{period} lies outside the programme"]
    except rules.RuleError as exc:
        errors["period"] = [str(exc)]
    try:
        percent = int(percent)
        if not 0 <= percent <= 100:
            raise ValueError
    except (TypeError, ValueError):
        errors["percent"] = ["a whole number from 0 to 100"]
    if not str(text or "").strip():
        errors["text"] = ["describe the progress"]
    for name, items in (("projects", projects), ("pilots", pilots)):
        hidden = [f"#{item.pk}" for item in items if not can(actor, "view", item)]
        if hidden:  # named by number only: their titles are not the actor's to see
            errors[name] = [f"not found: {', '.join(hidden)}"]
    if errors:
        raise ValidationError(errors)
    report = (ProgressReport.objects.filter(task=task, organization=organization,
                                            period=period).first()
              or ProgressReport(task=task, organization=organization, period=period))
    require(actor, "add", report)
    if report.pk and report.status != ReportStatus.RETURNED:
        raise ValidationError({"period": [f"{organization} has already reported for {period}"]})
    before = {"text": report.text, "percent": report.percent, "status": report.status}
    with transaction.atomic():
        report.text, report.percent = str(text).strip(), percent
        report.status, report.response = ReportStatus.SUBMITTED, ""
        report.submitted_by = actor if getattr(actor, "pk", None) else None
        report.full_clean()
        report.save()
        report.projects.set(projects)
        report.pilots.set(pilots)
        names = []
        for upload in evidence:
            name = Path(upload.name).name[-255:]
            upload.name = f"{uuid.uuid4().hex}{Path(name).suffix.lower()}"  # no odd file names
            ReportEvidence.objects.create(report=report, file=upload, name=name)
            names.append(name)
        events.record(actor, report, ProgrammeEvent.REPORTED, period,
                      events.diff_of(before | {"evidence": [], "projects": [], "pilots": []},
                                     {"text": report.text, "percent": report.percent,
                                      "status": report.status, "evidence": names,
                                      "projects": sorted(str(p) for p in projects),
                                      "pilots": sorted(str(p) for p in pilots)}))
    return report


def review_report(actor, report: ProgressReport, *, accept: bool, response: str = "") -> None:
    """The lead unit accepts a report or returns it with a reason."""
    require(actor, "review", report)
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(f"the report is {report.get_status_display()}, not submitted")
    if not accept and not response.strip():
        raise ValidationError({"response": ["say why the report is returned"]})
    with transaction.atomic():
        before = report.status
        report.status = ReportStatus.ACCEPTED if accept else ReportStatus.RETURNED
        report.response, report.reviewed_at = response.strip(), timezone.now()
        report.save(update_fields=["status", "response", "reviewed_at"])
        kind = ProgrammeEvent.REPORT_ACCEPTED if accept else ProgrammeEvent.REPORT_RETURNED
        events.record(actor, report, kind, response.strip(), {"status": [before, report.status]})


def report_target_value(actor, target: Target, value, evidence: str) -> None:
    """A manually measured target (metric kind ``manual``) gets its value with evidence."""
    require(actor, "report-value", target)
    if rules.parse_metric(target.metric).kind != "manual":
        raise ValidationError("this target is computed from the registry; it takes no value")
    try:
        value = Decimal(str(value))
        if not value.is_finite() or value < 0:
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        raise ValidationError({"value": ["a number of at least 0"]}) from None
    if not str(evidence or "").strip():
        raise ValidationError({"evidence": ["name the evidence for the value"]})
    with transaction.atomic():
        before = {"manual_value": target.manual_value, "evidence": target.evidence}
        target.manual_value, target.evidence = value, str(evidence).strip()
        target.save(update_fields=["manual_value", "evidence"])
        events.record(actor, target, ProgrammeEvent.VALUE_SET, "", events.diff_of(
            before, {"manual_value": target.manual_value, "evidence": target.evidence}))
