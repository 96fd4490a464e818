"""Services of background exports: a large .xlsx of the registry is written by a task.

Why a task for .xlsx, when CSV and JSON stream: an .xlsx is a zip archive that openpyxl
can only put together once every row is written (its write-only mode keeps memory flat,
not time), so the first byte of a 210,000-standard workbook would come after a minute or
more, past any proxy's and gunicorn's timeout. The task writes it to a file under
MEDIA_ROOT with progress on the export row; the page polls and then offers the file.
Small selections are still answered at once (``INLINE_ROWS``), as before.

Progress is bookkeeping of the task (no event); asking for an export and its outcome
are recorded.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from stdhub.core import events, leases
from stdhub.core.permissions import SYSTEM, require

from .choices import ExportEvent, ExportStatus
from .io.exporter import SelectionError, selected_standards
from .models import StandardExport

INLINE_ROWS = 20_000  # an .xlsx of this many rows takes a few seconds: no task needed


def start_export(actor, params, fmt: str = "xlsx") -> StandardExport:
    """Queue an export of what the list page shows for ``params`` (a QueryDict)."""
    from .tasks import build_export  # tasks import this module

    export = StandardExport(requested_by=actor, format=fmt, query=params.urlencode())
    require(actor, "add", export)
    try:
        total = selected_standards(actor, params).count()
    except SelectionError as error:
        raise ValidationError(str(error)) from None
    export.rows_total = total
    with transaction.atomic():
        export.save()
        events.record(actor, export, "created", f"{total} standards as .{fmt}",
                      {"query": [None, export.query]})
        result = build_export.enqueue(export.pk)
        StandardExport.objects.filter(pk=export.pk).update(task_id=result.id)
    export.refresh_from_db()
    return export


WORKER_STOPPED = "worker stopped during the export (后台导出中断); please export again"


def mark_running(export: StandardExport) -> None:
    require(SYSTEM, "change", export)
    export.status = ExportStatus.RUNNING
    StandardExport.objects.filter(pk=export.pk).update(status=export.status,
                                                       lease_expires_at=leases.lease_until())


def renew_lease(export: StandardExport) -> None:
    StandardExport.objects.filter(pk=export.pk).update(lease_expires_at=leases.lease_until())


def record_progress(export: StandardExport, rows_done: int) -> None:
    export.rows_done = rows_done
    StandardExport.objects.filter(pk=export.pk).update(rows_done=rows_done,
                                                       lease_expires_at=leases.lease_until())


def recover_abandoned_exports() -> list[StandardExport]:
    """Running exports whose lease expired lost their worker: failed, with the reason."""
    lost = list(StandardExport.objects.filter(
        Q(lease_expires_at__lt=timezone.now()) | Q(lease_expires_at__isnull=True),
        status=ExportStatus.RUNNING))
    for export in lost:
        fail_export(export, WORKER_STOPPED)
    return lost


def finish_export(export: StandardExport, file_name: str, rows: int) -> None:
    require(SYSTEM, "change", export)
    with transaction.atomic():
        export.status, export.file, export.finished_at = ExportStatus.DONE, file_name, \
            timezone.now()
        export.rows_done = export.rows_total = rows
        export.lease_expires_at = None
        export.save(update_fields=["status", "file", "finished_at", "rows_done", "rows_total",
                                   "lease_expires_at"])
        events.record(SYSTEM, export, ExportEvent.EXPORTED, f"{rows} standards",
                      {"status": [ExportStatus.RUNNING, export.status]})


def fail_export(export: StandardExport, message: str) -> None:
    require(SYSTEM, "change", export)
    with transaction.atomic():
        before = export.status
        export.status, export.message, export.finished_at = ExportStatus.FAILED, message, \
            timezone.now()
        export.lease_expires_at = None
        export.save(update_fields=["status", "message", "finished_at", "lease_expires_at"])
        events.record(SYSTEM, export, ExportEvent.FAILED, message,
                      {"status": [before, export.status]})
