"""Background work of conformance runs (Django Tasks; a worker runs them: ``stdhub worker``)."""

from __future__ import annotations

import logging
from pathlib import Path

from django.conf import settings
from django_tasks import task

from stdhub.core import leases

from . import services
from .choices import RunStatus
from .engine import SourceError, SpecError, parse_spec, validate
from .engine.reader import CSV_SUFFIXES
from .models import ConformanceRun
from .registry import DatabaseCodeLists

logger = logging.getLogger(__name__)

BATCH_ROWS = 100_000  # rows between two progress updates
_COUNT_CHUNK = 16 << 20


def errors_file_name(run: ConformanceRun) -> str:
    return f"conformance/errors/run-{run.pk}-errors.csv"


def estimated_rows(path: Path, encoding: str) -> int | None:
    """Data rows of a CSV counted by line breaks (quoted breaks make it an estimate),
    so the progress bar has an end; None for encodings whose line breaks are not one byte."""
    if encoding.startswith("utf-16"):
        return None
    lines, last = 0, b"\n"
    with path.open("rb") as fh:
        while chunk := fh.read(_COUNT_CHUNK):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    lines += last != b"\n"  # a last line without a line break
    return max(lines - 1, 0)


@task()
def run_conformance(run_id: int) -> str:
    """Test a run's dataset against its data standard version; returns the final status.

    The attempt holds the run's lease (renewed by a heartbeat and by each progress
    update); if the worker dies, housekeeping gives the run to a new attempt or gives up.
    """
    run = ConformanceRun.objects.select_related("version").get(pk=run_id)
    if run.status != RunStatus.QUEUED:  # delivered twice: finished, or another attempt has it
        return run.status
    dataset = Path(run.dataset.path)
    is_csv = dataset.suffix.lower() in CSV_SUFFIXES
    total = estimated_rows(dataset, run.encoding) if is_csv and dataset.is_file() else None
    services.mark_running(run, rows_total=total)

    def progress(rows_done: int, rows_total: int | None) -> None:
        services.record_progress(run, rows_done, rows_total or max(total or 0, rows_done) or None)

    errors_name = errors_file_name(run)
    errors_path = Path(settings.MEDIA_ROOT) / errors_name
    errors_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with leases.heartbeat(lambda: services.renew_lease(run)):
            spec = parse_spec(run.version.schema, DatabaseCodeLists())
            report = validate(spec, dataset, encoding=run.encoding or None,
                              errors_path=errors_path, on_progress=progress,
                              batch_rows=BATCH_ROWS)
    except leases.LeaseLost:
        logger.warning("conformance run %s was taken over; this attempt stops", run.pk)
        return "abandoned"
    except (SourceError, SpecError, ValueError) as error:
        services.fail_run(run, str(error))
        return run.status
    except Exception as error:
        logger.exception("conformance run %s failed", run.pk)
        services.fail_run(run, f"internal error: {type(error).__name__}: {error}")
        raise
    except BaseException:  # the worker is stopping: hand the run on now, not at lease expiry
        _hand_on(run)
        raise
    services.finish_run(run, report, errors_name)
    return run.status


def _hand_on(run: ConformanceRun) -> None:
    try:
        services.abandon_run(run)
    except Exception:  # stopping anyway; housekeeping will find the expired lease
        logger.exception("could not hand on conformance run %s", run.pk)
