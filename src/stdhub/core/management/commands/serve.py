"""``stdhub serve``: initialise, then serve with gunicorn beside a supervised task worker.

The command stays in front as a small supervisor: it restarts the task worker when it
dies (waiting longer after each quick failure), and on SIGTERM or SIGINT stops the web
server and the worker and waits for both, so nothing is left behind.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connections

from stdhub.core.leases import run_housekeeping

STOP_GRACE = 30  # seconds the web server and worker get to stop before they are killed
STEADY = 60  # a worker that ran this long had no trouble starting: backoff starts over
MAX_BACKOFF = 60


def say(message: str) -> None:
    """A line of the supervisor's log, on standard error beside gunicorn's."""
    sys.stderr.write(f"{time.strftime('%Y-%m-%d %H:%M:%S')} [stdhub serve] {message}\n")
    sys.stderr.flush()


def gunicorn_argv(bind: str, workers: int, threads: int, timeout: int) -> list[str]:
    # Threaded workers: gunicorn's --timeout then only catches a worker process whose main
    # loop hangs, never a long request (a large upload, a streamed export), which a
    # synchronous worker would have killed at the timeout with a 500.
    return [sys.executable, "-m", "gunicorn", "stdhub.wsgi:application", "--bind", bind,
            "--workers", str(workers), "--worker-class", "gthread", "--threads", str(threads),
            "--timeout", str(timeout), "--graceful-timeout", str(STOP_GRACE - 5),
            "--access-logfile", "-", *_no_control_socket()]


def _no_control_socket() -> list[str]:
    # gunicorn ≥ 25 opens a control socket in the user's home by default; two servers of
    # one user would share it, and stdhub serve is the control here.
    from gunicorn.config import KNOWN_SETTINGS

    return ["--no-control-socket"] if any(s.name == "control_socket" for s in KNOWN_SETTINGS) \
        else []


class Supervised:
    """A child process that is started again, with backoff, each time it exits."""

    def __init__(self, name: str, argv: list[str], env: dict):
        self.name, self.argv, self.env = name, argv, env
        self.proc: subprocess.Popen | None = None
        self.started = 0.0
        self.failures = 0
        self.restart_at: float | None = None

    def start(self) -> None:
        # Its own process group: a Ctrl-C in the terminal reaches only the supervisor,
        # which then stops the children in order.
        self.proc = subprocess.Popen(self.argv, env=self.env, process_group=0)
        self.started = time.monotonic()
        say(f"{self.name} started (pid {self.proc.pid})")

    def check(self) -> None:
        """Notice an exit and schedule the restart; restart when its time has come."""
        now = time.monotonic()
        if self.restart_at is not None:
            if now >= self.restart_at:
                self.restart_at = None
                self.start()
            return
        code = self.proc.poll()
        if code is None:
            return
        self.failures = 1 if now - self.started >= STEADY else self.failures + 1
        delay = min(MAX_BACKOFF, 2 ** (self.failures - 1))
        how = f"signal {-code}" if code < 0 else f"code {code}"
        say(f"{self.name} (pid {self.proc.pid}) exited with {how}; restarting in {delay} s")
        self.restart_at = now + delay

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()

    def wait(self, deadline: float) -> None:
        if self.proc is None:
            return
        try:
            self.proc.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            say(f"{self.name} (pid {self.proc.pid}) did not stop in time: killed")
            self.proc.kill()
            self.proc.wait()


class Command(BaseCommand):
    help = ("Run `stdhub init`, collect static files into the data folder, start a "
            "background-task worker (restarted if it dies) and serve stdhub with gunicorn. "
            "SIGTERM or Ctrl-C stops both.")

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("STDHUB_BIND", "127.0.0.1:8000"),
                            help="address:port to listen on (default %(default)s, env STDHUB_BIND)")
        parser.add_argument("--workers", type=int,
                            default=int(os.environ.get("STDHUB_WEB_WORKERS", "2")),
                            help="gunicorn worker processes (default %(default)s)")
        parser.add_argument("--threads", type=int,
                            default=int(os.environ.get("STDHUB_WEB_THREADS", "4")),
                            help="threads per gunicorn worker (default %(default)s)")
        parser.add_argument("--timeout", type=int,
                            default=int(os.environ.get("STDHUB_WEB_TIMEOUT", "120")),
                            help="seconds before a silent gunicorn worker process is "
                                 "restarted (default %(default)s)")
        parser.add_argument("--no-worker", action="store_true",
                            help="do not start the background-task worker and scheduler")

    def handle(self, *args, bind, workers, threads, timeout, no_worker, **options):
        stopping: list[int] = []

        def stop(signum, frame):
            stopping.append(signum)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        call_command("init", verbosity=options["verbosity"])
        call_command("collectstatic", interactive=False, verbosity=0)
        run_housekeeping("serve")  # work left running when the server last stopped
        connections.close_all()  # the children open their own
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "stdhub.settings",
               "STDHUB_DATA_DIR": str(settings.DATA_DIR)}
        children = [Supervised("web server", gunicorn_argv(bind, workers, threads, timeout), env)]
        if not no_worker:
            children.append(Supervised("task worker", [sys.executable, "-m", "stdhub", "worker"],
                                       env))
            # The scheduler (closing comment periods, overdue notices, the daily digest): no cron.
            children.append(Supervised("scheduler", [sys.executable, "-m", "stdhub", "clock"],
                                       env))
        web = children[0]
        if not stopping:
            for child in children:
                child.start()
            self.stdout.write(f"stdhub is serving on http://{bind}/ (data in {settings.DATA_DIR})")
            self.stdout.flush()
        code = 0
        while not stopping:
            # gunicorn supervises its own workers: if it exits, the service is down for good.
            if (code := web.proc.poll()) is not None:
                say(f"web server exited with code {code}; stopping")
                break
            for child in children[1:]:
                child.check()
            time.sleep(0.2)
        if stopping:
            say(f"received {signal.strsignal(stopping[0])}: stopping")
        for child in children:
            child.stop()
        deadline = time.monotonic() + STOP_GRACE
        for child in children:
            child.wait(deadline)
        sys.exit(code)
