"""Background work of the registry (Django Tasks; ``stdhub worker`` runs it)."""

from __future__ import annotations

import logging
from pathlib import Path

from django.conf import settings
from django.http import QueryDict
from django_tasks import task

from stdhub.core import leases

from . import exports
from .io.exporter import records_of, selected_standards, write_xlsx
from .models import StandardExport

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 5000  # rows between two progress updates


def export_file_name(export: StandardExport) -> str:
    return f"exports/{export.created_at:%Y/%m}/standards-export-{export.pk}.{export.format}"


def _counting(records, export: StandardExport):
    export.rows_done = 0
    for done, record in enumerate(records, start=1):
        if done % PROGRESS_EVERY == 0:
            exports.record_progress(export, done)
        export.rows_done = done
        yield record


@task()
def build_export(export_id: int) -> str:
    """Write the export's file (write-only workbook, bounded memory); returns its status."""
    export = StandardExport.objects.get(pk=export_id)
    if export.is_finished:
        return export.status
    exports.mark_running(export)
    name = export_file_name(export)
    path = Path(settings.MEDIA_ROOT) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    try:
        with leases.heartbeat(lambda: exports.renew_lease(export)):
            reader = export.requested_by  # the file holds what the list showed them
            records = records_of(selected_standards(reader, QueryDict(export.query)), reader)
            write_xlsx(_counting(records, export), partial)
        partial.replace(path)
    except Exception as error:
        logger.exception("standards export %s failed", export.pk)
        partial.unlink(missing_ok=True)
        exports.fail_export(export, f"{type(error).__name__}: {error}")
        return export.status
    exports.finish_export(export, name, export.rows_done)
    return export.status
