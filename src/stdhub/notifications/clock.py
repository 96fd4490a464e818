"""The scheduler behind ``stdhub clock``: runs each due job once per period.

A job's period is a text such as ``2026-11-30T06`` (hourly) or ``2026-11-30`` (daily).
Before running, a clock inserts a ``ScheduledRun(job, period)`` row in its own
transaction; the pair is unique, so when two clocks (two servers, or a restart) look at
the same moment only the one whose insert succeeds runs that period. The jobs
themselves are idempotent too (a closed period is not closed again, a keyed notice is
not sent twice), so a period that failed is simply done by the next one.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.db import IntegrityError, close_old_connections, transaction
from django.utils import timezone

from . import conf
from . import jobs as work
from .choices import JobOutcome
from .models import ScheduledRun

log = logging.getLogger(__name__)


def hourly(now: dt.datetime) -> str:
    return now.strftime("%Y-%m-%dT%H")


def daily_from(setting: str) -> Callable[[dt.datetime], str | None]:
    """Once a day, from the hour named by the setting onwards (None before it)."""

    def period(now: dt.datetime) -> str | None:
        return now.strftime("%Y-%m-%d") if now.hour >= int(conf.get(setting)) else None

    return period


def daily(now: dt.datetime) -> str:
    return now.strftime("%Y-%m-%d")


@dataclass(frozen=True)
class Job:
    name: str
    period: Callable[[dt.datetime], str | None]
    run: Callable[[dt.datetime], str]


JOBS = (
    Job("close-comment-periods", hourly, work.close_comment_periods),
    Job("overdue-flags", hourly, work.flag_overdue_projects),
    Job("review-due", daily, work.flag_reviews_due),
    Job("daily-digest", daily_from("DIGEST_HOUR"), work.send_daily_digest),
)


def _claim(job: Job, period: str) -> ScheduledRun | None:
    try:
        with transaction.atomic():
            return ScheduledRun.objects.create(job=job.name, period=period)
    except IntegrityError:
        return None  # another clock has this period


def run_due(now: dt.datetime | None = None, jobs: tuple[Job, ...] | None = None
            ) -> list[ScheduledRun]:
    """Run every job whose current period no clock has claimed yet; return the runs made."""
    now = timezone.localtime(now or timezone.now())
    runs = []
    for job in JOBS if jobs is None else jobs:
        period = job.period(now)
        if period is None or (run := _claim(job, period)) is None:
            continue
        try:
            run.summary, run.outcome = job.run(now), JobOutcome.DONE
        except Exception as exc:  # noqa: BLE001  (one failing job must not stop the clock)
            log.exception("scheduled job %s (%s) failed", job.name, period)
            run.summary, run.outcome = f"{type(exc).__name__}: {exc}"[:2000], JobOutcome.FAILED
        run.finished_at = timezone.now()
        run.save(update_fields=["summary", "outcome", "finished_at"])
        runs.append(run)
    return runs


def loop(stop: threading.Event, interval: float | None = None, report=None) -> None:
    """Run due jobs every ``interval`` seconds until ``stop`` is set."""
    interval = interval or conf.get("CLOCK_SECONDS")
    while not stop.is_set():
        close_old_connections()  # a database restart must not stop the clock for good
        try:
            for run in run_due():
                if report:
                    report(run)
        except Exception:  # noqa: BLE001  (a lost database connection: try again next time)
            log.exception("the clock could not run its jobs")
        stop.wait(interval)
