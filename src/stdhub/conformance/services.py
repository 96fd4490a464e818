"""Every write of data standards, code lists and conformance runs.

Each service checks permission (``require``), validates, writes and records one
Event, in one transaction. Bad input raises ValidationError by field and saves
nothing. Progress counters of a running test are the one exception: they are
bookkeeping of the background task, not a change anybody made, so they are
updated in place without an event.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import unicodedata
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from stdhub.core import events, leases
from stdhub.core.permissions import SYSTEM, require
from stdhub.core.services import snapshot
from stdhub.core.text import invalid_character
from stdhub.core.uploads import check_upload
from stdhub.tabular.encoding import EncodingError, canonical_encoding

from .choices import ConformanceEvent, RunStatus
from .codelist_files import read_code_list_file
from .engine import CodeListRegistry, Report, SpecError, parse_spec
from .engine.reader import CSV_SUFFIXES, PARQUET_SUFFIXES, XLSX_SUFFIXES
from .engine.spec import loads_spec
from .models import CodeList, CodeListVersion, ConformanceRun, DataStandard, DataStandardVersion
from .registry import DatabaseCodeLists, builtin_ids

DATASET_SUFFIXES = sorted(CSV_SUFFIXES | XLSX_SUFFIXES | PARQUET_SUFFIXES)
DATA_STANDARD_FIELDS = ["identifier", "title", "standard", "organization", "description"]
CODE_LIST_FIELDS = ["identifier", "title", "organization", "description"]
logger = logging.getLogger(__name__)


class Errors:
    """Collects messages by field so that one answer lists every problem."""

    def __init__(self) -> None:
        self.by_field: dict[str, list[str]] = {}

    def add(self, name: str, message: str) -> None:
        self.by_field.setdefault(name, []).append(message)

    def merge(self, error: ValidationError) -> None:
        for name, messages in error.message_dict.items():
            for message in messages:
                self.add(name, message)

    def raise_if_any(self) -> None:
        if self.by_field:
            raise ValidationError(self.by_field)


# ---------------------------------------------------------------- data standards


def schema_text(raw) -> str:
    """The JSON text to keep: text as given (uploaded bytes decoded), a decoded object dumped."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise SpecError(f"the spec is not UTF-8 text: {error}") from None
    if isinstance(raw, str):
        return raw.strip()
    try:
        return json.dumps(raw, ensure_ascii=False, indent=2)
    except RecursionError:
        raise SpecError("the spec is nested too deep") from None


def check_schema(raw, registry: CodeListRegistry | None = None) -> str:
    """The schema's JSON text if the engine accepts it; ValidationError on ``schema`` otherwise."""
    try:
        text = schema_text(raw)
        parse_spec(loads_spec(text), registry or DatabaseCodeLists())
    except SpecError as error:
        raise ValidationError({"schema": [str(error)]}) from None
    return text


def _check_texts(errors: Errors, **texts: str) -> None:
    """Refuse text no page or database could hold (see ``core.text``)."""
    for name, text in texts.items():
        if isinstance(text, str) and (why := invalid_character(text)):
            errors.add(name, why)


def _check_version(errors: Errors, version: DataStandardVersion | CodeListVersion,
                   exclude: list[str]) -> None:
    """Field checks of a version; its ``label`` is the ``version_label`` people fill in."""
    if any(unicodedata.category(c) == "Cc" for c in version.label):
        errors.add("version_label", "must not contain control characters (line breaks, tabs) "
                                    "(版本号不能含换行等控制字符)")
    try:
        version.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            for message in messages:
                errors.add("version_label" if name == "label" else name, message)


def _attach_schema(errors: Errors, version: DataStandardVersion, schema) -> None:
    """Check ``schema`` and store its text on the version, or add why it is refused."""
    try:
        version.schema_text = check_schema(schema)
    except ValidationError as error:
        errors.merge(error)


def publish_data_standard(actor, *, identifier: str, title: str, organization, schema,
                          version_label: str, standard=None, description: str = "",
                          notes: str = "") -> DataStandardVersion:
    """Register a data standard with its first version."""
    data_standard = DataStandard(identifier=(identifier or "").strip(), title=(title or "").strip(),
                                 organization=organization, standard=standard,
                                 description=description or "")
    require(actor, "add", data_standard)
    errors = Errors()
    _check_texts(errors, identifier=identifier, title=title, description=description,
                 version_label=version_label, notes=notes)
    errors.raise_if_any()  # before any lookup: PostgreSQL cannot even compare such text
    try:
        data_standard.full_clean()
    except ValidationError as error:
        errors.merge(error)
    version = DataStandardVersion(label=(version_label or "").strip(), notes=notes or "",
                                  published_by=_user(actor))
    _check_version(errors, version, exclude=["data_standard", "schema_text"])
    _attach_schema(errors, version, schema)
    errors.raise_if_any()
    with transaction.atomic():
        data_standard.save()
        version.data_standard = data_standard
        version.save()
        after = {**snapshot(data_standard, DATA_STANDARD_FIELDS), "version": version.label}
        events.record(actor, data_standard, "created", f"version {version.label}",
                      events.diff_of({}, after))
    return version


def publish_version(actor, data_standard: DataStandard, *, schema, version_label: str,
                    notes: str = "") -> DataStandardVersion:
    """Publish a new version; earlier versions, and the runs made against them, stay."""
    require(actor, "publish", data_standard)
    errors = Errors()
    _check_texts(errors, version_label=version_label, notes=notes)
    errors.raise_if_any()
    version = DataStandardVersion(data_standard=data_standard, label=(version_label or "").strip(),
                                  notes=notes or "", published_by=_user(actor))
    _check_version(errors, version, exclude=["schema_text"])
    if data_standard.versions.filter(label=version.label).exists():
        errors.add("version_label", f"version {version.label!r} is already published "
                                    "(版本号已存在); give a new label")
    _attach_schema(errors, version, schema)
    errors.raise_if_any()
    with transaction.atomic():
        previous = data_standard.latest_version
        version.save()
        events.record(actor, data_standard, "published", f"version {version.label}",
                      events.diff_of({"version": previous.label if previous else None},
                                     {"version": version.label}))
    return version


def _user(actor):
    return actor if getattr(actor, "pk", None) else None


# ---------------------------------------------------------------- code lists


def import_code_list(actor, *, identifier: str, version_label: str, path: str | Path,
                     source_name: str = "", title: str = "", organization=None,
                     description: str = "") -> CodeListVersion:
    """Import one version of a code list from a CSV or .xlsx file: every row or none.

    A new identifier registers the list (title and organization needed); a known
    one gets a new version. Row errors all come back at once, numbered by file row.
    """
    identifier = (identifier or "").strip()
    errors = Errors()
    _check_texts(errors, identifier=identifier, title=title, description=description,
                 version_label=version_label)
    errors.raise_if_any()  # before any lookup: PostgreSQL cannot even compare such text
    code_list = CodeList.objects.filter(identifier=identifier).first()
    if code_list is None:
        code_list = CodeList(identifier=identifier, title=(title or "").strip(),
                             organization=organization, description=description or "")
        require(actor, "add", code_list)
        try:
            code_list.full_clean()
        except ValidationError as error:
            errors.merge(error)
        if identifier in builtin_ids():
            errors.add("identifier", f"{identifier!r} is a built-in code list of stdhub "
                                     "(内置代码表), choose another identifier")
    else:
        require(actor, "change", code_list)
    version = CodeListVersion(code_list=code_list, label=(version_label or "").strip(),
                              source_name=source_name or Path(path).name,
                              published_by=_user(actor))
    _check_version(errors, version, exclude=["code_list", "entries"])
    if code_list.pk and code_list.versions.filter(label=version.label).exists():
        errors.add("version_label", f"version {version.label!r} of {identifier} already exists "
                                    "(版本号已存在)")
    read = read_code_list_file(path)
    if read.errors:
        errors.by_field.setdefault("file", []).extend(read.error_messages())
    errors.raise_if_any()
    version.entries, version.entry_count = read.entries, len(read.entries)
    with transaction.atomic():
        created = code_list.pk is None
        code_list.save()
        version.code_list = code_list
        version.save()
        after = {"version": version.label, "entries": version.entry_count}
        if created:
            after |= snapshot(code_list, CODE_LIST_FIELDS)
        events.record(actor, code_list, "created" if created else "imported",
                      f"version {version.label}: {version.entry_count} entries",
                      events.diff_of({}, after))
    return version


# ---------------------------------------------------------------- conformance runs


def start_run(actor, *, version: DataStandardVersion, organization, upload,
              encoding: str = "") -> ConformanceRun:
    """Store the uploaded dataset, record the run and queue its test in the background."""
    from .tasks import run_conformance  # tasks import services

    name = display_name(getattr(upload, "name", ""))
    run = ConformanceRun(version=version, organization=organization, run_by=_user(actor),
                         dataset_name=name, encoding=(encoding or "").strip().lower(),
                         dataset_size=getattr(upload, "size", 0) or 0)
    require(actor, "add", run)
    errors = Errors()
    try:
        check_upload(upload, kind="datasets", suffixes=DATASET_SUFFIXES)
    except ValidationError as error:
        errors.add("dataset", error.messages[0])
    if run.encoding:
        try:
            canonical_encoding(run.encoding)
        except EncodingError as error:
            errors.add("encoding", str(error))
    errors.raise_if_any()
    # The copy into MEDIA_ROOT happens before the transaction, which then holds the
    # database's write lock only for a few rows, however large the upload.
    run.dataset.save(name, File(upload, name=name), save=False)
    try:
        with transaction.atomic():
            run.save()
            events.record(actor, run, "created", f"{name} against {version} for {organization}")
            # Queued in the same transaction: the worker never sees a task without its run.
            result = run_conformance.enqueue(run.pk)
            ConformanceRun.objects.filter(pk=run.pk).update(task_id=result.id)
    except BaseException:
        run.dataset.delete(save=False)
        raise
    run.refresh_from_db()
    return run


def display_name(name: str, limit: int = 255) -> str:
    """An uploaded file's name as data: its last part, without control characters (or
    lone surrogates), shortened in the middle of the stem to ``limit`` characters."""
    name = "".join(c for c in Path(name or "").name
                   if unicodedata.category(c) not in ("Cc", "Cs"))
    if len(name) <= limit:
        return name
    suffix = Path(name).suffix if len(Path(name).suffix) <= 16 else ""
    return name[:limit - len(suffix) - 1] + "…" + suffix


MAX_ATTEMPTS = 2  # a run whose worker stopped is started once more, then given up
WORKER_STOPPED = "worker stopped during the run (后台检测进程中断)"


def _held(run: ConformanceRun):
    """The run, if this worker's attempt still holds it (another may have taken it over)."""
    return ConformanceRun.objects.filter(pk=run.pk, status=RunStatus.RUNNING,
                                         attempts=run.attempts)


def mark_running(run: ConformanceRun, rows_total: int | None = None) -> None:
    """Start an attempt: the run is this worker's while it renews its lease."""
    require(SYSTEM, "change", run)
    with transaction.atomic():
        run.status, run.started_at = RunStatus.RUNNING, timezone.now()
        run.rows_done, run.rows_total = 0, rows_total
        run.attempts += 1
        run.lease_expires_at = leases.lease_until(run.started_at)
        run.save(update_fields=["status", "started_at", "rows_done", "rows_total", "attempts",
                                "lease_expires_at"])
        events.record(SYSTEM, run, "started",
                      f"attempt {run.attempts} of {MAX_ATTEMPTS}" if run.attempts > 1 else "")


def renew_lease(run: ConformanceRun) -> None:
    """Keep the run (the worker is alive); LeaseLost if it was given to another attempt."""
    if not _held(run).update(lease_expires_at=leases.lease_until()):
        raise leases.LeaseLost(f"conformance run {run.pk}")


def record_progress(run: ConformanceRun, rows_done: int, rows_total: int | None) -> None:
    """Progress of the background task (no event: see the module docstring); it renews the
    lease too, and raises LeaseLost if the run is no longer this attempt's."""
    run.rows_done, run.rows_total = rows_done, rows_total
    if not _held(run).update(rows_done=rows_done, rows_total=rows_total,
                             lease_expires_at=leases.lease_until()):
        raise leases.LeaseLost(f"conformance run {run.pk}")


def finish_run(run: ConformanceRun, report: Report, errors_file: str = "") -> None:
    """Store the report; the run passed if the data conforms, failed otherwise."""
    require(SYSTEM, "change", run)
    with transaction.atomic():
        run.status = RunStatus.PASSED if report.valid else RunStatus.FAILED
        run.report, run.errors_file = report.to_dict(), errors_file
        run.rows_done = run.rows_total = report.rows
        run.finished_at = timezone.now()
        if not _held(run).update(status=run.status, report=run.report, errors_file=errors_file,
                                 rows_done=report.rows, rows_total=report.rows,
                                 finished_at=run.finished_at, lease_expires_at=None):
            raise leases.LeaseLost(f"conformance run {run.pk}")
        events.record(SYSTEM, run, run.status,
                      f"{report.rows} rows, {report.errors_total} errors",
                      {"status": [RunStatus.RUNNING, run.status]})


def fail_run(run: ConformanceRun, message: str) -> None:
    """The dataset could not be tested at all (unreadable file, unusable spec)."""
    require(SYSTEM, "change", run)
    with transaction.atomic():
        before = run.status
        run.status, run.message, run.finished_at = RunStatus.ERROR, message, timezone.now()
        changed = ConformanceRun.objects.filter(pk=run.pk, status=before, attempts=run.attempts)
        if not changed.update(status=run.status, message=message, finished_at=run.finished_at,
                              lease_expires_at=None):
            raise leases.LeaseLost(f"conformance run {run.pk}")
        events.record(SYSTEM, run, ConformanceEvent.ERROR, message,
                      {"status": [before, run.status]})


def recover_abandoned_runs() -> list[ConformanceRun]:
    """Runs whose worker stopped (lease expired, or task lost before it started): each is
    queued again once, then given up as ``error`` with the reason. Returns those changed."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    running = ConformanceRun.objects.filter(
        Q(lease_expires_at__lt=now) | Q(lease_expires_at__isnull=True), status=RunStatus.RUNNING)
    # Queued, but its task was claimed by a worker that died before it marked the run
    # running, or failed before it could.
    queued = {run.task_id: run for run in ConformanceRun.objects.filter(status=RunStatus.QUEUED)
              .exclude(task_id="")}
    lost = DBTaskResult.objects.filter(id__in=list(queued)).filter(
        Q(status__in=[TaskResultStatus.FAILED, TaskResultStatus.SUCCESSFUL])
        | Q(status=TaskResultStatus.RUNNING,
            started_at__lt=now - dt.timedelta(seconds=leases.lease_seconds())))
    queued = [queued[str(task_id)] for task_id in lost.values_list("id", flat=True)]
    return [run for run in [*running, *queued] if abandon_run(run)]


def abandon_run(run: ConformanceRun) -> bool:
    """The run lost its worker: queue it again if it has an attempt left, else give it up.
    False if another worker or housekeeper got there first."""
    from .tasks import run_conformance  # tasks import services

    require(SYSTEM, "change", run)
    with transaction.atomic():
        current = ConformanceRun.objects.select_for_update().filter(
            pk=run.pk, status=run.status, attempts=run.attempts).first()
        if current is None:
            return False
        before = current.status
        # A task lost before it started still used up a delivery.
        used = current.attempts + (before == RunStatus.QUEUED)
        if used < MAX_ATTEMPTS:
            result = run_conformance.enqueue(current.pk)
            changed = {"status": RunStatus.QUEUED, "attempts": used, "task_id": result.id,
                       "rows_done": 0, "lease_expires_at": None}
            message = f"{WORKER_STOPPED}; queued again"
        else:
            changed = {"status": RunStatus.ERROR, "attempts": used, "message": WORKER_STOPPED,
                       "finished_at": timezone.now(), "lease_expires_at": None}
            message = WORKER_STOPPED
        ConformanceRun.objects.filter(pk=current.pk).update(**changed)
        events.record(SYSTEM, current,
                      ConformanceEvent.REQUEUED if changed["status"] == RunStatus.QUEUED
                      else ConformanceEvent.ERROR,
                      message, {"status": [before, changed["status"]]})
    logger.warning("conformance run %s: %s", run.pk, message)
    run.refresh_from_db()
    return True
