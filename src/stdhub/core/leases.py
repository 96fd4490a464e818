"""Leases on background work, so that work whose worker died is noticed and taken up again.

A task holding a lease renews it while it runs (``heartbeat``); a lease that has not
been renewed for ``TASK_LEASE_SECONDS`` belongs to a worker that was killed or lost
its machine. ``housekeeping`` is sent when ``stdhub serve`` or a worker starts and
every lease period by each worker: apps connect their recovery of abandoned work to
it (core knows no app).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import threading
from collections.abc import Callable, Iterator

from django.conf import settings
from django.db import DatabaseError, connections
from django.dispatch import Signal
from django.utils import timezone

logger = logging.getLogger(__name__)

housekeeping = Signal()


class LeaseLost(Exception):
    """The work was taken from this worker (its lease expired); it must stop writing."""


def lease_seconds() -> float:
    return float(getattr(settings, "TASK_LEASE_SECONDS", 60))


def lease_until(now: dt.datetime | None = None) -> dt.datetime:
    """When a lease taken or renewed now expires."""
    return (now or timezone.now()) + dt.timedelta(seconds=lease_seconds())


@contextlib.contextmanager
def heartbeat(renew: Callable[[], object]) -> Iterator[None]:
    """Call ``renew()`` from a thread three times per lease period while the block runs.

    A thread, not the work's own progress, keeps the lease: reading a large workbook
    reports no progress for minutes, yet its worker is alive. A failed renewal (a
    locked database) is logged and tried again at the next beat.
    """
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(lease_seconds() / 3):
            try:
                renew()
            except DatabaseError as error:
                logger.warning("could not renew a lease: %s", error)
            finally:
                connections.close_all()  # this thread's connections only

    thread = threading.Thread(target=beat, name="lease-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def run_housekeeping(sender) -> None:
    """Send ``housekeeping``; a receiver that fails is logged, never fatal to the sender."""
    for receiver, result in housekeeping.send_robust(sender=sender):
        if isinstance(result, Exception):
            logger.error("housekeeping by %s failed: %s", getattr(receiver, "__qualname__",
                                                                  receiver), result)
