"""``stdhub worker``: a background-task worker (conformance runs, imports, digests).

django-tasks' database worker, with two changes for running unattended:

- housekeeping (``core.leases``) when it starts and once per lease period, so work
  whose worker was killed is taken up again without anybody noticing first;
- SIGTERM or SIGINT stops it at once, also in the middle of a task: the task hands its
  work on (a conformance run is queued again) instead of holding the stop for minutes.
"""

from __future__ import annotations

import logging
import signal
import sys
import threading

from django.core.management.base import BaseCommand
from django.db import connections
from django.utils.crypto import get_random_string
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, DEFAULT_TASK_QUEUE_NAME
from django_tasks_db.management.commands.db_worker import Worker

from stdhub.core.leases import lease_seconds, run_housekeeping

logger = logging.getLogger("stdhub.worker")


class WorkerStopping(BaseException):
    """Raised inside the running task when the worker is told to stop."""


class StoppingWorker(Worker):
    def shutdown(self, signum, frame) -> None:
        logger.warning("received %s: stopping", signal.strsignal(signum))
        self.running = False
        if self.running_task:
            self.reset_signals()  # a second signal while the task unwinds ends the process
            raise WorkerStopping(signal.strsignal(signum))
        sys.exit(0)


class StopWithoutTraceback(logging.Filter):
    """django-tasks logs every failed task with its traceback; a task stopped because
    the worker was told to stop is no failure worth one."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], WorkerStopping):
            record.exc_info = record.exc_text = None
            record.msg = f"{record.msg} (worker stopping; the task hands its work on)"
        return True


def housekeeping_loop(stop: threading.Event) -> None:
    while not stop.wait(lease_seconds()):
        try:
            run_housekeeping("worker")
        finally:
            connections.close_all()


class Command(BaseCommand):
    help = ("Run a background-task worker (Django Tasks, database backend). It also takes up "
            "work whose worker stopped (conformance runs are retried once).")

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0,
                            help="seconds between looks at an empty queue (default 1)")
        parser.add_argument("--batch", action="store_true",
                            help="run what is queued, then exit")

    def handle(self, *args, interval, batch, **options):
        tasks_logger = logging.getLogger("django_tasks")
        tasks_logger.setLevel(logging.INFO)
        tasks_logger.addFilter(StopWithoutTraceback())
        run_housekeeping("worker")
        connections.close_all()
        stop = threading.Event()
        threading.Thread(target=housekeeping_loop, args=(stop,), name="housekeeping",
                         daemon=True).start()
        worker = StoppingWorker(
            queue_names=[DEFAULT_TASK_QUEUE_NAME], interval=interval, batch=batch,
            backend_name=DEFAULT_TASK_BACKEND_ALIAS, startup_delay=False, max_tasks=None,
            worker_id=get_random_string(32), excluded_queue_names=[])
        worker.configure_signals()
        try:
            worker.run()
        finally:
            stop.set()
